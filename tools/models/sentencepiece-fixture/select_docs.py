#!/usr/bin/env python3
"""Picks the sentencepiece reference documents.

Per corpus of shared/data, the documents whose sha256(id) sorts first (a fixed, reproducible
choice that mixes sources); all of dj.jsonl.gz (the multilingual demo and test texts, with CJK);
and the hand-written edge cases of edge_cases.json (whitespace runs, full-width and compatibility
characters for the NFKC map, user-defined symbols, unknown characters, emoji for byte fallback).

Writes one JSON line per document: corpus, id, sha256 of the text (UTF-8), the text itself as
`input`, and `text` too for edge cases (they are not in shared/data).
"""
import gzip
import hashlib
import json
import sys

PER_CORPUS = {"prose": 80, "code": 50, "licenses": 20, "dj": None}


def sha(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def main(data_dir, edge_file):
    for corpus, n in PER_CORPUS.items():
        with gzip.open(f"{data_dir}/{corpus}.jsonl.gz", "rt", encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        docs.sort(key=lambda d: hashlib.sha256(d["id"].encode()).hexdigest())
        # the wasm binding passes text as a C string: a NUL would cut it short
        docs = [d for d in docs if "\0" not in d["text"]]
        for d in docs if n is None else docs[:n]:
            print(json.dumps({"corpus": corpus, "id": d["id"], "text_sha256": sha(d["text"]), "input": d["text"]},
                             ensure_ascii=False))
    with open(edge_file, encoding="utf-8") as f:
        for i, text in enumerate(json.load(f)):
            print(json.dumps({"corpus": "edge", "id": f"edge-{i:02d}", "text_sha256": sha(text), "text": text,
                              "input": text}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
