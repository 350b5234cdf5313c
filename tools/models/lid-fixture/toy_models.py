#!/usr/bin/env python3
"""Writes small dense fastText supervised models (the .bin format, version 12) with seeded random
weights, one per loss fastText can predict with, so that djflink's reader is checked against
fastText on the paths lid.176.ftz does not take: dense (unquantized, unpruned) input matrices,
softmax / one-vs-all / negative-sampling outputs, word n-grams (wordNgrams > 1) and models
without character n-grams. The weights mean nothing; only agreement with fastText matters.

Usage: toy_models.py OUT_DIR   (writes toy-<name>.bin and prints their names)
"""
import random
import struct
import sys

WORDS = ["</s>", "the", "river", "is", "long", "el", "río", "es", "largo", "der", "fluss", "ist",
         "lang", "and", "y", "und", "a", "very", "muy", "sehr", "δρόμος", "河流", "很", "长"]
LABELS = ["__label__en", "__label__es", "__label__de", "__label__el", "__label__zh", "__label__xx"]

# name: (loss, wordNgrams, minn, maxn, bucket, dim)  loss: 1 hs, 2 ns, 3 softmax, 4 ova
MODELS = {
    "softmax-bigrams": (3, 2, 2, 3, 397, 8),
    "ova-trigrams-nochar": (4, 3, 0, 0, 211, 6),
    "ns": (2, 1, 1, 4, 401, 10),
    "hs-dense": (1, 1, 3, 5, 307, 12),
}


def write_model(path, loss, word_ngrams, minn, maxn, bucket, dim, seed):
    rnd = random.Random(seed)
    out = bytearray()
    out += struct.pack("<ii", 793712314, 12)
    # dim ws epoch minCount neg wordNgrams loss model bucket minn maxn lrUpdateRate t
    out += struct.pack("<12id", dim, 5, 5, 1, 5, word_ngrams, loss, 3, bucket, minn, maxn, 100, 1e-4)
    nwords, nlabels = len(WORDS), len(LABELS)
    out += struct.pack("<iiiqq", nwords + nlabels, nwords, nlabels, 1000000, -1)
    for i, w in enumerate(WORDS):
        out += w.encode("utf-8") + b"\0" + struct.pack("<qb", 100000 - 1000 * i, 0)
    for i, label in enumerate(LABELS):
        out += label.encode("utf-8") + b"\0" + struct.pack("<qb", 50000 - 7000 * i, 1)
    out += struct.pack("<?", False)  # dense input
    rows = nwords + bucket
    out += struct.pack("<qq", rows, dim)
    out += struct.pack(f"<{rows * dim}f", *[rnd.uniform(-1, 1) for _ in range(rows * dim)])
    out += struct.pack("<?", False)  # qout
    out += struct.pack("<qq", nlabels, dim)
    out += struct.pack(f"<{nlabels * dim}f", *[rnd.uniform(-2, 2) for _ in range(nlabels * dim)])
    with open(path, "wb") as f:
        f.write(out)


def main(out_dir):
    for seed, (name, spec) in enumerate(MODELS.items(), start=11):
        write_model(f"{out_dir}/toy-{name}.bin", *spec, seed)
        print(name)


if __name__ == "__main__":
    main(sys.argv[1])
