package io.djflink.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.conformance.ConformanceRunner.CaseResult;
import io.djflink.conformance.ConformanceRunner.Status;
import io.djflink.ops.BaseOp;
import io.djflink.ops.Mapper;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner itself: a suite that passes everything proves nothing unless the runner can fail. */
class ConformanceRunnerTest {

    /** Tags {@code __dj__meta__.html_tables} with one entry per "<table" in the text. */
    static final class TableTagMapper extends BaseOp implements Mapper {
        TableTagMapper(Params p) {
            super(p);
        }

        @Override
        public void map(Sample sample, SampleContext ctx) {
            int n = sample.text(textKey).split("<table", -1).length - 1;
            var tables = sample.meta().putArray("html_tables");
            for (int i = 0; i < n; i++) {
                tables.add("table " + i);
            }
        }

        static final class Factory extends OpFactory {
            @Override
            public String identifier() {
                return "table_tag_probe_mapper";
            }

            @Override
            public OpKind kind() {
                return OpKind.MAPPER;
            }

            @Override
            public String doc() {
                return "test probe";
            }

            @Override
            protected List<ParamSpec> ownParams() {
                return List.of();
            }

            @Override
            public Op create(Params p) {
                return new TableTagMapper(p);
            }
        }
    }

    private static final ConformanceRunner RUNNER;

    static {
        List<OpFactory> all = new ArrayList<>(OpRegistry.get().all());
        all.add(new TableTagMapper.Factory());
        RUNNER = new ConformanceRunner(OpRegistry.of(all));
    }

    @TempDir
    Path dir;

    private CaseResult run(String name, String json) throws IOException {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, json.replace('\'', '"'));
        return RUNNER.runFile(f);
    }

    private static final String WS_INPUT = "'input': [{'text': ' a\\u3000b '}, {'text': 'c'}]";

    @Test
    void matchingMapperCasePasses() throws IOException {
        CaseResult r = run("ws", "{'op': 'whitespace_normalization_mapper', 'args': {}, " + WS_INPUT + ","
                + " 'expected': [{'text': 'a b'}, {'text': 'c'}], 'compare': {'mode': 'ordered', 'columns': ['text']}}");

        assertThat(r.status()).as(r.detail()).isEqualTo(Status.PASSED);
        assertThat(r.name()).isEqualTo("ws");
        assertThat(r.op()).isEqualTo("whitespace_normalization_mapper");
    }

    @Test
    void wrongExpectationFailsNamingTheSample() throws IOException {
        CaseResult r = run("ws", "{'op': 'whitespace_normalization_mapper', 'args': {}, " + WS_INPUT + ","
                + " 'expected': [{'text': 'a b'}, {'text': 'd'}], 'compare': {'mode': 'ordered', 'columns': ['text']}}");

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).startsWith("sample 1 is {\"text\":\"c\"}");
    }

    @Test
    void wrongSampleCountFails() throws IOException {
        CaseResult r = run("ws", "{'op': 'whitespace_normalization_mapper', 'args': {}, " + WS_INPUT + ","
                + " 'expected': [{'text': 'a b'}], 'compare': {'mode': 'ordered', 'columns': ['text']}}");

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).startsWith("got 2 samples, expected 1");
    }

    @Test
    void caseOfAnUnregisteredOpIsSkipped() throws IOException {
        CaseResult r = run("x", "{'op': 'no_such_mapper', 'args': {}, 'input': [], 'expected': []}");

        assertThat(r.status()).isEqualTo(Status.SKIPPED);
        assertThat(r.detail()).contains("no_such_mapper is not registered");
    }

    @Test
    void expectedErrorPassesWhenTheArgsAreRefused() throws IOException {
        CaseResult r = run("err", "{'op': 'text_length_filter', 'args': {'min_len': 'ten'}, 'expected_error': 'ValueError'}");

        assertThat(r.status()).as(r.detail()).isEqualTo(Status.PASSED);
    }

    @Test
    void expectedErrorFailsWhenTheArgsAreAccepted() throws IOException {
        CaseResult r = run("err", "{'op': 'text_length_filter', 'args': {'min_len': 10}, 'expected_error': 'ValueError'}");

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).contains("expected ValueError");
    }

    @Test
    void filterCaseKeepsOnlyTheSamplesInRange() throws IOException {
        String c = "{'op': 'text_length_filter', 'args': {'min_len': 2, 'max_len': 3},"
                + " 'input': [{'text': 'a'}, {'text': 'ab'}, {'text': 'abcd'}],"
                + " 'expected': [{'text': 'ab', '__dj__stats__': {'text_len': 2.0}}], 'compare': {'mode': 'ordered', 'columns': null}}";

        CaseResult r = run("f", c);

        assertThat(r.status()).as(r.detail()).isEqualTo(Status.PASSED);
    }

    @Test
    void unorderedModeIgnoresOrderButOrderedDoesNot() throws IOException {
        String body = "'op': 'document_deduplicator', 'args': {},"
                + " 'input': [{'text': 'b'}, {'text': 'a'}, {'text': 'b'}],"
                + " 'expected': [{'text': 'a'}, {'text': 'b'}],";

        assertThat(run("u", "{" + body + " 'compare': {'mode': 'unordered', 'columns': ['text']}}").status())
                .isEqualTo(Status.PASSED);
        assertThat(run("o", "{" + body + " 'compare': {'mode': 'ordered', 'columns': ['text']}}").status())
                .isEqualTo(Status.FAILED);
    }

    @Test
    void dupPairsCountIsChecked() throws IOException {
        String body = "'op': 'document_deduplicator', 'args': {}, 'process_kwargs': {'show_num': 5},"
                + " 'input': [{'text': 'a'}, {'text': 'a'}, {'text': 'b'}, {'text': 'b'}, {'text': 'c'}],"
                + " 'expected': [{'text': 'a'}, {'text': 'b'}, {'text': 'c'}], 'compare': {'mode': 'ordered', 'columns': ['text']},";

        assertThat(run("d2", "{" + body + " 'extra_checks': {'len(dup_pairs)': 2}}").status()).isEqualTo(Status.PASSED);
        CaseResult wrong = run("d3", "{" + body + " 'extra_checks': {'len(dup_pairs)': 3}}");
        assertThat(wrong.status()).isEqualTo(Status.FAILED);
        assertThat(wrong.detail()).isEqualTo("len(dup_pairs) is 2, expected 3");
    }

    @Test
    void perRowFieldsComparesOnlyTheExpectedFields() throws IOException {
        CaseResult r = run("p", "{'op': 'whitespace_normalization_mapper', 'args': {},"
                + " 'input': [{'text': ' x ', 'id': 1}], 'expected': [{'text': 'x'}], 'compare': {'mode': 'per_row_fields', 'columns': null}}");

        assertThat(r.status()).as(r.detail()).isEqualTo(Status.PASSED);
    }

    @Test
    void metaPropertyChecksNonEmptyAndExactLeaves() throws IOException {
        String head = "{'op': 'table_tag_probe_mapper', 'args': {}, 'input': [{'text': '<table>1</table>'}, {'text': 'none'}],"
                + " 'compare': {'mode': 'meta_property', 'columns': ['__dj__meta__.html_tables']}, 'expected': ";

        assertThat(run("m1", head + "[{'__dj__meta__': {'html_tables_nonempty': true}}]}").status()).isEqualTo(Status.PASSED);
        assertThat(run("m2", head + "[{'__dj__meta__': {'html_tables_nonempty': true}}, {'__dj__meta__': {'html_tables': []}}]}").status())
                .isEqualTo(Status.PASSED);
        CaseResult empty = run("m3", head + "[{'__dj__meta__': {'html_tables_nonempty': false}}]}");
        assertThat(empty.status()).isEqualTo(Status.FAILED);
        assertThat(empty.detail()).contains("'__dj__meta__.html_tables'").contains("expected empty");
        CaseResult exact = run("m4", head + "[{'__dj__meta__': {'html_tables': []}}]}");
        assertThat(exact.status()).isEqualTo(Status.FAILED);
        assertThat(exact.detail()).startsWith("row 0 field '__dj__meta__.html_tables'");
    }

    @Test
    void dottedColumnIsComparedWithItsNesting() throws IOException {
        CaseResult r = run("n", "{'op': 'whitespace_normalization_mapper', 'args': {},"
                + " 'input': [{'text': 'x', 'meta': {'lang': 'en', 'src': 'w'}}],"
                + " 'expected': [{'meta': {'lang': 'en'}}], 'compare': {'mode': 'ordered', 'columns': ['meta.lang']}}");

        assertThat(r.status()).as(r.detail()).isEqualTo(Status.PASSED);
    }

    @Test
    void unsupportedCompareModeFails() throws IOException {
        CaseResult r = run("g", "{'op': 'whitespace_normalization_mapper', 'args': {}, " + WS_INPUT + ","
                + " 'expected': [], 'compare': {'mode': 'per_group'}}");

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).contains("per_group");
    }

    @Test
    void opExceptionFailsTheCaseBecauseUnitTestsDoNotSkipErrors() throws IOException {
        CaseResult r = run("e", "{'op': 'text_length_filter', 'args': {}, 'input': [{'other': 1}], 'expected': []}");

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).startsWith("exception: ");
    }

    @Test
    void unreadableCaseFileFails() throws IOException {
        CaseResult r = run("bad", "{'op': ");

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).startsWith("unreadable case file");
    }

    @Test
    void runDirectoryCountsAndPrintsEveryCase() throws IOException {
        run("a_pass", "{'op': 'whitespace_normalization_mapper', 'args': {}, " + WS_INPUT + ","
                + " 'expected': [{'text': 'a b'}, {'text': 'c'}], 'compare': {'mode': 'ordered', 'columns': ['text']}}");
        run("b_fail", "{'op': 'whitespace_normalization_mapper', 'args': {}, " + WS_INPUT + ", 'expected': []}");
        run("c_skip", "{'op': 'nope', 'args': {}}");
        Files.writeString(dir.resolve("README.md"), "not a case");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();

        ConformanceRunner.Summary s = RUNNER.runDirectory(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));

        assertThat(s.passed()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(buf.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                l -> assertThat(l).isEqualTo("PASS a_pass"),
                l -> assertThat(l).startsWith("FAIL b_fail: "),
                l -> assertThat(l).startsWith("SKIP c_skip: "),
                l -> assertThat(l).isEqualTo("conformance: 1 passed, 1 failed, 1 skipped"));
    }

    @Test
    void numbersCompareByValueAndMissingKeysEqualNull() throws IOException {
        assertThat(JsonCompare.equal(Sample.JSON.readTree("{\"a\":50}"), Sample.JSON.readTree("{\"a\":50.0}"))).isTrue();
        assertThat(JsonCompare.equal(Sample.JSON.readTree("{\"a\":null}"), Sample.JSON.readTree("{}"))).isTrue();
        assertThat(JsonCompare.equal(Sample.JSON.readTree("{\"a\":0.1}"), Sample.JSON.readTree("{\"a\":0.10000000000000001}"))).isTrue();
        assertThat(JsonCompare.equal(Sample.JSON.readTree("{\"a\":0.1}"), Sample.JSON.readTree("{\"a\":0.1001}"))).isFalse();
        assertThat(JsonCompare.equal(Sample.JSON.readTree("[1,2]"), Sample.JSON.readTree("[1]"))).isFalse();
        assertThat(JsonCompare.equal(Sample.JSON.readTree("{\"a\":\"1\"}"), Sample.JSON.readTree("{\"a\":1}"))).isFalse();
    }
}
