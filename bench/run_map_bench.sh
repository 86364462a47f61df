#!/usr/bin/env bash
# Map benchmark under Xvfb + Mesa llvmpipe at 1920x1080: frame times while the map is
# panned (with flings) and zoomed (buttons, double taps) over an MBTiles package with
# 1,000 offers as markers; the tile texture memory after panning enough to fill the pool.
# Prints numbers; asserts nothing.
#
#   bench/run_map_bench.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source bench/bench_catalog_1000.sh
"$build/tools/mint-make-tiles" --out "$tmp/region.mbtiles" --bbox 6.0,48.9,7.8,49.9 --zoom 8-13 2>/dev/null
cat > "$tmp/kiosk.json" <<JSON
{"kiosk": {"location": {"lat": 49.2354, "lon": 6.9969}}, "feed": {"url": "$tmp/feed/feed.json"}, "cache": {"dir": "$tmp/cache"},
 "map": {"mbtiles": "$tmp/region.mbtiles", "min_zoom": 9, "max_zoom": 16}}
JSON
"$build/src/mint-kiosk" --config "$tmp/kiosk.json" --sync-once >/dev/null 2>&1

{
  echo "clock 2027-03-10T15:00:00+01:00"
  echo "tap attract"; echo "tap home.map"; echo "wait 1"
  echo "measure start"
  for n in $(seq 1 6); do
    echo "swipe 1300 700 700 500 0.25"; echo "wait 1.2"
    echo "swipe 700 500 1300 700 0.25"; echo "wait 1.2"
  done
  echo "tap map.zoom_in"; echo "wait 0.6"; echo "tap map.zoom_in"; echo "wait 0.6"
  echo "tap 900 600"; echo "tap 900 600"; echo "wait 0.6"
  echo "tap map.zoom_out"; echo "wait 0.6"; echo "tap map.zoom_out"; echo "wait 0.6"; echo "tap map.zoom_out"; echo "wait 0.6"
  echo "measure stop pan-zoom"
  # Fill the tile pool: zoom 13, then pan across the region.
  echo "tap map.zoom_in"; echo "wait 0.6"; echo "tap map.zoom_in"; echo "wait 0.6"; echo "tap map.zoom_in"; echo "wait 0.6"
  for n in $(seq 1 14); do echo "swipe 1600 540 200 540 0.2"; echo "wait 1.5"; done
  for n in $(seq 1 6); do echo "swipe 960 900 960 200 0.2"; echo "wait 1.5"; done
  echo "dump full-pool"
} > "$tmp/bench.txt"
xvfb-run -a -s "-screen 0 1920x1080x24" "$build/src/mint-kiosk" --config "$tmp/kiosk.json" --windowed 1920x1080 \
  --script "$tmp/bench.txt" --script-out "$tmp/out" >/dev/null 2>&1

python3 - "$tmp/out" <<'PY'
import json, sys
out = sys.argv[1]
d = json.load(open(f"{out}/pan-zoom.json"))
print(f"map pan + zoom (1,000 offers)  frames {d['frames']:5d} in {d['wall_s']:5.1f} s, frame p50 {d['frame_ms_p50']:5.1f} ms, "
      f"p95 {d['frame_ms_p95']:5.1f} ms, p99 {d['frame_ms_p99']:5.1f} ms (UI code p50 {d['build_ms_p50']:4.1f}, p95 {d['build_ms_p95']:4.1f} ms), "
      f"peak RSS {d['peak_rss_mb']} MiB")
m = json.load(open(f"{out}/full-pool.json"))["map"]
print(f"after panning at zoom {m['zoom']:.0f}: tile textures {m['tile_textures_mb']:.1f} MiB (pool: 3 atlases, 192 tiles), "
      f"visible {m['tiles']['visible']}, uncovered {m['tiles']['uncovered']}")
PY
