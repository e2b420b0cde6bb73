#!/usr/bin/env bash
# Korean figures of the NLU intent cascade (see KoreanEval): the service's default shop model on its held-out
# set and on ko-kochat (refusal of out-of-domain messages), and ko-parakqc paraphrase robustness.
# Data sets are read in place from ../shared/datasets (relative to the repository root) or $SUPPORTFLOW_DATASETS.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/../.mvn/select-jdk.sh"

[ -n "${SKIP_BUILD:-}" ] || "$here/build-classpath.sh" >&2
exec "$JAVA_HOME/bin/java" -Xmx3g -cp "$(cat "$here/target/classpath.txt"):$here/target/classes" \
  org.supportflow.benchmarks.eval.KoreanEval --repo-root "$root" "$@"
