#!/usr/bin/env bash
# A site goes dark: DEVICES simulated devices publish (one reading in flight each) and then all stop at once, so that
# the detection job raises their OFFLINE alarms within seconds of each other (offlineAfterSeconds, 60 s by default),
# while latency probes (a threshold alarm every 250 ms on five other sensors) go on. Prints how the duty room fared:
# the probes' publish → board latency before and during the flood, the board's /ready answers, how fast the OFFLINE
# alarms reached the board, and the notifications sent. Starts and stops its own stack (FLOOD_STATE, default
# .run/flood, wiped at start).
#   bench/offline-flood.sh
# Environment: DEVICES=1000 DEVICE_RATE=1 (readings/s per device) LOAD_SECONDS=60 AFTER_SECONDS=150 (watched after the
# devices stop) HW_NO_BUILD=1 (use the classes already built). ~5 min.
set -euo pipefail
export HW_STATE="${FLOOD_STATE:-$(cd "$(dirname "$0")/.." && pwd)/.run/flood}"
source "$(dirname "$0")/bench-lib.sh"
cd "$HW_ROOT"

DEVICES="${DEVICES:-1000}"; DEVICE_RATE="${DEVICE_RATE:-1}"; LOAD_SECONDS="${LOAD_SECONDS:-60}"
AFTER_SECONDS="${AFTER_SECONDS:-150}"
MQTT_PORT="${HW_MQTT_PORT:-1883}"; ALERT_PORT="${HW_ALERT_HTTP_PORT:-8080}"
SCENARIO="$HW_ROOT/device-simulator/scenarios/bench-e2e-load.yaml"
DEMO="$HW_ROOT/deploy/config/demo-scenario.yaml"
PROBES=hengda-chemicals/tank-farm-a/lel-01,hengda-chemicals/tank-farm-a/lel-02,binhai-cold-chain/machine-room-1/nh3-01,binhai-cold-chain/machine-room-1/nh3-02,jinhua-powder/dust-collector-1/co-01
BOARD="${BOARD_LOGIN:-duty:duty-local}"

for port in "$KAFKA_PORT" "$INFLUX_PORT" "$MQTT_PORT" "$ALERT_PORT"; do
  port_open "$port" && die "port $port is in use: stop the running stack first (deploy/run-local.sh down; deploy/infra.sh down)"
done
rm -rf "$HW_STATE"; mkdir -p "$HW_STATE" "$BENCH_STATE"
cleanup() {
  for p in ${PROBE_PID:-} ${WATCH_PID:-} ${NOTIFY_RECEIVER:-}; do kill "$p" 2>/dev/null || true; done
  for s in sentinel stream-jobs alert-service ingest kafka influxdb; do stop_bg "$s" >/dev/null || true; done
}
trap cleanup EXIT

say "starting the stack without the demo simulator"
copies=$(( (DEVICES + $(grep -c '^      - id:' "$SCENARIO") - 1) / $(grep -c '^      - id:' "$SCENARIO") ))
start_fleet_stack "$PROBES" 1 "$SCENARIO" "$copies" device-logins
(umask 077; head -n "$DEVICES" "$BENCH_STATE/fleet.secrets" >"$BENCH_STATE/fleet-load.secrets")

# the board, once a second: the alert service's /health (status, time) and the active OFFLINE alarms the board shows
watch_board() {
  while true; do
    local t ready count
    t=$(date +%s.%N)
    ready=$(curl -s -o /dev/null -m 5 -w '%{http_code} %{time_total}' "http://127.0.0.1:$ALERT_PORT/health" || true)
    count=$(curl -s -m 5 -u "$BOARD" "http://127.0.0.1:$ALERT_PORT/api/alarms/active" \
      | python3 -c 'import json,sys; print(sum(1 for a in json.load(sys.stdin) if a.get("alarmType") == "OFFLINE"))' \
      2>/dev/null || echo "-")
    echo "$t ${ready:-000 5} $count"
    sleep 1
  done
}
watch_board >"$BENCH_STATE/board.txt" &
WATCH_PID=$!

probe_seconds=$((LOAD_SECONDS + AFTER_SECONDS))
SIM_TIMEOUT=$((probe_seconds + 120)) sim latency --scenario "$DEMO" --broker "tcp://127.0.0.1:$MQTT_PORT" \
  --alert-url "http://$BOARD@127.0.0.1:$ALERT_PORT" --sensor "$PROBES" --high 30 --low 2 \
  --count "$((probe_seconds * 4))" --duration "$probe_seconds" --every-ms 250 --flap-window 1 --timeout 10 \
  >"$BENCH_STATE/latency.txt" 2>&1 &
PROBE_PID=$!

say "$DEVICES devices publish ${DEVICE_RATE}/s each for ${LOAD_SECONDS}s, then all stop"
SIM_TIMEOUT=$((LOAD_SECONDS + 150)) sim load --fleet --secrets "$BENCH_STATE/fleet-load.secrets" --scenario "$SCENARIO" \
  --broker "tcp://127.0.0.1:$MQTT_PORT" --device-rate "$DEVICE_RATE" --duration "$LOAD_SECONDS" \
  >"$BENCH_STATE/load.txt" 2>&1 || die "the fleet failed: $(tail -n 5 "$BENCH_STATE/load.txt")"
stopped=$(date +%s.%N)
say "the devices stopped at $(date -d "@${stopped%.*}" +%T); watching ${AFTER_SECONDS}s"
wait "$PROBE_PID" || true
PROBE_PID=
sleep 2
kill "$WATCH_PID" 2>/dev/null || true
WATCH_PID=

offline_sent=$(grep -c '~OFFLINE~' "$BENCH_STATE/notifications.log" 2>/dev/null || true)
python3 - "$stopped" "$BENCH_STATE/latency.txt" "$BENCH_STATE/board.txt" "$DEVICES" "$offline_sent" \
  "$(cat "$BENCH_STATE/notifications.log" 2>/dev/null | wc -l)" <<'PY'
import sys, datetime
stopped, lat_file, board_file, devices = float(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
offline_msgs, all_msgs = sys.argv[5] or "0", sys.argv[6]

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float('nan')

probes = []  # (seconds after the devices stopped, ms or None when the alarm never came)
for line in open(lat_file):
    parts = line.split()
    # "sample <time> <sensor> <ms> ms (incident …)" or "sample <time> <sensor> lost"
    if len(parts) >= 4 and parts[0] == "sample":
        t = datetime.datetime.fromisoformat(parts[1].replace("Z", "+00:00")).timestamp() - stopped
        probes.append((t, None if parts[3] == "lost" else float(parts[3])))
board = []  # (seconds after, http code, seconds, offline count)
for line in open(board_file):
    p = line.split()
    if len(p) == 4:
        board.append((float(p[0]) - stopped, p[1], float(p[2]), None if p[3] == "-" else int(p[3])))

first = next((b[0] for b in board if b[3]), None)
most = max((b[3] or 0 for b in board), default=0)
full = next((b[0] for b in board if (b[3] or 0) >= 0.99 * most), None) if most else None
print()
print(f"### A site goes dark: {devices} devices stop at once (the board's view)")
print()
print(f"OFFLINE alarms on the board: first {first:.0f} s after the devices stopped, most {most}" if first is not None
      else "OFFLINE alarms on the board: none seen")
if full is not None:
    print(f"99 % of them on the board {full:.0f} s after the devices stopped")
print(f"messages sent by the end: {all_msgs}, of them about OFFLINE incidents: {offline_msgs} (the storm window groups"
      " one enterprise's alarms to one person into one message)")
print()
print("| window (s after the devices stopped) | probes | alarm never came | publish→board p50 / p99 / max ms | /health: not 200 / slowest s |")
print("|---|---|---|---|---|")
windows = [(-45, 0, "before (devices publishing)"), (0, 55, "quiet (devices silent, not yet OFFLINE)")]
if first is not None:
    windows = [(-45, 0, "before (devices publishing)"), (0, first - 5, "quiet (devices silent, not yet OFFLINE)"),
               (first - 5, (full or first) + 30, "the flood"), ((full or first) + 30, 1e9, "after")]
for lo, hi, name in windows:
    ms = [m for t, m in probes if lo <= t < hi and m is not None]
    lost = sum(1 for t, m in probes if lo <= t < hi and m is None)
    bs = [b for b in board if lo <= b[0] < hi]
    bad = sum(1 for b in bs if b[1] != "200")
    slow = max((b[2] for b in bs), default=float('nan'))
    print(f"| {name}: {lo:.0f} to {min(hi, 999):.0f} | {len(ms) + lost} | {lost} | "
          f"{pct(ms, 50):.1f} / {pct(ms, 99):.1f} / {max(ms, default=float('nan')):.1f} | {bad} / {slow:.2f} |")
PY
echo
echo "Raw: $BENCH_STATE/latency.txt (probes), $BENCH_STATE/board.txt (epoch, /health code and time, OFFLINE on the board), $BENCH_STATE/notifications.log"
