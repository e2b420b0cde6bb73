#!/usr/bin/env bash
# Brings up the SupportFlow local platform on this machine, from Maven artifacts only (no Docker):
# Apache Kafka (KRaft), PostgreSQL (the machine's, or embedded binaries), Keycloak, and the five services.
# Returns once everything answers its health checks. Safe to run again: what runs is left alone.
# Stop it all with deploy/local/down.sh.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<EOF
Usage: deploy/local/up.sh [--build] [--with-monitoring] [--help]

Starts, in this order, and waits until each is ready:
  Kafka ${SF_HOST}:${SF_KAFKA_PORT} (controller ${SF_KAFKA_CONTROLLER_PORT}) and the platform's topics,
  PostgreSQL ${SF_HOST}:${SF_POSTGRES_PORT} (the machine's when it answers, else embedded),
  Keycloak http://${SF_HOST}:${SF_KEYCLOAK_PORT} (realm support),
  gateway, nlu, routing, ticket and analytics services on 8080-8084 (and their extra replicas).
Data, logs and pid files live under ${SF_LOCAL_DIR}.

  --build   rebuild everything first (./mvnw -q -DskipTests install); by default only when a jar is missing
  --with-monitoring
            also run Prometheus on ${SF_HOST}:${SF_PROMETHEUS_PORT}, scraping every instance started here and
            evaluating the platform's alert rules (deploy/monitoring/alerts.yml); needs the prometheus
            program (Debian: apt-get install prometheus; or SUPPORTFLOW_PROMETHEUS=/path/to/prometheus)

Environment (all optional):
  SUPPORTFLOW_SKIP_BUILD=1         never build; fail if something is not built
  SUPPORTFLOW_SERVICES="a b"       start only these services (default: all five), e.g. to run one from an IDE
  SUPPORTFLOW_{GATEWAY,NLU,ROUTING,TICKET,ANALYTICS}_REPLICAS=1
                                   copies of a service (1-9), as a cluster runs pods: replica k is the instance
                                   <service>-k on the service's port + 10 x (k - 1), e.g. gateway-service-2 on 8090
  SUPPORTFLOW_PARTITIONS=6         partitions per topic
  SUPPORTFLOW_POSTGRES=auto        auto | machine | embedded
  SUPPORTFLOW_DB_NAME=supportflow  database created for the services
  DB_URL, DB_USER, DB_PASSWORD     use this database instead (nothing is started for PostgreSQL)
  SUPPORTFLOW_KAFKA_PORT, SUPPORTFLOW_KAFKA_CONTROLLER_PORT, SUPPORTFLOW_POSTGRES_PORT,
  SUPPORTFLOW_KEYCLOAK_PORT, SUPPORTFLOW_KEYCLOAK_MANAGEMENT_PORT, SUPPORTFLOW_PROMETHEUS_PORT,
  SUPPORTFLOW_{GATEWAY,NLU,ROUTING,TICKET,ANALYTICS}_PORT    move a port
  SUPPORTFLOW_QUARKUS_PROFILE=dev  profile the services run with
  SUPPORTFLOW_SERVICE_JAVA_OPTS    JVM options of the services (default: -Xms64m -Xmx512m, the NLU -Xmx1g)
  SUPPORTFLOW_SERVICE_EXTRA_JAVA_OPTS  options added to those (e.g. -D settings), keeping the defaults
  SUPPORTFLOW_KEYCLOAK_TIMEOUT=300, SUPPORTFLOW_SERVICE_TIMEOUT=120   readiness timeouts in seconds
  SUPPORTFLOW_LOCAL_DIR            where data, logs and pid files go (default: target/local)
Every other variable set when calling up.sh reaches the services (e.g. ROUTING_HOURS_OVERRIDE=OPEN).
EOF
}

BUILD=auto
MONITORING=0
for arg in "$@"; do
  case "$arg" in
    --build) BUILD=always ;;
    --with-monitoring) MONITORING=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; sf_die "unknown argument: $arg" ;;
  esac
done

UP_STARTED=$(date +%s)
mkdir -p "$SF_PID_DIR" "$SF_LOG_DIR" "$SF_STATE_DIR"

# One up.sh at a time per checkout (mkdir is atomic); a lock left by a dead up.sh is taken over.
LOCK=$SF_LOCAL_DIR/up.lock
if ! mkdir "$LOCK" 2>/dev/null; then
  holder=$(cat "$LOCK/pid" 2>/dev/null || true)
  if [ -n "$holder" ] && kill -0 "$holder" 2>/dev/null; then
    sf_die "another deploy/local/up.sh (pid $holder) is running for this checkout"
  fi
  rm -rf "$LOCK"
  mkdir "$LOCK" || sf_die "cannot create $LOCK"
fi
echo $$ >"$LOCK/pid"
trap 'rm -rf "$LOCK"' EXIT

# The services to start (default: all five).
read -r -a SERVICES <<<"${SUPPORTFLOW_SERVICES-${SF_ALL_SERVICES[*]}}"
for svc in ${SERVICES[@]+"${SERVICES[@]}"}; do
  sf_service_port "$svc" >/dev/null || sf_die "SUPPORTFLOW_SERVICES: unknown service $svc (known: ${SF_ALL_SERVICES[*]})"
  sf_service_replicas "$svc" >/dev/null || exit 1
done
# Every instance to run (replicas included), in start order.
INSTANCES=()
for svc in ${SERVICES[@]+"${SERVICES[@]}"}; do
  while read -r instance; do INSTANCES+=("$instance"); done < <(sf_service_instances "$svc")
done

KEYCLOAK_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$SF_ROOT/pom.xml" | head -n 1)
[ -n "$KEYCLOAK_VERSION" ] || sf_die "cannot read <keycloak.version> from $SF_ROOT/pom.xml"
KEYCLOAK_HOME=$SF_LOCAL_DIR/keycloak-$KEYCLOAK_VERSION
REALM_FILE=$SF_ROOT/deploy/local/keycloak/support-realm.json
KEYCLOAK_URL=http://$SF_HOST:$SF_KEYCLOAK_PORT
OIDC_URL=$KEYCLOAK_URL/realms/support
KAFKA_BOOTSTRAP=$SF_HOST:$SF_KAFKA_PORT
DB_NAME=${SUPPORTFLOW_DB_NAME:-supportflow}

# ---------------------------------------------------------------------------------------------------
# Checks before starting anything: a JDK, the build, free ports.

sf_select_java
sf_info "Java: $SF_JAVA ($("$SF_JAVA" -version 2>&1 | head -n 1))"
command -v curl >/dev/null 2>&1 || sf_die "curl is needed to check health endpoints; please install it"

service_jar() { echo "$SF_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

missing_artifact() {
  local svc missing
  missing=$(sf_devinfra_missing)
  if [ -n "$missing" ]; then
    echo "$missing"
    return 0
  fi
  for svc in ${SERVICES[@]+"${SERVICES[@]}"}; do
    if [ ! -f "$(service_jar "$svc")" ]; then
      echo "$svc/target/quarkus-app/quarkus-run.jar"
      return 0
    fi
  done
}

if [ "${SUPPORTFLOW_SKIP_BUILD:-0}" = 1 ]; then
  [ "$BUILD" = always ] && sf_die "--build and SUPPORTFLOW_SKIP_BUILD=1 contradict each other"
  missing=$(missing_artifact)
  [ -z "$missing" ] || sf_die "SUPPORTFLOW_SKIP_BUILD=1 but $missing is missing: build first (./mvnw -DskipTests install)"
else
  missing=$(missing_artifact)
  if [ "$BUILD" = always ] || [ -n "$missing" ]; then
    if [ -n "$missing" ]; then reason="$missing is missing"; else reason="--build"; fi
    sf_info "Building ($reason): ./mvnw -q -DskipTests install (a few minutes the first time; log: $SF_LOG_DIR/build.log)"
    build_started=$(date +%s)
    if ! (cd "$SF_ROOT" && ./mvnw -q -DskipTests install) >"$SF_LOG_DIR/build.log" 2>&1; then
      sf_show_log_tail "$SF_LOG_DIR/build.log" 60
      sf_die "the build failed; the full output is in $SF_LOG_DIR/build.log"
    fi
    sf_ok "built in $(($(date +%s) - build_started))s"
    missing=$(missing_artifact)
    [ -z "$missing" ] || sf_die "the build succeeded but $missing is still missing"
  fi
fi

# Describes whoever listens on a port, when the machine can tell.
port_holder() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$port" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n 1
  elif command -v lsof >/dev/null 2>&1; then
    lsof -nP -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | awk 'NR == 2 { print $1 " pid " $2 }'
  fi
}

# require_free_port COMPONENT PORT VARIABLE: fails clearly when something else holds the port.
require_free_port() {
  local component=$1 port=$2 variable=$3 holder
  if sf_port_open "$SF_HOST" "$port"; then
    holder=$(port_holder "$port")
    sf_die "port $port, which $component needs, is taken by another process${holder:+ ($holder)}: stop it, or move $component with $variable=<port>"
  fi
}

sf_clean_stale_pid kafka
sf_clean_stale_pid postgres
if [ -z "$(sf_running_pid postgres)" ]; then sf_stop_orphan_postmaster || true; fi
sf_clean_stale_pid keycloak
for svc in "${SF_ALL_SERVICES[@]}"; do
  for instance in $(sf_recorded_instances "$svc"); do sf_clean_stale_pid "$instance"; done
done

# A server whose launcher was killed still runs, but nothing watches it any more: stop it (its whole
# group), so that it starts again below under a launcher of its own.
for component in kafka keycloak postgres; do
  if [ -n "$(sf_running_pid "$component")" ] && ! sf_launcher_alive "$component"; then
    sf_warn "$component runs without its launcher (pids $(sf_component_pids "$component" | tr '\n' ' ')): restarting it"
    sf_stop 45 "$component" || true
  fi
done

if [ -z "$(sf_running_pid kafka)" ]; then
  require_free_port Kafka "$SF_KAFKA_PORT" SUPPORTFLOW_KAFKA_PORT
  require_free_port "Kafka's controller" "$SF_KAFKA_CONTROLLER_PORT" SUPPORTFLOW_KAFKA_CONTROLLER_PORT
fi
DEMO_ORDERS=${SUPPORTFLOW_DEMO_ORDERS:-1}
sf_clean_stale_pid demo-orders
if [ "$DEMO_ORDERS" = 1 ] && [ -z "$(sf_running_pid demo-orders)" ]; then
  require_free_port "the demo order system" "$SF_DEMO_ORDERS_PORT" SUPPORTFLOW_DEMO_ORDERS_PORT
fi
if [ -z "$(sf_running_pid keycloak)" ]; then
  require_free_port Keycloak "$SF_KEYCLOAK_PORT" SUPPORTFLOW_KEYCLOAK_PORT
  require_free_port "Keycloak's management interface" "$SF_KEYCLOAK_MANAGEMENT_PORT" SUPPORTFLOW_KEYCLOAK_MANAGEMENT_PORT
fi
for instance in ${INSTANCES[@]+"${INSTANCES[@]}"}; do
  if [ -z "$(sf_running_pid "$instance")" ]; then
    var=SUPPORTFLOW_$(sf_service_env "$(sf_instance_service "$instance")")_PORT
    require_free_port "$instance" "$(sf_instance_port "$instance")" "$var"
  fi
done
PROMETHEUS=${SUPPORTFLOW_PROMETHEUS:-$(command -v prometheus || true)}
if [ "$MONITORING" = 1 ]; then
  [ -n "$PROMETHEUS" ] && [ -x "$PROMETHEUS" ] \
    || sf_die "--with-monitoring needs Prometheus: on Debian or Ubuntu, sudo apt-get install prometheus (then run up.sh again); elsewhere unpack a Prometheus release and set SUPPORTFLOW_PROMETHEUS=/path/to/prometheus"
  sf_clean_stale_pid prometheus
  [ -n "$(sf_running_pid prometheus)" ] || require_free_port Prometheus "$SF_PROMETHEUS_PORT" SUPPORTFLOW_PROMETHEUS_PORT
fi

# ---------------------------------------------------------------------------------------------------
# Kafka (sf_start_kafka, lib.sh): started first; topics once it answers.

# ---------------------------------------------------------------------------------------------------
# PostgreSQL: the caller's DB_URL, else the machine's server, else embedded binaries.

POSTGRES_MODE=${SUPPORTFLOW_POSTGRES:-auto}
case "$POSTGRES_MODE" in
  auto | machine | embedded) ;;
  *) sf_die "SUPPORTFLOW_POSTGRES must be auto, machine or embedded, not $POSTGRES_MODE" ;;
esac

# A free port for embedded PostgreSQL when the configured one is taken by something else.
free_postgres_port() {
  local port
  for port in $(seq $((SF_POSTGRES_PORT + 1)) $((SF_POSTGRES_PORT + 20))); do
    if ! sf_port_open "$SF_HOST" "$port"; then
      echo "$port"
      return 0
    fi
  done
  sf_die "no free port for embedded PostgreSQL between $((SF_POSTGRES_PORT + 1)) and $((SF_POSTGRES_PORT + 20))"
}

start_embedded_postgres() {
  local port=$1
  sf_start_embedded_postgres "$port" "$DB_NAME"
  POSTGRES_PID=$SF_POSTGRES_PID
  POSTGRES_SOURCE=embedded
  sf_ok "embedded PostgreSQL starting on port $port (pid $POSTGRES_PID, data in $SF_LOCAL_DIR/postgres)"
}

start_postgres() {
  local pid status probe port
  POSTGRES_PID=
  if [ -n "${DB_URL-}" ]; then
    DB_USER=${DB_USER:-postgres}
    DB_PASSWORD=${DB_PASSWORD-}
    POSTGRES_SOURCE=caller
    sf_ok "PostgreSQL: using DB_URL from the environment ($DB_URL)"
    return 0
  fi
  pid=$(sf_running_pid postgres)
  if [ -n "$pid" ]; then
    POSTGRES_PID=$pid
    POSTGRES_SOURCE=embedded
    sf_ok "embedded PostgreSQL already running (pid $pid)"
    return 0
  fi
  if [ "$POSTGRES_MODE" = embedded ]; then
    require_free_port "embedded PostgreSQL" "$SF_POSTGRES_PORT" SUPPORTFLOW_POSTGRES_PORT
    start_embedded_postgres "$SF_POSTGRES_PORT"
    return 0
  fi
  status=0
  probe=$(sf_devinfra_main LocalPostgres probe --host "$SF_HOST" --port "$SF_POSTGRES_PORT" \
    --user "${DB_USER:-postgres}" 2>&1) || status=$?
  case "$status" in
    0)
      DB_URL=$(sf_devinfra_main LocalPostgres ensure-database --host "$SF_HOST" --port "$SF_POSTGRES_PORT" \
        --user "${DB_USER:-postgres}" --database "$DB_NAME" | tail -n 1) \
        || sf_die "cannot create database $DB_NAME on $SF_HOST:$SF_POSTGRES_PORT"
      DB_USER=${DB_USER:-postgres}
      DB_PASSWORD=${DB_PASSWORD-}
      POSTGRES_SOURCE=machine
      sf_ok "PostgreSQL: the machine's server on $SF_HOST:$SF_POSTGRES_PORT, database $DB_NAME (left running by down.sh)"
      ;;
    3)
      [ "$POSTGRES_MODE" = machine ] && sf_die "SUPPORTFLOW_POSTGRES=machine but $probe"
      start_embedded_postgres "$SF_POSTGRES_PORT"
      ;;
    4)
      sf_die "$probe. Set DB_URL, DB_USER and DB_PASSWORD for that server, or run SUPPORTFLOW_POSTGRES=embedded SUPPORTFLOW_POSTGRES_PORT=<free port> $0"
      ;;
    5)
      [ "$POSTGRES_MODE" = machine ] && sf_die "SUPPORTFLOW_POSTGRES=machine but $probe"
      sf_warn "$probe; embedded PostgreSQL takes another port"
      port=$(free_postgres_port) || exit 1
      start_embedded_postgres "$port"
      ;;
    *)
      sf_die "cannot check PostgreSQL on $SF_HOST:$SF_POSTGRES_PORT: $probe"
      ;;
  esac
}

finish_postgres() {
  if [ "$POSTGRES_SOURCE" = embedded ]; then
    sf_wait_ready_file "embedded PostgreSQL" "$SF_POSTGRES_READY" 120 "$SF_POSTGRES_LOG" "$POSTGRES_PID"
    DB_URL=$(ready_value "$SF_POSTGRES_READY" jdbcUrl)
    DB_USER=$(ready_value "$SF_POSTGRES_READY" user)
    DB_PASSWORD=
  fi
  export DB_URL DB_USER DB_PASSWORD
  sf_record_postgres "$POSTGRES_SOURCE" "$DB_URL" "$DB_USER"
}

# ---------------------------------------------------------------------------------------------------
# Keycloak from the Maven artifact, realm `support` imported from deploy/local/keycloak/.

KEYCLOAK_LOG=$SF_LOG_DIR/keycloak.log
# On both kc.sh's command line and, once kc.sh has exec'd it, the Keycloak JVM's (-Dkc.home.dir=...).
KEYCLOAK_MARKER=$KEYCLOAK_HOME/bin/

install_keycloak() {
  local zip staging
  [ -x "$KEYCLOAK_HOME/bin/kc.sh" ] && return 0
  zip=$SF_LOCAL_DIR/dist/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip
  if [ ! -s "$zip" ]; then
    sf_info "Fetching Keycloak $KEYCLOAK_VERSION (org.keycloak:keycloak-quarkus-dist, ~180 MB) with Maven"
    (cd "$SF_ROOT" && ./mvnw -q -N dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$SF_LOCAL_DIR/dist") >"$SF_LOG_DIR/keycloak-fetch.log" 2>&1 \
      || { sf_show_log_tail "$SF_LOG_DIR/keycloak-fetch.log"; sf_die "cannot fetch Keycloak with Maven"; }
  fi
  sf_info "Unpacking Keycloak into $KEYCLOAK_HOME"
  staging=$SF_LOCAL_DIR/keycloak-unpacking
  rm -rf "$staging"
  mkdir -p "$staging"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$zip" -d "$staging"
  else
    (cd "$staging" && "$JAVA_HOME/bin/jar" xf "$zip")
    chmod +x "$staging/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
  fi
  [ -x "$staging/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ] || sf_die "unexpected layout of $zip (no keycloak-$KEYCLOAK_VERSION/bin/kc.sh)"
  mv "$staging/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME"
  rm -rf "$staging" "$zip"
}

# The realm is imported when Keycloak starts and the realm does not exist yet. When the realm file
# changed since the last import, Keycloak's local database is reset so the new file takes effect.
prepare_realm() {
  local digest previous
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$REALM_FILE" "$KEYCLOAK_HOME/data/import/support-realm.json"
  digest=$(cksum <"$REALM_FILE" | awk '{ print $1 "-" $2 }')
  previous=$(cat "$SF_STATE_DIR/keycloak-realm.cksum" 2>/dev/null || true)
  if [ "$digest" != "$previous" ]; then
    if [ -d "$KEYCLOAK_HOME/data/h2" ]; then
      sf_info "The realm file changed: resetting Keycloak's local database so that it is imported again"
      rm -rf "$KEYCLOAK_HOME/data/h2"
    fi
    echo "$digest" >"$SF_STATE_DIR/keycloak-realm.cksum"
  fi
}

start_keycloak() {
  local pid
  pid=$(sf_running_pid keycloak)
  if [ -n "$pid" ]; then
    sf_ok "Keycloak already running (pid $pid)"
    KEYCLOAK_PID=$pid
    return 0
  fi
  install_keycloak
  prepare_realm
  # Local development only: the master realm's administrator for the admin console.
  KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin} \
    KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin} \
    sf_spawn keycloak "$KEYCLOAK_MARKER" "$KEYCLOAK_LOG" \
    "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
    --http-host="$SF_HOST" --http-port="$SF_KEYCLOAK_PORT" \
    --http-management-port="$SF_KEYCLOAK_MANAGEMENT_PORT" \
    --health-enabled=true --import-realm
  KEYCLOAK_PID=$SF_SPAWNED_PID
  sf_ok "Keycloak $KEYCLOAK_VERSION starting (pid $KEYCLOAK_PID; about a minute the first time)"
}

# ---------------------------------------------------------------------------------------------------
# The services: java -jar <svc>/target/quarkus-app/quarkus-run.jar, environment passed through.

# default_java_opts SERVICE: the JVM options when SUPPORTFLOW_SERVICE_JAVA_OPTS is not set. The NLU trains
# models in its own heap (a 10,000-example bundle needs more than 512 MiB); k8s gives it 1.5 GiB.
default_java_opts() {
  case "$1" in
    nlu-service) echo "-Xms64m -Xmx1g" ;;
    *) echo "-Xms64m -Xmx512m" ;;
  esac
}

# start_service INSTANCE: one replica of a service (see sf_service_instances).
start_service() {
  local instance=$1 svc port pid jar
  svc=$(sf_instance_service "$instance")
  port=$(sf_instance_port "$instance")
  pid=$(sf_running_pid "$instance")
  if [ -n "$pid" ]; then
    sf_ok "$instance already running on port $port (pid $pid)"
    return 0
  fi
  jar=$(service_jar "$svc")
  # In the module's directory: relative paths of a service (e.g. nlu's target/nlu-models) land in its
  # own target/, whichever directory up.sh was called from.
  # shellcheck disable=SC2086 # the JVM options are a list of words
  SF_SPAWN_DIR=$SF_ROOT/$svc QUARKUS_PROFILE=${SUPPORTFLOW_QUARKUS_PROFILE:-dev} QUARKUS_HTTP_PORT=$port \
    sf_spawn "$instance" "$jar" "$SF_LOG_DIR/$instance.log" \
    "$SF_JAVA" ${SUPPORTFLOW_SERVICE_JAVA_OPTS:-$(default_java_opts "$svc")} ${SUPPORTFLOW_SERVICE_EXTRA_JAVA_OPTS:-} \
    -jar "$jar"
  sf_ok "$instance starting on port $port (pid $SF_SPAWNED_PID)"
}

# Replicas beyond the requested count keep running (up.sh never stops anything): say so.
warn_extra_replicas() {
  local svc instance
  for svc in ${SERVICES[@]+"${SERVICES[@]}"}; do
    for instance in $(sf_recorded_instances "$svc"); do
      case " ${INSTANCES[*]} " in
        *" $instance "*) ;;
        *) [ -z "$(sf_running_pid "$instance")" ] \
             || sf_warn "$instance runs although fewer replicas were asked for: deploy/local/down.sh $instance stops it" ;;
      esac
    done
  done
}

# ---------------------------------------------------------------------------------------------------
# Prometheus (--with-monitoring): scrapes every instance of this platform, evaluates the alert rules.

PROMETHEUS_DIR=$SF_LOCAL_DIR/prometheus
PROMETHEUS_LOG=$SF_LOG_DIR/prometheus.log

# The scrape configuration of the instances started here; `service` is the label the alert rules group by.
write_prometheus_config() {
  local instance
  mkdir -p "$PROMETHEUS_DIR/data"
  {
    echo "# Written by deploy/local/up.sh --with-monitoring; rewritten at every start."
    echo "global:"
    echo "  scrape_interval: 15s"
    echo "  evaluation_interval: 15s"
    echo "rule_files:"
    echo "  - $SF_ROOT/deploy/monitoring/alerts.yml"
    echo "scrape_configs:"
    echo "  - job_name: supportflow"
    echo "    metrics_path: /q/metrics"
    echo "    static_configs:"
    for instance in ${INSTANCES[@]+"${INSTANCES[@]}"}; do
      echo "      - targets: ['$SF_HOST:$(sf_instance_port "$instance")']"
      echo "        labels: {service: $(sf_instance_service "$instance"), replica: $instance}"
    done
  } >"$PROMETHEUS_DIR/prometheus.yml"
}

start_prometheus() {
  local pid
  write_prometheus_config
  pid=$(sf_running_pid prometheus)
  if [ -n "$pid" ]; then
    # A running Prometheus reads the new configuration (the instances may have changed) on SIGHUP.
    kill -HUP "$pid"
    sf_ok "Prometheus already running (pid $pid); configuration reloaded"
    return 0
  fi
  sf_spawn prometheus "$PROMETHEUS_DIR/prometheus.yml" "$PROMETHEUS_LOG" \
    "$PROMETHEUS" --config.file="$PROMETHEUS_DIR/prometheus.yml" --storage.tsdb.path="$PROMETHEUS_DIR/data" \
    --web.listen-address="$SF_HOST:$SF_PROMETHEUS_PORT" --storage.tsdb.retention.time=7d
  sf_ok "Prometheus starting on $SF_HOST:$SF_PROMETHEUS_PORT (pid $SF_SPAWNED_PID)"
  sf_wait_http Prometheus "http://$SF_HOST:$SF_PROMETHEUS_PORT/-/ready" 60 "$PROMETHEUS_LOG" "$SF_SPAWNED_PID" \
    || sf_die "Prometheus did not start; its log: $PROMETHEUS_LOG"
}

# ---------------------------------------------------------------------------------------------------
# The demo order system: a STAND-IN for the company's own order API (deploy/local/demo-orders/README.md),
# called by the shop bundle's actions through routing (system shop-orders). SUPPORTFLOW_DEMO_ORDERS=0: not run.

DEMO_ORDERS_LOG=$SF_LOG_DIR/demo-orders.log

start_demo_orders() {
  local pid
  pid=$(sf_running_pid demo-orders)
  if [ -n "$pid" ]; then
    sf_ok "demo order system already running (pid $pid)"
    return 0
  fi
  sf_devinfra_java
  sf_spawn demo-orders "$SF_ROOT/deploy/local/demo-orders" "$DEMO_ORDERS_LOG" \
    "${SF_DEVINFRA_JAVA[@]}" org.supportflow.devinfra.local.DemoOrderSystem \
    --host "$SF_HOST" --port "$SF_DEMO_ORDERS_PORT" --dir "$SF_ROOT/deploy/local/demo-orders"
  sf_ok "demo order system (stand-in for the company's) starting on $SF_HOST:$SF_DEMO_ORDERS_PORT (pid $SF_SPAWNED_PID)"
  sf_wait_http "the demo order system" "http://$SF_HOST:$SF_DEMO_ORDERS_PORT/health" 60 "$DEMO_ORDERS_LOG" \
    "$SF_SPAWNED_PID" || sf_die "the demo order system did not start; its log: $DEMO_ORDERS_LOG"
}

# ---------------------------------------------------------------------------------------------------

sf_info "Starting Kafka, PostgreSQL and Keycloak"
sf_start_kafka
start_postgres
start_keycloak

sf_info "Kafka"
sf_wait_ready_file Kafka "$SF_KAFKA_READY" 120 "$SF_KAFKA_LOG" "$SF_KAFKA_PID"
PARTITIONS=${SUPPORTFLOW_PARTITIONS:-6}
sf_devinfra_main LocalTopics --bootstrap "$KAFKA_BOOTSTRAP" --partitions "$PARTITIONS" \
  | sed 's/^/    /' || sf_die "cannot create the topics on $KAFKA_BOOTSTRAP"

sf_info "PostgreSQL"
finish_postgres
sf_ok "$DB_URL (user $DB_USER)"

sf_info "Keycloak"
sf_wait_http Keycloak "http://$SF_HOST:$SF_KEYCLOAK_MANAGEMENT_PORT/health/ready" \
  "${SUPPORTFLOW_KEYCLOAK_TIMEOUT:-300}" "$KEYCLOAK_LOG" "$KEYCLOAK_PID" \
  || sf_die "Keycloak did not start; its log: $KEYCLOAK_LOG (deploy/local/down.sh stops what started)"
sf_wait_http "realm support" "$OIDC_URL/.well-known/openid-configuration" 30 "$KEYCLOAK_LOG" "$KEYCLOAK_PID" \
  || sf_die "Keycloak runs but the realm support is missing: check $KEYCLOAK_LOG for the import of $REALM_FILE"

# What the services are told (every other variable of the caller's environment passes through as well).
export KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP
export OIDC_AUTH_SERVER_URL=${OIDC_AUTH_SERVER_URL:-$OIDC_URL}
export DB_URL DB_USER DB_PASSWORD

if [ "$DEMO_ORDERS" = 1 ]; then
  sf_info "Demo order system"
  start_demo_orders
  export ROUTING_ACTIONS_SYSTEMS_SHOP_ORDERS_BASE_URL=${ROUTING_ACTIONS_SYSTEMS_SHOP_ORDERS_BASE_URL:-http://$SF_HOST:$SF_DEMO_ORDERS_PORT}
fi

if [ ${#INSTANCES[@]} -gt 0 ]; then
  sf_info "Services (profile ${SUPPORTFLOW_QUARKUS_PROFILE:-dev})"
  for instance in "${INSTANCES[@]}"; do start_service "$instance"; done
  for instance in "${INSTANCES[@]}"; do
    port=$(sf_instance_port "$instance")
    sf_wait_http "$instance" "http://$SF_HOST:$port/q/health/ready" "${SUPPORTFLOW_SERVICE_TIMEOUT:-120}" \
      "$SF_LOG_DIR/$instance.log" "$(sf_running_pid "$instance")" \
      || sf_die "$instance did not become ready; its log: $SF_LOG_DIR/$instance.log (deploy/local/down.sh stops what started)"
  done
  warn_extra_replicas
fi

if [ "$MONITORING" = 1 ]; then
  sf_info "Monitoring"
  start_prometheus
fi

# ---------------------------------------------------------------------------------------------------

rel() { echo "${1#"$SF_ROOT"/}"; }
echo
sf_info "SupportFlow is up ($(($(date +%s) - UP_STARTED))s)"
for instance in ${INSTANCES[@]+"${INSTANCES[@]}"}; do
  printf '    %-18s http://%s:%s   log %s\n' "$instance" "$SF_HOST" "$(sf_instance_port "$instance")" \
    "$(rel "$SF_LOG_DIR/$instance.log")"
done
printf '    %-18s %s   log %s\n' Kafka "$KAFKA_BOOTSTRAP" "$(rel "$SF_KAFKA_LOG")"
case "$POSTGRES_SOURCE" in
  embedded) printf '    %-18s %s (user %s, embedded)   log %s\n' PostgreSQL "$DB_URL" "$DB_USER" "$(rel "$SF_POSTGRES_LOG")" ;;
  machine) printf '    %-18s %s (user %s, this machine'"'"'s server)\n' PostgreSQL "$DB_URL" "$DB_USER" ;;
  *) printf '    %-18s %s (from DB_URL)\n' PostgreSQL "$DB_URL" ;;
esac
printf '    %-18s %s   log %s\n' Keycloak "$KEYCLOAK_URL" "$(rel "$KEYCLOAK_LOG")"
if [ "$DEMO_ORDERS" = 1 ]; then
  printf '    %-18s http://%s:%s (a stand-in for the company'"'"'s order system)   log %s\n' demo-orders "$SF_HOST" \
    "$SF_DEMO_ORDERS_PORT" "$(rel "$DEMO_ORDERS_LOG")"
fi
if [ "$MONITORING" = 1 ]; then
  printf '    %-18s http://%s:%s/alerts   log %s\n' Prometheus "$SF_HOST" "$SF_PROMETHEUS_PORT" "$(rel "$PROMETHEUS_LOG")"
fi
printf '    %-18s realm support: agent1, agent2, supervisor1, admin1 (password = user name); client support-cli\n' ''
printf '    %-18s admin console %s/admin (admin / admin, local only)\n' '' "$KEYCLOAK_URL"
echo
echo "    Token:  curl -s -d grant_type=password -d client_id=support-cli -d username=agent1 -d password=agent1 \\"
echo "              $OIDC_URL/protocol/openid-connect/token"
echo "    Status: deploy/local/status.sh    Stop: deploy/local/down.sh (data kept; --purge deletes it)"
