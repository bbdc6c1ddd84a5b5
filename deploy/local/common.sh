# shellcheck shell=bash disable=SC2034   # variables here are used by run/stop
# Shared settings and helpers for deploy/local/run and deploy/local/stop.
# Sourced, not executed. Every setting can be overridden through the environment.

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"

# ---- folders --------------------------------------------------------------------------
# (made absolute and canonical; nothing is created here, run creates what it needs)
GRID_STATE_DIR="$(realpath -m "${GRID_STATE_DIR:-$LOCAL_DIR/.state}")"
GRID_LOG_DIR="$(realpath -m "${GRID_LOG_DIR:-$GRID_STATE_DIR/logs}")"
PID_DIR="$GRID_STATE_DIR/pids"
KEY_DIR="$GRID_STATE_DIR/keys"
KAFKA_DIR="$GRID_STATE_DIR/kafka"
KAFKA_LIBS="$KAFKA_DIR/libs"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_CONF_DIR="$KAFKA_DIR/config"
PG_OWN_DATA="$GRID_STATE_DIR/pgdata"
PG_RECORD="$GRID_STATE_DIR/postgres.started"             # exists only if run started PostgreSQL

# ---- PostgreSQL -----------------------------------------------------------------------
GRID_DB_HOST="${GRID_DB_HOST:-127.0.0.1}"
GRID_DB_PORT="${GRID_DB_PORT:-5432}"
GRID_DB_USER="${GRID_DB_USER:-postgres}"
GRID_DB_PASSWORD="${GRID_DB_PASSWORD:-}"
GRID_DB_ADMIN_USER="${GRID_DB_ADMIN_USER:-postgres}"
GRID_DATABASES=(grid_service study_service request_service notification_service)

# ---- Kafka ----------------------------------------------------------------------------
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_JAVA_OPTS="${KAFKA_JAVA_OPTS:-}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

# ---- services -------------------------------------------------------------------------
GRID_PORT="${GRID_PORT:-8081}"
STUDY_PORT="${STUDY_PORT:-8082}"
REQUEST_PORT="${REQUEST_PORT:-8083}"
NOTIFICATION_PORT="${NOTIFICATION_PORT:-8084}"
GATEWAY_PORT="${GATEWAY_PORT:-8080}"
GRID_HEAP="${GRID_HEAP:-256m}"
STUDY_HEAP="${STUDY_HEAP:-256m}"
REQUEST_HEAP="${REQUEST_HEAP:-256m}"
NOTIFICATION_HEAP="${NOTIFICATION_HEAP:-256m}"
GATEWAY_HEAP="${GATEWAY_HEAP:-256m}"
JAVA_OPTS="${JAVA_OPTS:-}"
GRID_BUILD="${GRID_BUILD:-auto}"
GRID_HEALTH_TIMEOUT="${GRID_HEALTH_TIMEOUT:-180}"
GRID_STOP_TIMEOUT="${GRID_STOP_TIMEOUT:-20}"
GRID_SKIP_SERVICES="${GRID_SKIP_SERVICES:-0}"
GRID_SEED="${GRID_SEED:-1}"
GRID_SEED_ONLY="${GRID_SEED_ONLY:-}"
# Instances per service (1-9). Instance 1 is the module's own name and port; instance N is
# "<module>-N" on port + 10*(N-1): REQUEST_INSTANCES=2 -> request-service :8083, request-service-2 :8093.
GRID_INSTANCES="${GRID_INSTANCES:-1}"
STUDY_INSTANCES="${STUDY_INSTANCES:-1}"
REQUEST_INSTANCES="${REQUEST_INSTANCES:-1}"
NOTIFICATION_INSTANCES="${NOTIFICATION_INSTANCES:-1}"
INSTANCE_PORT_STEP=10
# Health and metrics: each process's Quarkus management interface, on its HTTP port + 100 (the gateway
# probes the services there too: gateway.balancing.probe-port-offset)
MANAGEMENT_PORT_OFFSET=100
# The address every process listens on: services, gateway, Kafka's listeners, an own PostgreSQL cluster.
# 127.0.0.1 unless told otherwise: the launcher's gateway hands out dev tokens (any subject, any role) to
# whoever reaches it. 0.0.0.0 (or ::) opens all of it to the network; the launcher itself keeps talking to
# its processes on 127.0.0.1, so only a value that includes the loopback address is accepted.
GRID_BIND_HOST="${GRID_BIND_HOST:-127.0.0.1}"
case "$GRID_BIND_HOST" in
  127.0.0.1 | 0.0.0.0 | ::) ;;
  *) echo "GRID_BIND_HOST must be 127.0.0.1, 0.0.0.0 or :: (it is '$GRID_BIND_HOST')" >&2; exit 2 ;;
esac

# ---- identity provider ------------------------------------------------------------------
# dev: the gateway's POST /auth/dev-token signs tokens with the local key (the default, as always);
# keycloak: a local Keycloak (deploy/local/keycloak/) issues them and the suite verifies them against its JWKS
GRID_IDP="${GRID_IDP:-dev}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8090}"
KEYCLOAK_HEAP="${KEYCLOAK_HEAP:-512m}"
KEYCLOAK_START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-600}"
KEYCLOAK_STOP_TIMEOUT="${KEYCLOAK_STOP_TIMEOUT:-30}"
# the address Keycloak names itself by: the issuer (iss) of its tokens and the base of its login pages. Fixed, so
# that a token asked for at localhost carries the same issuer as one asked for at 127.0.0.1
KEYCLOAK_URL="${KEYCLOAK_URL:-http://127.0.0.1:$KEYCLOAK_PORT}"
KEYCLOAK_REALM=grid
KC_POM="$LOCAL_DIR/keycloak/pom.xml"
KC_REALM_FILE="$LOCAL_DIR/keycloak/grid-realm.json"
KC_DIR="$GRID_STATE_DIR/keycloak"
KC_DIST_DIR="$KC_DIR/dist"             # the unpacked distribution (kept by stop --clean, like kafka/libs)
KC_SECRET_DIR="$KC_DIR/secrets"        # integrator secret, demo users' and admin console password (made once)
KC_VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$KC_POM" 2>/dev/null | head -1)"
KC_HOME="$KC_DIST_DIR/keycloak-$KC_VERSION"
# what the services verify Keycloak's tokens with: its realm's keys (JWKS, fetched over loopback) and issuer
KC_JWKS_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/$KEYCLOAK_REALM/protocol/openid-connect/certs"
KC_ISSUER="$KEYCLOAK_URL/realms/$KEYCLOAK_REALM"

# ---- observability (--observability) ----------------------------------------------------
# Prometheus (the Debian package's binary) with deploy/observability's alert rules, scraping every process's
# management port; its configuration and data live in $PROM_DIR
GRID_OBSERVABILITY="${GRID_OBSERVABILITY:-0}"
PROMETHEUS_BIN="${PROMETHEUS_BIN:-prometheus}"
PROMETHEUS_PORT="${PROMETHEUS_PORT:-9090}"
PROMETHEUS_START_TIMEOUT="${PROMETHEUS_START_TIMEOUT:-60}"
PROMETHEUS_STOP_TIMEOUT="${PROMETHEUS_STOP_TIMEOUT:-30}"
PROM_DIR="$GRID_STATE_DIR/prometheus"
PROM_CONFIG="$PROM_DIR/prometheus.yml"
PROM_RULES_DIR="$REPO_ROOT/deploy/observability/prometheus/rules"

# Modules in start order (the gateway last: it needs to know every instance).
SERVICES=(grid-service study-service request-service notification-service gateway)

# svc_module NAME: the module a process runs (request-service-2 -> request-service)
svc_module() {
  if [[ "$1" =~ ^(.+-service)-([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; else echo "$1"; fi
}
# svc_index NAME: which instance of its module a process is (request-service -> 1, request-service-2 -> 2)
svc_index() {
  if [[ "$1" =~ ^.+-service-([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; else echo 1; fi
}
svc_instances() { # module -> how many instances run starts
  case "$1" in
    grid-service) echo "$GRID_INSTANCES" ;;
    study-service) echo "$STUDY_INSTANCES" ;;
    request-service) echo "$REQUEST_INSTANCES" ;;
    notification-service) echo "$NOTIFICATION_INSTANCES" ;;
    *) echo 1 ;;
  esac
}
# instance_names MODULE: request-service, request-service-2, ... (one line each)
instance_names() {
  local n i
  n="$(svc_instances "$1")"
  echo "$1"
  for ((i = 2; i <= n; i++)); do echo "$1-$i"; done
}
# service_procs: every service process run starts, in start order
service_procs() {
  local m
  for m in "${SERVICES[@]}"; do instance_names "$m"; done
}
# instance_addresses MODULE: 127.0.0.1:8083,127.0.0.1:8093 (what the gateway balances over)
instance_addresses() {
  local s out=()
  while read -r s; do out+=("127.0.0.1:$(svc_port "$s")"); done < <(instance_names "$1")
  (IFS=,; echo "${out[*]}")
}

svc_port() {
  local base
  case "$(svc_module "$1")" in
    grid-service) base="$GRID_PORT" ;;
    study-service) base="$STUDY_PORT" ;;
    request-service) base="$REQUEST_PORT" ;;
    notification-service) base="$NOTIFICATION_PORT" ;;
    gateway) base="$GATEWAY_PORT" ;;
    *) return 1 ;;
  esac
  echo $((base + INSTANCE_PORT_STEP * ($(svc_index "$1") - 1)))
}
# where an instance's /q/health and /q/metrics are (the Quarkus management interface)
svc_management_port() { echo $(($(svc_port "$1") + MANAGEMENT_PORT_OFFSET)); }
svc_heap() {
  case "$(svc_module "$1")" in
    grid-service) echo "$GRID_HEAP" ;;
    study-service) echo "$STUDY_HEAP" ;;
    request-service) echo "$REQUEST_HEAP" ;;
    notification-service) echo "$NOTIFICATION_HEAP" ;;
    gateway) echo "$GATEWAY_HEAP" ;;
    *) return 1 ;;
  esac
}
svc_jar() { echo "$REPO_ROOT/$(svc_module "$1")/target/quarkus-app/quarkus-run.jar"; }

JAVA_BIN="java"
if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then JAVA_BIN="$JAVA_HOME/bin/java"; fi

# ---- output ---------------------------------------------------------------------------
log()  { printf '[local] %s\n' "$*"; }
warn() { printf '[local] WARNING: %s\n' "$*" >&2; }
die()  { printf '[local] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ "$(id -u)" == 0 ]]; }

# ---- processes ------------------------------------------------------------------------
# Every JVM started by run carries these two system properties, so a pid is only trusted
# (and only ever signalled) when its command line still shows it belongs to this state dir.
marker_args() { # name
  printf '%s\n' "-Dgridlauncher.name=$1" "-Dgridlauncher.state=$GRID_STATE_DIR"
}

# pid_matches PID NAME: live process started by run for this state dir under that name
pid_matches() {
  local pid="$1" name="$2" cmd
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  cmd="$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  if [[ "$name" == prometheus ]]; then
    # not a JVM, so no marker properties: ours when it runs with the configuration file of this state dir
    grep -qxF -- "--config.file=$PROM_CONFIG" <<<"$cmd"
    return
  fi
  grep -qxF -- "-Dgridlauncher.name=$name" <<<"$cmd" &&
    grep -qxF -- "-Dgridlauncher.state=$GRID_STATE_DIR" <<<"$cmd"
}

# running_pid NAME: prints the pid from the pid file if that process is alive and ours
running_pid() {
  local f="$PID_DIR/$1.pid" pid
  [[ -f "$f" ]] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  pid_matches "$pid" "$1" || return 1
  echo "$pid"
}

# all pids (ours, this state dir) carrying -Dgridlauncher.name=NAME, even without pid file
find_marked_pids() { # name
  local p
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    if pid_matches "$p" "$1"; then echo "$p"; fi
  done
}

# extra_instances_found: "<module>-N" processes of this state dir that have a pid file or are still
# running, whatever *_INSTANCES says now (so stop finds instances a run with more of them started)
extra_instances_found() {
  local f p cmd name
  for f in "$PID_DIR"/*-service-[0-9]*.pid; do
    if [[ -e "$f" ]]; then basename "$f" .pid; fi
  done
  for p in /proc/[0-9]*; do
    cmd="$(tr '\0' '\n' <"$p/cmdline" 2>/dev/null)" || continue
    grep -qxF -- "-Dgridlauncher.state=$GRID_STATE_DIR" <<<"$cmd" || continue
    name="$(sed -n 's/^-Dgridlauncher\.name=\(.*-service-[0-9][0-9]*\)$/\1/p' <<<"$cmd")"
    if [[ -n "$name" ]]; then echo "$name"; fi
  done
}

# collect_pids NAME...: pids of our processes with these names (pid file or marker)
collect_pids() {
  local name pid
  for name in "$@"; do
    if pid="$(running_pid "$name")"; then echo "$pid"; fi
    find_marked_pids "$name"
  done | sort -un
}

alive() { kill -0 "$1" 2>/dev/null; }

# stop_procs TIMEOUT NAME...: SIGTERM, wait, SIGKILL; removes the pid files
stop_procs() {
  local timeout="$1" pid name deadline left
  shift
  local pids=()
  mapfile -t pids < <(collect_pids "$@")
  if ((${#pids[@]} == 0)); then
    log "$*: not running"
  else
    log "stopping $* (pids ${pids[*]})"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    deadline=$((SECONDS + timeout))
    while :; do
      left=()
      for pid in "${pids[@]}"; do if alive "$pid"; then left+=("$pid"); fi; done
      ((${#left[@]})) || break
      if (( SECONDS >= deadline )); then
        warn "still running after $timeout s, sending SIGKILL to ${left[*]}"
        for pid in "${left[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
        sleep 1
        break
      fi
      sleep 0.5
    done
  fi
  for name in "$@"; do rm -f "$PID_DIR/$name.pid"; done
}

# port_open HOST PORT: something accepts TCP connections there
port_open() {
  # shellcheck disable=SC2016
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

# who_listens PORT: best-effort description of the listener (for error messages)
who_listens() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))$/\1/p' | head -1
  fi
}

# ---- PostgreSQL binaries ---------------------------------------------------------------
pg_bin_dir() {
  if [[ -n "${GRID_PG_BIN:-}" ]]; then echo "$GRID_PG_BIN"; return; fi
  local d
  d="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  if [[ -n "$d" && -x "$d/initdb" ]]; then echo "$d"; return; fi
  if command -v pg_config >/dev/null 2>&1; then pg_config --bindir; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  if command -v psql >/dev/null 2>&1; then dirname "$(command -v psql)"; return; fi
  return 1
}

# as_pg_owner CMD...: run a command as user postgres when we are root, else as ourselves
as_pg_owner() {
  if is_root; then
    local q
    q="$(printf '%q ' "$@")"
    su postgres -s /bin/sh -c "cd / && $q"
  else
    "$@"
  fi
}
