#!/usr/bin/env python3
"""Picks the reference documents and applies Data-Juicer's preprocessing.

Per corpus of shared/data, the documents whose sha256(id) sorts first (a fixed, reproducible
choice that mixes sources); all of dj.jsonl.gz (the multilingual demo and test texts); and the
hand-written edge cases of edge_cases.json (tokenization, label-like tokens, lower-casing).

Writes one JSON line per document: corpus, id, sha256 of the raw text (UTF-8), the raw text
only for edge cases, and `input`, the text exactly as Data-Juicer's language_id_score_filter
hands it to fastText: sample[text_key].lower().replace("\\n", " ").
"""
import gzip
import hashlib
import json
import sys

PER_CORPUS = {"prose": 60, "code": 50, "licenses": 50, "dj": None}


def sha(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def main(data_dir, edge_file):
    for corpus, n in PER_CORPUS.items():
        with gzip.open(f"{data_dir}/{corpus}.jsonl.gz", "rt", encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        docs.sort(key=lambda d: hashlib.sha256(d["id"].encode()).hexdigest())
        for d in docs if n is None else docs[:n]:
            text = d["text"]
            print(json.dumps({"corpus": corpus, "id": d["id"], "text_sha256": sha(text),
                              "input": text.lower().replace("\n", " ")}, ensure_ascii=False))
    with open(edge_file, encoding="utf-8") as f:
        for i, text in enumerate(json.load(f)):
            print(json.dumps({"corpus": "edge", "id": f"edge-{i:02d}", "text_sha256": sha(text), "text": text,
                              "input": text.lower().replace("\n", " ")}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
