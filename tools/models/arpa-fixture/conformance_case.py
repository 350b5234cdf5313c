#!/usr/bin/env python3
"""Writes a conformance case of perplexity_filter (format of shared/dj/conformance) from the
reference fixture: the edge-case texts as input, kept in order when their reference perplexity is
within Data-Juicer's default range [0, 1500].

  conformance_case.py perplexity-reference.json > perplexity_filter__djflink_tiny_model.json
"""
import json
import sys

MAX_PPL = 1500


def main(reference):
    with open(reference, encoding="utf-8") as f:
        docs = [d for d in json.load(f)["docs"] if "text" in d]
    case = {
        "op": "perplexity_filter",
        "args": {
            "lang": "en",
            "max_ppl": MAX_PPL,
            "tokenizer_model": "../models/albert-30k-clean.model",
            "arpa_model": "src/test/resources/perplexity/tiny-3gram.arpa.gz",
        },
        "input": [{"text": d["text"]} for d in docs],
        "expected": [{"text": d["text"]} for d in docs if 0 <= d["perplexity"] <= MAX_PPL],
        "compare": {"mode": "ordered", "columns": ["text"]},
        "pipeline": ["add_column(__dj__stats__)", "map(compute_stats)", "filter(process)", "select_columns(['text'])"],
        "source": "tools/models/arpa-fixture (djflink's own case; Data-Juicer's test_perplexity_filter needs its "
                  "downloaded en.arpa.bin)",
        "notes": "djflink's own case, in the format of shared/dj/conformance. The models are ALBERT's "
                 "sentencepiece model (fetched by the build into models/) and a small trigram ARPA model built "
                 "from shared/data (test resources); paths are relative to the operators module, where the "
                 "tests run. Expected: the texts whose perplexity, computed outside djflink from sentencepiece's "
                 "own pieces and a Python ARPA scorer, is in [0, max_ppl]. Stats: pieces joined by spaces, per "
                 "line KenLM log10 score with <s> and </s>, length words+1 per line, "
                 "round(10**(-sum/length), 1).",
    }
    json.dump(case, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
