package io.djflink.ops.text;

import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import java.util.List;

/**
 * Data-Juicer's {@code llm_difficulty_score_filter}: {@link LlmAnalysisFilter} with how difficult the sample is: linguistic complexity, conceptual depth, prior knowledge, step complexity and ambiguity. Stats {@code llm_difficulty_score} (mean of
 * the dimensions / 5) and {@code llm_difficulty_record}. The default system prompt is djflink's rendering of
 * Data-Juicer's (same dimensions, scale and JSON shape).
 */
public final class LlmDifficultyScoreFilter extends LlmAnalysisFilter {

    static final List<String> DIMENSIONS = List.of("linguistic_complexity", "conceptual_depth", "prior_knowledge", "step_complexity", "ambiguity");

    static final String PROMPT = """
            You are a careful assessor of how difficult data samples are for large language models. Rate the data \
            sample on each dimension below and explain your rating briefly.

            1. Dimensions (score each from 1 = easiest to 5 = hardest):
            - Linguistic complexity: vocabulary, sentence structure and style.
            - Conceptual depth: how abstract or deep the ideas are.
            - Prior knowledge: how much background the reader needs.
            - Step complexity: how many reasoning or problem-solving steps it takes.
            - Ambiguity: how many readings or open interpretations it allows.

            2. Base every score on evidence in the text; flag samples that need a human review.

            3. Output format (JSON only):
            {
              "dimension_scores": {"linguistic_complexity": <1-5>, "conceptual_depth": <1-5>, "prior_knowledge": <1-5>, "step_complexity": <1-5>, "ambiguity": <1-5>},
              "flags": ["syntax_error", "insufficient_information", ...],
              "rationale": "<a short analysis of the dimensions>",
              "recommendation": ["keep", "review", "discard"]
            }
            """;

    LlmDifficultyScoreFilter(Params p) {
        super(p, "llm_difficulty", PROMPT, DIMENSIONS);
    }

    /** Registers {@code llm_difficulty_score_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "llm_difficulty_score_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "an LLM (OpenAI-compatible API) rates how difficult the sample is: linguistic complexity, conceptual depth, prior knowledge, step complexity and ambiguity (1-5 each); stats llm_difficulty_score (mean/5) and "
                    + "llm_difficulty_record; keeps scores in [min_score, max_score]; runs in an async stage";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return familyParams(true);
        }

        @Override
        public Op create(Params p) {
            return new LlmDifficultyScoreFilter(p);
        }
    }
}
