#!/usr/bin/env bash
# JMH: latency and throughput of one full NLU classification (masking, entities, language, intent,
# sentiment, knowledge-base answer) per core, for Korean and for English messages.
#   benchmarks/nlu-jmh.sh                          # default: -f 1 -wi 3 -w 5s -i 5 -r 5s -t 1
#   benchmarks/nlu-jmh.sh -f 1 -wi 2 -i 3 -t 2     # JMH options replace the defaults
set -euo pipefail
[ $# -eq 0 ] && set -- -f 1 -wi 3 -w 5s -i 5 -r 5s -t 1
exec "$(dirname "$0")/jmh.sh" ".*ClassificationBenchmark.*" "$@"
