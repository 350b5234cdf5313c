package io.djflink.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.model.SpModels;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ParamBindingTest {

    /** A mapper declaring one parameter of every type. */
    static final class AllTypesFactory extends OpFactory {
        @Override
        public String identifier() {
            return "all_types_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "test op";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("flag", ParamType.BOOL, false, ""),
                    ParamSpec.of("count", ParamType.INT, 3L, "").range(0.0, 100.0),
                    ParamSpec.of("big", ParamType.INT, Long.MAX_VALUE, ""),
                    ParamSpec.of("ratio", ParamType.FLOAT, 0.5, "").range(0.0, 1.0),
                    ParamSpec.of("weight", ParamType.FLOAT, 1.0, "").positive(),
                    ParamSpec.of("name", ParamType.STRING, "x", ""),
                    ParamSpec.of("lang", ParamType.STRING, "en", "").oneOf("en", "zh", "fr"),
                    ParamSpec.of("words", ParamType.STRING_LIST, List.of(), ""),
                    ParamSpec.of("chars", ParamType.STRING_OR_LIST, "abc", ""),
                    ParamSpec.of("items", ParamType.LIST, List.of(), ""),
                    ParamSpec.of("options", ParamType.MAP, Map.of(), ""),
                    ParamSpec.of("anything", ParamType.ANY, null, ""),
                    ParamSpec.of("optional_limit", ParamType.INT, null, ""));
        }

        @Override
        public Op create(Params params) {
            return new Mapper() {
                @Override
                public void map(Sample sample, SampleContext ctx) {}

                @Override
                public String name() {
                    return params.op();
                }

                @Override
                public String textKey() {
                    return params.string("text_key");
                }
            };
        }
    }

    private static final OpFactory F = new AllTypesFactory();

    private static Params bind(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return F.bind(m);
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        Params p = F.bind(null);

        assertThat(p.bool("flag")).isFalse();
        assertThat(p.integer("count")).isEqualTo(3);
        assertThat(p.number("ratio")).isEqualTo(0.5);
        assertThat(p.string("lang")).isEqualTo("en");
        assertThat(p.strings("chars")).containsExactly("abc");
        assertThat(p.isNull("anything")).isTrue();
        assertThat(p.string("text_key")).isEqualTo("text");
        assertThat(p.bool("skip_op_error")).isTrue();
    }

    @Test
    void boolAcceptsBooleansOnly() {
        assertThat(bind("flag", true).bool("flag")).isTrue();
        assertThatThrownBy(() -> bind("flag", "true"))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("parameter 'flag' of op all_types_mapper must be true or false, got string 'true'");
        assertThatThrownBy(() -> bind("flag", 1L)).isInstanceOf(ParamException.class);
    }

    @Test
    void intAcceptsIntegersAndWholeFloats() {
        assertThat(bind("count", 7).raw("count")).isEqualTo(7L);
        assertThat(bind("count", 7L).raw("count")).isEqualTo(7L);
        assertThat(bind("count", 7.0).raw("count")).isEqualTo(7L);
    }

    @Test
    void intRejectsFractions() {
        assertThatThrownBy(() -> bind("count", 7.5))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("not an integer");
        assertThatThrownBy(() -> bind("count", "7.5"))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("not an integer");
    }

    @Test
    void intAcceptsExponentStringsAsYaml11LeavesThem() {
        // PyYAML (YAML 1.1) reads 2e5 without a dot as a string; DJ recipes write max_len: 2e5.
        assertThat(bind("big", "2e5").raw("big")).isEqualTo(200_000L);
        assertThat(bind("big", "1E3").raw("big")).isEqualTo(1000L);
        assertThat(bind("big", "42").raw("big")).isEqualTo(42L);
        assertThat(bind("big", 2e5).raw("big")).isEqualTo(200_000L);
    }

    @Test
    void intRejectsNonNumericStrings() {
        assertThatThrownBy(() -> bind("count", "ten"))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("must be an integer, got string 'ten'");
        assertThatThrownBy(() -> bind("count", true))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("must be an integer, got boolean true");
    }

    @Test
    void intRejectsValuesBeyondLongRange() {
        assertThatThrownBy(() -> bind("big", new BigInteger("9223372036854775808")))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("beyond the 64-bit integer range");
        assertThatThrownBy(() -> bind("big", "1e30"))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("beyond the 64-bit integer range");
        assertThatThrownBy(() -> bind("big", 1e19))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("beyond the 64-bit integer range");
    }

    @Test
    void intAcceptsSysMaxsize() {
        assertThat(bind("big", 9223372036854775807L).integer("big")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void floatAcceptsIntegersFloatsAndNumericStrings() {
        assertThat(bind("ratio", 1).raw("ratio")).isEqualTo(1.0);
        assertThat(bind("ratio", 0.25).raw("ratio")).isEqualTo(0.25);
        assertThat(bind("ratio", "5e-1").raw("ratio")).isEqualTo(0.5);
        assertThat(bind("ratio", ".5").raw("ratio")).isEqualTo(0.5);
        assertThat(bind("weight", "2e5").raw("weight")).isEqualTo(200_000.0);
    }

    @Test
    void floatRejectsNonNumbers() {
        assertThatThrownBy(() -> bind("ratio", "half"))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("must be a number, got string 'half'");
        assertThatThrownBy(() -> bind("ratio", false)).isInstanceOf(ParamException.class);
        assertThatThrownBy(() -> bind("ratio", List.of(0.5))).isInstanceOf(ParamException.class);
    }

    @Test
    void rangeIsInclusiveAtBothEnds() {
        assertThat(bind("ratio", 0.0).number("ratio")).isEqualTo(0.0);
        assertThat(bind("ratio", 1.0).number("ratio")).isEqualTo(1.0);
        assertThat(bind("count", 100).integer("count")).isEqualTo(100);
    }

    @Test
    void outOfRangeValueNamesTheRange() {
        assertThatThrownBy(() -> bind("ratio", 1.5))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("parameter 'ratio' of op all_types_mapper is 1.5, out of range [0, 1]");
        assertThatThrownBy(() -> bind("count", -1))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("out of range [0, 100]");
    }

    @Test
    void positiveFloatRejectsZero() {
        assertThatThrownBy(() -> bind("weight", 0.0))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("out of range [0 (exclusive), inf]");
    }

    @Test
    void nanIsOutOfAnyRange() {
        assertThatThrownBy(() -> bind("ratio", Double.NaN))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void nullIsRejectedForParametersWithADefault() {
        assertThatThrownBy(() -> bind("count", null))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("parameter 'count' of op all_types_mapper must not be null (expected int)");
    }

    @Test
    void nullIsAcceptedForParametersDefaultingToNone() {
        Params p = bind("optional_limit", null, "anything", null);

        assertThat(p.isNull("optional_limit")).isTrue();
        assertThat(p.isNull("anything")).isTrue();
    }

    @Test
    void paramExceptionNamesTheParameter() {
        assertThatThrownBy(() -> bind("ratio", 2.0))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("ratio"));
    }

    @Test
    void stringRejectsNonStrings() {
        assertThat(bind("name", "y").string("name")).isEqualTo("y");
        assertThatThrownBy(() -> bind("name", 5L))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("must be a string, got number 5");
    }

    @Test
    void choiceOutsideTheSetSuggestsTheClosestAndListsAll() {
        assertThatThrownBy(() -> bind("lang", "fra"))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("parameter 'lang' of op all_types_mapper is 'fra'")
                .hasMessageContaining("did you mean 'fr'?")
                .hasMessageContaining("valid choices: en, zh, fr");
    }

    @Test
    void choiceFarFromAllCandidatesHasNoSuggestion() {
        assertThatThrownBy(() -> bind("lang", "klingon"))
                .isInstanceOf(ParamException.class)
                .hasMessageNotContaining("did you mean")
                .hasMessageContaining("valid choices: en, zh, fr");
    }

    @Test
    void stringListRequiresAListOfStrings() {
        assertThat(bind("words", List.of("a", "b")).strings("words")).containsExactly("a", "b");
        assertThatThrownBy(() -> bind("words", "a"))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("must be a list of strings");
        assertThatThrownBy(() -> bind("words", Arrays.asList("a", 1L)))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("must hold strings only, found number 1");
    }

    @Test
    void stringOrListAcceptsEitherForm() {
        assertThat(bind("chars", "xy").strings("chars")).containsExactly("xy");
        assertThat(bind("chars", List.of("x", "y")).strings("chars")).containsExactly("x", "y");
        assertThatThrownBy(() -> bind("chars", 3L))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("must be a string or a list of strings");
    }

    @Test
    void listAndMapKeepTheirContentAsJson() {
        Map<String, Object> opts = new HashMap<>();
        opts.put("k", 1L);
        Params p = bind("items", List.of(1L, "a"), "options", opts);

        assertThat(p.json("items").toString()).isEqualTo("[1,\"a\"]");
        assertThat(p.json("options").toString()).isEqualTo("{\"k\":1}");
        assertThatThrownBy(() -> bind("items", "a")).isInstanceOf(ParamException.class).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> bind("options", List.of())).isInstanceOf(ParamException.class).hasMessageContaining("must be a mapping");
    }

    @Test
    void anyAcceptsWhateverIsGiven() {
        assertThat(bind("anything", "x").raw("anything")).isEqualTo("x");
        assertThat(bind("anything", 2L).raw("anything")).isEqualTo(2L);
    }

    @Test
    void unknownParameterListsValidNamesAndSuggestsTheClosest() {
        assertThatThrownBy(() -> bind("raito", 0.5))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("raito"))
                .hasMessageContaining("unknown parameter 'raito' of op all_types_mapper")
                .hasMessageContaining("(did you mean 'ratio'?)")
                .hasMessageContaining("valid parameters: flag, count, big, ratio, weight, name, lang, words, chars, items, options, anything, optional_limit")
                .hasMessageContaining("(common: text_key, ");
    }

    @Test
    void checkReportsEveryProblemInArgumentOrder() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("ratio", 2.0);
        args.put("flag", true);
        args.put("raito", 0.5);
        args.put("count", "x");

        assertThat(F.check(args)).extracting(ParamException::param).containsExactly("ratio", "raito", "count");
        assertThat(F.check(Map.of("ratio", 0.5))).isEmpty();
    }

    @Test
    void bindThrowsTheFirstProblem() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("count", "x");
        args.put("ratio", 2.0);

        assertThatThrownBy(() -> F.bind(args))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("count"));
    }

    @Test
    void unknownParameterFarFromAllNamesHasNoSuggestion() {
        assertThatThrownBy(() -> bind("zzzzzzzzzzzz", 1L))
                .isInstanceOf(ParamException.class)
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void unknownParameterSuggestsACommonParameter() {
        assertThatThrownBy(() -> bind("text_keys", "content"))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("did you mean 'text_key'?");
    }

    static List<OpFactory> registeredFactories() {
        return OpRegistry.get().all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredFactories")
    void everyOpAcceptsEveryCommonParameter(OpFactory factory) throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("text_key", "content");
        args.put("image_key", "imgs");
        args.put("audio_key", "auds");
        args.put("video_key", "vids");
        args.put("image_bytes_key", "ib");
        args.put("system_key", "s");
        args.put("instruction_key", "i");
        args.put("prompt_key", "p");
        args.put("query_key", "q");
        args.put("response_key", "r");
        args.put("history_key", "h");
        args.put("index_key", "idx");
        args.put("batch_size", 10L);
        args.put("num_proc", 4L);
        args.put("cpu_required", 1L);
        args.put("gpu_required", 0.5);
        args.put("mem_required", "2GB");
        args.put("accelerator", "cpu");
        args.put("skip_op_error", false);
        args.put("turbo", true);
        args.put("work_dir", "/tmp/w");
        if (factory.identifier().equals("perplexity_filter")) {
            // its models are files the user names, with no default to fall back on
            args.put("tokenizer_model", SpModels.path(SpModels.ALBERT).toString());
            args.put("arpa_model", Path.of(ParamBindingTest.class.getResource("/perplexity/tiny-3gram.arpa.gz").toURI()).toString());
        }

        if (factory.identifier().equals("flagged_words_filter") || factory.identifier().equals("stopwords_filter")) {
            // their word lists are files the user gives (Data-Juicer downloads them)
            String lists = Path.of(ParamBindingTest.class.getResource("/wordlists").toURI()).toString();
            args.put(factory.identifier().equals("stopwords_filter") ? "stopwords_dir" : "flagged_words_dir", lists);
        }

        try (Op op = factory.create(args)) {
            assertThat(op.textKey()).isEqualTo("content");
            assertThat(op.name()).isEqualTo(factory.identifier());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredFactories")
    void everyOpDeclaresTheCommonParametersOfItsKind(OpFactory factory) {
        List<String> names = factory.params().stream().map(ParamSpec::name).toList();
        assertThat(names).containsAll(CommonParams.ALL.stream().map(ParamSpec::name).toList());
        boolean filter = factory.kind() == OpKind.FILTER;
        assertThat(names.contains("reversed_range")).isEqualTo(filter);
    }

    @Test
    void filterOnlyParametersAreRejectedOnAMapper() {
        OpFactory mapper = OpRegistry.get().factory("whitespace_normalization_mapper");
        for (String p : List.of("min_closed_interval", "max_closed_interval", "reversed_range")) {
            assertThatThrownBy(() -> mapper.bind(Map.of(p, true)))
                    .isInstanceOf(ParamException.class)
                    .hasMessageContaining("unknown parameter '" + p + "' of op whitespace_normalization_mapper");
        }
    }

    @Test
    void filterOnlyParametersAreRejectedOnADeduplicator() {
        OpFactory dedup = OpRegistry.get().factory("document_deduplicator");
        assertThatThrownBy(() -> dedup.bind(Map.of("reversed_range", true)))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("unknown parameter 'reversed_range'");
    }

    @Test
    void filterParametersAreAcceptedOnAFilter() {
        Params p = OpRegistry.get().factory("text_length_filter")
                .bind(Map.of("min_closed_interval", false, "max_closed_interval", false, "reversed_range", true));

        assertThat(p.bool("reversed_range")).isTrue();
        assertThat(p.bool("min_closed_interval")).isFalse();
    }

    @Test
    void batchSizeMustBePositive() {
        OpFactory mapper = OpRegistry.get().factory("whitespace_normalization_mapper");
        assertThatThrownBy(() -> mapper.bind(Map.of("batch_size", 0L)))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("out of range [1, inf]");
    }

    @Test
    void unknownOpListsRegisteredOpsAndSuggestsTheClosest() {
        assertThatThrownBy(() -> OpRegistry.get().factory("text_lenght_filter"))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("unknown op 'text_lenght_filter'")
                .hasMessageContaining("did you mean 'text_length_filter'?")
                .hasMessageContaining("registered ops: ")
                .hasMessageContaining("document_deduplicator");
    }

    @Test
    void registryRefusesTwoFactoriesForOneName() {
        assertThatThrownBy(() -> OpRegistry.of(List.of(new AllTypesFactory(), new AllTypesFactory())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two factories claim op 'all_types_mapper'");
    }

    @Test
    void defaultsDisplayAsDataJuicerWritesThem() {
        assertThat(ParamSpec.of("a", ParamType.INT, Long.MAX_VALUE, "").defaultDisplay()).isEqualTo("sys.maxsize");
        assertThat(ParamSpec.of("a", ParamType.STRING, null, "").defaultDisplay()).isEqualTo("None");
        assertThat(ParamSpec.of("a", ParamType.STRING, "x", "").defaultDisplay()).isEqualTo("\"x\"");
        assertThat(ParamSpec.of("a", ParamType.BOOL, true, "").defaultDisplay()).isEqualTo("True");
        assertThat(ParamSpec.of("a", ParamType.FLOAT, 0.5, "").defaultDisplay()).isEqualTo("0.5");
    }

    @Test
    void suggestIgnoresCase() {
        assertThat(Suggest.didYouMean("Text_Key", List.of("text_key", "image_key"))).isEqualTo(" (did you mean 'text_key'?)");
    }
}
