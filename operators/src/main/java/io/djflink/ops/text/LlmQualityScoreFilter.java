package io.djflink.ops.text;

import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import java.util.List;

/**
 * Data-Juicer's {@code llm_quality_score_filter}: {@link LlmAnalysisFilter} with the sample's accuracy, grammar, informativeness and coherence. Stats {@code llm_quality_score} (mean of
 * the dimensions / 5) and {@code llm_quality_record}. The default system prompt is djflink's rendering of
 * Data-Juicer's (same dimensions, scale and JSON shape).
 */
public final class LlmQualityScoreFilter extends LlmAnalysisFilter {

    static final List<String> DIMENSIONS = List.of("accuracy", "grammar", "informativeness", "coherence");

    static final String PROMPT = """
            You are a careful assessor of data quality for training large language models. Rate the data sample \
            on each dimension below and explain your rating briefly.

            1. Dimensions (score each from 1 = lowest to 5 = highest):
            - Accuracy: factual correctness and verifiability.
            - Grammar: linguistic correctness and fluency.
            - Informativeness: depth and usefulness of the content.
            - Coherence: logical structure and consistency.

            2. Base every score on evidence in the text; flag samples that need a human review.

            3. Output format (JSON only):
            {
              "dimension_scores": {"accuracy": <1-5>, "grammar": <1-5>, "informativeness": <1-5>, "coherence": <1-5>},
              "flags": ["syntax_error", "insufficient_information", ...],
              "rationale": "<a short analysis of the dimensions>",
              "recommendation": ["keep", "review", "discard"]
            }
            """;

    LlmQualityScoreFilter(Params p) {
        super(p, "llm_quality", PROMPT, DIMENSIONS);
    }

    /** Registers {@code llm_quality_score_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "llm_quality_score_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "an LLM (OpenAI-compatible API) rates the sample's accuracy, grammar, informativeness and coherence (1-5 each); stats llm_quality_score (mean/5) and "
                    + "llm_quality_record; keeps scores in [min_score, max_score]; runs in an async stage";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return familyParams(true);
        }

        @Override
        public Op create(Params p) {
            return new LlmQualityScoreFilter(p);
        }
    }
}
