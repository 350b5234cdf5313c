#!/usr/bin/env bash
# Regenerates the tokenizer reference fixtures of the operators tests (in
# operators/src/test/resources/tokenizer/).
#
# neox-reference.json: for documents of shared/data (select_docs.py) and the hand-written edge cases
# (make_edge_cases.py -> edge_cases.json), the token counts and ids that Hugging Face's
# tokenizers library gives with the tokenizer the build fetches (models/gpt-neox-20b-tokenizer.json,
# tools/models/fetch-neox-tokenizer.sh): its Rust code through the Node binding of the pinned npm
# package below, the code Data-Juicer's transformers tokenizer runs. HfBpeTokenizerReferenceTest
# holds djflink's pure-Java tokenizer, and the token ops, to these.
#
# toy-*.json and toy-reference.json: small byte-level BPE tokenizers (toy_tokenizers.py) using
# the tokenizer.json features GPT-NeoX's does not, and the library's ids for a few texts with
# each (HfBpeTokenizerToyTest).
#
# Not run by the build or the tests.
#
#   tools/models/neox-fixture/gen.sh [SHARED_DIR]     (default: ../shared beside the checkout)
#
# Needs npm, node (x86_64 or arm64 Linux, macOS or Windows: the package's native builds) and python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
shared="$(cd "${1:-$repo/../shared}" && pwd)"
out="$repo/operators/src/test/resources/tokenizer/neox-reference.json"

PACKAGE="tokenizers@0.23.2"
PACKAGE_SHA512="392f7d5574d7b86bb252770809c4b48446b080a425ac554a354f9497346c4cdd3746939e2620a671a8b99ca83726b748bd40e8eff442e69b951239497767b9a0"
TOKENIZER_PACKAGE="rwkv-tokenizer-node@1.0.5"

work="$(mktemp -d "${TMPDIR:-/tmp}/djflink-neox-fixture.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$repo/tools/models/fetch-neox-tokenizer.sh" "$work/tokenizer.json"
tgz="$(cd "$work" && npm pack --silent "$PACKAGE" 2>/dev/null | tail -n 1)"
[[ "$(sha512sum "$work/$tgz" | cut -d' ' -f1)" == "$PACKAGE_SHA512" ]] || { echo "$PACKAGE: sha512 mismatch" >&2; exit 1; }
tar -xzf "$work/$tgz" -C "$work"

python3 "$here/make_edge_cases.py" > "$here/edge_cases.json"
python3 "$here/select_docs.py" "$shared/data" "$here/edge_cases.json" > "$work/docs.jsonl"
node "$here/tokenize.mjs" "$work/package/index.js" "$work/tokenizer.json" < "$work/docs.jsonl" > "$work/tokens.jsonl"
mkdir -p "$(dirname "$out")"
python3 "$here/assemble.py" "$work/docs.jsonl" "$work/tokens.jsonl" "$work/tokenizer.json" "$TOKENIZER_PACKAGE" "$PACKAGE" > "$out"
echo "wrote $out ($(grep -c '"corpus"' "$out") documents)"

toys="$(dirname "$out")"
names="$(python3 "$here/toy_tokenizers.py" "$toys")"
python3 -c "import json, sys; sys.path.insert(0, '$here'); import toy_tokenizers; json.dump(toy_tokenizers.toy_texts(), sys.stdout)" > "$work/toy-texts.json"
# shellcheck disable=SC2086
REFERENCE="$PACKAGE" node "$here/toy_reference.mjs" "$work/package/index.js" "$work/toy-texts.json" "$toys" $names > "$toys/toy-reference.json"
echo "wrote $toys/toy-*.json"
