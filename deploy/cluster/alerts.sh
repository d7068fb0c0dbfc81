#!/usr/bin/env bash
# deploy/cluster/alerts.sh up | down | status | kill I | start I — the alert service as an active + standby pair
# (issue 18): $CLUSTER_ALERTS instances (alerts-1, alerts-2) of `bin/hw alerts` with alert.ha.enabled; the one that
# owns the leader topic's partition is active (serves the board, /ready 200), the others are standby (/ready 503).
# HAProxy (deploy/cluster/haproxy-board.cfg, started by the gateways part) fronts the board on $CLUSTER_BOARD_PORT.
#
#   up        starts the instances not running and waits until one of them is active (idempotent); then the
#             sentinel, which watches the board's /health through the balancer and pages the on-call when no
#             instance answers (both dead, or the active one unable to commit) — bin/hw sentinel
#   down      stops the sentinel and the instances this script started (SIGTERM: an active one stops, then hands
#             the role on)
#   status    each instance: pid, port and role (from its /ready)
#   kill I    kill -9 of instance I      start I   starts instance I again (it joins as standby)
#
# Environment: HW_CLUSTER_KAFKA_BOOTSTRAP (default the 3-broker cluster), HW_CLUSTER_KAFKA_SECRETS (the `alerts`
# principal's client file kafka-alerts.properties; default $HW_STATE/secrets; absent = a broker without logins),
# HW_CLUSTER_INFLUX_URL (default http://127.0.0.1:$CLUSTER_INFLUX_PORT), HW_CLUSTER_INFLUX_SECRETS (hw_reader's
# influx-reader.password and hw_writer's influx-writer.password; default $HW_STATE/secrets), HW_CLUSTER_ALERTS_CONFIG (default deploy/config/
# local.properties), HW_CLUSTER_ALERTS_JAVA_OPTS (default -Xmx384m). Any other HW_* key override passes through.
# The board's session secret and the acknowledge links' secret are made once in $HW_STATE/secrets and shared by all
# instances (a takeover keeps the duty room logged in); attachments are shared in $HW_STATE/alert-attachments.
set -euo pipefail
source "$(dirname "$0")/cluster-lib.sh"
cd "$HW_CLUSTER_ROOT"

CONFIG="${HW_CLUSTER_ALERTS_CONFIG:-deploy/config/local.properties}"
BOOTSTRAP="${HW_CLUSTER_KAFKA_BOOTSTRAP:-$CLUSTER_KAFKA_BOOTSTRAP}"
SECRETS="${HW_CLUSTER_KAFKA_SECRETS:-$HW_STATE/secrets}"
INFLUX_URL="${HW_CLUSTER_INFLUX_URL:-http://127.0.0.1:$CLUSTER_INFLUX_PORT}"
INFLUX_SECRETS_DIR="${HW_CLUSTER_INFLUX_SECRETS:-$HW_STATE/secrets}"

# shared_secret NAME — a random secret made once in $HW_STATE/secrets/NAME (mode 600), printed
shared_secret() {
  local file="$HW_STATE/secrets/$1"
  if [ ! -s "$file" ]; then
    ( umask 077; mkdir -p "$HW_STATE/secrets"; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file" )
  fi
  cat "$file"
}

instance_ok() { [[ "${1:-}" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$CLUSTER_ALERTS" ] \
  || die "instance must be 1..$CLUSTER_ALERTS, not '${1:-}'"; }

# role I — active / standby / down, from the instance's /ready
role() {
  local port; port=$(cluster_alert_http_port "$1")
  local body; body=$(curl -s -m 2 "http://127.0.0.1:$port/ready" 2>/dev/null) || { echo down; return; }
  case "$body" in *'"role":"active"'*) echo active ;; *) echo standby ;; esac
}

start_one() {
  local i=$1 name="alerts-$1" port; port=$(cluster_alert_http_port "$1")
  if is_running "$name"; then say "$name already running"; return; fi
  say "starting $name on port $port"
  # the log of the previous run (perhaps one that was killed) is kept beside the new one
  if [ -f "$HW_STATE/$name.log" ]; then mv -f "$HW_STATE/$name.log" "$HW_STATE/$name.previous.log"; fi
  (
    export HW_ALERT_HTTP_PORT="$port" HW_ALERT_HA_ENABLED=true HW_ALERT_HA_INSTANCE_ID="$name"
    export HW_KAFKA_BOOTSTRAP="$BOOTSTRAP" HW_INFLUX_URL="$INFLUX_URL"
    if [ -f "$SECRETS/kafka-alerts.properties" ]; then
      export HW_KAFKA_CLIENT_PROPERTIES_FILE="$SECRETS/kafka-alerts.properties"
    else
      export HW_KAFKA_CLIENT_PROPERTIES_FILE=none
    fi
    # the board reads InfluxDB as hw_reader; the incident marks are written as hw_writer (as in run-local.sh)
    if [ -f "$INFLUX_SECRETS_DIR/influx-reader.password" ]; then
      export HW_INFLUX_USERNAME=hw_reader HW_INFLUX_PASSWORD_FILE="$INFLUX_SECRETS_DIR/influx-reader.password"
    fi
    if [ -f "$INFLUX_SECRETS_DIR/influx-writer.password" ]; then
      export HW_INFLUX_INCIDENTS_USERNAME=hw_writer
      export HW_INFLUX_INCIDENTS_PASSWORD_FILE="$INFLUX_SECRETS_DIR/influx-writer.password"
    fi
    # links in messages point at the balancer, whichever instance sent them
    export HW_ALERT_BOARD_PUBLIC_URL="${HW_ALERT_BOARD_PUBLIC_URL:-http://127.0.0.1:$CLUSTER_BOARD_PORT}"
    HW_ALERT_BOARD_SESSION_SECRET="$(shared_secret board-session.secret)"
    HW_ALERT_ACK_SECRET="$(shared_secret alert-ack.secret)"
    export HW_ALERT_BOARD_SESSION_SECRET HW_ALERT_ACK_SECRET
    export HW_ALERT_ATTACHMENTS_DIR="${HW_ALERT_ATTACHMENTS_DIR:-$HW_STATE/alert-attachments}"
    export HW_JAVA_OPTS="${HW_CLUSTER_ALERTS_JAVA_OPTS:--Xmx384m}"
    start_bg "$name" "$HW_CLUSTER_ROOT/bin/hw" alerts "$CONFIG"
  )
  wait_port "$port" "$name" 90 "$name"
}

stop_one() { stop_bg "alerts-$1"; }

start_sentinel() {
  if is_running sentinel; then return; fi
  say "starting the sentinel (watches http://127.0.0.1:$CLUSTER_BOARD_PORT/health)"
  HW_SENTINEL_WATCH="http://127.0.0.1:$CLUSTER_BOARD_PORT/health" HW_KAFKA_CLIENT_PROPERTIES_FILE=none \
    HW_JAVA_OPTS="-Xmx96m" start_bg sentinel "$HW_CLUSTER_ROOT/bin/hw" sentinel "$CONFIG"
}

up() {
  for i in $(seq 1 "$CLUSTER_ALERTS"); do start_one "$i"; done
  for _ in $(seq 1 180); do
    for i in $(seq 1 "$CLUSTER_ALERTS"); do
      if [ "$(role "$i")" = active ]; then say "alert services up: alerts-$i is active"; start_sentinel; return 0; fi
    done
    sleep 0.5
  done
  die "no alert service became active within 90 s (logs: $HW_STATE/alerts-*.log; is the leader topic there?)"
}

# the standbys first, then the active one: no takeover on the way down
down() {
  local i active=()
  stop_bg sentinel
  for i in $(seq 1 "$CLUSTER_ALERTS"); do
    if is_running "alerts-$i" && [ "$(role "$i")" = active ]; then active+=("$i"); else stop_one "$i"; fi
  done
  for i in "${active[@]}"; do stop_one "$i"; done
}

status() {
  for i in $(seq 1 "$CLUSTER_ALERTS"); do
    if is_running "alerts-$i"; then
      echo "alerts-$i pid $(cat "$HW_STATE/alerts-$i.pid") port $(cluster_alert_http_port "$i") $(role "$i")"
    else
      echo "alerts-$i not running"
    fi
  done
}

kill_one() {
  local name="alerts-$1"
  is_running "$name" || die "$name is not running"
  local pid; pid=$(cat "$HW_STATE/$name.pid")
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
  say "killed $name (kill -9 of $pid)"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill) instance_ok "${2:-}"; kill_one "$2" ;;
  start) instance_ok "${2:-}"; start_one "$2" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
