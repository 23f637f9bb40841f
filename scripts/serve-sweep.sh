#!/usr/bin/env bash
# One model served over HTTP by `inferbench serve` and measured with --engine openai at concurrency 1, 2, 4, 8,
# beside the same model measured in process: what the HTTP layer costs, and how queueing (one request at a time
# on the server) shows in TTFT. Usage: scripts/serve-sweep.sh ENGINE MODEL [PROMPT] [OUTPUT] [RUNS]
# e.g. scripts/serve-sweep.sh onnx gpt2; scripts/serve-sweep.sh llamacpp smollm2-135m (about 2 min each).
# SERVE_OPTS: the server's --engine-opt settings, space-separated, e.g. SERVE_OPTS="parallel=4 ctx-size=160" for
# llama.cpp's parallel slots.
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE=$1; MODEL=$2; PROMPT=${3:-128}; OUTPUT=${4:-32}; RUNS=${5:-16}
OUT=$(mktemp -d)
echo "in process:"
./inferbench run --engine "$ENGINE" --model "$MODEL" --prompt "$PROMPT" --output "$OUTPUT" --runs "$RUNS" --warmup 2 \
  --threads 2 --results "$OUT/inproc.jsonl" | sed -n '/┌/,/every row/p'
LOG="$OUT/server.log"
SERVE_FLAGS=()
for opt in ${SERVE_OPTS:-}; do SERVE_FLAGS+=(--engine-opt "$opt"); done
./inferbench serve --engine "$ENGINE" --model "$MODEL" --threads 2 --port 0 "${SERVE_FLAGS[@]}" > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$OUT"' EXIT
for _ in $(seq 600); do grep -q "^serving" "$LOG" && break; kill -0 $SERVER 2>/dev/null || { cat "$LOG"; exit 2; }; sleep 0.2; done
URL=$(grep -o 'http://[^ ]*' "$LOG" | head -1)
SERVED=$(grep -o '^serving [^ ]*' "$LOG" | cut -d' ' -f2)
echo "over HTTP ($URL, served as $SERVED):"
./inferbench run --engine openai --engine-opt endpoint="$URL" --model "$SERVED" --prompt "$PROMPT" --output "$OUTPUT" \
  --runs "$RUNS" --warmup 2 --concurrency 1,2,4,8 --slo ttft=500ms --results "$OUT/http.jsonl" | sed -n '/┌/,$p'
