#!/usr/bin/env bash
# CPU while closed (config `display`: the opening hours): the real app under Xvfb + Mesa at
# 1920x1080 with 1,000 offers, the real event loop for N seconds on a Saturday night (closed),
# then the same on a Tuesday afternoon on the attract screen (open) for comparison. Prints
# frames drawn and CPU use; asserts nothing.
#
#   bench/run_closed_bench.sh [build-dir] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
seconds=${2:-60}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source bench/bench_catalog_1000.sh
cat > "$tmp/kiosk.json" <<JSON
{"kiosk": {"location": {"lat": 49.2354, "lon": 6.9969}}, "feed": {"url": "$tmp/feed/feed.json"}, "cache": {"dir": "$tmp/cache"},
 "display": {"hours": [{"days": ["MO", "TU", "WE", "TH", "FR"], "open": "08:00", "close": "18:00"}], "off": "blank"}}
JSON
"$build/src/mint-kiosk" --config "$tmp/kiosk.json" --sync-once >/dev/null 2>&1

for phase in closed open; do
  {
    if [[ $phase == closed ]]; then echo "clock 2027-03-13T02:00:00+01:00"; else echo "clock 2027-03-09T15:00:00+01:00"; fi
    echo "wait 2"
    echo "measure start"; echo "realtime $seconds"; echo "measure stop $phase"
  } > "$tmp/$phase.txt"
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/src/mint-kiosk" --config "$tmp/kiosk.json" --windowed 1920x1080 \
    --script "$tmp/$phase.txt" --script-out "$tmp/out" >/dev/null 2>${BENCH_STDERR:-/dev/null}
done

python3 - "$tmp/out" <<'PY'
import json, sys
out = sys.argv[1]
for name, label in [("closed", "closed (Saturday night)"), ("open", "open, attract screen")]:
    d = json.load(open(f"{out}/{name}.json"))
    print(f"{label:26s} frames {d['frames']:5d} in {d['wall_s']:6.1f} s, CPU {d['cpu_percent_of_one_core']:6.3f} % of one core, "
          f"CPU time {d['cpu_s']:.3f} s")
PY
