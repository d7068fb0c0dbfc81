#!/usr/bin/env bash
# Issue 6 end-to-end benchmark: starts the stack (deploy/run-local.sh with HW_NO_DEMO=1), then for each rate runs
# `device-simulator load` (QoS 1 into the gateway) with `latency` alongside (readings that cross a threshold,
# timed until their alarm shows on the alert service's live stream, on five sensors in turn), and prints a Markdown
# table. Starts and stops its own stack (see E2E_STATE below).
#   bench/e2e.sh
# Needs the ports of the stack free (it starts its own in E2E_STATE, default .run/e2e, wiped at start).
# Environment (defaults for the lead's quiet-machine run; smoke: RATES="2000" STEP_DURATION=10 WARMUP=10):
#   RATES="5000 10000 20000 30000" STEP_DURATION=30 CONNECTIONS=30 BATCH=1 LATENCY_EVERY_MS=250
#   WARMUP=45 (seconds of load at the first rate, with latency probes, before measuring) CLIENT=pipelined (load's
#   MQTT client, or paho) PROBE_WARMUP=80 (probes each step's latency run makes first and leaves out of its figures:
#   ~20 s, while the new probe JVM compiles its code on the loaded cores)
#   DEVICES=300 (copies of each load-scenario device: 300 -> 900 devices, 1 500 sensors, ~7 readings/s each at 10 k/s)
#   HW_NO_BUILD=1 skips run-local.sh's mvn install and uses the classes already in target/
#   LOAD_MODE=pipelined (default: `load` over CONNECTIONS gateway logins, many messages in flight each) or fleet
#   (`load --fleet`: DEVICES devices, default 2000, each its own connection and device login, one reading in flight,
#   RATE/DEVICES readings/s each; one client process, so DEVICES <= ~19 000); FLEET_SETTLE=30 (seconds each step's
#   fleet runs before its figures count and its probes start: 2 000 devices connecting and the client's JIT are not
#   the steady state that the step measures); RUNS=1 (each rate's step this many times in a row on the same stack,
#   a row each, then the median of their p50 and p99: one run's p99 is its second-worst of ~200 probes, and on two
#   shared cores it moves more between runs than most changes move it)
set -euo pipefail
# A fresh stack with its own data: on a stack already in use, the detection job would first replay every reading
# of its readings topic it has not seen (an earlier benchmark's millions, say), and the alert service every incident
# of earlier runs. E2E_STATE holds this run's Kafka and InfluxDB data, pid files and logs; it is wiped at start.
export HW_STATE="${E2E_STATE:-$(cd "$(dirname "$0")/.." && pwd)/.run/e2e}"
source "$(dirname "$0")/bench-lib.sh"
cd "$HW_ROOT"

RATES="${RATES:-5000 10000 20000 30000}"; STEP_DURATION="${STEP_DURATION:-30}"; CONNECTIONS="${CONNECTIONS:-30}"
BATCH="${BATCH:-1}"; LATENCY_EVERY_MS="${LATENCY_EVERY_MS:-250}"; WARMUP="${WARMUP:-45}"; CLIENT="${CLIENT:-pipelined}"
LOAD_MODE="${LOAD_MODE:-pipelined}"; FLEET_SETTLE="${FLEET_SETTLE:-30}"; RUNS="${RUNS:-1}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a whole number >= 1, was '$RUNS'"
case "$LOAD_MODE" in
  pipelined) DEVICES="${DEVICES:-300}"; FLEET_COPIES=$DEVICES ;;
  # fleet: DEVICES devices in all, copies of the scenario's devices (each with its own login)
  fleet) DEVICES="${DEVICES:-2000}" ;;
  *) echo "LOAD_MODE must be pipelined or fleet, was '$LOAD_MODE'" >&2; exit 2 ;;
esac
# each step's probe process times this many probes before its measured ones (its own start slows its first alarms)
PROBE_WARMUP="${PROBE_WARMUP:-80}"
MQTT_PORT="${HW_MQTT_PORT:-1883}"; ALERT_PORT="${HW_ALERT_HTTP_PORT:-8080}"
SCENARIO="$HW_ROOT/device-simulator/scenarios/bench-e2e-load.yaml"
DEMO="$HW_ROOT/deploy/config/demo-scenario.yaml"
# Latency probes go round-robin over these (30 raises each one's first level, 2 clears it; the load leaves them
# out). Their ids are unique in the registry, which the flap-window edit below relies on.
PROBES=hengda-chemicals/tank-farm-a/lel-01,hengda-chemicals/tank-farm-a/lel-02,binhai-cold-chain/machine-room-1/nh3-01,binhai-cold-chain/machine-room-1/nh3-02,jinhua-powder/dust-collector-1/co-01
# The job's flapping guard (4 raises/clears in 600 s) would hold back every probe's alarm after a sensor's second
# probe, and no handful of sensors absorbs a probe every ~350 ms; so the probe sensors get a 1 s flap window
# (5 sensors x 250 ms keep each 1.25 s apart; `latency` refuses a pace that would trip it).
PROBE_FLAP_WINDOW=1

for port in "$KAFKA_PORT" "$INFLUX_PORT" "$MQTT_PORT" "$ALERT_PORT"; do
  port_open "$port" && die "port $port is in use: stop the running stack first (deploy/run-local.sh down; deploy/infra.sh down)"
done
rm -rf "$HW_STATE"; mkdir -p "$HW_STATE" "$BENCH_STATE"
cleanup() {
  [ -n "${LOAD_PID:-}" ] && kill "$LOAD_PID" 2>/dev/null || true
  [ -n "${WARM_PROBE_PID:-}" ] && kill "$WARM_PROBE_PID" 2>/dev/null || true
  [ -n "${NOTIFY_RECEIVER:-}" ] && kill "$NOTIFY_RECEIVER" 2>/dev/null || true
  for s in sentinel stream-jobs alert-service ingest kafka influxdb; do stop_bg "$s" >/dev/null || true; done
}
trap cleanup EXIT

say "starting the stack without the demo simulator"
if [ "$LOAD_MODE" = fleet ]; then
  FLEET_COPIES=$(( (DEVICES + $(grep -c '^      - id:' "$SCENARIO") - 1) / $(grep -c '^      - id:' "$SCENARIO") ))
  start_fleet_stack "$PROBES" "$PROBE_FLAP_WINDOW" "$SCENARIO" "$FLEET_COPIES" device-logins
  (umask 077; head -n "$DEVICES" "$BENCH_STATE/fleet.secrets" >"$BENCH_STATE/fleet-load.secrets")
else
  start_fleet_stack "$PROBES" "$PROBE_FLAP_WINDOW" "$SCENARIO" "$FLEET_COPIES"
fi

# run_load RATE SECONDS [SETTLE] — the step's load into the gateway (output on stdout), as LOAD_MODE says; a fleet
# leaves its first SETTLE seconds out of its figures (pipelined: its connects are not in them anyway).
run_load() {
  if [ "$LOAD_MODE" = fleet ]; then
    SIM_TIMEOUT=$(($2 + 150)) sim load --fleet --secrets "$BENCH_STATE/fleet-load.secrets" --scenario "$SCENARIO" \
      --broker "tcp://127.0.0.1:$MQTT_PORT" --device-rate "$(awk -v r="$1" -v d="$DEVICES" 'BEGIN { print r / d }')" \
      --duration "$2" --settle "${3:-0}"
  else
    SIM_TIMEOUT=$(($2 + 150)) sim load --client "$CLIENT" --scenario "$SCENARIO" --broker "tcp://127.0.0.1:$MQTT_PORT" \
      --rate "$1" --devices "$DEVICES" --connections "$CONNECTIONS" --batch "$BATCH" --duration "$2"
  fi
}

: >"$BENCH_STATE/e2e-rows"; : >"$BENCH_STATE/e2e-procs"; : >"$BENCH_STATE/e2e-stages"; : >"$BENCH_STATE/e2e-runs"
if [ "$WARMUP" -gt 0 ]; then
  # freshly started JVMs (gateway, Flink job, alert service) need their JIT: the first ~40 s are not steady state
  say "warm-up: ${WARMUP}s at ${RATES%% *}/s (not measured)"
  # probes too, so that the alarm path (detection, the alert service's incidents, the board's stream) is warm as well
  SIM_TIMEOUT=$((WARMUP + 120)) sim latency --scenario "$DEMO" --broker "tcp://127.0.0.1:$MQTT_PORT" \
    --alert-url "http://${BOARD_LOGIN:-duty:duty-local}@127.0.0.1:$ALERT_PORT" --sensor "$PROBES" --high 30 --low 2 \
    --count "$(( WARMUP * 1000 / LATENCY_EVERY_MS ))" --duration "$(( WARMUP > 15 ? WARMUP - 10 : WARMUP ))" \
    --every-ms "$LATENCY_EVERY_MS" --flap-window "$PROBE_FLAP_WINDOW" --timeout 5 >"$BENCH_STATE/e2e-warmup-latency.txt" 2>&1 &
  WARM_PROBE_PID=$!
  run_load "${RATES%% *}" "$WARMUP" >"$BENCH_STATE/e2e-warmup.txt" 2>&1 || true
  wait "$WARM_PROBE_PID" || true
fi
for rate in $RATES; do
for run in $(seq 1 "$RUNS"); do
  # a row's label: the rate, and which run of it when a step repeats
  label=$rate; [ "$RUNS" -gt 1 ] && label="$rate (run $run)"
  declare -A CPU0=()
  for s in ingest stream-jobs alert-service kafka influxdb; do CPU0[$s]=$(proc_stats "$(pid_of "$s")"); done
  suffix=$rate; [ "$RUNS" -gt 1 ] && suffix="$rate-run$run"
  LAT_OUT="$BENCH_STATE/latency-$suffix.txt"; LOAD_OUT="$BENCH_STATE/e2e-load-$suffix.txt"
  count=$(( STEP_DURATION * 1000 / LATENCY_EVERY_MS ))
  say "rate $rate/s for ${STEP_DURATION}s (run $run of $RUNS), latency probes in turn on ${PROBES//,/ }"
  # the load runs 60 s longer than the probes (the probe JVM takes up to ~25 s to start, connect and settle on the
  # loaded machine), which start once its connections are up (a fleet: once it has settled, its figures counting
  # from then): every probe is timed under load
  if [ "$LOAD_MODE" = fleet ]; then
    run_load "$rate" "$((FLEET_SETTLE + STEP_DURATION + 60))" "$FLEET_SETTLE" >"$LOAD_OUT" 2>&1 &
    LOAD_PID=$!
    for _ in $(seq 1 $((FLEET_SETTLE + 60))); do grep -q 'settled: ' "$LOAD_OUT" 2>/dev/null && break; sleep 1; done
    # the processes' CPU over the fleet's measured time, as its rate figures
    for s in ingest stream-jobs alert-service kafka influxdb; do CPU0[$s]=$(proc_stats "$(pid_of "$s")"); done
  else
    run_load "$rate" "$((STEP_DURATION + 60))" >"$LOAD_OUT" 2>&1 &
    LOAD_PID=$!
    for _ in $(seq 1 60); do grep -Eq '^connected' "$LOAD_OUT" 2>/dev/null && break; sleep 1; done
    sleep 3
  fi
  # the load client's own CPU and the gateway's account of each PUBACK (bench/stages.py) while the probes run: a
  # client or machine out of CPU shows as PUBACK time that the gateway did not spend
  LOAD_JAVA=""
  for p in $(pgrep -f -- "--scenario $SCENARIO" || true); do [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] && LOAD_JAVA=$p; done
  CLIENT0=$(proc_stats "$LOAD_JAVA"); CLIENT_T0=$(date +%s.%N); MACHINE0=$(machine_ticks)
  curl -fsS "http://127.0.0.1:${HW_HTTP_PORT:-8081}/metrics" >"$BENCH_STATE/gateway-$suffix.before.prom" 2>/dev/null || true
  SIM_TIMEOUT=$((STEP_DURATION + 120)) sim latency --scenario "$DEMO" --broker "tcp://127.0.0.1:$MQTT_PORT" \
    --alert-url "http://${BOARD_LOGIN:-duty:duty-local}@127.0.0.1:$ALERT_PORT" --sensor "$PROBES" --high 30 --low 2 --count "$count" \
    --warmup "$PROBE_WARMUP" --duration "$((STEP_DURATION + PROBE_WARMUP * LATENCY_EVERY_MS / 1000 + 5))" --every-ms "$LATENCY_EVERY_MS" --flap-window "$PROBE_FLAP_WINDOW" --timeout 5 >"$LAT_OUT" 2>&1 || true
  client_cpu=$(awk -v a="${CLIENT0%% *}" -v b="$(proc_stats "$LOAD_JAVA" | cut -d' ' -f1)" -v t0="$CLIENT_T0" -v t1="$(date +%s.%N)" \
    'BEGIN { if (a != "-" && b != "-" && t1 > t0) printf "%.0f%%", 100 * (b - a) / (t1 - t0); else print "-" }')
  machine=$(machine_share "$MACHINE0" "$(machine_ticks)")
  stages="-"
  if curl -fsS "http://127.0.0.1:${HW_HTTP_PORT:-8081}/metrics" >"$BENCH_STATE/gateway-$suffix.after.prom" 2>/dev/null; then
    stages=$("$HW_ROOT/bench/stages.py" "$BENCH_STATE/gateway-$suffix.before.prom" "$BENCH_STATE/gateway-$suffix.after.prom" || echo -)
  fi
  printf '| %s | %s / %s | %s / %s | %s | %s | %s |\n' "$label" "$(result_field "$LAT_OUT" puback_p50_ms)" \
    "$(result_field "$LAT_OUT" puback_p99_ms)" "$(result_field "$LAT_OUT" after_puback_p50_ms)" \
    "$(result_field "$LAT_OUT" after_puback_p99_ms)" "$client_cpu" "$machine" "$stages" >>"$BENCH_STATE/e2e-stages"
  wait "$LOAD_PID" || true; LOAD_PID=""
  secs=$(result_field "$LOAD_OUT" seconds); secs=${secs:-$STEP_DURATION}
  procs=""
  for s in ingest stream-jobs alert-service kafka influxdb; do
    now=$(proc_stats "$(pid_of "$s")")
    cpu=$(awk -v a="${CPU0[$s]%% *}" -v b="${now%% *}" -v d="$secs" 'BEGIN { if (a != "-" && d > 0) printf "%.0f%%", 100 * (b - a) / d; else print "-" }')
    procs="$procs $cpu / ${now##* } |"
  done
  printf '| %s | %s | %s | %s | %s | %s | %s |%s\n' "$label" "$(result_field "$LOAD_OUT" sent_rate)" \
    "$(result_field "$LOAD_OUT" acked_rate)" "$(result_field "$LOAD_OUT" p99_ms)" \
    "$(result_field "$LAT_OUT" p50_ms)" "$(result_field "$LAT_OUT" p99_ms)" \
    "$(result_field "$LAT_OUT" seen)/$(result_field "$LAT_OUT" probes)" "$procs" >>"$BENCH_STATE/e2e-rows"
  printf '%s %s %s\n' "$rate" "$(result_field "$LAT_OUT" p50_ms)" "$(result_field "$LAT_OUT" p99_ms)" >>"$BENCH_STATE/e2e-runs"
done
done

# medians — with RUNS > 1, one line per rate: the median of its runs' p50 and p99 and their range
medians() {
  [ "$RUNS" -gt 1 ] || return 0
  echo
  for rate in $RATES; do
    awk -v r="$rate" '$1 == r && $3 != "" { p50[n + 0] = $2; p99[n + 0] = $3; n++ }
      function median(a, n,   i, j, t) { for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[int(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2 }
      END { if (n == 0) { printf "%s/s: no run gave a figure\n", r; exit }
        lo = hi = p99[0]; for (i = 1; i < n; i++) { if (p99[i] < lo) lo = p99[i]; if (p99[i] > hi) hi = p99[i] }
        printf "%s/s over %d runs: publish→alarm median p50 %.1f ms, median p99 %.1f ms (p99 from %.1f to %.1f)\n", r, n, median(p50, n), median(p99, n), lo, hi }' \
      "$BENCH_STATE/e2e-runs"
  done
}

cat <<TABLE

### End to end — load into the gateway with latency probes alongside, ${STEP_DURATION}s per rate, $( [ "$LOAD_MODE" = fleet ] \
  && echo "fleet of $DEVICES devices (own login and connection each, one reading in flight)" || echo "$CONNECTIONS connections, batch $BATCH")
($(nproc) cores, everything on this machine; $(uptime | sed 's/.*load average/load average/'))

| offered/s | sent/s | accepted/s | PUBACK p99 ms | publish→alarm p50 ms | publish→alarm p99 ms | alarms seen | ingest CPU / RSS MiB | stream-jobs | alert-service | Kafka | InfluxDB |
|-----------|--------|------------|---------------|----------------------|----------------------|-------------|----------------------|-------------|---------------|-------|----------|
$(cat "$BENCH_STATE/e2e-rows")

$(medians)
CPU is % of one core over the step; RSS at its end. Raw outputs: $BENCH_STATE/e2e-load-*.txt, $BENCH_STATE/latency-*.txt

Where a probe's time went: publish → PUBACK (the gateway, which acknowledges after Kafka's ack) and PUBACK → alarm on
the board (the detection job, the alarms topic, the alert service); while the probes ran, the load client's CPU and
where the gateway says the load's PUBACKs' time went (means of its stage metrics; a PUBACK the client waited longer
for was queued outside the gateway: in the client or for a core); the machine's cores idle and stolen by the
hypervisor meanwhile (a machine without idle time queues every hop for a core):

| offered/s | probe publish→PUBACK p50 / p99 ms | PUBACK→alarm p50 / p99 ms | load client CPU | machine | gateway: judge + handoff + kafka + reply = PUBACK (ms) |
|-----------|-----------------------------------|---------------------------|-----------------|---------|--------------------------------------------------------|
$(cat "$BENCH_STATE/e2e-stages")
TABLE
