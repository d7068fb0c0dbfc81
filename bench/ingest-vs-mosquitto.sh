#!/usr/bin/env bash
# Issue 4 benchmark: the same QoS 1 load against (a) our ingest gateway (PUBACK after Kafka's ack) and (b) Debian's
# Mosquitto, side by side; then connection scale (idle connections one gateway holds). Prints Markdown tables.
# Starts Kafka/InfluxDB only if they are not running (and then stops them), the gateway and Mosquitto on free
# 127.0.0.1 ports; stops everything it started. Every step is bounded in time.
#   bench/ingest-vs-mosquitto.sh
# Environment (defaults for the lead's quiet-machine run; smoke: DURATION=5 RATES=5000 WARMUP=5 IDLE_CONNECTIONS=2000):
#   DURATION=30 RATES="30000 60000" (offered readings/s; each rate one row per broker) MQTT_VERSIONS="3 5" CONNECTIONS=30 BATCH=1 GATEWAY_HEAP=1g IDLE_CONNECTIONS=19000 IDLE_HOLD=15
#   WARMUP=45 (seconds of the same load before each measured run, not counted: the gateway's JIT needs ~40 s on 2 cores)
#   CLIENT=pipelined (the load's MQTT client: pipelined = Netty, one write per batch of queued PUBLISHes; paho = Eclipse
#   Paho, which costs the shared 2 cores ~5x more per message)
#   GATEWAY_JAVA_OPTS (extra JVM options for the gateway, e.g. a JFR recording)
#   CONNECT_CONCURRENCY=16 (bcrypt: ~80 ms of gateway CPU per CONNECT)
#   MAX_INFLIGHT=200 (unacknowledged messages per connection; 1 = a device that waits for each PUBACK)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
cd "$HW_ROOT"

DURATION="${DURATION:-30}"; RATES="${RATES:-30000 60000}"; MQTT_VERSIONS="${MQTT_VERSIONS:-3 5}"; CONNECTIONS="${CONNECTIONS:-30}"; BATCH="${BATCH:-1}"
GATEWAY_HEAP="${GATEWAY_HEAP:-1g}"; IDLE_CONNECTIONS="${IDLE_CONNECTIONS:-19000}"; IDLE_HOLD="${IDLE_HOLD:-15}"
CONNECT_CONCURRENCY="${CONNECT_CONCURRENCY:-16}"; MAX_INFLIGHT="${MAX_INFLIGHT:-200}"; WARMUP="${WARMUP:-45}"; CLIENT="${CLIENT:-pipelined}"
SCENARIO="$HW_ROOT/device-simulator/scenarios/bench-load.yaml"

# scratch topics, deleted at the end (bench-lib.sh: broker_bench_begin says why); with this run's pid, so that two
# runs on the shared Kafka never write to, count or delete each other's
broker_bench_begin "hazardwatch.bench-$$.readings" "hazardwatch.bench-$$.deadletter" "hazardwatch.bench-$$.device-status"

GW_PORT=$(free_port); GW_HTTP_PORT=$(free_port)
# The demo registry without its per-enterprise `limits` example, and default limits above the offered load:
# the benchmark measures the gateway, not its quotas.
# CHEAP_HASHES=1 (default) swaps the demo logins' bcrypt hashes (cost 10, ~80 ms per CONNECT) for cost-4
# hashes of the same passwords, so that connection scale measures memory per connection, not bcrypt.
grep -v '^\s*limits:' deploy/config/registry.yaml >"$BENCH_STATE/registry.yaml"
if [ "${CHEAP_HASHES:-1}" = 1 ]; then
  sed -i -e 's|\$2a\$10\$Bhe1EbaMvqWEdQMnw4iXXegHbMuIG.6g87i7xv8XQ4JCo9d7SX.TC|$2a$04$xtdym3cIxsQNEaz0Col6S.peUlJV21jeouP8YcmpUMJPA7tmTlqvC|' \
    -e 's|\$2a\$10\$SnE/gyK/meImKFgyvvY6Iu2wWnlBvYyrpUPZhzKn1pSK.tMJzyvXG|$2a$04$4al2/7UovTm5NuLzVIuokeqqH/YJqqmqB.ShPtIWEkscKdeOeWQHu|' \
    -e 's|\$2a\$10\$EBqcI0WwaOn.FUeYyJpJD.SjmNAXoDkV0r1HkMDPy3ELDJfCZP9nq|$2a$04$0703XctGil3clsmoG0cIn.WYlwaTH8pqEVxayv4o2DF8yhlKQUrXe|' \
    "$BENCH_STATE/registry.yaml"
fi
say "starting the ingest gateway on 127.0.0.1:$GW_PORT (heap $GATEWAY_HEAP)"
HW_MQTT_PORT=$GW_PORT HW_HTTP_PORT=$GW_HTTP_PORT HW_REGISTRY_FILE="$BENCH_STATE/registry.yaml" \
  HW_TOPIC_READINGS="${BENCH_TOPICS[0]}" HW_TOPIC_DEADLETTER="${BENCH_TOPICS[1]}" HW_TOPIC_DEVICE_STATUS="${BENCH_TOPICS[2]}" \
  HW_INGEST_DEFAULT_MAX_CONNECTIONS=1000000 HW_INGEST_DEFAULT_MAX_MESSAGES_PER_SECOND=10000000 \
  HW_JAVA_OPTS="-Xms$GATEWAY_HEAP -Xmx$GATEWAY_HEAP ${GATEWAY_JAVA_OPTS:-}" \
  start_bg bench-gateway "$HW_ROOT/bin/hw" gateway deploy/config/local.properties
STARTED+=(bench-gateway)
wait_port "$GW_PORT" "ingest gateway" 60 bench-gateway
GW_PID=$(cat "$HW_STATE/bench-gateway.pid")

start_bench_mosquitto bench-mosquitto "max_queued_messages 100000"

# load_into URL RATE VERSION SECONDS OUT — the benchmark's QoS 1 load against one broker, output to OUT.
load_into() {
  SIM_TIMEOUT=$(($4 + 120)) sim load --client "$CLIENT" --mqtt-version "$3" --scenario "$SCENARIO" --broker "$1" \
    --rate "$2" --connections "$CONNECTIONS" --duration "$4" --batch "$BATCH" --qos 1 \
    --max-inflight "$MAX_INFLIGHT" --connect-concurrency "$CONNECT_CONCURRENCY" >"$5" 2>&1 || true
}

# run_load NAME URL PID RATE VERSION — one measured load run; appends a table row to $BENCH_STATE/rows.
run_load() {
  local name=$1 url=$2 pid=$3 rate=$4 version=$5 out="$BENCH_STATE/load-$1-$4-mqtt$5.txt"
  local before; before=$(proc_stats "$pid")
  local stored0="-"; [ "$name" = gateway ] && stored0=$(topic_size "${BENCH_TOPICS[0]}")
  # the gateway's own account of where each PUBACK's time went (stage means over this run)
  [ "$name" = gateway ] && curl -fsS "http://127.0.0.1:$GW_HTTP_PORT/metrics" >"$out.before.prom" 2>/dev/null || true
  say "load on $name: $rate readings/s, MQTT $version, $CONNECTIONS connections, batch $BATCH, QoS 1, ${DURATION}s"
  load_into "$url" "$rate" "$version" "$DURATION" "$out"
  local after; after=$(proc_stats "$pid")
  # every reading the gateway acknowledged must be in Kafka: the readings topic's growth during the run
  local stored="-"; [ "$name" = gateway ] && stored=$(awk -v a="$stored0" -v b="$(topic_size "${BENCH_TOPICS[0]}")" \
    'BEGIN { if (a != "-" && b != "-") print b - a; else print "-" }')
  local cpu; cpu=$(awk -v a="${before%% *}" -v b="${after%% *}" -v d="$(result_field "$out" seconds)" \
    'BEGIN { if (d > 0) printf "%.0f", 100 * (b - a) / d; else print "-" }')
  local heap="-"; [ "$name" = gateway ] && heap=$(heap_used_mib "$pid")
  if [ "$name" = gateway ] && curl -fsS "http://127.0.0.1:$GW_HTTP_PORT/metrics" >"$out.after.prom" 2>/dev/null; then
    printf '| %s | %s | %s |\n' "$version" "$rate" "$("$HW_ROOT/bench/stages.py" "$out.before.prom" "$out.after.prom")" >>"$BENCH_STATE/stages"
  fi
  printf '| %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s%% | %s | %s |\n' "$name" "$version" "$rate" "$(result_field "$out" sent_rate)" \
    "$(result_field "$out" acked_rate)" "$(result_field "$out" readings_acked)" "$stored" "$(result_field "$out" p50_ms)" "$(result_field "$out" p99_ms)" \
    "$(result_field "$out" failed)" "$cpu" "$heap" "${after##* }" >>"$BENCH_STATE/rows"
}

# measure NAME URL PID — warm-up at the first rate (not counted), then one run per rate in $RATES.
measure() {
  local name=$1 url=$2 pid=$3 first=${RATES%% *}
  if [ "$WARMUP" -gt 0 ]; then
    say "warm-up on $name: ${WARMUP}s at $first readings/s (JIT, Kafka batches; not measured)"
    load_into "$url" "$first" "${MQTT_VERSIONS%% *}" "$WARMUP" "$BENCH_STATE/warmup-$name.txt"
  fi
  for version in $MQTT_VERSIONS; do
    for rate in $RATES; do run_load "$name" "$url" "$pid" "$rate" "$version"; done
  done
}

: >"$BENCH_STATE/rows"; : >"$BENCH_STATE/stages"
measure gateway "tcp://127.0.0.1:$GW_PORT" "$GW_PID"
measure mosquitto "tcp://127.0.0.1:$MQ_PORT" "$MQ_PID"

say "connection scale: $IDLE_CONNECTIONS idle connections to the gateway (CONNECT concurrency $CONNECT_CONCURRENCY)"
IDLE_OUT="$BENCH_STATE/idle.txt"
HEAP_BEFORE=$(heap_used_mib "$GW_PID")
SIM_TIMEOUT=$((IDLE_HOLD + 300)) sim connections --scenario "$SCENARIO" --broker "tcp://127.0.0.1:$GW_PORT" \
  --count "$IDLE_CONNECTIONS" --connect-concurrency "$CONNECT_CONCURRENCY" --hold "$IDLE_HOLD" >"$IDLE_OUT" 2>&1 &
IDLE_PID=$!
sleep 1
while kill -0 "$IDLE_PID" 2>/dev/null && ! grep -q "holding" "$IDLE_OUT"; do sleep 1; done
HEAP_HELD=$(heap_used_mib "$GW_PID"); RSS_HELD=$(proc_stats "$GW_PID"); RSS_HELD=${RSS_HELD##* }
wait "$IDLE_PID" || true

cat <<TABLE

### Ingest gateway vs Mosquitto — QoS 1, $RATES readings/s offered, $CONNECTIONS connections, batch $BATCH, at most $MAX_INFLIGHT in flight each, ${DURATION}s each
(load: \`device-simulator load --client $CLIENT\` after ${WARMUP}s of warm-up; an MQTT 3.1.1 refusal would still be PUBACKed, so the gateway's refusals are counted from its log below; gateway PUBACKs after Kafka acked; $(nproc) cores; $(uptime | sed 's/.*load average/load average/'))

| broker | MQTT | target/s | sent/s | accepted/s | PUBACKed / in Kafka | PUBACK p50 ms | PUBACK p99 ms | failed | CPU (of 1 core) | heap used MiB | RSS MiB |
|--------|------|----------|--------|------------|---------------------|---------------|---------------|--------|-----------------|---------------|---------|
$(cat "$BENCH_STATE/rows")

Where the gateway's PUBACK time went (means per stage, from its /metrics: \`bench/stages.py\`):

| MQTT | target/s | stages |
|------|----------|--------|
$(cat "$BENCH_STATE/stages")

### Connection scale — idle connections held by one gateway (heap $GATEWAY_HEAP)

| requested | connected | still up after ${IDLE_HOLD}s | connect s | heap used before MiB | heap used holding MiB | RSS holding MiB |
|-----------|-----------|------------------|-----------|-----------|------------|------------|
| $IDLE_CONNECTIONS | $(result_field "$IDLE_OUT" connected) | $(result_field "$IDLE_OUT" still_up) | $(result_field "$IDLE_OUT" connect_s) | $HEAP_BEFORE | $HEAP_HELD | $RSS_HELD |

Messages the gateway refused (dead-lettered) during the load: $(grep -c 'refused message' "$HW_STATE/bench-gateway.log" || true).
Logins use cost-4 bcrypt hashes here (CHEAP_HASHES=1); with the registry's cost-10 hashes each CONNECT costs the gateway ~80 ms of CPU.
Raw outputs: $BENCH_STATE/load-*.txt, $BENCH_STATE/warmup-*.txt, $IDLE_OUT
TABLE
