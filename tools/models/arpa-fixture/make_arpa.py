#!/usr/bin/env python3
"""Builds a small trigram ARPA model from sentencepiece pieces (pieces.jsonl from encode.mjs).

Each document's pieces are joined by spaces and split into lines (str.splitlines), as
Data-Juicer's perplexity_filter prepares text; each line is a sentence <s> tokens </s>.
Unigrams: add-one over the vocabulary (tokens, </s>, <unk>); <s> gets log10 prob -99. Orders 2
and 3: n-grams seen at least three times, absolute discounting (D = 0.7) of their counts; every
context's back-off weight is the left-over mass over the lower-order probability of the words it
did not keep, so each conditional distribution sums to one. Log10 values with 6 decimals.

  make_arpa.py PIECES_JSONL > model.arpa
"""
import json
import math
import sys
from collections import Counter, defaultdict

ORDER = 3
D = 0.7
MIN_COUNT = 3


def sentences(pieces_file):
    with open(pieces_file, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = " ".join(json.loads(line)["pieces"])
            for l in text.splitlines():
                yield l.encode("utf-8").split()


def main(pieces_file):
    counts = [Counter() for _ in range(ORDER + 1)]
    for toks in sentences(pieces_file):
        words = ["<s>"] + [t.decode("utf-8") for t in toks] + ["</s>"]
        for n in range(1, ORDER + 1):
            for i in range(len(words) - n + 1):
                gram = tuple(words[i:i + n])
                if gram != ("<s>",):
                    counts[n][gram] += 1
    vocab = sorted({g[0] for g in counts[1]} | {"<unk>", "</s>"})
    total = sum(counts[1].values())
    v = len(vocab)
    prob = {1: {}, 2: {}, 3: {}}
    bo = {1: {}, 2: {}, 3: {}}
    for w in vocab:
        prob[1][(w,)] = math.log10((counts[1][(w,)] + 1) / (total + v))
    prob[1][("<s>",)] = -99.0

    def lower_p(gram):
        """log10 p(gram[-1] | gram[:-1]) under the orders built so far (back-off)."""
        n = len(gram)
        if n == 1:
            return prob[1].get(gram, prob[1][("<unk>",)])
        if gram in prob[n]:
            return prob[n][gram]
        return bo[n - 1].get(gram[:-1], 0.0) + lower_p(gram[1:])

    for n in range(2, ORDER + 1):
        ctx_total = Counter()
        kept = defaultdict(list)
        for gram, c in counts[n].items():
            ctx_total[gram[:-1]] += c
            if c >= MIN_COUNT:
                kept[gram[:-1]].append(gram)
        for ctx, grams in kept.items():
            mass = 0.0
            lower = 0.0
            for g in grams:
                p = (counts[n][g] - D) / ctx_total[ctx]
                prob[n][g] = math.log10(p)
                mass += p
                lower += 10 ** lower_p(g[1:])
            bo[n - 1][ctx] = math.log10((1.0 - mass) / (1.0 - lower))
        # contexts that kept nothing back off with weight 1 (log10 0): nothing to write
    out = sys.stdout
    out.write("\\data\\\n")
    for n in range(1, ORDER + 1):
        out.write(f"ngram {n}={len(prob[n])}\n")
    for n in range(1, ORDER + 1):
        out.write(f"\n\\{n}-grams:\n")
        for g in sorted(prob[n]):
            line = f"{prob[n][g]:.6f}\t{' '.join(g)}"
            if n < ORDER:
                line += f"\t{bo[n].get(g, 0.0):.6f}"
            out.write(line + "\n")
    out.write("\n\\end\\\n")


if __name__ == "__main__":
    main(sys.argv[1])
