#!/usr/bin/env bash
# What the local platform runs, where, and whether it answers. Exit status 0 when everything up.sh
# starts (with the same SUPPORTFLOW_*_REPLICAS) is running and healthy, 1 otherwise.
set -uo pipefail

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

healthy=1

# answers CHECK: "http <url>" (2xx), "tcp <host> <port>", or "" (nothing to check).
answers() {
  case "$1" in
    http) curl -fsS -o /dev/null --max-time 2 "$2" 2>/dev/null ;;
    tcp) sf_port_open "$2" "$3" ;;
    *) true ;;
  esac
}

# row NAME ENDPOINT [CHECK...]: NAME's live processes, not merely its pid file. A server whose launcher
# died (e.g. SIGKILL) is shown with its own pid, as "launcher gone": it runs unsupervised until up.sh
# restarts it or down.sh stops it.
row() {
  local name=$1 endpoint=$2 pids launcher state shown
  shift 2
  pids=$(sf_component_pids "$name" | tr '\n' ' ')
  pids=${pids% }
  launcher=$(sf_running_pid "$name")
  shown=${pids:--}
  if [ -z "$pids" ]; then
    state=stopped
    healthy=0
  elif ! sf_launcher_alive "$name"; then
    state="launcher gone"
    healthy=0
  elif answers "$@"; then
    state=ready
    shown=$launcher
  else
    state="running, not ready"
    healthy=0
    shown=$launcher
  fi
  printf '  %-18s %-20s %-8s %s\n' "$name" "$state" "$shown" "$endpoint"
}

printf '  %-18s %-20s %-8s %s\n' COMPONENT STATE PID WHERE
row kafka "$SF_HOST:$SF_KAFKA_PORT" tcp "$SF_HOST" "$SF_KAFKA_PORT"

postgres_source=$(sed -n 's/^source=//p' "$SF_STATE_DIR/postgres.env" 2>/dev/null)
postgres_url=$(sed -n 's/^url=//p' "$SF_STATE_DIR/postgres.env" 2>/dev/null)
case "$postgres_source" in
  embedded)
    postgres_port=$(echo "$postgres_url" | sed -n 's|^jdbc:postgresql://[^:/]*:\([0-9]*\)/.*|\1|p')
    postmaster=$(sf_postmaster_pid)
    if [ -z "$(sf_component_pids postgres)" ] && [ -n "$postmaster" ]; then
      # pg_ctl detached the server from its launcher's group: a killed launcher leaves it running alone
      printf '  %-18s %-20s %-8s %s\n' postgres "launcher gone" "$postmaster" "$postgres_url (embedded)"
      healthy=0
    else
      row postgres "$postgres_url (embedded)" tcp "$SF_HOST" "$postgres_port"
    fi
    ;;
  machine) printf '  %-18s %-20s %-8s %s\n' postgres "machine's server" - "$postgres_url" ;;
  caller) printf '  %-18s %-20s %-8s %s\n' postgres "from DB_URL" - "$postgres_url" ;;
  *) printf '  %-18s %-20s %-8s %s\n' postgres "not set up" - "(up.sh has not run)"; healthy=0 ;;
esac

row keycloak "http://$SF_HOST:$SF_KEYCLOAK_PORT" \
  http "http://$SF_HOST:$SF_KEYCLOAK_MANAGEMENT_PORT/health/ready"
# Each service's replicas as configured now (SUPPORTFLOW_<NAME>_REPLICAS), and any other replica still recorded.
for svc in "${SF_ALL_SERVICES[@]}"; do
  for instance in $( (sf_service_instances "$svc"; sf_recorded_instances "$svc") | awk '!seen[$0]++'); do
    port=$(sf_instance_port "$instance")
    row "$instance" "http://$SF_HOST:$port" http "http://$SF_HOST:$port/q/health/ready"
  done
done
# Prometheus only when up.sh --with-monitoring started it: its absence is not a fault.
if [ -f "$(sf_pid_file demo-orders)" ]; then
  row demo-orders "http://$SF_HOST:$SF_DEMO_ORDERS_PORT (stand-in order system)" http \
    "http://$SF_HOST:$SF_DEMO_ORDERS_PORT/health"
fi
if [ -f "$(sf_pid_file prometheus)" ]; then
  row prometheus "http://$SF_HOST:$SF_PROMETHEUS_PORT" http "http://$SF_HOST:$SF_PROMETHEUS_PORT/-/ready"
fi
echo "  logs: $SF_LOG_DIR"
[ "$healthy" = 1 ]
