#!/usr/bin/env python3
"""Picks the training and the test documents of the perplexity fixtures.

Documents of shared/data ranked by sha256(id) per corpus (a fixed, reproducible choice): the
training documents are taken from further down each ranking than the test documents, so the two
never share a document. All of dj.jsonl.gz (multilingual, CJK) is test material, plus the edge
cases of ../sentencepiece-fixture/edge_cases.json.

  select_docs.py DATA_DIR EDGE_FILE train|test > docs.jsonl
"""
import gzip
import hashlib
import json
import sys

TEST = {"prose": (0, 80), "code": (0, 40), "licenses": (0, 20), "dj": (0, None)}
TRAIN = {"prose": (200, 300), "code": (100, 115), "licenses": (100, 110)}


def sha(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def main(data_dir, edge_file, which):
    plan = TEST if which == "test" else TRAIN
    for corpus, (lo, hi) in plan.items():
        with gzip.open(f"{data_dir}/{corpus}.jsonl.gz", "rt", encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        docs.sort(key=lambda d: hashlib.sha256(d["id"].encode()).hexdigest())
        # the wasm binding passes text as a C string: a NUL would cut it short
        docs = [d for d in docs if "\0" not in d["text"]]
        for d in docs[lo:hi]:
            print(json.dumps({"corpus": corpus, "id": d["id"], "text_sha256": sha(d["text"]), "input": d["text"]},
                             ensure_ascii=False))
    if which == "test":
        with open(edge_file, encoding="utf-8") as f:
            for i, text in enumerate(json.load(f)):
                print(json.dumps({"corpus": "edge", "id": f"edge-{i:02d}", "text_sha256": sha(text), "text": text,
                                  "input": text}, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
