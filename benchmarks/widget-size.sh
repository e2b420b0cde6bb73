#!/usr/bin/env bash
# What the web chat widget costs a page: each file it loads (the embedded loader and its ES modules), raw and
# gzipped (gzip -9, as a server or CDN compresses it), and the total; ends with one line
#   files=<N> raw_bytes=<sum> gzip_bytes=<sum of each file gzipped>
#   benchmarks/widget-size.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
widget="$root/gateway-service/src/main/resources/widget"

total_raw=0
total_gzip=0
count=0
printf '%-20s %10s %10s\n' file raw_bytes gzip_bytes
for file in "$widget/widget.js" "$widget"/assets/*.js; do
  raw=$(wc -c <"$file")
  gzipped=$(gzip -9 -c "$file" | wc -c)
  printf '%-20s %10d %10d\n' "${file#"$widget"/}" "$raw" "$gzipped"
  total_raw=$((total_raw + raw))
  total_gzip=$((total_gzip + gzipped))
  count=$((count + 1))
done
echo "files=$count raw_bytes=$total_raw gzip_bytes=$total_gzip"
