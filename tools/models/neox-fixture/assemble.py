#!/usr/bin/env python3
"""Joins the documents and their tokens into the fixture JSON (stdout).

Every document gets its token count and Data-Juicer's alpha_token_ratio (alpha / count, 0.0
without tokens, as Python computes it); the edge cases also carry their text and token ids, and
so do the first IDS_PER_CORPUS documents of each corpus with at most MAX_IDS tokens. Texts of
shared/data are referenced by corpus, id and sha256, not copied.

  assemble.py DOCS_JSONL TOKENS_JSONL TOKENIZER_JSON TOKENIZER_PACKAGE TOKENIZERS_PACKAGE
"""
import hashlib
import json
import sys

IDS_PER_CORPUS = 5
MAX_IDS = 400


def main(docs_file, tokens_file, tokenizer_file, tokenizer_package, tokenizers_package):
    with open(docs_file, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    with open(tokens_file, encoding="utf-8") as f:
        tokens = {(t["corpus"], t["id"]): t for t in (json.loads(line) for line in f if line.strip())}
    with open(tokenizer_file, "rb") as f:
        tokenizer_sha = hashlib.sha256(f.read()).hexdigest()
    with_ids = {}
    out = []
    for d in docs:
        t = tokens[(d["corpus"], d["id"])]
        entry = {"corpus": d["corpus"], "id": d["id"], "text_sha256": d["text_sha256"], "count": t["count"],
                 "alpha_token_ratio": d["alpha"] / t["count"] if t["count"] else 0.0}
        if d["corpus"] == "edge":
            entry["text"] = d["text"]
            entry["ids"] = t["ids"]
        elif t["count"] <= MAX_IDS and with_ids.get(d["corpus"], 0) < IDS_PER_CORPUS:
            with_ids[d["corpus"]] = with_ids.get(d["corpus"], 0) + 1
            entry["ids"] = t["ids"]
        out.append(entry)
    head = {
        "what": "GPT-NeoX-20B tokenizer (Data-Juicer's default EleutherAI/pythia-6.9b-deduped): token counts and"
                " ids of tokenizers' encode(text, add_special_tokens=False), i.e. len(tokenizer.tokenize(text));"
                " made by tools/models/neox-fixture/gen.sh",
        "tokenizer_sha256": tokenizer_sha,
        "tokenizer_package": tokenizer_package,
        "reference": tokenizers_package,
    }
    # one document a line, so a regenerated fixture diffs per document
    sys.stdout.write(json.dumps(head, ensure_ascii=False)[:-1] + ',\n"docs": [\n')
    sys.stdout.write(",\n".join(json.dumps(e, ensure_ascii=False) for e in out))
    sys.stdout.write("\n]}")
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
