#!/usr/bin/env python3
"""Picks the documents of the sentencepiece and perplexity fixtures.

Per corpus of shared/data, documents ranked by sha256(id) (a fixed, reproducible choice that
mixes sources), a slice of each ranking per plan; dj.jsonl.gz (the multilingual demo and test
texts, with CJK) in full; and for the reference plans the hand-written edge cases of
edge_cases.json (whitespace runs, full-width and compatibility characters for the NFKC map,
user-defined symbols, unknown characters, emoji for byte fallback). The perplexity model's
training slices lie below the test slices, so training and test never share a document.

Writes one JSON line per document: corpus, id, sha256 of the text (UTF-8), the text itself as
`input`, and `text` too for edge cases (they are not in shared/data).

  select_docs.py DATA_DIR EDGE_FILE [PLAN]     PLAN: sentencepiece (default), perplexity-test, perplexity-train
"""
import gzip
import hashlib
import json
import sys

# plan -> ({corpus: (from, to)}, with edge cases)
PLANS = {
    "sentencepiece": ({"prose": (0, 80), "code": (0, 50), "licenses": (0, 20), "dj": (0, None)}, True),
    "perplexity-test": ({"prose": (0, 80), "code": (0, 40), "licenses": (0, 20), "dj": (0, None)}, True),
    "perplexity-train": ({"prose": (200, 300), "code": (100, 115), "licenses": (100, 110)}, False),
}


def sha(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def main(data_dir, edge_file, plan="sentencepiece"):
    slices, with_edge = PLANS[plan]
    for corpus, (lo, hi) in slices.items():
        with gzip.open(f"{data_dir}/{corpus}.jsonl.gz", "rt", encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        docs.sort(key=lambda d: hashlib.sha256(d["id"].encode()).hexdigest())
        # the wasm binding passes text as a C string: a NUL would cut it short
        docs = [d for d in docs if "\0" not in d["text"]]
        for d in docs[lo:hi]:
            print(json.dumps({"corpus": corpus, "id": d["id"], "text_sha256": sha(d["text"]), "input": d["text"]},
                             ensure_ascii=False))
    if with_edge:
        with open(edge_file, encoding="utf-8") as f:
            for i, text in enumerate(json.load(f)):
                print(json.dumps({"corpus": "edge", "id": f"edge-{i:02d}", "text_sha256": sha(text), "text": text,
                                  "input": text}, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
