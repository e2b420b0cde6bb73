#!/usr/bin/env bash
# CLINC150 out-of-scope detection with a separate in/out decision (issue 12): the cascade answers, a score over both
# stages' probabilities and the MiniLM embedding's neighbourhood in the training data decides whether to refuse.
#   benchmarks/oos-eval.sh          # table of in-scope accuracy / OOS recall, val (where every choice is made) and test
# Reuses the lexical stage and the embeddings that benchmarks/nlu-eval.sh clinc150 caches under benchmarks/target
# (trains and encodes them when absent, which takes 25-60 min on a shared 2-core machine).
# SKIP_BUILD=1 skips the Maven build. Data sets are read from $SUPPORTFLOW_DATASETS or ../shared/datasets.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/../.mvn/select-jdk.sh"

datasets="${SUPPORTFLOW_DATASETS:-$root/../shared/datasets}"
if [ ! -d "$datasets/clinc150" ]; then
  echo "SKIPPED: $datasets/clinc150 not found; set SUPPORTFLOW_DATASETS to the folder that holds clinc150/."
  exit 0
fi

[ -n "${SKIP_BUILD:-}" ] || "$here/build-classpath.sh" >&2
exec "$JAVA_HOME/bin/java" -Xmx6g -cp "$(cat "$here/target/classpath.txt"):$here/target/classes" \
  org.supportflow.benchmarks.eval.OosEval --repo-root "$root" "$@"
