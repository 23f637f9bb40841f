#!/usr/bin/env bash
# Every full-size GGUF preset in every file type InferBench writes, each written into the model cache ("prepared ...
# in N s" is the writing time) and run on llama.cpp: prompt 128, 32 output tokens, 3 measured requests. Not for CI:
# the files take about 30 GB of the model cache and the whole run most of an hour on a 2-core machine.
# Usage: scripts/gguf-presets.sh [RESULTS_FILE] [PRESET...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="${1:-$ROOT/results/gguf-presets.jsonl}"
shift || true
PRESETS="${*:-smollm2-135m gpt2 tinyllama-1.1b llama-3.2-1b}"
for preset in $PRESETS; do
  "$ROOT/inferbench" run --model "$preset" --engine llamacpp --threads 2 \
    --engine-opt dtype=F32,F16,Q8_0,Q6_K,Q5_K_M,Q4_K_M,Q4_0 \
    --prompt 128 --output 32 --warmup 1 --runs 3 --results "$RESULTS"
done
"$ROOT/inferbench" report "$RESULTS"
