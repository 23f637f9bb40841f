#!/usr/bin/env bash
# Per-class test times of the last `./run-tests` (from surefire's reports), slowest first, as a Markdown table:
# the figures behind docs/testing.md's tiers. Usage: scripts/test-timings.sh [REPORT_DIR] [TOP]
set -euo pipefail
dir="${1:-$(cd "$(dirname "$0")/.." && pwd)/target/surefire-reports}"
top="${2:-40}"
[ -d "$dir" ] || { echo "test-timings: no surefire reports in $dir: run ./run-tests first" >&2; exit 2; }
python3 - "$dir" "$top" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
d, top = sys.argv[1], int(sys.argv[2])
rows = []
for f in glob.glob(os.path.join(d, "TEST-*.xml")):
    s = ET.parse(f).getroot()
    rows.append((float(s.get("time", 0)), s.get("name").rsplit(".", 1)[-1], int(s.get("tests", 0)),
                 int(s.get("skipped", 0))))
rows.sort(reverse=True)
total = sum(r[0] for r in rows)
print(f"| class | tests | skipped | seconds | share |\n| --- | --- | --- | --- | --- |")
for t, name, n, sk in rows[:top]:
    print(f"| {name} | {n} | {sk} | {t:.1f} | {100 * t / total:.1f} % |")
print(f"\n{len(rows)} classes, {sum(r[2] for r in rows)} tests, {total:.0f} s in test classes")
PY
