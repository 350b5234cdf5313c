#!/usr/bin/env python3
"""Writes small byte-level BPE tokenizer.json files that use the features GPT-NeoX's does not
(add_prefix_space, use_regex false, merges as pairs, ignore_merges, NFKC and Sequence
normalizers, unknown bytes with and without unk_token / fuse_unk, added tokens matched in raw or
normalized text), for HfBpeTokenizerToyTest. gen.sh tokenizes toy_texts() with each through the
tokenizers library.

  toy_tokenizers.py OUT_DIR     (prints the toy names)
"""
import json
import sys


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAC + 1)) + list(range(0xAE, 0xFF + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BYTE = bytes_to_unicode()
SP = BYTE[ord(" ")]  # Ġ
# merges as byte-level strings; each merged token is added to the vocab
MERGES = [
    ("t", "h"), (SP, "t"), ("th", "e"), (SP + "t", "he"), ("i", "n"), ("in", "g"), ("e", "r"), (SP, "a"),
    ("a", "n"), ("an", "d"), (SP + "a", "nd"), ("o", "n"), ("e", "s"), ("i", "s"), (SP, "i"), (SP + "i", "s"),
    ("l", "l"), ("e", "ll"), ("h", "ell"), ("hell", "o"), (SP, "w"), ("o", "r"), (SP + "w", "or"), (SP + "wor", "l"),
    (SP + "worl", "d"), (SP, SP), (SP + SP, SP + SP), ("f", "i"), ("1", "2"), ("12", "3"),
]


def vocab(byte_filter=lambda b: True, extra=()):
    v = {}
    for b in range(256):
        if byte_filter(b):
            v[BYTE[b]] = len(v)
    for a, b in MERGES:
        if a in v and b in v and a + b not in v:
            v[a + b] = len(v)
    for t in extra:
        v.setdefault(t, len(v))
    return v


def merges(v, as_pairs):
    ms = [(a, b) for a, b in MERGES if a in v and b in v and a + b in v]
    return [[a, b] for a, b in ms] if as_pairs else [f"{a} {b}" for a, b in ms]


def added(v, tokens):
    out = []
    for content, special, normalized in tokens:
        v.setdefault(content, len(v))
        out.append({"id": v[content], "content": content, "single_word": False, "lstrip": False, "rstrip": False,
                    "normalized": normalized, "special": special})
    return out


def tokenizer(v, merge_list, normalizer, pre, added_tokens, unk=None, fuse_unk=False, ignore_merges=False):
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": added_tokens,
        "normalizer": normalizer,
        "pre_tokenizer": pre,
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": unk, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": fuse_unk, "byte_fallback": False,
                  "ignore_merges": ignore_merges, "vocab": v, "merges": merge_list},
    }


def toys():
    t = {}
    v = vocab()
    ad = added(v, [("<s>", True, False), ("[X]", False, True), ("ＡＢ", False, True)])
    t["prefix-nfkc"] = tokenizer(v, merges(v, True), {"type": "NFKC"},
                                 {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}, ad)
    # ignore_merges: a whole word in the vocab wins over the merges
    v = vocab(extra=[BYTE[ord("x")] + BYTE[ord("y")] + BYTE[ord("z")], "hello" + "world"])
    t["noregex-ignore-merges"] = tokenizer(
        v, merges(v, False), {"type": "Sequence", "normalizers": [{"type": "NFD"}, {"type": "NFC"}]},
        {"type": "Sequence", "pretokenizers": [{"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                                                 "use_regex": False}]},
        [], ignore_merges=True)
    # bytes >= 0x80 missing from the vocab: unknown
    ascii_only = lambda b: b < 0x80
    v = vocab(ascii_only)
    ad = added(v, [("<unk>", True, False)])
    t["unk-fused"] = tokenizer(v, merges(v, False), None,
                               {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True}, ad,
                               unk="<unk>", fuse_unk=True)
    t["unk-separate"] = tokenizer(v, merges(v, False), {"type": "NFD"},
                                  {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True}, ad,
                                  unk="<unk>", fuse_unk=False)
    v = vocab(ascii_only)
    t["unk-dropped"] = tokenizer(v, merges(v, False), None,
                                 {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True}, [])
    return t


def toy_texts():
    return [
        "", " ", "the", "the end", "hello world", "Hello World", "and then is it in the thing?",
        "xyz xyzxyz helloworld", "    indented\n\tand tabbed  ",
        "<s>the [X] and [X]<s>", "<s>", "[X]", "ＡＢ and ＡＢＣ",
        "ﬁne ﬁnish ①②③ ＡＢＣ １２３", "e\u0301te\u0301", "\u212b",
        "ümlaut café naïve", "中文 テスト", "emoji 😀👍🏽", "123 1234 12 3",
        "it's they're I'LL", "a\u00a0b\u3000c",
    ]


if __name__ == "__main__":
    out = sys.argv[1]
    for name, tok in toys().items():
        with open(f"{out}/toy-{name}.json", "w", encoding="utf-8") as f:
            json.dump(tok, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(name)
