#!/usr/bin/env bash
# CLINC150 out-of-scope detection with a separate in/out decision (issue 12): the cascade answers, a score over both
# stages' probabilities and the MiniLM embedding's neighbourhood in the training data decides whether to refuse.
#   benchmarks/oos-eval.sh          # table of in-scope accuracy / OOS recall, val (where every choice is made) and test,
#                                   # at encode_below 0.7 ... 1.01; at each, the refusal for the messages the encoder saw
#                                   # (embedding signals) and for those it did not (lexical signals, or no refusal);
#                                   # last, the refusal signals' CPU per encoded message
# Reuses the lexical stage and the embeddings that benchmarks/nlu-eval.sh clinc150 caches under benchmarks/target
# (trains and encodes them when absent, which takes 25-60 min on a shared 2-core machine).
# SKIP_BUILD=1 skips the Maven build. Data sets are read from $SUPPORTFLOW_DATASETS or ../shared/datasets.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/../.mvn/select-jdk.sh"
. "$here/lib.sh"

require_dataset clinc150
run_on_module_classpath 6g org.supportflow.benchmarks.eval.OosEval --repo-root "$root" "$@"
