#!/usr/bin/env bash
# JMH: the PII masker (platform-contracts) on worst-case 4,000-character inputs and one ordinary message.
#   benchmarks/pii-jmh.sh                          # default: -f 2 -wi 3 -w 2s -i 3 -r 2s -t 1
#   benchmarks/pii-jmh.sh -f 1 -wi 1 -i 2          # JMH options replace the defaults
set -euo pipefail
[ $# -eq 0 ] && set -- -f 2 -wi 3 -w 2s -i 3 -r 2s -t 1
exec "$(dirname "$0")/jmh.sh" ".*PiiMaskerBenchmark.*" "$@"
