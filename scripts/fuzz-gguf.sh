#!/usr/bin/env bash
# Coverage-guided fuzzing of the GGUF reader (GgufReaderFuzzTest, Jazzer) for longer than the test suite's 30 s.
# Usage: scripts/fuzz-gguf.sh [DURATION [LIBFUZZER_FLAG...]]
#   DURATION: seconds, or with a unit: 90, 90s, 2m, 1h (default 2m). Further arguments go to libFuzzer as they are,
#   e.g. -verbosity=1 to see its progress lines, -seed=1 to repeat a run, -max_len=65536 for larger inputs.
# It runs only surefire's gguf-fuzz execution (JAZZER_FUZZ=1, a JVM of its own). The corpus it grows is kept in
# target/gguf-fuzz/.cifuzz-corpus and taken up again by the next run (and by the suite's 30 s run) until
# `mvn clean`. A crashing input is written to target/gguf-fuzz/crash-* (a hang to timeout-*) and the run fails:
# fix the reader, then copy the file into
# src/test/resources/org/inferbench/model/gguf/GgufReaderFuzzTestInputs/readAnyBytes/ so that every later run
# starts from it. The whole output is kept in target/gguf-fuzz.log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-2m}"
shift || true
case "$DURATION" in
  *[0-9]s) SECONDS_TOTAL="${DURATION%s}" ;;
  *[0-9]m) SECONDS_TOTAL=$(( ${DURATION%m} * 60 )) ;;
  *[0-9]h) SECONDS_TOTAL=$(( ${DURATION%h} * 3600 )) ;;
  *) SECONDS_TOTAL="$DURATION" ;;
esac
if ! [[ "$SECONDS_TOTAL" =~ ^[0-9]+$ ]] || [ "$SECONDS_TOTAL" -lt 1 ]; then
  echo "fuzz-gguf: DURATION must be seconds or a number with s, m or h (90, 2m, 1h), got '$DURATION'" >&2
  exit 2
fi
. "$ROOT/bin/find-jdk"
JAVA_HOME="$(inferbench_find_jdk)"
export JAVA_HOME
if [ "$(inferbench_jdk_major "$JAVA_HOME")" -ge 23 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
cd "$ROOT"
# libFuzzer flags 0-3 are set in pom.xml (gguf-fuzz execution); a later -max_total_time wins over the one Jazzer
# derives from @FuzzTest(maxDuration), and a later flag of the same name over an earlier one.
flags=(-Djazzer.internal.arg.4=-max_total_time="$SECONDS_TOTAL")
i=5
for f in "$@"; do
  flags+=("-Djazzer.internal.arg.$i=$f")
  i=$((i + 1))
done
mkdir -p target
# FUZZ_EXECUTION=parsers-fuzz (scripts/fuzz-parsers.sh) fuzzes the input parsers instead, the same way
EXECUTION="${FUZZ_EXECUTION:-gguf-fuzz}"
mkdir -p "target/$EXECUTION"
LOG="target/$EXECUTION.log"
echo "fuzz-gguf: fuzzing GgufFile.read for $SECONDS_TOTAL s (log: $LOG)"
status=0
mvn -B -q test-compile "surefire:test@$EXECUTION" "${flags[@]}" \
  -Dgguf-fuzz.fork-timeout=$((SECONDS_TOTAL + 600)) > "$LOG" 2>&1 || status=$?
grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|^GGUF reader fuzzing:|^input parsers fuzzing:' "$LOG" || true
if [ "$status" -ne 0 ]; then
  grep -E "Test unit written to|ERROR: libFuzzer|FuzzTestFindingException|== Java Exception" "$LOG" | head -20 || true
  echo "fuzz: FAILED (exit $status); see $LOG and target/$EXECUTION/" >&2
  exit "$status"
fi
