#!/usr/bin/env python3
"""Writes the near-dedup reference fixtures next to this script (run once, output checked in).

Needs python3 with numpy, scipy and the `regex` module. The MinHash/SimHash code below is our own
reference written from /work/shared/dj/dedup.md and the simhash-cpp facts (md5-64 per shingle,
per-bit +1/-1 counts, bit set when the count is positive); the tests compare the Java ops to it.
"""
import hashlib
import json
import os
import struct

import numpy as np
import regex
from scipy.integrate import quad

HERE = os.path.dirname(os.path.abspath(__file__))
P61 = np.uint64((1 << 61) - 1)


def mt_raw():
    # Raw 32-bit MT19937 outputs after numpy's legacy integer seeding (RandomState(42)).
    bg = np.random.MT19937()
    bg._legacy_seeding(42)
    return [int(x) for x in bg.random_raw(16)]


def perms(n):
    gen = np.random.RandomState(seed=42)
    out = [(gen.randint(1, P61, dtype=np.uint64), gen.randint(0, P61, dtype=np.uint64)) for _ in range(n)]
    return [(int(a), int(b)) for a, b in out]


def small_ranges():
    # randint over uint64 ranges of several widths, to cover the masked rejection path
    gen = np.random.RandomState(seed=7)
    cases = []
    for low, high in [(0, 10), (5, 6), (0, 1 << 32), (3, (1 << 33) + 5), (0, 1000003), (1, (1 << 61) - 1),
                      (0, (1 << 63) + 12345), (0, (1 << 64) - 1), (10, (1 << 40))]:
        vals = [int(gen.randint(low, high, dtype=np.uint64)) for _ in range(5)]
        cases.append({"low": str(low), "high": str(high), "values": [str(v) for v in vals]})
    return cases


PUNCT = regex.compile(r"\p{P}")


def shingles(text, tokenization, window, lowercase, ignore):
    if lowercase:
        text = text.lower()
    if ignore:
        text = regex.compile(ignore).sub("", text)
    if tokenization == "character":
        return [text[i:i + window].encode() for i in range(len(text) - window + 1)]
    if tokenization == "punctuation":
        toks = PUNCT.split(text)
    else:
        toks = [t for t in text.split(" ") if t]
    return [" ".join(toks[i:i + window]).encode() for i in range(len(toks) - window + 1)]


def minhash(shs, n=256):
    pa = np.array([a for a, _ in perms(n)], dtype=np.uint64)
    pb = np.array([b for _, b in perms(n)], dtype=np.uint64)
    hv = np.array([struct.unpack("<I", hashlib.sha1(s).digest()[:4])[0] for s in set(shs)], dtype=np.uint64)
    phv = ((hv[:, None] * pa[None, :] + pb) % P61).astype(np.uint32)
    return [int(x) for x in phv.min(axis=0)]


def simhash(shs):
    counts = [0] * 64
    for s in shs:
        h = struct.unpack(">Q", hashlib.md5(s).digest()[:8])[0]
        for i in range(64):
            counts[i] += 1 if (h >> i) & 1 else -1
    return sum(1 << i for i in range(64) if counts[i] > 0)


TEXTS = [
    ("space", 5, True, None, "Today is Sunday and it's a happy day! Do you need a cup of coffee?"),
    ("space", 5, True, r"\p{P}", "Today is Sunday and it's a  happy day!\nDo you need a\tcup of coffee?"),
    ("space", 3, False, None, "Straße İstanbul ΣΟΦΙΑ naïve café — “quoted” 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text 😀 ok"),
    ("punctuation", 3, True, None, "Hello, world! This is: a test... of punctuation; tokenization (ok)?"),
    ("character", 5, True, r"\p{P}", "你好，请问你是谁？欢迎来到阿里巴巴！😀𝔘 end"),
    ("space", 5, True, None, "a b c d e"),
]


def optimal_param(threshold, num_perm):
    def fp(b, r):
        return quad(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold)[0]

    def fn(b, r):
        return quad(lambda s: 1 - (1 - (1 - s ** float(r)) ** float(b)), threshold, 1.0)[0]

    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            e = 0.5 * fp(b, r) + 0.5 * fn(b, r)
            if e < best:
                best, opt = e, (b, r)
    return opt


def main():
    out = {
        "mt19937_legacy_seed42_raw": mt_raw(),
        "perms_seed42": [[str(a), str(b)] for a, b in perms(256)],
        "randint_uint64_seed7": small_ranges(),
        "signatures": [],
        "band_optimizer": [],
    }
    for tok, w, low, ign, text in TEXTS:
        shs = shingles(text, tok, w, low, ign)
        out["signatures"].append({
            "tokenization": tok, "window_size": w, "lowercase": low, "ignore_pattern": ign, "text": text,
            "minhash": minhash(shs), "simhash": str(simhash(shs)),
        })
    for t, n in [(0.7, 256), (0.8, 256), (0.9, 256), (0.5, 256), (0.7, 128), (0.3, 64), (0.6, 100), (0.95, 200)]:
        b, r = optimal_param(t, n)
        out["band_optimizer"].append({"threshold": t, "num_perm": n, "bands": b, "rows": r})
    with open(os.path.join(HERE, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
