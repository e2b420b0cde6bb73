#!/usr/bin/env bash
# Stops what deploy/local/up.sh started, and only that: the processes recorded in its pid files
# (services first, then Keycloak, embedded PostgreSQL and Kafka). The machine's own PostgreSQL is never
# touched. Data is kept unless --purge is given.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<EOF
Usage: deploy/local/down.sh [--purge] [component...]

Stops the local platform: each process group that up.sh recorded under $SF_PID_DIR gets SIGTERM,
then SIGKILL if it is still there after a timeout.

  --purge      also delete the platform's data (Kafka, embedded PostgreSQL, Keycloak, state) under
               $SF_LOCAL_DIR; logs are kept (not allowed together with components)
  component    stop only these: ${SF_ALL_SERVICES[*]} keycloak postgres kafka prometheus demo-orders;
               a service stops all its replicas, an instance name such as gateway-service-2 just that one
EOF
}

PURGE=0
COMPONENTS=()
for arg in "$@"; do
  case "$arg" in
    --purge) PURGE=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; sf_die "unknown option: $arg" ;;
    *) COMPONENTS+=("$arg") ;;
  esac
done

ALL=("${SF_ALL_SERVICES[@]}" keycloak postgres kafka prometheus demo-orders)
if [ ${#COMPONENTS[@]} -eq 0 ]; then
  COMPONENTS=("${ALL[@]}")
else
  [ "$PURGE" = 1 ] && sf_die "--purge stops and deletes everything; it cannot be combined with components"
  for component in "${COMPONENTS[@]}"; do
    case " ${ALL[*]} " in
      *" $(sf_instance_service "$component") "*) ;;
      *) sf_die "unknown component $component (known: ${ALL[*]}, or a replica such as gateway-service-2)" ;;
    esac
  done
fi

# The service instances to stop: every recorded replica of a service asked for, and replicas named alone.
SERVICE_INSTANCES=()
for svc in "${SF_ALL_SERVICES[@]}"; do
  for instance in $(sf_recorded_instances "$svc"); do
    case " ${COMPONENTS[*]} " in
      *" $svc "* | *" $instance "*) SERVICE_INSTANCES+=("$instance") ;;
    esac
  done
done

# Those of NAME... that were asked for.
selected() {
  local name
  for name in "$@"; do
    case " ${COMPONENTS[*]} " in
      *" $name "*) echo "$name" ;;
    esac
  done
}

# stop_phase TIMEOUT NAME...: stops the selected ones among NAME..., together.
stop_phase() {
  local timeout=$1 names
  shift
  # shellcheck disable=SC2207 # component names have no spaces
  names=($(selected "$@"))
  [ ${#names[@]} -gt 0 ] || return 0
  if sf_stop "$timeout" "${names[@]}"; then stopped_any=1; fi
}

sf_info "Stopping the SupportFlow local platform"
stopped_any=0
# Consumers before the servers they use: the services commit their Kafka offsets and close their
# database pools on the way out, so Kafka goes last. Timeouts: a clean stop, then SIGKILL.
# Prometheus only when up.sh --with-monitoring started it: port 9090 may well be another Prometheus's.
PROMETHEUS_RECORDED=0
[ ! -f "$(sf_pid_file prometheus)" ] || PROMETHEUS_RECORDED=1
DEMO_ORDERS_RECORDED=0
[ ! -f "$(sf_pid_file demo-orders)" ] || DEMO_ORDERS_RECORDED=1
stop_phase 15 prometheus
if [ ${#SERVICE_INSTANCES[@]} -gt 0 ] && sf_stop 30 "${SERVICE_INSTANCES[@]}"; then stopped_any=1; fi
stop_phase 30 keycloak postgres demo-orders
stop_phase 45 kafka # controlled shutdown; LocalKafka itself gives the broker 30 s

case " ${COMPONENTS[*]} " in
  *" postgres "*) if sf_stop_orphan_postmaster; then stopped_any=1; fi ;;
esac

[ "$stopped_any" = 1 ] || echo "    nothing of ours was running"

if [ -f "$SF_STATE_DIR/postgres.env" ] && grep -qx 'source=machine' "$SF_STATE_DIR/postgres.env"; then
  echo "    PostgreSQL: the machine's own server was used; it keeps running"
fi

# Ports the stopped components use: report any that is still taken.
ports_of() {
  case "$1" in
    kafka) echo "$SF_KAFKA_PORT $SF_KAFKA_CONTROLLER_PORT" ;;
    keycloak) echo "$SF_KEYCLOAK_PORT $SF_KEYCLOAK_MANAGEMENT_PORT" ;;
    prometheus) [ "$PROMETHEUS_RECORDED" = 0 ] || echo "$SF_PROMETHEUS_PORT" ;;
    demo-orders) [ "$DEMO_ORDERS_RECORDED" = 0 ] || echo "$SF_DEMO_ORDERS_PORT" ;;
    postgres)
      if [ -f "$SF_STATE_DIR/postgres.env" ] && grep -qx 'source=embedded' "$SF_STATE_DIR/postgres.env"; then
        sed -n 's|^url=jdbc:postgresql://[^:/]*:\([0-9]*\)/.*|\1|p' "$SF_STATE_DIR/postgres.env"
      fi
      ;;
    *) sf_instance_port "$1" ;;
  esac
}
# A process gone releases its listening sockets at once; give the kernel a few seconds all the same.
busy_ports() {
  local component port busy=()
  for component in "${COMPONENTS[@]}" ${SERVICE_INSTANCES[@]+"${SERVICE_INSTANCES[@]}"}; do
    for port in $(ports_of "$component"); do
      case " ${busy[*]-} " in *" $port "*) continue ;; esac
      if sf_port_open "$SF_HOST" "$port"; then busy+=("$port"); fi
    done
  done
  echo "${busy[*]-}"
}
busy=$(busy_ports)
for _ in 1 2 3 4 5 6 7 8 9 10; do
  [ -n "$busy" ] || break
  sleep 1
  busy=$(busy_ports)
done
if [ -n "$busy" ]; then
  [ "$PURGE" = 1 ] && sf_die "still taken (not by a process up.sh recorded): port(s) $busy; nothing purged"
  sf_warn "still taken (not by a process up.sh recorded): port(s) $busy"
  PORTS_LEFT=1
fi

if [ "$PURGE" = 1 ]; then
  sf_info "Purging data under $SF_LOCAL_DIR (logs kept)"
  machine_db=
  if [ -f "$SF_STATE_DIR/postgres.env" ] && grep -qx 'source=machine' "$SF_STATE_DIR/postgres.env"; then
    machine_db=$(sed -n 's/^url=//p' "$SF_STATE_DIR/postgres.env")
  fi
  for dir in kafka postgres prometheus state pids dist keycloak-unpacking; do
    rm -rf "${SF_LOCAL_DIR:?}/$dir"
  done
  # Keycloak's unpacked distribution can stay; its database (users, sessions) goes.
  for keycloak in "$SF_LOCAL_DIR"/keycloak-*; do
    if [ -d "$keycloak/data" ]; then rm -rf "$keycloak/data"; fi
  done
  sf_ok "purged"
  if [ -n "$machine_db" ]; then
    echo "    the database on the machine's PostgreSQL was kept: $machine_db"
    echo "    (drop it yourself if you want a clean slate, e.g. psql -h $SF_HOST -U postgres -c 'DROP DATABASE ${machine_db##*/}')"
  fi
fi

# A port left taken is a failure: the next up.sh could not start there.
[ "${PORTS_LEFT:-0}" = 0 ]
