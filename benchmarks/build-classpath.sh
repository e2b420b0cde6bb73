#!/usr/bin/env bash
# Builds platform-contracts, nlu-service and this module (no tests, no Quarkus application packaging) and writes this
# module's runtime class path to target/classpath.txt. Used by nlu-eval.sh and nlu-jmh.sh.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/../.mvn/select-jdk.sh"

"$root/mvnw" -q -f "$root/pom.xml" -pl platform-contracts,nlu-service,benchmarks package dependency:build-classpath \
  -DskipTests -Dquarkus.build.skip=true -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
