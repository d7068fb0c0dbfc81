#!/usr/bin/env bash
# Issue 18 cluster fault run: the cluster layout (deploy/cluster/up.sh: 3 Kafka nodes, Flink with HA, 2 gateways
# behind HAProxy, alert service active + standby) under a fleet load through the balancer, one kill -9 at a time,
# each with a scripted leak (beginning 5 s into the fault) that must raise a known alarm; then the killed part is
# started again. Per fault (Markdown table, README "Clusters"): readings PUBACKed vs in Kafka vs in InfluxDB, the leak's
# alarm and its board delay, incidents for it (1), notifications per transition and recipient (1), the watchdog, the
# time to recover (Kafka node: the gateways' throughput back to 80 % of the minute before; JobManager and
# TaskManager: every task of the detection job running again, as either JobManager tells; gateway: every device that lost its connection publishing again;
# alert service: the board answering through the balancer again) and the throughput before / during / after.
#   bench/cluster-faults.sh                                 all faults
#   FAULTS="none gateway" bench/cluster-faults.sh           a subset ("none": the no-fault baseline)
# Environment: RATE=5000 (readings/s) LOAD_MODE=pipelined (`load` over CONNECTIONS=30 gateway logins, DEVICES=300
#   copies of the scenario's devices: 1 500 sensors) or fleet (`load --fleet`: DEVICES devices, default 1000, each its
#   own login and connection, one reading in flight) BEFORE=30 AFTER=45 (s of load around the fault) DOWN=10 (s a killed
#   part stays down; the JobManager is restarted at once, as its supervisor would) HW_NO_BUILD=1 (use the built
#   classes). Starts and stops its own cluster in FAULT_STATE (default .run-cluster-faults, wiped at start); needs
#   the cluster's ports free.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export HW_CLUSTER_STATE="${FAULT_STATE:-$ROOT/.run-cluster-faults}"
source "$ROOT/deploy/cluster/cluster-lib.sh"
# bench-lib's Kafka and InfluxDB helpers (topic sizes, point counts, the leak's broker) on the cluster's ports
export HW_KAFKA_PORT; HW_KAFKA_PORT=$(cluster_kafka_port 1)
export HW_INFLUX_PORT="$CLUSTER_INFLUX_PORT" HW_INFLUX_RPC_PORT="$CLUSTER_INFLUX_RPC_PORT"
source "$ROOT/bench/bench-lib.sh"
cd "$HW_ROOT"
CLUSTER="$HW_ROOT/deploy/cluster"

FAULTS="${FAULTS:-none kafka-broker jobmanager taskmanager gateway alert-active}"
RATE="${RATE:-5000}"; LOAD_MODE="${LOAD_MODE:-pipelined}"; CONNECTIONS="${CONNECTIONS:-30}"; BEFORE="${BEFORE:-30}"; AFTER="${AFTER:-45}"; DOWN="${DOWN:-10}"
MQTT_PORT="$CLUSTER_MQTT_PORT"; ALERT="http://127.0.0.1:$CLUSTER_BOARD_PORT"; LOGIN="${BOARD_LOGIN:-duty:duty-local}"
SCENARIO="$HW_ROOT/device-simulator/scenarios/bench-e2e-load.yaml"

for port in "$(cluster_kafka_port 1)" "$CLUSTER_INFLUX_PORT" "$CLUSTER_MQTT_PORT" "$CLUSTER_BOARD_PORT" "$CLUSTER_FLINK_REST_PORT"; do
  port_open "$port" && die "port $port is in use: stop the running cluster first (deploy/cluster/down.sh)"
done
rm -rf "$HW_STATE"; mkdir -p "$HW_STATE" "$BENCH_STATE"
BG=()
cleanup() {
  for p in "${BG[@]}" ${NOTIFY_RECEIVER:-}; do kill "$p" 2>/dev/null || true; done
  "$CLUSTER/down.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

case "$LOAD_MODE" in
  pipelined) DEVICES="${DEVICES:-300}"
             say "setting up $DEVICES copies of the load scenario's devices and the cluster layout"
             prepare_fleet_stack "$(IFS=,; echo "${LEAKS[*]}")" 1 "$SCENARIO" "$DEVICES" ;;
  fleet) DEVICES="${DEVICES:-1000}"
         say "setting up a fleet of $DEVICES devices (each its own login) and the cluster layout"
         SCENARIO_DEVICES=$(grep -c '^      - id:' "$SCENARIO")
         prepare_fleet_stack "$(IFS=,; echo "${LEAKS[*]}")" 1 "$SCENARIO" $(( (DEVICES + SCENARIO_DEVICES - 1) / SCENARIO_DEVICES )) device-logins
         (umask 077; head -n "$DEVICES" "$BENCH_STATE/fleet.secrets" >"$BENCH_STATE/fleet-load.secrets") ;;
  *) die "LOAD_MODE must be pipelined or fleet, was '$LOAD_MODE'" ;;
esac
export HW_CLUSTER_REGISTRY="$HW_REGISTRY_FILE"
HW_NO_BUILD="${HW_NO_BUILD:-0}" timeout 900 "$CLUSTER/up.sh" >"$BENCH_STATE/up.log" 2>&1 \
  || die "deploy/cluster/up.sh failed: $(tail -n 20 "$BENCH_STATE/up.log")"
bench_kafka_login   # the cluster's admin login exists now

# the alert service instance that is active (its /ready answers 200), or 0
active_alerts() {
  local i; for i in $(seq 1 "$CLUSTER_ALERTS"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(cluster_alert_http_port "$i")/ready")" = 200 ] && { echo "$i"; return; }
  done; echo 0
}
# the gateway holding the most device connections
busiest_gateway() {
  local i best=1 most=-1 n
  for i in $(seq 1 "$CLUSTER_GATEWAYS"); do
    n=$(curl -s "http://127.0.0.1:$(cluster_gateway_http_port "$i")/metrics" | awk '/^hazardwatch_ingest_connections /{print int($2)}')
    [ "${n:-0}" -gt "$most" ] && { most=${n:-0}; best=$i; }
  done; echo "$best"
}
# detection_state — the newest detection job's state as either JobManager's REST API tells it (each answers for the
# leader; the killed one takes a minute to answer again on a busy machine, so asking it alone measured its restart, not
# the job's): RUNNING only once every task of the job runs (Flink calls a job RUNNING as soon as it schedules it), else
# e.g. "RUNNING 3/8 tasks"; NO_ANSWER while no JobManager answers.
detection_state() {
  local port job state running total
  for port in "$CLUSTER_FLINK_REST_PORT" "$CLUSTER_FLINK_STANDBY_REST_PORT"; do
    job=$(curl -s -m 1 "http://127.0.0.1:$port/jobs/overview" 2>/dev/null \
      | grep -o '"name":"hazardwatch-detection"[^}]*}' | tail -n 1 || true)
    [ -n "$job" ] || continue
    state=$(sed -n 's/.*"state":"\([A-Z_]*\)".*/\1/p' <<<"$job")
    running=$(sed -n 's/.*"running":\([0-9]*\).*/\1/p' <<<"$job")
    total=$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' <<<"$job")
    if [ "$state" = RUNNING ] && [ -n "$total" ] && [ "$running" != "$total" ]; then
      echo "RUNNING $running/$total tasks"
    else
      echo "${state:-UNKNOWN}"
    fi
    return 0
  done
  echo NO_ANSWER
}

# cluster_monitor FILE — once a second: readings accepted by each gateway, /ready of the board through the balancer,
# the detection job's state (JSON lines, see bench/cluster_fault_row.py); curl and sed only, to stay light. A part
# that does not answer is a value in the line, never the end of the loop (set -e and pipefail hold in here too).
cluster_monitor() {
  local i n accepted board detection
  while true; do
    accepted=""
    for i in $(seq 1 "$CLUSTER_GATEWAYS"); do
      n=$(curl -s -m 1 "http://127.0.0.1:$(cluster_gateway_http_port "$i")/metrics" 2>/dev/null \
          | sed -n 's/^hazardwatch_ingest_readings_accepted_total \([0-9]*\).*/\1/p' || true)
      [ -n "$n" ] && accepted+="${accepted:+,}\"gw-$i\":$n"
    done
    board=$(curl -s -m 1 -o /dev/null -w '%{http_code}' "$ALERT/ready" 2>/dev/null || true)
    detection=$(detection_state)
    printf '{"t":%s,"accepted":{%s},"board":%d,"detection":"%s"}\n' "$(now)" "$accepted" "$((10#${board:-0}))" "$detection" >>"$1"
    sleep 1
  done
}

# run_load SECONDS — the load through the balancer, as LOAD_MODE says
run_load() {
  if [ "$LOAD_MODE" = fleet ]; then
    SIM_TIMEOUT=$(($1 + 200)) sim load --fleet --secrets "$BENCH_STATE/fleet-load.secrets" --scenario "$SCENARIO" \
      --broker "tcp://127.0.0.1:$MQTT_PORT" --device-rate "$(awk -v r="$RATE" -v d="$DEVICES" 'BEGIN { print r / d }')" \
      --duration "$1"
  else
    SIM_TIMEOUT=$(($1 + 200)) sim load --client pipelined --scenario "$SCENARIO" --broker "tcp://127.0.0.1:$MQTT_PORT" \
      --rate "$RATE" --devices "$DEVICES" --connections "$CONNECTIONS" --duration "$1"
  fi
}

# fault NAME — kills one part and starts it again after DOWN s; prints "start end" epochs (kill, back).
fault() {
  local start end i
  start=$(now)
  case $1 in
    none) sleep 1 ;;
    kafka-broker) "$CLUSTER/kafka.sh" kill 2 >&2; sleep "$DOWN"; "$CLUSTER/kafka.sh" start 2 >&2 ;;
    jobmanager) "$CLUSTER/flink.sh" kill jobmanager >&2; "$CLUSTER/flink.sh" start jobmanager >&2 ;;
    taskmanager) "$CLUSTER/flink.sh" kill taskmanager-1 >&2; sleep "$DOWN"; "$CLUSTER/flink.sh" start taskmanager-1 >&2 ;;
    gateway) i=$(busiest_gateway); "$CLUSTER/gateways.sh" kill "$i" >&2; sleep "$DOWN"; "$CLUSTER/gateways.sh" start "$i" >&2 ;;
    alert-active) i=$(active_alerts); [ "$i" != 0 ] || die "no active alert service"
                  "$CLUSTER/alerts.sh" kill "$i" >&2; sleep "$DOWN"; "$CLUSTER/alerts.sh" start "$i" >&2 ;;
    *) die "unknown fault $1" ;;
  esac
  end=$(now)
  echo "$start $end"
}

monitor "$BENCH_STATE/watchdog.monitor" & BG+=($!)
cluster_monitor "$BENCH_STATE/cluster.monitor" & BG+=($!)
: >"$BENCH_STATE/fault-rows"
i=0
for name in $FAULTS; do
  key=${LEAKS[$((i % ${#LEAKS[@]}))]}; i=$((i + 1))
  out="$BENCH_STATE/$name"; rm -f "$out".*
  say "fault $name: load $RATE/s ($LOAD_MODE) through the balancer, leak on $key ${BEFORE}s in"
  t0=$(now); k0=$(topic_size hazardwatch.readings.v1)
  hold=$(case $name in none) echo 0;; jobmanager) echo 15;; *) echo "$DOWN";; esac)
  run_load "$((BEFORE + hold + AFTER))" >"$out.load" 2>&1 & BG+=($!); LOAD=$!
  (sleep $((BEFORE + 5)); leak "$key" "$out.leak") & BG+=($!); LEAK=$!
  sleep "$BEFORE"
  read -r f0 f1 < <(fault "$name")
  wait "$LOAD" || true; wait "$LEAK" || true
  sleep 20  # let the history job and the alert service settle
  collect_fault_outputs "$out" "$t0"
  python3 "$HW_ROOT/bench/cluster_fault_row.py" --name "$name" --sensor "$key" --leak "$out.leak" --load "$out.load" \
    --incidents "$out.incidents" --monitor "$BENCH_STATE/watchdog.monitor" --heartbeats "$out.heartbeats" \
    --notifications "$BENCH_STATE/notifications.log" --alert "$ALERT" --login "$LOGIN" \
    --kafka "$k0" "$K1" --influx "$INFLUX_POINTS" --fault "$f0" "$f1" --rate "$RATE" --cluster "$BENCH_STATE/cluster.monitor" \
    --storm-recovery "$(result_field "$out.load" storm_recovery_s)" --leak-sensors "${LEAKS[*]}" >>"$BENCH_STATE/fault-rows" \
    || printf '| %s | could not evaluate (see %s.*) |\n' "$name" "$out" >>"$BENCH_STATE/fault-rows"
  tail -n 1 "$BENCH_STATE/fault-rows"
done

cat <<TABLE

### Cluster fault run — ${RATE} readings/s through the balancer ($( [ "$LOAD_MODE" = fleet ] && echo "a fleet of $DEVICES devices, one reading in flight each" || echo "$CONNECTIONS connections, $((DEVICES * 5)) sensors")), one kill -9 at a time, a scripted leak during each
($(nproc) cores, the whole cluster layout on this machine; $(date -u +%F); $(uptime | sed 's/.*load average/load average/'))

| fault | PUBACKed | in Kafka (+surplus) | in InfluxDB | leak alarm raised | board delay s | incidents | messages per transition·recipient (max, of n) | watchdog: stage, shown / cleared after s | catch-up readings/s | recovered after s | readings/s before / during / after | OFFLINE incidents of loaded devices (false) |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
$(cat "$BENCH_STATE/fault-rows")

Raw outputs: $BENCH_STATE/<fault>.{load,leak,incidents,heartbeats}, cluster.monitor, watchdog.monitor
TABLE
