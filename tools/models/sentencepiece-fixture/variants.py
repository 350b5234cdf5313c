#!/usr/bin/env python3
"""Makes variants of the two real models that exercise the options they do not use themselves,
by appending protobuf fields (the last value of a field wins, repeated fields keep their order):

  albert-no-ws-rules     add_dummy_prefix, remove_extra_whitespaces off
  albert-no-escape       escape_whitespaces off
  albert-ws-suffix       treat_whitespace_as_suffix on
  albert-unused          every 5th NORMAL piece of id >= 1000 marked UNUSED
  albert-byte-fallback   256 byte pieces appended, byte_fallback on
  llama-unused           every 5th NORMAL piece of id >= 1000 marked UNUSED (resegmentation)
  llama-user-defined     pieces '▁the', 'ing', '::' and '\\n' ... as USER_DEFINED (frozen symbols)

SentencePieceModelVariantsTest applies the same edits (described in variants.json) in Java.

  variants.py ALBERT_MODEL LLAMA_MODEL OUT_DIR     writes OUT_DIR/<name>.model and OUT_DIR/variants.json
"""
import json
import sys


def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def read_varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def fields(b):
    """(field, wire, start, end of the whole field) of a message."""
    i = 0
    while i < len(b):
        start = i
        k, i = read_varint(b, i)
        f, t = k >> 3, k & 7
        if t == 0:
            _, i = read_varint(b, i)
        elif t == 1:
            i += 8
        elif t == 5:
            i += 4
        elif t == 2:
            n, i = read_varint(b, i)
            i += n
        else:
            raise ValueError("wire type %d" % t)
        yield f, t, start, i


def payload(b, start, end):
    _, i = read_varint(b, start)
    _, i = read_varint(b, i)
    return b[i:end]


def ld(field, data):
    return varint(field << 3 | 2) + varint(len(data)) + data


def vint(field, value):
    return varint(field << 3) + varint(value)


def edit(model, spec):
    """Applies spec {normalizer: {field: value}, trainer: {...}, piece_types: {id: type}, byte_pieces: bool}."""
    out = bytearray()
    piece_id = 0
    for f, t, s, e in fields(model):
        if f == 1 and t == 2:
            p = payload(model, s, e)
            new_type = spec.get("piece_types", {}).get(str(piece_id))
            out += ld(1, p + vint(3, new_type)) if new_type else model[s:e]
            piece_id += 1
        elif f == 2 and t == 2 and spec.get("trainer"):
            p = payload(model, s, e) + b"".join(vint(int(k), v) for k, v in spec["trainer"].items())
            out += ld(2, p)
        elif f == 3 and t == 2 and spec.get("normalizer"):
            p = payload(model, s, e) + b"".join(vint(int(k), v) for k, v in spec["normalizer"].items())
            out += ld(3, p)
        else:
            out += model[s:e]
    if spec.get("byte_pieces"):
        for b in range(256):
            out += ld(1, ld(1, ("<0x%02X>" % b).encode()) + vint(3, 6))
    return bytes(out)


def pieces_of(model):
    res = []
    for f, t, s, e in fields(model):
        if f == 1 and t == 2:
            p = payload(model, s, e)
            d = {}
            for ff, tt, ss, ee in fields(p):
                if tt == 2:
                    d[ff] = payload(p, ss, ee)
                elif tt == 0:
                    d[ff] = read_varint(p, read_varint(p, ss)[1])[0]
            res.append((d.get(1, b"").decode(), d.get(3, 1)))
    return res


def every_fifth_unused(model):
    return {str(i): 5 for i, (p, t) in enumerate(pieces_of(model)) if t == 1 and i >= 1000 and i % 5 == 0}


def named_user_defined(model, names):
    return {str(i): 4 for i, (p, t) in enumerate(pieces_of(model)) if p in names and t == 1}


def main(albert_file, llama_file, out_dir):
    albert = open(albert_file, "rb").read()
    llama = open(llama_file, "rb").read()
    variants = [
        ("albert-no-ws-rules", "albert-30k-clean", {"normalizer": {"3": 0, "4": 0}}),
        ("albert-no-escape", "albert-30k-clean", {"normalizer": {"5": 0}}),
        ("albert-ws-suffix", "albert-30k-clean", {"trainer": {"24": 1}}),
        ("albert-unused", "albert-30k-clean", {"piece_types": every_fifth_unused(albert)}),
        ("albert-byte-fallback", "albert-30k-clean", {"trainer": {"35": 1}, "byte_pieces": True}),
        ("llama-unused", "llama2-tokenizer", {"piece_types": every_fifth_unused(llama)}),
        ("llama-user-defined", "llama2-tokenizer",
         {"piece_types": named_user_defined(llama, {"▁the", "ing", "::", "▁▁", "er"})}),
    ]
    bases = {"albert-30k-clean": albert, "llama2-tokenizer": llama}
    for name, base, spec in variants:
        with open(f"{out_dir}/{name}.model", "wb") as f:
            f.write(edit(bases[base], spec))
    json.dump([{"name": n, "base": b, "edit": s} for n, b, s in variants], open(f"{out_dir}/variants.json", "w"))


if __name__ == "__main__":
    main(*sys.argv[1:])
