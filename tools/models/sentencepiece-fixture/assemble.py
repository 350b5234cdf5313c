#!/usr/bin/env python3
"""Writes a reference fixture from docs.jsonl and the pieces sentencepiece produced for them.

Per document: corpus, id, text sha256 (edge cases carry their text), the number of pieces,
pieces_sha256 (SHA-256 over every piece as a 4-byte big-endian UTF-8 length then its UTF-8
bytes: exact equality of the whole list without storing it), and the pieces themselves when
there are at most 300 (else the first 100, for diagnosis).

  assemble.py DOCS PIECES MODEL_FILE PACKAGE > fixture.json
"""
import hashlib
import json
import sys


def pieces_sha(pieces):
    h = hashlib.sha256()
    for p in pieces:
        b = p.encode("utf-8")
        h.update(len(b).to_bytes(4, "big"))
        h.update(b)
    return h.hexdigest()


def main(docs_file, pieces_file, model_file, package):
    with open(docs_file, encoding="utf-8") as f:
        docs = [json.loads(l) for l in f if l.strip()]
    with open(pieces_file, encoding="utf-8") as f:
        pieces = {d["id"]: d["pieces"] for d in map(json.loads, filter(str.strip, f))}
    model_sha = hashlib.sha256(open(model_file, "rb").read()).hexdigest()
    out = []
    for d in docs:
        p = pieces[d["id"]]
        e = {"corpus": d["corpus"], "id": d["id"], "text_sha256": d["text_sha256"]}
        if "text" in d:
            e["text"] = d["text"]
        e["count"] = len(p)
        e["pieces_sha256"] = pieces_sha(p)
        if len(p) <= 300:
            e["pieces"] = p
        else:
            e["head"] = p[:100]
        out.append(e)
    json.dump({
        "about": "sentencepiece's own encode_as_pieces for each document, made by the WebAssembly build of "
                 "sentencepiece in " + package + " with the model of model_sha256. Documents are referenced by "
                 "corpus (shared/data/<corpus>.jsonl.gz) and id, with the sha256 of their text; edge cases carry "
                 "their text. pieces_sha256 covers every piece (4-byte big-endian UTF-8 length, then the bytes). "
                 "Regenerate with tools/models/sentencepiece-fixture/gen.sh.",
        "package": package,
        "model_sha256": model_sha,
        "docs": out,
    }, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
