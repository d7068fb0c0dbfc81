#!/usr/bin/env bash
# The ingest gateways of the cluster layout behind Debian's HAProxy (issue 18, part GATEWAYS).
#   deploy/cluster/gateways.sh up           starts the $CLUSTER_GATEWAYS gateways and the balancer; waits until every
#                                           gateway answers /ready and the balancer counts it UP (idempotent)
#   deploy/cluster/gateways.sh down         stops the balancer, then the gateways (graceful: drain, see below)
#   deploy/cluster/gateways.sh status       each gateway (pid, /ready) and the balancer's view of it
#   deploy/cluster/gateways.sh kill I       kill -9 of gateway I ("balancer": of HAProxy)
#   deploy/cluster/gateways.sh start I      starts gateway I ("balancer": HAProxy) again, waits until ready
#   deploy/cluster/gateways.sh stop I       graceful stop of gateway I: /ready 503 and CONNECTs refused, drain
#                                           (gateway.drain-seconds), DISCONNECT, Kafka flushed, last heartbeat
#   deploy/cluster/gateways.sh restart I    stop I, then start I: one step of a rolling restart
# Gateway I is `bin/hw gateway deploy/cluster/gateway.properties` with instance id gw-I, MQTT on
# $(cluster_gateway_mqtt_port I) and HTTP on $(cluster_gateway_http_port I); the balancer takes MQTT on
# $CLUSTER_MQTT_PORT, HTTP ingest on $CLUSTER_INGEST_HTTP_PORT, statistics on $CLUSTER_HAPROXY_STATS_PORT.
# Environment: HW_CLUSTER_KAFKA_BOOTSTRAP (default $CLUSTER_KAFKA_BOOTSTRAP), HW_CLUSTER_KAFKA_SECRETS (default
# $HW_STATE/secrets: kafka-ingest.properties, the gateways' Kafka login; HW_KAFKA_AUTH=off: none), HW_CLUSTER_REGISTRY
# (default deploy/config/registry.yaml), HW_CLUSTER_GATEWAY_CONFIG (default deploy/cluster/gateway.properties),
# HW_GATEWAY_JAVA_OPTS (default -Xms64m -Xmx256m); any other HW_* key override (e.g. HW_TOPIC_READINGS) reaches
# every gateway. Needs the built modules (mvn -DskipTests package) and HAProxy (installed with apt-get if missing).
set -euo pipefail
source "$(dirname "$0")/cluster-lib.sh"
cd "$HW_CLUSTER_ROOT"

KAFKA_BOOTSTRAP="${HW_CLUSTER_KAFKA_BOOTSTRAP:-$CLUSTER_KAFKA_BOOTSTRAP}"
SECRETS="${HW_CLUSTER_KAFKA_SECRETS:-$HW_STATE/secrets}"
REGISTRY="${HW_CLUSTER_REGISTRY:-$HW_CLUSTER_ROOT/deploy/config/registry.yaml}"
GATEWAY_CONFIG="${HW_CLUSTER_GATEWAY_CONFIG:-$HW_CLUSTER_ROOT/deploy/cluster/gateway.properties}"
HAPROXY_DIR="$HW_STATE/haproxy"

gateway_ready() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$(cluster_gateway_http_port "$1")/ready"; }

start_gateway() {
  local i=$1 name="gateway-$1"
  if is_running "$name"; then say "gateway gw-$i already running"; return; fi
  port_open "$(cluster_gateway_mqtt_port "$i")" && die "port $(cluster_gateway_mqtt_port "$i") is taken (gateway gw-$i)"
  local login=() file="$SECRETS/kafka-ingest.properties"
  if [ -f "$file" ]; then
    login=(HW_KAFKA_CLIENT_PROPERTIES="$file")
  elif [ "$KAFKA_AUTH" != off ]; then
    die "no Kafka login for the gateways: $file is missing (HW_CLUSTER_KAFKA_SECRETS; HW_KAFKA_AUTH=off: none)"
  fi
  say "starting gateway gw-$i (MQTT 127.0.0.1:$(cluster_gateway_mqtt_port "$i"), HTTP $(cluster_gateway_http_port "$i"))"
  start_bg "$name" env HW_GATEWAY_INSTANCE_ID="gw-$i" HW_MQTT_PORT="$(cluster_gateway_mqtt_port "$i")" \
    HW_HTTP_PORT="$(cluster_gateway_http_port "$i")" HW_KAFKA_BOOTSTRAP="$KAFKA_BOOTSTRAP" \
    HW_REGISTRY_FILE="$REGISTRY" HW_JAVA_OPTS="${HW_GATEWAY_JAVA_OPTS:--Xms64m -Xmx256m}" "${login[@]}" \
    "$HW_CLUSTER_ROOT/bin/hw" gateway "$GATEWAY_CONFIG"
}

wait_gateway_ready() {
  local i=$1
  for _ in $(seq 1 120); do
    gateway_ready "$i" && return 0
    is_running "gateway-$i" || die "gateway gw-$i exited during start-up; last lines of $HW_STATE/gateway-$i.log:
$(tail -n 20 "$HW_STATE/gateway-$i.log" 2>/dev/null)"
    sleep 0.5
  done
  die "gateway gw-$i not ready within 60 s (log: $HW_STATE/gateway-$i.log)"
}

# render TEMPLATE OUT — fills the placeholders of a haproxy-*.cfg (see haproxy-gateways.cfg's header)
render() {
  local line i out
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ "$line" == *"# each gateway" ]]; then
      for i in $(seq 1 "$CLUSTER_GATEWAYS"); do
        out=${line%"# each gateway"}; out=${out//@I@/$i}
        out=${out//@GATEWAY_MQTT_PORT@/$(cluster_gateway_mqtt_port "$i")}
        printf '%s\n' "${out//@GATEWAY_HTTP_PORT@/$(cluster_gateway_http_port "$i")}"
      done
    elif [[ "$line" == *"# each alert service" ]]; then
      for i in $(seq 1 "$CLUSTER_ALERTS"); do
        out=${line%"# each alert service"}; out=${out//@I@/$i}
        printf '%s\n' "${out//@ALERT_HTTP_PORT@/$(cluster_alert_http_port "$i")}"
      done
    else
      for var in CLUSTER_HAPROXY_STATS_PORT CLUSTER_MQTT_PORT CLUSTER_INGEST_HTTP_PORT CLUSTER_BOARD_PORT; do
        line=${line//@$var@/${!var}}
      done
      printf '%s\n' "$line"
    fi
  done <"$1" >"$2"
  ! grep -v '^[[:space:]]*#' "$2" | grep '@[A-Z_]*@' || die "$1: a placeholder was left unfilled (see haproxy-gateways.cfg's header)"
}

start_balancer() {
  if is_running haproxy; then say "balancer (HAProxy) already running"; return; fi
  ensure_packages haproxy
  port_open "$CLUSTER_MQTT_PORT" && die "port $CLUSTER_MQTT_PORT is taken (the balancer's MQTT port)"
  rm -rf "$HAPROXY_DIR"; mkdir -p "$HAPROXY_DIR"
  local files=() f
  # haproxy-gateways.cfg first: it holds global and defaults
  for f in deploy/cluster/haproxy-gateways.cfg $(ls deploy/cluster/haproxy-*.cfg | grep -v '/haproxy-gateways.cfg$'); do
    render "$f" "$HAPROXY_DIR/$(basename "$f")"
    files+=(-f "$HAPROXY_DIR/$(basename "$f")")
  done
  haproxy -c -q "${files[@]}" || die "HAProxy refuses its configuration (${files[*]})"
  say "starting the balancer (HAProxy: MQTT 127.0.0.1:$CLUSTER_MQTT_PORT, HTTP $CLUSTER_INGEST_HTTP_PORT, stats $CLUSTER_HAPROXY_STATS_PORT)"
  # events (a gateway DOWN or UP, connection errors) are logged to stdout, one line each: haproxy.log; its stderr
  # repeats the same warnings in foreground mode, so it goes to haproxy.stderr.log (start-up errors land there)
  start_bg haproxy bash -c 'exec haproxy -db "$@" 2>"$0"' "$HW_STATE/haproxy.stderr.log" "${files[@]}"
  wait_port "$CLUSTER_MQTT_PORT" "HAProxy (errors: $HW_STATE/haproxy.stderr.log)" 15 haproxy
}

# backend_states — "gw-1 UP" lines of the MQTT backend, from HAProxy's statistics (CSV)
backend_states() {
  curl -sf --max-time 2 "http://127.0.0.1:$CLUSTER_HAPROXY_STATS_PORT/;csv" | awk -F, '$1=="gateways_mqtt" && $2 ~ /^gw-/ {print $2, $18}'
}

wait_balancer_up() {
  local want=$1
  for _ in $(seq 1 60); do
    [ "$(backend_states | grep -c ' UP')" -ge "$want" ] && return 0
    sleep 0.5
  done
  die "the balancer does not count $want gateways UP within 30 s: $(backend_states | tr '\n' ' ')"
}

check_instance() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$CLUSTER_GATEWAYS" ] \
    || die "instance: 1..$CLUSTER_GATEWAYS or balancer, not '${1:-}'"
}

up() {
  [ -f ingest/target/classpath.txt ] || die "ingest is not built: run 'mvn -DskipTests package' first"
  local i
  for i in $(seq 1 "$CLUSTER_GATEWAYS"); do start_gateway "$i"; done
  for i in $(seq 1 "$CLUSTER_GATEWAYS"); do wait_gateway_ready "$i"; done
  start_balancer
  wait_balancer_up "$CLUSTER_GATEWAYS"
  say "gateways ready behind the balancer: MQTT 127.0.0.1:$CLUSTER_MQTT_PORT, HTTP 127.0.0.1:$CLUSTER_INGEST_HTTP_PORT"
}

down() {
  stop_bg haproxy
  local i
  for i in $(seq 1 "$CLUSTER_GATEWAYS"); do stop_bg "gateway-$i" & done
  wait
}

status() {
  local i states; states=$(backend_states 2>/dev/null || true)
  for i in $(seq 1 "$CLUSTER_GATEWAYS"); do
    local pid="-" ready="not ready" seen
    is_running "gateway-$i" && pid=$(cat "$HW_STATE/gateway-$i.pid")
    gateway_ready "$i" && ready="ready"
    seen=$(awk -v s="gw-$i" '$1==s {print $2}' <<<"$states")
    echo "gw-$i  pid $pid  $ready  balancer: ${seen:-?}"
  done
  if is_running haproxy; then echo "balancer  pid $(cat "$HW_STATE/haproxy.pid")  MQTT $CLUSTER_MQTT_PORT  HTTP $CLUSTER_INGEST_HTTP_PORT"
  else echo "balancer  not running"; fi
}

kill9() {
  local name
  if [ "${1:-}" = balancer ]; then name=haproxy; else check_instance "${1:-}"; name="gateway-$1"; fi
  is_running "$name" || die "$name is not running"
  local pid; pid=$(cat "$HW_STATE/$name.pid")
  kill -KILL "$pid"
  # until it is gone (a zombie not yet reaped still answers kill -0), so that `start` right after starts it again
  for _ in $(seq 1 100); do
    { kill -0 "$pid" 2>/dev/null && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$pid/stat" 2>/dev/null; } || break
    sleep 0.1
  done
  rm -f "$HW_STATE/$name.pid"
  say "killed $name (kill -9)"
}

start_one() {
  if [ "${1:-}" = balancer ]; then start_balancer; return; fi
  check_instance "${1:-}"
  start_gateway "$1"
  wait_gateway_ready "$1"
  say "gateway gw-$1 ready"
}

stop_one() {
  check_instance "${1:-}"
  stop_bg "gateway-$1"
}

# restart_one I — one step of a rolling restart: drain and stop gateway I, start it, wait until the balancer counts it
restart_one() {
  check_instance "${1:-}"
  local j others=0
  for j in $(seq 1 "$CLUSTER_GATEWAYS"); do [ "$j" != "$1" ] && gateway_ready "$j" && others=$((others + 1)); done
  [ "$others" -gt 0 ] || say "warning: no other gateway is ready: gw-$1's devices have nowhere to go meanwhile"
  stop_one "$1"
  start_one "$1"
  local up=0
  for _ in $(seq 1 30); do
    [ "$(backend_states | awk -v s="gw-$1" '$1==s {print $2}')" = UP ] && { up=1; break; }
    sleep 0.5
  done
  [ "$up" = 1 ] || die "gw-$1 is ready but the balancer does not count it UP within 15 s"
  say "gw-$1 restarted and UP in the balancer: go on with the next one"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill) kill9 "${2:-}" ;;
  start) start_one "${2:-}" ;;
  stop) stop_one "${2:-}" ;;
  restart) restart_one "${2:-}" ;;
  *) die "usage: deploy/cluster/gateways.sh up | down | status | kill I|balancer | start I|balancer | stop I | restart I" ;;
esac
