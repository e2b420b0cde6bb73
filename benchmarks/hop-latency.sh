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

. "$here/lib.sh"

sources="$here/src/main/java/org/supportflow/benchmarks/hops"
classes="$here/target/hops-classes"
kafka_classpath_file="$here/target/hops-kafka-classpath.txt"
contracts="$root/platform-contracts"

mkdir -p "$here/target"
if newer_than "$contracts/src/main" "$contracts/target/classes"; then
  echo "building platform-contracts" >&2
  "$root/mvnw" -o -q -f "$root/pom.xml" -pl platform-contracts package -DskipTests >&2
  rm -rf "$classes"
fi
# Jackson, and the Kafka client (through nlu-service's messaging) with what it loads
if module_classpath "$kafka_classpath_file" \
    org.apache.kafka,org.slf4j,com.fasterxml.jackson.core,com.fasterxml.jackson.datatype,org.lz4,at.yawk.lz4,org.xerial.snappy,com.github.luben; then
  rm -rf "$classes"
fi
classpath="$contracts/target/classes:$(cat "$kafka_classpath_file")"
compile_package "$sources" "$classes" "$classpath"
exec "$JAVA_HOME/bin/java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Xmx512m -XX:TieredStopAtLevel=1 -cp "$classes:$classpath" \
  org.supportflow.benchmarks.hops.HopLatency "$@"
