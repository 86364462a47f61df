#!/usr/bin/env bash
# Start-up of the kiosk measured from outside the process: launch to the first frame on the
# X server (bench/startup_probe watches the screen through Xvfb), full screen 1920x1080,
# Mesa llvmpipe, the catalogue in the cache (1,000 and 10,000 generated offers). Also prints
# the kiosk's own breakdown (its "start-up:" log line). The configuration has the demo
# admin PIN hash, as every shipped one does. Prints numbers; asserts nothing.
#
#   bench/run_startup_bench.sh [build-dir] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-7}
tmp=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$tmp"' EXIT
exec 3> "$tmp/display"
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 2>/dev/null &
xvfb=$!
for _ in $(seq 100); do [[ -s "$tmp/display" ]] && break; sleep 0.05; done
export DISPLAY=":$(cat "$tmp/display")"

for offers in 1000 10000; do
  mkdir -p "$tmp/$offers/feed/images"
  i=0
  for f in assets/demo/images/*.png; do cp "$f" "$tmp/$offers/feed/images/$i.png"; i=$((i + 1)); done
  python3 tools/gen_catalog.py --offers "$offers" --seed 7 --images "$i" --image-base images/ --out "$tmp/$offers/feed/feed.json"
  cat > "$tmp/$offers/kiosk.json" <<JSON
{"kiosk": {"location": {"lat": 49.2354, "lon": 6.9969}}, "feed": {"url": "$tmp/$offers/feed/feed.json"}, "cache": {"dir": "$tmp/$offers/cache"},
 "admin": {"pin_hash": "$(python3 -c 'import json; print(json.load(open("config/demo.json"))["admin"]["pin_hash"])')"}}
JSON
  "$build/src/mint-kiosk" --config "$tmp/$offers/kiosk.json" --sync-once >/dev/null 2>&1
  times=()
  for _ in $(seq "$runs"); do
    times+=("$("$build/bench/startup_probe" "$build/src/mint-kiosk" --config "$tmp/$offers/kiosk.json" 2>/dev/null)")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  echo "launch to first frame, $offers offers, 1920x1080 (ms, $runs runs, sorted): $sorted"
  (timeout 3 "$build/src/mint-kiosk" --config "$tmp/$offers/kiosk.json" 2>&1 || true) | grep -o "start-up: .*" | head -1 | sed "s/^/  $offers offers, the kiosk's own breakdown: /" || true
done
