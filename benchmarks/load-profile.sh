#!/usr/bin/env bash
# Cost per message of a load run against the running local platform (deploy/local/up.sh): measures the
# platform idle first, runs benchmarks/load.sh, and prints per message, idle consumption subtracted,
#   - CPU (utime + stime from /proc) of every component started by up.sh (services and their replicas, the
#     Kafka broker with its launcher, Keycloak), of the PostgreSQL backends connected to the platform's
#     database, and of the load driver itself (its own figure while sending);
#   - committed transactions of that database (pg_stat_database.xact_commit) and rows inserted/updated per
#     schema (pg_stat_user_tables);
#   - resident memory of each component after the run;
# as markdown tables ready for BENCHMARKS.md, plus the load average before and after (the machine may be shared).
# On a server with autovacuum off it analyzes the database first (see below).
#
#   benchmarks/load-profile.sh -- --rate 50 --seconds 30
#   benchmarks/load-profile.sh --idle-seconds 30 --out /tmp/profile -- --rate 100 --seconds 30 --seed 7
#
# Options before "--" (all optional):
#   --drain-seconds N  first wait, at most N seconds (default 120), until the platform is quiet: its processes
#                      together below --quiet-cores (default 0.4) over 5 s, e.g. done with an earlier run's backlog
#   --idle-seconds N   how long to measure the idle platform then (default 20); the table shows what each
#                      component burnt idle, in cores: a high figure says the platform was not idle
#   --flush-seconds N  wait after the run before the last snapshot, so that idle backends have flushed their
#                      statistics (PostgreSQL does within 10 s; default 11; idle cost is subtracted for it too)
#   --out DIR          where snapshots, the driver's output and the table go
#                      (default target/load-profile/<date-time> under benchmarks/)
# Everything after "--" goes to benchmarks/load.sh. The database: SUPPORTFLOW_DB_NAME (default supportflow) on
# SUPPORTFLOW_POSTGRES_PORT (5432) of 127.0.0.1, user DB_USER (postgres), as up.sh uses them; the processes: the
# pid files of up.sh under SUPPORTFLOW_LOCAL_DIR (target/local), found as deploy/local/status.sh finds them.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=../deploy/local/lib.sh
. "$root/deploy/local/lib.sh"

idle_seconds=20
drain_seconds=120
quiet_cores=0.4
flush_seconds=11
out="$here/target/load-profile/$(date -u +%Y%m%dT%H%M%SZ)"
while [ $# -gt 0 ]; do
  case "$1" in
    --idle-seconds) idle_seconds=$2; shift 2 ;;
    --drain-seconds) drain_seconds=$2; shift 2 ;;
    --quiet-cores) quiet_cores=$2; shift 2 ;;
    --flush-seconds) flush_seconds=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --) shift; break ;;
    -h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "load-profile.sh: unknown option $1 (load.sh options go after --)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"

db=${SUPPORTFLOW_DB_NAME:-supportflow}
psql_db() {
  PGPASSWORD=${DB_PASSWORD-} psql -X -q -At -h "$SF_HOST" -p "$SF_POSTGRES_PORT" -U "${DB_USER:-postgres}" -d "$db" \
    -F ' ' -c "$1"
}
psql_db "select 1" >/dev/null || { echo "load-profile.sh: cannot read database $db" >&2; exit 1; }
[ -n "$(ls "$SF_PID_DIR"/*.pid 2>/dev/null)" ] || { echo "load-profile.sh: no platform (no pid files in $SF_PID_DIR)" >&2; exit 1; }
page_kb=$(( $(getconf PAGESIZE) / 1024 ))

label() {
  case "$1" in
    kafka) echo "Kafka broker" ;;
    keycloak) echo "Keycloak" ;;
    *) echo "$1" ;;
  esac
}

# utime + stime (ticks) and RSS (kB) of pid $1: fields 14, 15 and 24 of /proc/<pid>/stat, counted after the
# command name, which may contain spaces.
proc_stat() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  echo "${stat##*) }" | awk -v page="$page_kb" '{ print $12 + $13, $22 * page }'
}

snapshot() { # $1: file
  {
    echo "nanos $(date +%s%N)"
    echo "ticks_per_second $(getconf CLK_TCK)"
    local file name pid ticks rss
    for file in "$SF_PID_DIR"/*.pid; do
      name=$(basename "$file" .pid)
      case "$name" in postgres | prometheus) continue ;; esac # the backends are counted below
      for pid in $(sf_component_pids "$name"); do
        read -r ticks rss < <(proc_stat "$pid"; echo "0 0") || true
        [ -n "$ticks" ] || continue
        echo "cpu $(label "$name" | tr ' ' '_') $ticks"
        echo "rss $(label "$name" | tr ' ' '_') $rss"
      done
    done
    for pid in $(psql_db "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"); do
      read -r ticks rss < <(proc_stat "$pid"; echo "0 0") || true
      echo "pg $pid $ticks"
    done
    echo "commits $(psql_db "select xact_commit from pg_stat_database where datname = current_database()")"
    psql_db "select schemaname, sum(n_tup_ins), sum(n_tup_upd) from pg_stat_user_tables group by 1 order by 1" \
      | sed 's/^/rows /'
  } >"$1"
}

loadavg() { cut -d ' ' -f 1-3 /proc/loadavg; }

# utime + stime (ticks) of every process of the platform, the database backends aside.
platform_ticks() {
  local file pid sum=0 ticks rss
  for file in "$SF_PID_DIR"/*.pid; do
    for pid in $(sf_component_pids "$(basename "$file" .pid)"); do
      read -r ticks rss < <(proc_stat "$pid"; echo "0 0") || true
      sum=$((sum + ${ticks:-0}))
    done
  done
  echo "$sum"
}

# A server without autovacuum never analyzes the platform's tables: the plans the services cached while their
# tables were empty stay in use (sequential scans), and a run would measure that rather than the platform.
if [ "$(psql_db "show autovacuum")" = off ]; then
  echo "autovacuum is off on this server: analyzing database $db first, as autovacuum would have" >&2
  psql_db "analyze"
fi
drain_start=$(date +%s)
while :; do
  before=$(platform_ticks)
  sleep 5
  cores=$(awk -v d="$(($(platform_ticks) - before))" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", d / hz / 5 }')
  if awk -v c="$cores" -v q="$quiet_cores" 'BEGIN { exit !(c < q) }'; then
    echo "platform quiet: ${cores} cores over 5 s" >&2
    break
  fi
  if [ $(($(date +%s) - drain_start)) -ge "$drain_seconds" ]; then
    echo "platform still busy after ${drain_seconds}s (${cores} cores over 5 s): measuring anyway" >&2
    break
  fi
  echo "platform busy (${cores} cores over 5 s): waiting" >&2
done
load_before=$(loadavg)
echo "load average before: $load_before; measuring the idle platform for ${idle_seconds}s" >&2
snapshot "$out/idle-before.txt"
sleep "$idle_seconds"
snapshot "$out/idle-after.txt"
snapshot "$out/run-before.txt"
"$here/load.sh" "$@" | tee "$out/driver.txt"
sleep "$flush_seconds"
snapshot "$out/run-after.txt"
load_after=$(loadavg)

messages=$(sed -n 's/.*accepted=\([0-9]*\).*/\1/p' "$out/driver.txt" | tail -n 1)
driver_ms=$(sed -n 's/.*driver_cpu_ms=\([0-9.]*\).*/\1/p' "$out/driver.txt" | tail -n 1)
[ -n "$messages" ] && [ "$messages" -gt 0 ] || { echo "load-profile.sh: the driver accepted no message" >&2; exit 1; }
{
  echo "$(tail -n 1 "$out/driver.txt") (load average ${load_before%% *} -> ${load_after%% *}; 1, 5, 15 min before: $load_before, after: $load_after)"
  echo
  SUPPORTFLOW_LOAD_MAIN=org.supportflow.benchmarks.load.ProfileReport \
    SUPPORTFLOW_LOAD_JAVA_OPTS="-Xmx64m -XX:+UseSerialGC" \
    "$here/load.sh" "$out/idle-before.txt" "$out/idle-after.txt" "$out/run-before.txt" "$out/run-after.txt" \
    "$messages" "${driver_ms:-0}"
} | tee "$out/profile.md"
echo "(snapshots and output in $out)" >&2
