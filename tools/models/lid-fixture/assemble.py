#!/usr/bin/env python3
"""Joins the selected documents with fastText's predictions into the reference fixture."""
import hashlib
import json
import sys


def main(docs_file, preds_file, model_file, package):
    with open(docs_file, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    with open(preds_file, encoding="utf-8") as f:
        preds = [json.loads(line) for line in f]
    assert [d["id"] for d in docs] == [p["id"] for p in preds]
    with open(model_file, "rb") as f:
        model_sha = hashlib.sha256(f.read()).hexdigest()
    entries = []
    for d, p in zip(docs, preds):
        e = {"corpus": d["corpus"], "id": d["id"], "text_sha256": d["text_sha256"]}
        if "text" in d:
            e["text"] = d["text"]
        e["label"] = p.get("label")
        e["prob"] = p.get("prob")
        entries.append(e)
    fixture = {
        "about": "fastText's own top-1 prediction (label, probability) for each document, made by the "
                 "WebAssembly fastText of " + package + " with its lid.176.ftz after Data-Juicer's "
                 "preprocessing (str.lower(), then newline -> space). Documents are referenced by corpus "
                 "(shared/data/<corpus>.jsonl.gz) and id, with the sha256 of their raw text; edge cases "
                 "carry their text. Regenerate with tools/models/lid-fixture/gen.sh.",
        "package": package,
        "model_sha256": model_sha,
        "docs": entries,
    }
    json.dump(fixture, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
