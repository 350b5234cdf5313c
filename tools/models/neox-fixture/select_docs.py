#!/usr/bin/env python3
"""Picks the reference documents of the GPT-NeoX tokenizer fixture.

Per corpus of shared/data, the documents of at most MAX_CHARS characters whose sha256(id) sorts
first (a fixed, reproducible choice that mixes sources; the cap keeps the Java test fast); all of
dj.jsonl.gz (Data-Juicer's multilingual demo and test texts); and the hand-written edge cases of
edge_cases.json.

Writes one JSON line per document: corpus, id, sha256 of the text (UTF-8), the text, and
`alpha`, the number of characters for which Python's str.isalpha() holds (the numerator of
Data-Juicer's alpha_token_ratio).
"""
import gzip
import hashlib
import json
import sys

PER_CORPUS = {"prose": 80, "code": 70, "licenses": 20, "dj": None}
MAX_CHARS = 60_000


def sha(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def line(corpus, doc_id, text):
    return json.dumps({"corpus": corpus, "id": doc_id, "text_sha256": sha(text), "text": text,
                       "alpha": sum(1 for c in text if c.isalpha())}, ensure_ascii=False)


def main(data_dir, edge_file):
    for corpus, n in PER_CORPUS.items():
        with gzip.open(f"{data_dir}/{corpus}.jsonl.gz", "rt", encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        docs = [d for d in docs if len(d["text"]) <= MAX_CHARS]
        docs.sort(key=lambda d: hashlib.sha256(d["id"].encode()).hexdigest())
        for d in docs if n is None else docs[:n]:
            print(line(corpus, d["id"], d["text"]))
    with open(edge_file, encoding="utf-8") as f:
        for i, text in enumerate(json.load(f)):
            print(line("edge", f"edge-{i:02d}", text))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
