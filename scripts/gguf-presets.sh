#!/usr/bin/env bash
# Every full-size GGUF preset in every file type InferBench writes, each loaded and run on llama.cpp: writing time,
# file size and a short measurement (prompt 128, 32 output tokens). Not for CI: it writes about 30 GB of models
# into the model cache and takes most of an hour on a 2-core machine.
# Usage: scripts/gguf-presets.sh [RESULTS_FILE] [PRESETS...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="${1:-$ROOT/results/gguf-presets.jsonl}"
shift || true
PRESETS=("${@:-smollm2-135m gpt2 tinyllama-1.1b llama-3.2-1b}")
TYPES="F32 F16 Q8_0 Q6_K Q5_K_M Q4_K_M Q4_0"
for preset in ${PRESETS[*]}; do
  for type in $TYPES; do
    dir="$(mktemp -d)"
    start=$(date +%s.%N)
    "$ROOT/inferbench" synth "$preset" --model-format gguf --dtype "$type" --out "$dir" > /dev/null
    end=$(date +%s.%N)
    file=$(ls "$dir"/*.gguf)
    printf '%s %s: written in %.1f s, %s\n' "$preset" "$type" "$(echo "$end - $start" | bc)" "$(du -h "$file" | cut -f1)"
    "$ROOT/inferbench" run --model "$file" --engine llamacpp --engine-opt "dtype=$type" --threads 2 \
      --prompt 128 --output 32 --warmup 1 --runs 3 --results "$RESULTS" | tail -n +1 | grep -E "^│ " || true
    rm -rf "$dir"
  done
done
"$ROOT/inferbench" report "$RESULTS"
