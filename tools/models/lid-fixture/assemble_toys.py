#!/usr/bin/env python3
"""Joins the toy texts with fastText's top-3 predictions per toy model into one fixture."""
import json
import sys


def main(texts_file, pred_dir, *names):
    with open(texts_file, encoding="utf-8") as f:
        texts = [json.loads(line) for line in f]
    models = {}
    for name in names:
        with open(f"{pred_dir}/{name}.jsonl", encoding="utf-8") as f:
            preds = [json.loads(line) for line in f]
        assert [t["id"] for t in texts] == [p["id"] for p in preds]
        models[name] = [p.get("top", []) for p in preds]
    json.dump({
        "about": "fastText's own top-3 predictions (WebAssembly fastText of fasttext.wasm@1.0.1, threshold 0) "
                 "for the toy models toy-<name>.bin beside this file, written by "
                 "tools/models/lid-fixture/toy_models.py; regenerate with tools/models/lid-fixture/gen.sh.",
        "texts": [t["input"] for t in texts],
        "models": models,
    }, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
