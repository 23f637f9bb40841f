#!/usr/bin/env bash
# The README's engine comparison: gpt2 and Llama 3.2 1B on ONNX Runtime and llama.cpp, fp32 beside F32 and int8
# beside Q8_0, prompt 128 and 512, 64 output tokens. About 5 min for gpt2 and 31 min for Llama 3.2 1B on a
# 2-core machine (the 1B fp32 arm holds ~11 GB resident under ONNX Runtime).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-results/compare-engines}"
mkdir -p "$out"
./inferbench compare-engines --model gpt2 --engine onnx,llamacpp --weights fp32:F32,int8:Q8_0 \
    --prompt 128,512 --output 64 --results "$out/gpt2.jsonl" | tee "$out/gpt2.txt"
./inferbench compare-engines --model llama-3.2-1b --engine onnx,llamacpp --weights fp32:F32,int8:Q8_0 \
    --prompt 128,512 --output 64 --warmup 1 --runs 8 --results "$out/llama-3.2-1b.jsonl" | tee "$out/llama-3.2-1b.txt"
