#!/usr/bin/env bash
# Publishing at network size: a synthetic spreadsheet of 10,000 offers with 2,000 distinct
# pictures (tools/gen_spreadsheet.py), then `mint-catalog import` and `mint-catalog build`
# (pictures scaled and stored by content, phone pages, gzip, signature), each timed from
# outside. Prints numbers; asserts nothing.
#
#   bench/run_publish_bench.sh [build-dir] [offers] [pictures]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
offers=${2:-10000}
pictures=${3:-2000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tools/gen_spreadsheet.py --offers "$offers" --pictures "$pictures" --out "$tmp/src"
"$build/src/mint-catalog" keygen --out "$tmp/netz" > /dev/null
t() { local s=$EPOCHREALTIME; "$@" > "$tmp/out.txt" 2>&1 || true; python3 -c "print(round($EPOCHREALTIME - $s, 2))"; }
echo "import: $offers rows -> feed.json: $(t "$build/src/mint-catalog" import "$tmp/src/angebote.csv" --out "$tmp/feed.json") s"
tail -1 "$tmp/out.txt"
echo "build: $offers offers, $pictures pictures, phone pages, signed: $(t "$build/src/mint-catalog" build "$tmp/src/angebote.csv" --out "$tmp/release" --key "$tmp/netz.key" --base-url https://mint.example/) s"
tail -1 "$tmp/out.txt"
echo "build again (nothing changed; pictures already stored): $(t "$build/src/mint-catalog" build "$tmp/src/angebote.csv" --out "$tmp/release" --key "$tmp/netz.key" --base-url https://mint.example/) s"
tail -1 "$tmp/out.txt"
echo "release folder: $(du -sh "$tmp/release" | cut -f1), $(find "$tmp/release" -type f | wc -l) files"
