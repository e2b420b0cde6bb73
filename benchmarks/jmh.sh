#!/usr/bin/env bash
# Runs JMH benchmarks of this module: benchmarks/jmh.sh <benchmark regex> [JMH options]
# (nlu-jmh.sh and pii-jmh.sh call it with their benchmark and default options).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../.mvn/select-jdk.sh"

if [ $# -lt 1 ]; then
  echo "usage: $0 <benchmark regex> [JMH options]" >&2
  exit 2
fi
benchmark="$1"
shift
"$here/build-classpath.sh" >&2
cd "$here"
exec "$JAVA_HOME/bin/java" -cp "$(cat "$here/target/classpath.txt"):$here/target/classes" \
  org.openjdk.jmh.Main "$benchmark" "$@"
