#!/usr/bin/env bash
# Issue 17 benchmark: a park's real traffic against (a) our ingest gateway (PUBACK after Kafka's ack) and (b) Debian's
# Mosquitto, alternating in one run with the same load: `device-simulator load --fleet`, one connection and login per
# device, exactly one reading in flight each (Netty client), the connect phase in the figures. Rows: closed-loop
# throughput per fleet size with broker CPU per message; PUBACK latency at a park's pace; connect time of a fleet; and
# (gateway only) a reconnect storm: kill -9 the gateway under STORM_DEVICES devices, start it again on the same port,
# time until all publish again, and check that no PUBACKed reading is missing from Kafka. Prints Markdown tables.
# Starts Kafka/InfluxDB only if they are not running (and then stops them), the gateway and Mosquitto on free
# 127.0.0.1 ports; stops everything it started. Every step is bounded in time.
#   bench/park-traffic.sh
# Environment (defaults for the lead's quiet-machine run; smoke: see bench/README.md):
#   CONNECTIONS="10 100 500 5000" (devices of the closed-loop rows) DURATION=30 (seconds per row, connecting included)
#   WARMUP=30 (seconds of closed-loop load on each broker before its first row, not counted)
#   LATENCY_DEVICES=100 LATENCY_RATE=10 (readings/s per device) CONNECT_DEVICES=1000
#   STORM_DEVICES=19000 STORM_SHARDS=2 (client processes; one holds at most ~19 000 sockets; so does the gateway: its
#   mqtt.max-connections defaults to the descriptor limit, 20 000 here, less 1 000 for Kafka and files) STORM_RATE=0.5
#   STORM_PUBLISH=20 (seconds all publish before the kill) STORM_WAIT=90 (seconds the fleet runs on after the restart)
#   STORM_CONNECT_MAX=120 (the kill comes at the latest this long after the shards started) SKIP_STORM=0
#   GATEWAY_HEAP=1g GATEWAY_JAVA_OPTS (extra JVM options, e.g. a JFR recording) SIM_JAVA_OPTS (default -Xmx1g)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
cd "$HW_ROOT"

CONNECTIONS="${CONNECTIONS:-10 100 500 5000}"; DURATION="${DURATION:-30}"; WARMUP="${WARMUP:-30}"
LATENCY_DEVICES="${LATENCY_DEVICES:-100}"; LATENCY_RATE="${LATENCY_RATE:-10}"; CONNECT_DEVICES="${CONNECT_DEVICES:-1000}"
STORM_DEVICES="${STORM_DEVICES:-19000}"; STORM_SHARDS="${STORM_SHARDS:-2}"; STORM_RATE="${STORM_RATE:-0.5}"
STORM_PUBLISH="${STORM_PUBLISH:-20}"; STORM_WAIT="${STORM_WAIT:-90}"; STORM_CONNECT_MAX="${STORM_CONNECT_MAX:-120}"
SKIP_STORM="${SKIP_STORM:-0}"; GATEWAY_HEAP="${GATEWAY_HEAP:-1g}"
SCENARIO="$HW_ROOT/device-simulator/scenarios/bench-load.yaml"

# the storm's client processes, if the script stops while they run
bench_stop_extra() { for p in ${SHARD_PIDS:-}; do kill "$p" 2>/dev/null || true; done; }
# scratch topics (deleted at the end), Kafka if not running, and the descriptor limit raised for every process below
# (gateway, Mosquitto, the fleet's JVMs): bench-lib.sh
# The topics carry this run's pid: two runs on the shared Kafka never write to, count or delete each other's.
broker_bench_begin "hazardwatch.park-$$.readings" "hazardwatch.park-$$.deadletter" "hazardwatch.park-$$.device-status"
NEEDED=$(printf '%s\n' $CONNECTIONS "$LATENCY_DEVICES" "$CONNECT_DEVICES" | sort -n | tail -n 1)
[ "$SKIP_STORM" = 1 ] || NEEDED=$(( STORM_DEVICES > NEEDED ? STORM_DEVICES : NEEDED ))
[ "$(ulimit -n)" -gt $(( NEEDED / (SKIP_STORM == 1 ? 1 : STORM_SHARDS) + 1000 )) ] \
  || say "warning: ulimit -n is $(ulimit -n): too few descriptors for $NEEDED devices in one process"

# The registry: the demo's without its per-enterprise `limits` example, plus enough copies of the load scenario's
# devices, each with its own device login (a secret, checked with one SHA-256); the secrets stay in BENCH_STATE.
SCENARIO_DEVICES=$(grep -c '^      - id:' "$SCENARIO")
COPIES=$(( (NEEDED + SCENARIO_DEVICES - 1) / SCENARIO_DEVICES ))
grep -v '^\s*limits:' deploy/config/registry.yaml >"$BENCH_STATE/park-base-registry.yaml"
rm -f "$BENCH_STATE"/park*.secrets # an earlier run's subsets hold other secrets
say "registry: $COPIES copies of each of the $SCENARIO_DEVICES scenario devices, each with its own device login"
sim fleet --registry "$BENCH_STATE/park-base-registry.yaml" --scenario "$SCENARIO" --devices "$COPIES" \
  --out "$BENCH_STATE/park-registry.yaml" --device-logins --secrets-out "$BENCH_STATE/park.secrets" >/dev/null \
  || die "device-simulator fleet failed"
# the gateway's quotas above the offered load: the benchmark measures the gateway, not its quotas
{ cat deploy/config/local.properties; printf '\n# bench/park-traffic.sh: quotas above the offered load\n'
  printf 'ingest.default-max-connections=1000000\ningest.default-max-messages-per-second=10000000\n'
  # every simulated device connects from 127.0.0.1; a park's devices come from many addresses
  printf 'mqtt.max-unauthenticated-per-address=1000000\n'; } \
  >"$BENCH_STATE/park.properties"

GW_PORT=$(free_port); GW_HTTP_PORT=$(free_port)
start_gateway() {
  HW_MQTT_PORT=$GW_PORT HW_HTTP_PORT=$GW_HTTP_PORT HW_REGISTRY_FILE="$BENCH_STATE/park-registry.yaml" \
    HW_TOPIC_READINGS="${BENCH_TOPICS[0]}" HW_TOPIC_DEADLETTER="${BENCH_TOPICS[1]}" HW_TOPIC_DEVICE_STATUS="${BENCH_TOPICS[2]}" \
    HW_JAVA_OPTS="-Xms$GATEWAY_HEAP -Xmx$GATEWAY_HEAP ${GATEWAY_JAVA_OPTS:-}" \
    start_bg park-gateway "$HW_ROOT/bin/hw" gateway "$BENCH_STATE/park.properties"
}
say "starting the ingest gateway on 127.0.0.1:$GW_PORT (heap $GATEWAY_HEAP)"
start_gateway
STARTED+=(park-gateway)
wait_port "$GW_PORT" "ingest gateway" 60 park-gateway
GW_PID=$(cat "$HW_STATE/park-gateway.pid")

# anonymous: the devices' secrets are sent and not checked; max_inflight_messages stays its default
start_bench_mosquitto park-mosquitto

# secrets_of N — a secrets file with the first N devices (mode 600, as the whole one).
secrets_of() {
  local f="$BENCH_STATE/park-$1.secrets"
  [ -f "$f" ] || (umask 077; head -n "$1" "$BENCH_STATE/park.secrets" >"$f")
  echo "$f"
}

# fleet_into URL DEVICES RATE SECONDS OUT [ARGS...] — one fleet run against a broker, output to OUT.
fleet_into() {
  local url=$1 devices=$2 rate=$3 secs=$4 out=$5; shift 5
  SIM_TIMEOUT=$((secs + 120)) sim load --fleet --secrets "$(secrets_of "$devices")" --scenario "$SCENARIO" --broker "$url" \
    --device-rate "$rate" --duration "$secs" --qos 1 "$@" >"$out" 2>&1 || true
}

# measured NAME DEVICES RATE SECONDS — a fleet run against one broker with its CPU and (gateway) Kafka growth;
# prints "OUT cpu_seconds in_kafka".
measured() {
  local name=$1 devices=$2 rate=$3 secs=$4 url pid out="$BENCH_STATE/park-$1-$2-$3.txt"
  if [ "$name" = gateway ]; then url="tcp://127.0.0.1:$GW_PORT"; pid=$GW_PID; else url="tcp://127.0.0.1:$MQ_PORT"; pid=$MQ_PID; fi
  local before stored0="-" stored="-"; before=$(proc_stats "$pid")
  [ "$name" = gateway ] && stored0=$(topic_size "${BENCH_TOPICS[0]}")
  # the gateway's own account of where each PUBACK's time went (stage means over this run: bench/stages.py)
  [ "$name" = gateway ] && { curl -fsS "http://127.0.0.1:$GW_HTTP_PORT/metrics" >"$out.before.prom" 2>/dev/null || true; }
  say "$name: $devices devices, $( [ "$rate" = 0 ] && echo "closed loop" || echo "$rate readings/s each"), ${secs}s" >&2
  fleet_into "$url" "$devices" "$rate" "$secs" "$out"
  local after; after=$(proc_stats "$pid")
  [ "$name" = gateway ] && stored=$(awk -v a="$stored0" -v b="$(topic_size "${BENCH_TOPICS[0]}")" \
    'BEGIN { if (a != "-" && b != "-") print b - a; else print "-" }')
  if [ "$name" = gateway ] && curl -fsS "http://127.0.0.1:$GW_HTTP_PORT/metrics" >"$out.after.prom" 2>/dev/null; then
    printf '| %s | %s | %s |\n' "$devices" "$([ "$rate" = 0 ] && echo "closed loop" || echo "$rate/s each")" \
      "$("$HW_ROOT/bench/stages.py" "$out.before.prom" "$out.after.prom")" >>"$BENCH_STATE/park-stages"
  fi
  echo "$out $(awk -v a="${before%% *}" -v b="${after%% *}" 'BEGIN { printf "%.1f", b - a }') $stored"
}

f() { result_field "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f×", a / b; else print "-" }'; }
us_per_msg() { awk -v c="$1" -v n="$2" 'BEGIN { if (n + 0 > 0) printf "%.1f", c * 1e6 / n; else print "-" }'; }

if [ "$WARMUP" -gt 0 ]; then
  for b in gateway mosquitto; do
    say "warm-up on $b: ${WARMUP}s, 100 devices closed loop (not measured)"
    url="tcp://127.0.0.1:$([ $b = gateway ] && echo "$GW_PORT" || echo "$MQ_PORT")"
    fleet_into "$url" 100 0 "$WARMUP" "$BENCH_STATE/park-warmup-$b.txt"
  done
fi

: >"$BENCH_STATE/park-rows"; : >"$BENCH_STATE/park-stages"
for n in $CONNECTIONS; do
  read -r gw_out gw_cpu gw_kafka < <(measured gateway "$n" 0 "$DURATION")
  read -r mq_out mq_cpu _ < <(measured mosquitto "$n" 0 "$DURATION")
  gw_us=$(us_per_msg "$gw_cpu" "$(f "$gw_out" acked)"); mq_us=$(us_per_msg "$mq_cpu" "$(f "$mq_out" acked)")
  printf '| %s | %s / %s | %s | %s / %s / %s | %s / %s / %s | %s / %s | %s | %s / %s | %s / %s | %s / %s |\n' "$n" \
    "$(f "$gw_out" acked_rate)" "$(f "$mq_out" acked_rate)" "$(ratio "$(f "$gw_out" acked_rate)" "$(f "$mq_out" acked_rate)")" \
    "$(f "$gw_out" mean_ms)" "$(f "$gw_out" p50_ms)" "$(f "$gw_out" p99_ms)" \
    "$(f "$mq_out" mean_ms)" "$(f "$mq_out" p50_ms)" "$(f "$mq_out" p99_ms)" \
    "$gw_us" "$mq_us" "$(ratio "$gw_us" "$mq_us")" "$(f "$gw_out" acked)" "$gw_kafka" \
    "$(f "$gw_out" connect_s)" "$(f "$mq_out" connect_s)" "$(f "$gw_out" failed)" "$(f "$mq_out" failed)" >>"$BENCH_STATE/park-rows"
done

read -r gw_lat _ gw_lat_kafka < <(measured gateway "$LATENCY_DEVICES" "$LATENCY_RATE" "$DURATION")
read -r mq_lat _ _ < <(measured mosquitto "$LATENCY_DEVICES" "$LATENCY_RATE" "$DURATION")
read -r gw_con _ _ < <(measured gateway "$CONNECT_DEVICES" 1 10)
read -r mq_con _ _ < <(measured mosquitto "$CONNECT_DEVICES" 1 10)

STORM_ROW="(skipped: SKIP_STORM=1)"
if [ "$SKIP_STORM" != 1 ]; then
  STORM_SECONDS=$((STORM_CONNECT_MAX + STORM_PUBLISH + STORM_WAIT))
  say "storm: $STORM_DEVICES devices in $STORM_SHARDS processes, $STORM_RATE readings/s each, on the gateway"
  stored0=$(topic_size "${BENCH_TOPICS[0]}")
  SHARD_PIDS=""
  for i in $(seq 0 $((STORM_SHARDS - 1))); do
    SIM_TIMEOUT=$((STORM_SECONDS + 120)) sim load --fleet --secrets "$(secrets_of "$STORM_DEVICES")" --shard "$i/$STORM_SHARDS" \
      --scenario "$SCENARIO" --broker "tcp://127.0.0.1:$GW_PORT" --device-rate "$STORM_RATE" --duration "$STORM_SECONDS" \
      --qos 1 >"$BENCH_STATE/park-storm-$i.txt" 2>&1 &
    SHARD_PIDS="$SHARD_PIDS $!"
  done
  # all connected (every shard said so), or STORM_CONNECT_MAX passed
  for _ in $(seq 1 "$STORM_CONNECT_MAX"); do
    [ "$(cat "$BENCH_STATE"/park-storm-*.txt 2>/dev/null | grep -c '^all .* devices connected')" -ge "$STORM_SHARDS" ] && break
    sleep 1
  done
  sleep "$STORM_PUBLISH"
  say "storm: kill -9 of the gateway, started again at once on port $GW_PORT"
  disown "$GW_PID" 2>/dev/null || true # no "Killed" job notice amid the output; the shards stay this shell's jobs
  kill -KILL -- "-$GW_PID" 2>/dev/null || kill -KILL "$GW_PID"
  while kill -0 "$GW_PID" 2>/dev/null; do sleep 0.1; done
  start_gateway
  wait_port "$GW_PORT" "ingest gateway (restarted)" 60 park-gateway
  GW_PID=$(cat "$HW_STATE/park-gateway.pid")
  for p in $SHARD_PIDS; do wait "$p" || true; done
  SHARD_PIDS=""
  stored=$(awk -v a="$stored0" -v b="$(topic_size "${BENCH_TOPICS[0]}")" 'BEGIN { if (a != "-" && b != "-") print b - a; else print "-" }')
  sum() { local k=$1 t=0 v; for o in "$BENCH_STATE"/park-storm-*.txt; do v=$(f "$o" "$k"); t=$(awk -v t="$t" -v v="${v:-0}" 'BEGIN { print t + v }'); done; echo "$t"; }
  # every shard sees the same outage: the storms a shard saw, not their sum
  most() { for o in "$BENCH_STATE"/park-storm-*.txt; do f "$o" "$1"; done | sort -n | tail -n 1; }
  worst=$(for o in "$BENCH_STATE"/park-storm-*.txt; do f "$o" storm_recovery_s; done \
    | awk 'BEGIN { w = 0 } { if ($1 == "" || $1 < 0) { w = -1; exit } if ($1 > w) w = $1 } END { print (NR == 0 ? "-" : (w < 0 ? "not all" : w)) }')
  acked=$(sum acked)
  STORM_ROW=$(printf '| %s | %s | %s | %s | %s | %s / %s | %s | %s |' "$STORM_DEVICES" "$(sum connected)" "$(most storms)" \
    "$(sum storm_lost)" "$worst" "$acked" "$stored" \
    "$(awk -v a="$acked" -v s="$stored" 'BEGIN { if (s == "-") print "-"; else if (s + 0 >= a + 0) print "0 lost, " s - a " duplicates"; else print a - s " LOST" }')" \
    "$(sum failed)")
fi

cat <<TABLE

### A park's traffic — gateway vs Mosquitto, one reading in flight per device, connect phase included
(load: \`device-simulator load --fleet\`, one connection and device login per device, Netty client, QoS 1, ${DURATION}s per
row after ${WARMUP}s of warm-up on each broker; gateway PUBACKs after Kafka acked; $(nproc) cores;
$(uptime | sed 's/.*load average/load average/'))

| devices (closed loop) | msg/s gateway / Mosquitto | ratio | PUBACK mean / p50 / p99 ms gateway | Mosquitto | broker CPU µs/msg gateway / Mosquitto | ratio | gateway PUBACKed / in Kafka | connect s gateway / Mosquitto | failed gateway / Mosquitto |
|---|---|---|---|---|---|---|---|---|---|
$(cat "$BENCH_STATE/park-rows")

Where the gateway's PUBACK time went (means per stage from its /metrics, \`bench/stages.py\`; the connect phase's
messages included):

| devices | pace | judge + handoff + kafka + reply = sum of PUBACK (ms) |
|---|---|---|
$(cat "$BENCH_STATE/park-stages")

| latency: $LATENCY_DEVICES devices × $LATENCY_RATE readings/s | PUBACK p50 / p99 ms | late | msg/s |
|---|---|---|---|
| gateway | $(f "$gw_lat" p50_ms) / $(f "$gw_lat" p99_ms) | $(f "$gw_lat" late) | $(f "$gw_lat" acked_rate) (PUBACKed $(f "$gw_lat" acked) / in Kafka $gw_lat_kafka) |
| Mosquitto | $(f "$mq_lat" p50_ms) / $(f "$mq_lat" p99_ms) | $(f "$mq_lat" late) | $(f "$mq_lat" acked_rate) |

| connect: $CONNECT_DEVICES devices | first CONNECT → last CONNACK s | connects/s | refused / retried | never connected |
|---|---|---|---|---|
| gateway | $(f "$gw_con" connect_s) | $(f "$gw_con" connects_per_s) | $(f "$gw_con" connect_refused) / $(f "$gw_con" connect_retried) | $(f "$gw_con" never_connected) |
| Mosquitto | $(f "$mq_con" connect_s) | $(f "$mq_con" connects_per_s) | $(f "$mq_con" connect_refused) / $(f "$mq_con" connect_retried) | $(f "$mq_con" never_connected) |

Storm (gateway only): $STORM_DEVICES devices in $STORM_SHARDS processes at $STORM_RATE readings/s each; after ${STORM_PUBLISH}s of
publishing the gateway is killed (-9) and started again at once on the same port; devices reconnect after 0–2 s of jitter.

| devices | connected | storms (per shard) | devices lost | all publishing again in s (max over shards) | PUBACKed / in Kafka | lost / duplicates | failed (in flight at the kill) |
|---|---|---|---|---|---|---|---|
$STORM_ROW

Raw outputs: $BENCH_STATE/park-*.txt
TABLE
