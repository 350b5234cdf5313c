#!/usr/bin/env bash
# Bench of the inference service: single-request vs micro-batched throughput of the PP-OCRv4
# text detector on CPU, in one JVM. Compiles the inference module (offline), fetches the model
# through its build step if missing, then runs io.djflink.inference.bench.InferenceBench with
# the given options (--images N --batch B --delay-ms D --in-flight F --threads T --width W
# --height H --rounds R).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/models/fetch-ppocr-det.sh >/dev/null
mvn -B -o -q -pl inference compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Djava.awt.headless=true -cp "inference/target/classes:$(cat inference/target/bench.classpath)" \
  io.djflink.inference.bench.InferenceBench --model models/ch_PP-OCRv4_det_infer.onnx "$@"
