#!/usr/bin/env bash
# Load driver: signed messages at a fixed rate to a running platform (deploy/local/up.sh), conversations of
# many customers in held-out Korean and English text (read from nlu-service); ends with one line
#   rate=<N> achieved=<msg/s> p50_ms=<> p90_ms=<> p99_ms=<> errors=<count> lost=<count>
#   benchmarks/load.sh --rate 500 --seconds 30
#   benchmarks/load.sh --gateway http://127.0.0.1:18080 --tickets http://127.0.0.1:18083 \
#       --keycloak http://127.0.0.1:18180 --rate 1000 --seconds 20
#   benchmarks/load.sh --help
# The driver needs only platform-contracts, Jackson and Vert.x core (with Netty): this builds platform-contracts
# (no tests), resolves Vert.x from the benchmarks module's dependencies (offline, ~/.m2) and compiles the driver's
# own package with javac, instead of the whole benchmarks module and nlu-service.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/../.mvn/select-jdk.sh"

. "$here/lib.sh"

sources="$here/src/main/java/org/supportflow/benchmarks/load"
classes="$here/target/load-classes"
classpath_file="$here/target/load-classpath.txt"
vertx_classpath_file="$here/target/load-vertx-classpath.txt"
contracts="$root/platform-contracts"

mkdir -p "$here/target"
if newer_than "$contracts/src/main" "$classpath_file" || newer_than "$contracts/pom.xml" "$classpath_file"; then
  echo "building platform-contracts" >&2
  "$root/mvnw" -o -q -f "$root/pom.xml" -pl platform-contracts package dependency:build-classpath \
    -DskipTests -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime >&2
  rm -rf "$classes"
fi
if module_classpath "$vertx_classpath_file" io.vertx,io.netty; then
  rm -rf "$classes"
fi
classpath="$contracts/target/classes:$(cat "$classpath_file"):$(cat "$vertx_classpath_file")"
compile_package "$sources" "$classes" "$classpath"

# The serial collector and a large young generation (few, short pauses), and the C1 compiler only (C2
# spent as much CPU compiling the driver's send path as the driver spent sending in a 20 s run at 500 msg/s;
# with C1 alone the driver costs half): the driver shares the platform's two cores and should leave them to
# the platform. SUPPORTFLOW_LOAD_JAVA_OPTS replaces these JVM options (e.g. to add -Xlog:gc).
# The log manager property: platform-contracts brings JBoss LogManager, which complains when the JDK's logging
# (Vert.x) starts first. Netty uses sun.misc.Unsafe, which JDK 25 warns about unless allowed.
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -Djava.util.logging.manager=org.jboss.logmanager.LogManager ${SUPPORTFLOW_LOAD_JAVA_OPTS:--Xms1g -Xmx1g -Xmn700m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
  -Dsupportflow.root="$root" -cp "$classes:$classpath" "${SUPPORTFLOW_LOAD_MAIN:-org.supportflow.benchmarks.load.LoadDriver}" "$@"
