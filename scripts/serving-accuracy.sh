#!/usr/bin/env bash
# InferBench's timing error over HTTP against the ground-truth server on loopback: the server (its own JVM) writes one
# chunk every 100 ms per stream (10 tokens/s) and stamps each with its write time; the client records each chunk's
# arrival. Prints, per number of concurrent streams, p50/p99/max of arrival − write (ms), the server's own lateness,
# failures, the generator's schedule lag and the CPU each process used (cores). Usage:
# scripts/serving-accuracy.sh [STREAMS,…] [TOKENS] (about 2 min with the defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
LEVELS=${1:-1,16,64,128,256,512,1000,2000}
TOKENS=${2:-20}
echo "open files: $(ulimit -n) (each stream holds one socket in each process)"
./inferbench --version > /dev/null # builds the jar when the sources changed
. bin/find-jdk
JAVA="$(inferbench_find_jdk)/bin/java"
LOG=$(mktemp)
./inferbench serve --engine calibration --model truth --port 0 --engine-opt ttft=100ms --engine-opt tpot=100ms > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; cat "$LOG" | tail -1; rm -f "$LOG"' EXIT
for _ in $(seq 100); do grep -q "^serving" "$LOG" && break; sleep 0.2; done
URL=$(grep -o 'http://[^ ]*' "$LOG" | head -1)
echo "server: $URL"
"$JAVA" -XX:+UseZGC --enable-native-access=ALL-UNNAMED -cp "target/inferbench.jar:target/lib/*" org.inferbench.bench.ServingAccuracy \
  "$URL" "$LEVELS" "$TOKENS" 100 "$SERVER"
