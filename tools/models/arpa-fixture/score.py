#!/usr/bin/env python3
"""Data-Juicer's perplexity of each test document under an ARPA model, scored independently of
djflink: a plain dictionary of n-grams, KenLM's back-off rule (extend the context leftwards until
a lookup misses; add the back-off weights of the longer contexts found; unknown words are <unk>)
in float32 like KenLM, then Data-Juicer's sums, lengths and rounding.

  score.py MODEL.arpa DOCS PIECES MODEL_SHA256 SP_MODEL_SHA256 PACKAGE > fixture.json
"""
import hashlib
import json
import sys

import numpy as np

f32 = np.float32


def read_arpa(path):
    ngrams = {}
    order = 0
    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("ngram ") or line == "\\data\\" or line == "\\end\\":
                continue
            if line.startswith("\\") and line.endswith("-grams:"):
                n = int(line[1:line.index("-")])
                order = max(order, n)
                continue
            parts = line.split()
            words = tuple(parts[1:1 + n])
            backoff = f32(float(parts[1 + n])) if len(parts) > n + 1 else f32(0.0)
            ngrams[words] = (f32(float(parts[0])), backoff)
    return ngrams, order


def sentence_score(line, ngrams, order):
    """kenlm.Model.score(line): <s> words </s>, words split on ASCII whitespace, float32 sum."""
    words = [w.decode("utf-8") for w in line.encode("utf-8").split()]
    words = [w if (w,) in ngrams else "<unk>" for w in words] + ["</s>"]
    hist = ["<s>"]
    total = f32(0.0)
    for w in words:
        max_ctx = min(order - 1, len(hist))
        prob = ngrams[(w,)][0]
        matched = 1
        for k in range(1, max_ctx + 1):
            g = tuple(hist[len(hist) - k:]) + (w,)
            if g not in ngrams:
                break
            prob = ngrams[g][0]
            matched = k + 1
        for j in range(1, max_ctx + 1):
            ctx = tuple(hist[len(hist) - j:])
            if ctx not in ngrams:
                break
            if j >= matched:
                prob = f32(prob + ngrams[ctx][1])
        total = f32(total + prob)
        hist.append(w)
    return total


def main(arpa, docs_file, pieces_file, arpa_sha, sp_sha, package):
    ngrams, order = read_arpa(arpa)
    with open(docs_file, encoding="utf-8") as f:
        docs = [json.loads(l) for l in f if l.strip()]
    with open(pieces_file, encoding="utf-8") as f:
        pieces = {d["id"]: d["pieces"] for d in map(json.loads, filter(str.strip, f))}
    out = []
    for d in docs:
        text = " ".join(pieces[d["id"]])
        logits, length = 0.0, 0
        for line in text.splitlines():
            logits += float(sentence_score(line, ngrams, order))
            length += len(line.split()) + 1
        ppl = (10.0 ** (-logits / length)) if length != 0 else 0.0
        e = {"corpus": d["corpus"], "id": d["id"], "text_sha256": d["text_sha256"]}
        if "text" in d:
            e["text"] = d["text"]
        e.update({"logits": logits, "length": length, "perplexity": round(ppl, 1)})
        out.append(e)
    json.dump({
        "about": "Data-Juicer's perplexity_filter statistic for each document: sentencepiece pieces from the "
                 "WebAssembly sentencepiece of " + package + " (model sp_model_sha256), scored under the trigram "
                 "ARPA model perplexity/tiny-3gram.arpa.gz (arpa_sha256 of the uncompressed ARPA) by "
                 "tools/models/arpa-fixture/score.py (KenLM's back-off rule in float32). logits: the summed "
                 "log10 line scores; length: words + 1 per line. Regenerate with tools/models/arpa-fixture/gen.sh.",
        "sp_model_sha256": sp_sha,
        "arpa_sha256": arpa_sha,
        "docs": out,
    }, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
