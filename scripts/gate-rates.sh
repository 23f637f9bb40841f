#!/usr/bin/env bash
# The regression gate's false alarms and detections on this machine (docs/confidence-intervals.md): N identical
# reruns of one configuration, each checked against the one before (`baseline save` run i, `baseline check` run
# i + 1), then N runs of the same configuration made 10 % slower, each checked against an identical baseline run.
#
#   scripts/gate-rates.sh [N] [OUT] -- [run flags]       (default N = 20, the calibration engine's 4 ms request)
#
# The calibration engine's slowdown is exact (step-us and prefill-us-per-token × 1.1); for gpt2, pass its flags and
# SLOW_OPT (e.g. SLOW_OPT="--engine-opt threads=1" against threads=2, which is slower by more than 10 %).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"; out="${2:-results/gate-rates}"
shift $(( $# < 2 ? $# : 2 ))
[ "${1:-}" = "--" ] && shift
flags=("$@")
if [ ${#flags[@]} -eq 0 ]; then
  flags=(--model demo --engine calibration --prompt 32 --output 16 --runs 15 --warmup 2
         --engine-opt prefill-us-per-token=25 --engine-opt step-us=200 --engine-opt jitter=0.02)
  slow=(--engine-opt prefill-us-per-token=27.5 --engine-opt step-us=220)
else
  read -r -a slow <<< "${SLOW_OPT:?give SLOW_OPT, the flags that make the run 10 % slower}"
fi
mkdir -p "$out"
false_alarms=0; caught=0
for i in $(seq 1 "$n"); do
  rm -f "$out/a.jsonl" "$out/b.jsonl" "$out/c.jsonl"
  ./inferbench run "${flags[@]}" --results "$out/a.jsonl" > /dev/null
  ./inferbench baseline save gate "$out/a.jsonl" --dir "$out/baselines" 2> /dev/null
  ./inferbench run "${flags[@]}" --results "$out/b.jsonl" > /dev/null
  if ! ./inferbench baseline check gate "$out/b.jsonl" --dir "$out/baselines" > "$out/check-same-$i.txt"; then
    false_alarms=$((false_alarms + 1))
  fi
  # the slower run keeps the baseline's config_key only where the slowdown is not a keyed setting: compare by key
  ./inferbench run "${flags[@]}" "${slow[@]}" --results "$out/c.jsonl" > /dev/null
  sed -i "s/\"config_key\":\"[0-9a-f]*\"/\"config_key\":\"$(grep -o '"config_key":"[0-9a-f]*"' "$out/a.jsonl" \
      | head -1 | cut -d'"' -f4)\"/" "$out/c.jsonl"
  if ! ./inferbench baseline check gate "$out/c.jsonl" --dir "$out/baselines" > "$out/check-slow-$i.txt"; then
    caught=$((caught + 1))
  fi
  echo "pair $i of $n: false alarms $false_alarms, slowdowns caught $caught" >&2
done
echo "identical reruns: $false_alarms false alarms in $n; 10 % slowdown: caught in $caught of $n" | tee "$out/rates.txt"
