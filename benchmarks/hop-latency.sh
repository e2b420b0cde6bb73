#!/usr/bin/env bash
# Where a message's time goes between the gateway and the bot's reply, per hop (gateway, nlu, routing and
# their sends), for the messages of the last N seconds, read from the running platform's Kafka topics:
#   benchmarks/hop-latency.sh                      # the last 60 s, Kafka at localhost:9092
#   benchmarks/hop-latency.sh --seconds 30 --bootstrap localhost:19092
# Run it right after benchmarks/load.sh (see BENCHMARKS.md, "Load"). Like load.sh it compiles its own package
# with javac against platform-contracts and the Kafka client, instead of building the whole benchmarks module.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/../.mvn/select-jdk.sh"

sources="$here/src/main/java/org/supportflow/benchmarks/hops"
classes="$here/target/hops-classes"
classpath_file="$here/target/hops-classpath.txt"
contracts="$root/platform-contracts"

newer_than() { # true when a file under $1 is newer than $2 (or $2 is missing)
  [ ! -e "$2" ] || [ -n "$(find "$1" -newer "$2" -type f -print -quit)" ]
}

mkdir -p "$here/target"
if newer_than "$contracts/src/main" "$classpath_file" || newer_than "$here/pom.xml" "$classpath_file"; then
  echo "building platform-contracts, resolving the Kafka client" >&2
  "$root/mvnw" -o -q -f "$root/pom.xml" -pl platform-contracts package -DskipTests >&2
  # the benchmarks module's runtime class path (Jackson, and the Kafka client through nlu-service's messaging)
  "$root/mvnw" -o -q -f "$root/pom.xml" -pl benchmarks dependency:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime \
    -Dmdep.includeGroupIds=org.apache.kafka,org.slf4j,com.fasterxml.jackson.core,com.fasterxml.jackson.datatype,org.lz4,at.yawk.lz4,org.xerial.snappy,com.github.luben >&2
  rm -rf "$classes"
fi
classpath="$contracts/target/classes:$(cat "$classpath_file")"
if newer_than "$sources" "$classes/.built"; then
  rm -rf "$classes" && mkdir -p "$classes"
  "$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$classes" -cp "$classpath" "$sources"/*.java >&2
  touch "$classes/.built"
fi
exec "$JAVA_HOME/bin/java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Xmx512m -XX:TieredStopAtLevel=1 -cp "$classes:$classpath" \
  org.supportflow.benchmarks.hops.HopLatency "$@"
