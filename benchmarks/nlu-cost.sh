#!/usr/bin/env bash
# CPU time per message of the NLU on one thread, on a 50/50 Korean/English mix of realistic messages (the shop
# domain's held-out sets), at each operating point of the intent cascade, plus the encoder alone with the
# service's ONNX session and with ONNX Runtime's defaults.
#   benchmarks/nlu-cost.sh        # 3 measured passes over the 1,250 messages after 2 warm-up passes
#   benchmarks/nlu-cost.sh 10     # more passes
#   benchmarks/nlu-cost.sh --encode-below 0.7,0.9,0.95,0.98   # only these operating points (default: 0 ... 1.01)
# SKIP_BUILD=1 skips the Maven build.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../.mvn/select-jdk.sh"

[ -n "${SKIP_BUILD:-}" ] || "$here/build-classpath.sh" >&2
cd "$here"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$(cat "$here/target/classpath.txt"):$here/target/classes" \
  org.supportflow.benchmarks.cost.NluCost "$@"
