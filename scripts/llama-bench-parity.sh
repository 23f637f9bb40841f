#!/usr/bin/env bash
# InferBench's llamacpp engine against llama.cpp's own llama-bench, same file, same build, same threads: prefill
# tok/s (llama-bench -p 128 -n 0 against `inferbench run --prompt 128`: 128 / TTFT) and decode tok/s (llama-bench
# -p 0 -n 64 -d 128, 64 tokens after 128 of context, against --output 64: 63 / (E2E - TTFT)). The two alternate
# ROUNDS times per file, so a machine that slows down or speeds up does so for both; each round gives one ratio per
# metric, and the table gives the ratios' mean with a 95 % confidence interval (Student's t over the rounds).
#   scripts/llama-bench-parity.sh [FILE.gguf ...]
# Without files it writes the issue's four with `inferbench synth` into $OUT (llama-3.2-1b Q4_K_M, Q4_0, Q8_0;
# smollm2-135m F16). Environment: LLAMA_BIN (a build's bin/ with llama-bench; default the pinned build from
# bin/llama-cpp-build), THREADS (2), ROUNDS (5), REPS (llama-bench -r and inferbench --runs, 5), OUT (target/parity).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${THREADS:-2}"; ROUNDS="${ROUNDS:-5}"; REPS="${REPS:-5}"; OUT="${OUT:-$ROOT/target/parity}"
LLAMA_BIN="${LLAMA_BIN:-$("$ROOT/bin/llama-cpp-build")}"
mkdir -p "$OUT"
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  for spec in llama-3.2-1b:Q4_K_M llama-3.2-1b:Q4_0 llama-3.2-1b:Q8_0 smollm2-135m:F16; do
    m=${spec%%:*}; t=${spec##*:}; d="$OUT/$m-$t"
    [ -n "$(ls "$d"/*.gguf 2>/dev/null)" ] \
      || "$ROOT/inferbench" synth "$m" --model-format gguf --dtype "$t" --out "$d/" >&2
    files+=("$(ls "$d"/*.gguf | head -1)")
  done
fi
raw="$OUT/rounds.tsv"; : >"$raw"
for f in "${files[@]}"; do
  name="$(basename "$(dirname "$f")")/$(basename "$f")"
  for r in $(seq 1 "$ROUNDS"); do
    pp=$("$LLAMA_BIN/llama-bench" -m "$f" -t "$THREADS" -ngl 0 -r "$REPS" -p 128 -n 0 -o json 2>/dev/null \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["avg_ts"])')
    tg=$("$LLAMA_BIN/llama-bench" -m "$f" -t "$THREADS" -ngl 0 -r "$REPS" -p 0 -n 64 -d 128 -o json 2>/dev/null \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["avg_ts"])')
    ib=$("$ROOT/inferbench" run --model "$f" --engine llamacpp --engine-opt lib="$LLAMA_BIN" \
      --engine-opt threads="$THREADS" --prompt 128 --output 64 --warmup 1 --runs "$REPS" --format json \
      --results "$OUT/results.jsonl" 2>/dev/null | python3 -c '
import json,sys
r=json.loads(sys.stdin.readline())["metrics"]
print(r["prefill_throughput"]["mean"], r["decode_throughput"]["mean"])')
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$pp" "$tg" ${ib} | tee -a "$raw" >&2
  done
done
python3 - "$raw" <<'PY'
import sys, statistics as st
from collections import OrderedDict
T = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}
rows = OrderedDict()
for line in open(sys.argv[1]):
    n, pp, tg, ipp, itg = line.split("\t")
    rows.setdefault(n, []).append((float(pp), float(tg), float(ipp), float(itg)))
def ci(xs):
    m = st.mean(xs)
    if len(xs) < 2: return m, float("nan"), float("nan")
    h = T.get(len(xs) - 1, 1.96) * st.stdev(xs) / len(xs) ** 0.5
    return m, m - h, m + h
print("| file | llama-bench pp128 / tg64@d128 tok/s | InferBench prefill / decode tok/s "
      "| prefill ratio (95 % CI) | decode ratio (95 % CI) |")
print("| --- | --- | --- | --- | --- |")
for n, rs in rows.items():
    pr = ci([r[2] / r[0] for r in rs]); dr = ci([r[3] / r[1] for r in rs])
    print("| %s | %.1f / %.1f | %.1f / %.1f | %.2f (%.2f–%.2f) | %.2f (%.2f–%.2f) |" % (n,
          st.mean(r[0] for r in rs), st.mean(r[1] for r in rs), st.mean(r[2] for r in rs), st.mean(r[3] for r in rs),
          *pr, *dr))
PY
