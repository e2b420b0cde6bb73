#!/usr/bin/env bash
# Trains the NLU intent classifier on a public data set's training split and reports on its test split.
#   benchmarks/nlu-eval.sh banking77            # BANKING77: train.csv -> test.csv
#   benchmarks/nlu-eval.sh clinc150             # CLINC150 data_full.json: train -> test (+ oos_test),
#                                               # out-of-scope threshold chosen on val + oos_val only
#   benchmarks/nlu-eval.sh clinc150 --features w2,c2-5 --l2 0.01   # other settings (see NluEval)
#   benchmarks/nlu-eval.sh banking77 --dense-l2 1e-3    # a fixed encoder-stage L2 instead of the one chosen on the
#                                               # calibration slice; --dense-iterations N (the lexical
#                                               # stage and the embeddings are cached under benchmarks/target)
# Every run prints accuracy (CLINC150: in-scope accuracy, OOS recall) and the share of messages encoded at each
# operating point of the cascade; the last line is the service's default operating point.
# SKIP_BUILD=1 skips the Maven build (e.g. for runs in parallel).
# Data sets are read in place from ../shared/datasets (relative to the repository root), or from
# $SUPPORTFLOW_DATASETS. The last line is: dataset=<name> accuracy=<0..1> macro_f1=<0..1>[ oos_recall=<0..1>] encoded=<share>
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/../.mvn/select-jdk.sh"
. "$here/lib.sh"

dataset="${1:-}"
case "$dataset" in
  banking77|clinc150) shift ;;
  *) echo "usage: $0 <banking77|clinc150> [options: see NluEval]" >&2; exit 2 ;;
esac

require_dataset "$dataset"
run_on_module_classpath 6g org.supportflow.benchmarks.eval.NluEval "$dataset" --repo-root "$root" "$@"
