#!/usr/bin/env bash
# The latency-curve sweep, A B A B: A is the file as it stands (5 fixed runs a point), B the same sweep with
# --time-budget equal to the wall time A just took (--target-ci 3). Then the sweep under --time-budget 5m alone.
# Each budgeted run's results file starts with the preparation run's records (one request each), as a results file
# that has seen the sweep before would: the budget's estimates of opening and request times come from them.
# Prints, per arm, the wall time and how many of the 12 points have a 95 % CI half-width (the record's bootstrap CI
# of the headline mean) within 3 % of the mean. About 35 min on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/latency-curve-budget}
mkdir -p "$OUT"
SWEEP=configs/latency-curve.yaml

echo "preparing the models (one request each, not counted)..."
./inferbench sweep "$SWEEP" --runs 1 --warmup 0 --no-report --results "$OUT/prep.jsonl" > "$OUT/prep.log" 2>&1

timed() { # name, args...: runs the sweep, records its wall time in seconds
  local name=$1; shift
  local s e
  s=$(date +%s.%N)
  ./inferbench sweep "$SWEEP" --results "$OUT/$name.jsonl" --out "$OUT/report-$name" "$@" > "$OUT/$name.log" 2>&1 || true
  e=$(date +%s.%N)
  python3 -c "print(round($e - $s, 1))" > "$OUT/$name.seconds"
}

for i in 1 2; do
  timed "fixed-$i"
  budget="$(cut -d. -f1 < "$OUT/fixed-$i.seconds")s"
  cp "$OUT/prep.jsonl" "$OUT/budget-$i.jsonl"
  timed "budget-$i" --time-budget "$budget" --target-ci 3
done
cp "$OUT/prep.jsonl" "$OUT/budget-5m.jsonl"
timed "budget-5m" --time-budget 5m

python3 - "$OUT" <<'PY'
import json, sys, glob, os
out = sys.argv[1]
for name in ["fixed-1", "budget-1", "fixed-2", "budget-2", "budget-5m"]:
    f = os.path.join(out, name + ".jsonl")
    if not os.path.exists(f):
        continue
    recs = [json.loads(l) for l in open(f) if l.strip()]
    if not recs:
        continue
    run = recs[-1]["run_id"]  # this arm's run, not the preparation records it started from
    ok = [r for r in recs if r["status"] == "ok" and r["run_id"] == run]
    rows, within = [], 0
    for r in ok:
        w = r["workload"]; m = r["metrics"][w["headline"]]
        half = (m["mean_ci_high"] - m["mean_ci_low"]) / 2 / abs(m["mean"]) * 100
        within += half <= 3
        rows.append(f'{w["model"].split(" ")[0]}@{w["prompt"]}: ±{half:.1f}% n={m["count"]}')
    secs = open(os.path.join(out, name + ".seconds")).read().strip()
    print(f"{name}: {secs} s, {within}/{len(ok)} within 3 %; " + ", ".join(rows))
    if not ok:
        print("  " + open(os.path.join(out, name + ".log")).read().strip().splitlines()[-1])
PY
