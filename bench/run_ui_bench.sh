#!/usr/bin/env bash
# UI benchmark under Xvfb + Mesa llvmpipe at 1920x1080: start-up to the first frame with
# content (catalogue from the cache), CPU use while idle on the attract screen and on the
# static home screen (60 s each, real time), frame times during a scripted scroll through
# 1,000 offers with pictures, peak RSS. Prints numbers; asserts nothing.
#
#   bench/run_ui_bench.sh [build-dir] [idle-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
idle=${2:-60}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source bench/bench_catalog_1000.sh
cat > "$tmp/kiosk.json" <<JSON
{"kiosk": {"location": {"lat": 49.2354, "lon": 6.9969}}, "feed": {"url": "$tmp/feed/feed.json"}, "cache": {"dir": "$tmp/cache"}}
JSON
"$build/src/mint-kiosk" --config "$tmp/kiosk.json" --sync-once >/dev/null 2>&1

{
  echo "clock 2027-03-10T15:00:00+01:00"
  echo "measure start"; echo "realtime $idle"; echo "measure stop attract-idle"
  echo "tap attract"; echo "wait 1"
  echo "measure start"; echo "realtime $idle"; echo "measure stop home-idle"
  echo "tap home.all"; echo "wait 1"
  echo "measure start"
  for n in $(seq 1 25); do echo "swipe 960 1000 960 350 0.2"; echo "wait 0.6"; done
  echo "measure stop scroll"
} > "$tmp/bench.txt"
xvfb-run -a -s "-screen 0 1920x1080x24" "$build/src/mint-kiosk" --config "$tmp/kiosk.json" --windowed 1920x1080 \
  --script "$tmp/bench.txt" --script-out "$tmp/out" >/dev/null 2>${BENCH_STDERR:-/dev/null}

python3 - "$tmp/out" <<'PY'
import json, sys
out = sys.argv[1]
for name, label in [("attract-idle", "attract screen, idle"), ("home-idle", "home screen, static"), ("scroll", "scrolling 1,000 offers")]:
    d = json.load(open(f"{out}/{name}.json"))
    print(f"{label:26s} frames {d['frames']:5d} in {d['wall_s']:6.1f} s, CPU {d['cpu_percent_of_one_core']:5.2f} % of one core, "
          f"frame p50 {d['frame_ms_p50']:5.1f} ms, p95 {d['frame_ms_p95']:5.1f} ms, p99 {d['frame_ms_p99']:5.1f} ms, "
          f"(UI code p50 {d['build_ms_p50']:4.1f}, p95 {d['build_ms_p95']:4.1f} ms), peak RSS {d['peak_rss_mb']} MiB, textures {d['textures']} ({d['texture_mb']:.1f} MiB)")
PY

# Start-up: launch to the first frame with content, catalogue from the cache (real mode).
(timeout 6 xvfb-run -a -s "-screen 0 1920x1080x24" "$build/src/mint-kiosk" --config "$tmp/kiosk.json" --windowed 1920x1080 2>&1 || true) |
  grep -o "first frame with content [0-9]* ms after start"

# The watchdog's wake-ups on a static screen: the home screen idle with systemd's notify
# socket (a listener here) and WATCHDOG_USEC=2 s, so the loop pings every second (the units
# use 30 s: a ping every 15 s).
sock="$tmp/notify.sock"
python3 -c '
import socket, sys, os
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1]); n = 0
s.settimeout(1)
while os.path.exists(sys.argv[1] + ".run") or n == 0:
    try:
        if s.recv(256) == b"WATCHDOG=1": n += 1
    except socket.timeout:
        pass
open(sys.argv[1] + ".count", "w").write(str(n))
' "$sock" &
listener=$!
touch "$sock.run"
for _ in $(seq 50); do [[ -S "$sock" ]] && break; sleep 0.05; done
{ echo "tap attract"; echo "wait 1"; echo "measure start"; echo "realtime $idle"; echo "measure stop watchdog-idle"; } > "$tmp/wd.txt"
NOTIFY_SOCKET="$sock" WATCHDOG_USEC=2000000 xvfb-run -a -s "-screen 0 1920x1080x24" "$build/src/mint-kiosk" --config "$tmp/kiosk.json" \
  --windowed 1920x1080 --script "$tmp/wd.txt" --script-out "$tmp/out" >/dev/null 2>&1
rm -f "$sock.run"
wait $listener
python3 - "$tmp/out/watchdog-idle.json" "$(cat "$sock.count")" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"home screen + watchdog    frames {d['frames']:5d} in {d['wall_s']:6.1f} s, CPU {d['cpu_percent_of_one_core']:5.2f} % of one core, "
      f"{sys.argv[2]} WATCHDOG=1 pings received")
PY
