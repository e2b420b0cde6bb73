#!/usr/bin/env bash
# A public data set written as a domain bundle and trained by the running platform's own training job, through the
# NLU's admin API (the job is never promoted: the active domain keeps serving). Needs a running platform
# (deploy/local/up.sh) with the local realm's admin1 user.
#   benchmarks/domain-eval.sh banking77                          # the whole training split
#   benchmarks/domain-eval.sh banking77 --shots 5,10,20,50 --seeds 3   # how much must a company write?
#   benchmarks/domain-eval.sh hwu64 --shots 5,10,20,50 --seeds 3
#   benchmarks/domain-eval.sh banking77 --shots 10 --seeds 3 --offline   # no platform: the same bundle trained and
#                                               # judged in this process by the service's trainer and report
# Other options: --nlu URL (http://127.0.0.1:8081), --keycloak URL (http://127.0.0.1:8180), --user, --password.
# Data sets are read in place from ../shared/datasets (relative to the repository root), or $SUPPORTFLOW_DATASETS.
# SKIP_BUILD=1 skips the Maven build (the class path of an earlier build is used).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/../.mvn/select-jdk.sh"
. "$here/lib.sh"

dataset="${1:-}"
case "$dataset" in
  banking77|hwu64) shift ;;
  *) echo "usage: $0 <banking77|hwu64> [--shots 0|5,10,20,50] [--seeds N] [--nlu URL] [--keycloak URL]" >&2; exit 2 ;;
esac

require_dataset "$dataset"
run_on_module_classpath 1g org.supportflow.benchmarks.domain.DomainEval "$dataset" --repo-root "$root" "$@"
