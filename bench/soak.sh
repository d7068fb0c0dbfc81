#!/usr/bin/env bash
# Issue 15 soak: the one-machine stack under the fleet load for DURATION seconds with a scripted leak every LEAK_EVERY
# seconds (the leak sensors in turn). Reports every leak's alarm (raised, board delay), PUBACKed vs Kafka vs InfluxDB,
# and per process (gateway, job, alert service, Kafka, InfluxDB) heap after a full GC, threads, open files and RSS at
# the start (after WARMUP) and at the end — they must stay flat.
#   bench/soak.sh                               30 minutes at 10 000 readings/s
#   DURATION=300 RATE=5000 bench/soak.sh        a short one
# Environment: DURATION=1800 RATE=10000 DEVICES=300 CONNECTIONS=30 LEAK_EVERY=180 WARMUP=60 HW_NO_BUILD=1.
# Starts and stops its own stack in SOAK_STATE (default .run/soak, wiped at start); needs the stack's ports free.
set -euo pipefail
export HW_STATE="${SOAK_STATE:-$(cd "$(dirname "$0")/.." && pwd)/.run/soak}"
source "$(dirname "$0")/bench-lib.sh"
cd "$HW_ROOT"

DURATION="${DURATION:-1800}"; RATE="${RATE:-10000}"; DEVICES="${DEVICES:-300}"; CONNECTIONS="${CONNECTIONS:-30}"
LEAK_EVERY="${LEAK_EVERY:-180}"; WARMUP="${WARMUP:-60}"
MQTT_PORT="${HW_MQTT_PORT:-1883}"; ALERT_PORT="${HW_ALERT_HTTP_PORT:-8080}"
ALERT="http://127.0.0.1:$ALERT_PORT"; LOGIN="${BOARD_LOGIN:-duty:duty-local}"
SCENARIO="$HW_ROOT/device-simulator/scenarios/bench-e2e-load.yaml"
PROCS=(ingest stream-jobs alert-service kafka influxdb)

fresh_bench_stack "$KAFKA_PORT" "$INFLUX_PORT" "$MQTT_PORT" "$ALERT_PORT"

say "starting the stack without the demo simulator"
start_fleet_stack "$(IFS=,; echo "${LEAKS[*]}")" 1 "$SCENARIO" "$DEVICES"

# snapshot LABEL — per process: heap used after a full GC (MiB; Java only), threads, open files, RSS (MiB)
snapshot() {
  for s in "${PROCS[@]}"; do
    local pid; pid=$(pid_of "$s")
    # the services run under setsid: the pid file holds the session leader, which is the JVM itself
    local heap="-"; case $s in influxdb) ;; *) heap=$(heap_used_mib "$pid") ;; esac
    printf '%s %s %s %s %s %s\n' "$1" "$s" "$heap" "$(awk '/^Threads/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo -)" \
      "$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)" "$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo -)"
  done
}

say "soak: ${DURATION}s at $RATE/s, a leak every ${LEAK_EVERY}s"
t0=$(now); k0=$(topic_size hazardwatch.readings.v1)
SIM_TIMEOUT=$((DURATION + 300)) sim load --client pipelined --scenario "$SCENARIO" --broker "tcp://127.0.0.1:$MQTT_PORT" \
  --rate "$RATE" --devices "$DEVICES" --connections "$CONNECTIONS" --duration "$DURATION" >"$BENCH_STATE/soak.load" 2>&1 &
LOAD=$!; BG+=($LOAD)
sleep "$WARMUP"
snapshot start >"$BENCH_STATE/soak.procs"
n=0
end=$(( $(date +%s) + DURATION - WARMUP - LEAK_SECONDS - 15 ))
while [ "$(date +%s)" -lt "$end" ]; do
  key=${LEAKS[$((n % ${#LEAKS[@]}))]}
  leak "$key" "$BENCH_STATE/soak.leak.$n"
  echo "$key" >>"$BENCH_STATE/soak.leak.$n"
  n=$((n + 1))
  sleep $(( LEAK_EVERY > LEAK_SECONDS + 3 ? LEAK_EVERY - LEAK_SECONDS - 3 : 1 ))
done
wait "$LOAD" || true
snapshot end >>"$BENCH_STATE/soak.procs"
sleep 20
k1=$(topic_size hazardwatch.readings.v1)
influx=$(curl -s $(influx_curl_login reader) -G "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode "db=$INFLUX_DB" \
  --data-urlencode "q=SELECT count(value) FROM reading WHERE time >= $(printf '%.0f' "$t0")s" \
  | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"][0]; print(r["series"][0]["values"][0][1] if "series" in r else 0)' \
  2>/dev/null || echo "-")
curl -s -u "$LOGIN" "$ALERT/api/incidents?limit=5000" >"$BENCH_STATE/soak.incidents"

python3 - "$BENCH_STATE" "$n" "$k0" "$k1" "$influx" "$DURATION" "$RATE" <<'PY'
import json, sys
from datetime import datetime
state, n, k0, k1, influx, duration, rate = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
ep = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
res = dict(kv.split("=", 1) for l in open(f"{state}/soak.load") if l.startswith("RESULT") for kv in l.split()[1:])
acked = int(res.get("readings_acked", 0))
# the leaks' alarms as the on-call got them: the first message about each leak's THRESHOLD incident (its id ends in
# the episode's start); the incident list would be crowded out by the load devices going OFFLINE when the load ends
sent = []
for l in open(f"{state}/notifications.log", encoding="utf-8", errors="replace"):
    at, _, body = l.partition(" ")
    try:
        key = json.loads(body)["incidentKey"].split("~")
    except (ValueError, KeyError):
        continue
    sent.append((float(at), "/".join(key[:3]), key[3], int(key[4]) / 1000))
delays, missing = [], []
for i in range(n):
    lines = open(f"{state}/soak.leak.{i}").read().split("\n")
    first, key = lines[0].split()[1], lines[1].strip()
    if first == "none":
        missing.append(f"{key} (no reading accepted)"); continue
    mine = [at for at, sensor, kind, start in sent if sensor == key and kind == "THRESHOLD" and start >= float(first) - 1]
    if not mine:
        missing.append(key); continue
    delays.append(min(mine) - float(first))
procs = {}
for l in open(f"{state}/soak.procs"):
    label, name, heap, threads, fds, rss = l.split()
    procs.setdefault(name, {})[label] = (heap, threads, fds, rss)
in_kafka = int(k1) - int(k0) if k0.isdigit() and k1.isdigit() else None
print(f"\n### Soak — {duration} s at {rate} readings/s, a scripted leak every few minutes\n")
print(f"- leaks: {n}, alarms raised: {len(delays)}" + (f" (missing: {', '.join(missing)})" if missing else "")
      + (f"; first message to the on-call min / median / max {min(delays):.1f} / {sorted(delays)[len(delays)//2]:.1f} / {max(delays):.1f} s" if delays else ""))
print(f"- readings PUBACKed {acked:,}; new on the readings topic {in_kafka:,} ({'+' if in_kafka >= acked else 'LOST '}{abs(in_kafka - acked):,}); in InfluxDB {influx}")
print("\n| process | heap after GC MiB start → end | threads | open files | RSS MiB |\n|---|---|---|---|---|")
for name, v in procs.items():
    s, e = v.get("start", ("-",) * 4), v.get("end", ("-",) * 4)
    print(f"| {name} | {s[0]} → {e[0]} | {s[1]} → {e[1]} | {s[2]} → {e[2]} | {s[3]} → {e[3]} |")
PY
