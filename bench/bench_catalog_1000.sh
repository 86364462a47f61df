# Sourced by the UI and map benchmarks: a generated catalogue of 1,000 offers with the demo
# pictures in "$tmp/feed/" (needs $tmp).
mkdir -p "$tmp/feed/images"
i=0
for f in assets/demo/images/*.png; do cp "$f" "$tmp/feed/images/$i.png"; i=$((i + 1)); done
python3 tools/gen_catalog.py --offers 1000 --seed 7 --images "$i" --image-base images/ --out "$tmp/feed/feed.json"
