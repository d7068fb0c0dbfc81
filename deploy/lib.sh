# Shared helpers for deploy/ scripts. Sourced, not run.
# Everything a script starts writes its pid to $HW_STATE/<name>.pid and its log to $HW_STATE/<name>.log,
# so `down` stops exactly what was started here and nothing else.

HW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HW_STATE="${HW_STATE:-$HW_ROOT/.run}"
mkdir -p "$HW_STATE"

KAFKA_PORT="${HW_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${HW_KAFKA_CONTROLLER_PORT:-9093}"
INFLUX_PORT="${HW_INFLUX_PORT:-8086}"
INFLUX_RPC_PORT="${HW_INFLUX_RPC_PORT:-8088}"
INFLUX_DB="${HW_INFLUX_DATABASE:-hazardwatch}"
INFLUX_RP="${HW_INFLUX_RETENTION_POLICY:-thirty_days}"
# issue 16: InfluxDB logins (admin, hw_writer for the history job, hw_reader for the board and Grafana), passwords
# in $HW_STATE/secrets/influx-<role>.password (mode 600); HW_INFLUX_AUTH=off runs InfluxDB without authentication
INFLUX_AUTH="${HW_INFLUX_AUTH:-on}"
INFLUX_SECRETS="$HW_STATE/secrets"

# influx_login_env ROLE [PREFIX] — the environment a service needs to log in to InfluxDB as hw_ROLE (writer, reader,
# admin), as VAR=value words for `env`; nothing when authentication is off. PREFIX: the config key, default influx.
influx_login_env() {
  local role=$1 var; var=$(echo "${2:-influx}" | tr 'a-z.-' 'A-Z__')
  [ "$INFLUX_AUTH" = off ] && return 0
  echo "HW_${var}_USERNAME=hw_$role HW_${var}_PASSWORD_FILE=$INFLUX_SECRETS/influx-$role.password"
}

# influx_curl_login ROLE — curl's option to log in as hw_ROLE (-K with its config file); nothing when logins are off.
influx_curl_login() {
  [ "$INFLUX_AUTH" = off ] || [ ! -f "$INFLUX_SECRETS/influx-$1.curl" ] || echo "-K $INFLUX_SECRETS/influx-$1.curl"
}

# influx_login_export ROLE [PREFIX] — exports influx_login_env's variables into this shell (use it in a subshell).
influx_login_export() {
  local kv
  for kv in $(influx_login_env "$@"); do export "${kv?}"; done
}
# Kafka with SASL/SCRAM logins and ACLs (on, the default) or PLAINTEXT for anyone (off); docs/security-kafka.md
KAFKA_AUTH="${HW_KAFKA_AUTH:-on}"
KAFKA_SECRETS="$HW_STATE/secrets"
KAFKA_PRINCIPALS=(admin ingest jobs alerts rules simulator)

say() { printf '[hazardwatch] %s\n' "$*"; }
die() { printf '[hazardwatch] ERROR: %s\n' "$*" >&2; exit 1; }

# ensure_packages PKG... — installs missing Debian packages (apt-get update once per run).
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_port PORT NAME SECONDS [PIDNAME] — waits until 127.0.0.1:PORT accepts connections.
wait_port() {
  local port=$1 name=$2 secs=$3 pidname=${4:-}
  for _ in $(seq 1 $((secs * 2))); do
    port_open "$port" && return 0
    if [ -n "$pidname" ] && ! is_running "$pidname"; then
      die "$name exited during start-up; last lines of $HW_STATE/$pidname.log:
$(tail -n 20 "$HW_STATE/$pidname.log" 2>/dev/null)"
    fi
    sleep 0.5
  done
  die "$name did not listen on 127.0.0.1:$port within ${secs}s (log: $HW_STATE/${pidname:-$name}.log)"
}

is_running() {
  local pidfile="$HW_STATE/$1.pid"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# start_bg NAME CMD... — runs CMD in the background (own session), logging to $HW_STATE/NAME.log.
start_bg() {
  local name=$1; shift
  setsid "$@" >"$HW_STATE/$name.log" 2>&1 < /dev/null &
  echo $! >"$HW_STATE/$name.pid"
}

# stop_bg NAME — stops what start_bg started (TERM, then KILL after 20 s).
stop_bg() {
  local name=$1 pidfile="$HW_STATE/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name did not stop in 20 s: killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    fi
    say "stopped $name"
  fi
  rm -f "$pidfile"
}

# module_cp MODULE — class path of a built module (mvn package writes target/classpath.txt).
module_cp() {
  local m="$HW_ROOT/$1"
  [ -f "$m/target/classpath.txt" ] || die "$1 is not built: run 'mvn -DskipTests install' first"
  printf '%s:%s' "$m/target/classes" "$(cat "$m/target/classpath.txt")"
}

# kafka_client_file PRINCIPAL — the Kafka client properties file (SASL login) of a principal
kafka_client_file() { printf '%s/kafka-%s.properties' "$KAFKA_SECRETS" "$1"; }

# kafka_auth_on — true when the stack's Kafka runs with logins and this machine holds their files
kafka_auth_on() { [ "$KAFKA_AUTH" = on ] && [ -f "$(kafka_client_file admin)" ]; }
