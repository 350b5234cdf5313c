#!/usr/bin/env python3
"""The texts of the model-variant fixture: the edge cases and the first 800 characters of the
first documents (by sha256 of the id) of each corpus. One JSON line each: id, text.

  variant_texts.py DATA_DIR EDGE_FILE > texts.jsonl
"""
import gzip
import hashlib
import json
import sys

PER_CORPUS = {"prose": 6, "code": 5, "licenses": 3, "dj": 10}
PREFIX = 800


def main(data_dir, edge_file):
    with open(edge_file, encoding="utf-8") as f:
        for i, text in enumerate(json.load(f)):
            print(json.dumps({"id": f"edge-{i:02d}", "text": text}, ensure_ascii=False))
    for corpus, n in PER_CORPUS.items():
        with gzip.open(f"{data_dir}/{corpus}.jsonl.gz", "rt", encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        docs.sort(key=lambda d: hashlib.sha256(d["id"].encode()).hexdigest())
        docs = [d for d in docs if "\0" not in d["text"]]
        for d in docs[:n]:
            text = d["text"][:PREFIX]
            if text and 0xD800 <= ord(text[-1]) <= 0xDBFF:
                text = text[:-1]
            print(json.dumps({"id": d["id"], "text": text}, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
