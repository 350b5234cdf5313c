#!/usr/bin/env python3
"""Prints the texts the toy models are checked on (JSON lines with id and input): sentences of
the toy vocabulary, unknown words, and the edge cases as they are (newlines included: fastText
reads a text only up to its first newline)."""
import json
import sys

SENTENCES = [
    "the river is long",
    "el río es muy largo",
    "der fluss ist sehr lang",
    "the river is long and el río es largo",
    "δρόμος δρόμος δρόμος",
    "河流 很 长",
    "river river river river river",
    "unknownword anotherone thirdunknown",
    "the the the the the the the the",
    "a",
    "</s>",
    "sehr </s> lang",
]

with open(sys.argv[1], encoding="utf-8") as f:
    edge = json.load(f)
for i, t in enumerate(SENTENCES + edge):
    print(json.dumps({"id": f"toy-{i:02d}", "input": t}, ensure_ascii=False))
