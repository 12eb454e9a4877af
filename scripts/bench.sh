#!/usr/bin/env bash
# The JMH speed suite (issue 6): FMA peak, packed GEMM on bert-base shapes, bert-base forward.
# Prints a table of medians at the end; extra arguments go to JMH (e.g. -wi 1 -i 3 -f 1).
# TAILS_JAVA_OPTS go to the JVM and its forks: "-XX:UseAVX=2 -Dtails.vector.bits=256" measures the
# AVX2 path on an AVX-512 machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/jdk.sh"
(cd "$here" && MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}" mvn -q -B -Pjmh -DskipTests package) >&2
# ONNX Runtime next to tails on the same weights. --vs-ort [FOLDER...]: forward passes at fixed shapes;
# --embed-vs-ort FOLDER TEXT_FILE...: sentence embeddings of 10,000 short texts, batched by length.
case "${1:-}" in
  --vs-ort) main=dev.tails.VsOrt ;;
  --embed-vs-ort) main=dev.tails.EmbedVsOrt ;;
  *) main= ;;
esac
if [[ -n "$main" ]]; then
  shift
  cd "$here"
  exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -cp target/benchmarks.jar "$main" "$@"
fi
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector ${TAILS_JAVA_OPTS:-} -cp "$here/target/benchmarks.jar" dev.tails.BenchSuite "$@"
