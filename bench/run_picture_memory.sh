#!/usr/bin/env bash
# Peak memory of a sync whose feed links 16 pictures of 4096 x 4096 pixels (small PNGs of one
# colour each, about 50 KB on the wire, 64 MiB each when decoded). The process-wide decode
# budget (src/media/image_decode.hpp) keeps the peak bounded whatever a feed links.
#
#   bench/run_picture_memory.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, struct, sys, zlib
work = sys.argv[1]
def png(w, h, seed):
    row = b"\x00" + bytes([(seed * 37) % 256, (seed * 91) % 256, 128]) * w
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * h, 9)) + chunk(b"IEND", b""))
for i in range(16):
    open(f"{work}/p{i}.png", "wb").write(png(4096, 4096, i))
feed = json.load(open("assets/demo/feed.json"))
feed["offers"] = feed["offers"][:16]
for i, o in enumerate(feed["offers"]):
    o["images"] = [{"url": f"p{i}.png", "alt": "Bild"}]
feed["stories"] = []
json.dump(feed, open(f"{work}/feed.json", "w"))
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$work" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
sleep 1
cat > "$work/kiosk.json" <<JSON
{"feed": {"url": "http://127.0.0.1:$port/feed.json"}, "cache": {"dir": "$work/cache"}}
JSON
python3 - "$build/src/mint-kiosk" "$work/kiosk.json" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
r = subprocess.run([sys.argv[1], "--config", sys.argv[2], "--sync-once"], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(r.stdout.strip())
print(f"16 pictures of 4096x4096: exit {r.returncode}, {time.monotonic() - start:.2f} s, peak RSS {peak:.0f} MiB")
PY
