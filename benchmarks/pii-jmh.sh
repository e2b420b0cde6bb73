#!/usr/bin/env bash
# JMH: the PII masker (platform-contracts) on worst-case 4,000-character inputs and one ordinary message.
#   benchmarks/pii-jmh.sh                          # default: -f 2 -wi 3 -w 2s -i 3 -r 2s -t 1
#   benchmarks/pii-jmh.sh -f 1 -wi 1 -i 2          # JMH options replace the defaults
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../.mvn/select-jdk.sh"

"$here/build-classpath.sh" >&2
cd "$here"
if [ $# -eq 0 ]; then
  set -- -f 2 -wi 3 -w 2s -i 3 -r 2s -t 1
fi
exec "$JAVA_HOME/bin/java" -cp "$(cat "$here/target/classpath.txt"):$here/target/classes" \
  org.openjdk.jmh.Main ".*PiiMaskerBenchmark.*" "$@"
