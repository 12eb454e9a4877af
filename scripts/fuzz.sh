#!/usr/bin/env bash
# Fuzzes every target (or the ones named) for SECONDS each, two at a time (one per core).
# Inputs that break the contract land in src/test/resources/fuzz/TARGET/findings/, which the
# default test suite replays. Usage: scripts/fuzz.sh SECONDS [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(safetensors shard-index tf-index config-json tokenizer-json wordpiece-text bpe-text unigram-text zero-spec hub-revision onnx st-modules st-pooling st-sentence-bert)
fi
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test
# a private copy of the classes, so rebuilding during a long run cannot change the code under test
snapshot=$(mktemp -d target/fuzz-classes.XXXXXX)
trap 'rm -rf "$snapshot"' EXIT
cp -r target/classes target/test-classes "$snapshot"/
classpath="$snapshot/test-classes:$snapshot/classes:$(cat target/fuzz-classpath.txt)"
mkdir -p target/fuzz-logs
status=0
run() {
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx2g -XX:+UseSerialGC \
    -cp "$classpath" dev.tails.fuzz.FuzzMain "$1" "$seconds" > "target/fuzz-logs/$1.log" 2>&1
}
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for t in "${targets[@]:i:2}"; do
    run "$t" & pids+=($!)
  done
  for p in "${pids[@]}"; do
    wait "$p" || status=1
  done
done
for t in "${targets[@]}"; do
  tail -n 1 "target/fuzz-logs/$t.log"
done
exit $status
