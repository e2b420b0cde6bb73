# Sourced by the benchmark scripts; needs $here (benchmarks/) and $root. The first helpers compile one package of
# this module with javac against a few jars instead of building the whole module and nlu-service (load.sh,
# hop-latency.sh); the last ones run a class on the module's whole class path (the evaluation scripts).

newer_than() { # true when a file under $1 is newer than $2 (or $2 is missing)
  [ ! -e "$2" ] || [ -n "$(find "$1" -newer "$2" -type f -print -quit)" ]
}

# module_classpath <file> <group ids>: writes this module's runtime class path, only the jars of those groups, to
# <file> (offline, from ~/.m2) when a pom is newer than it; returns 1 when the file was already up to date.
module_classpath() {
  newer_than "$here/pom.xml" "$1" || newer_than "$root/pom.xml" "$1" || return 1
  "$root/mvnw" -o -q -f "$root/pom.xml" -pl benchmarks dependency:build-classpath \
    -Dmdep.outputFile="$1" -Dmdep.includeScope=runtime -Dmdep.includeGroupIds="$2" >&2
}

# compile_package <sources> <classes> <class path>: javac when a source is newer than the last compilation.
compile_package() {
  if newer_than "$1" "$2/.built"; then
    rm -rf "$2" && mkdir -p "$2"
    "$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$2" -cp "$3" "$1"/*.java >&2
    touch "$2/.built"
  fi
}

# require_dataset <name>: when the public data set is not in $SUPPORTFLOW_DATASETS (or ../shared/datasets), a
# SKIPPED line and exit 0: the data sets are for benchmarks only and do not ship with the project.
require_dataset() {
  local datasets="${SUPPORTFLOW_DATASETS:-$root/../shared/datasets}"
  if [ ! -d "$datasets/$1" ]; then
    echo "SKIPPED: $datasets/$1 not found; set SUPPORTFLOW_DATASETS to the folder that holds $1/."
    exit 0
  fi
}

# run_on_module_classpath <heap> <main class> [args]: builds the module and its class path (unless SKIP_BUILD=1,
# e.g. for runs in parallel) and replaces the shell with the JVM.
run_on_module_classpath() {
  local heap="$1" main="$2"
  shift 2
  [ -n "${SKIP_BUILD:-}" ] || "$here/build-classpath.sh" >&2
  exec "$JAVA_HOME/bin/java" "-Xmx$heap" -cp "$(cat "$here/target/classpath.txt"):$here/target/classes" "$main" "$@"
}
