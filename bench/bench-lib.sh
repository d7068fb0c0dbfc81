# Helpers for bench/*.sh (sourced). Uses deploy/lib.sh for start_bg/stop_bg, so a script stops only what it started.
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"
BENCH_STATE="${BENCH_STATE:-$HW_STATE/bench}"
mkdir -p "$BENCH_STATE"
# Benches run on scratch topics of their own (hazardwatch.<bench>-<pid>.*), which the services' ACLs do not name:
# everything a bench starts logs in to Kafka as admin (docs/security-kafka.md). The services' own principals are
# tested by ServicePrincipalsIT and KafkaAclsIT.
bench_kafka_login() {
  if [ -z "${HW_KAFKA_CLIENT_PROPERTIES:-}" ] && kafka_auth_on; then
    export HW_KAFKA_CLIENT_PROPERTIES; HW_KAFKA_CLIENT_PROPERTIES=$(kafka_client_file admin)
  fi
}
bench_kafka_login
# sim ARGS... — runs the device simulator in the foreground, bounded by its own --duration and a hard timeout.
# SIM_JAVA_OPTS: its JVM options (default -Xmx1g).
sim() {
  HW_JAVA_OPTS="${SIM_JAVA_OPTS:--Xmx1g}" timeout --kill-after=10 "${SIM_TIMEOUT:-600}" "$HW_ROOT/bin/hw" sim "$@"
}

# result_field FILE KEY — the value of KEY in the RESULT line of FILE.
result_field() {
  grep '^RESULT' "$1" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# proc_stats PID — "cpu_seconds rss_mib" of a process (utime+stime from /proc).
proc_stats() {
  local pid=$1
  [ -r "/proc/$pid/stat" ] || { echo "- -"; return; }
  local tck; tck=$(getconf CLK_TCK)
  awk -v tck="$tck" '{ printf "%.1f ", ($14 + $15) / tck }' "/proc/$pid/stat"
  awk '/VmRSS/ { printf "%d\n", $2 / 1024 }' "/proc/$pid/status"
}

# machine_ticks — the machine's CPU ticks so far: "idle steal total" (/proc/stat; steal is time the hypervisor gave
# this VM's cores to someone else)
machine_ticks() {
  awk '$1 == "cpu" { t = 0; for (i = 2; i <= NF; i++) t += $i; print $5 + $6, $9, t; exit }' /proc/stat
}

# machine_share BEFORE AFTER — idle and steal between two machine_ticks, as "idle 5% / steal 12%"
machine_share() {
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[3] - x[3]
    if (t <= 0) { print "-"; exit }
    printf "idle %.0f%% / steal %.0f%%", 100 * (y[1] - x[1]) / t, 100 * (y[2] - x[2]) / t }'
}

# heap_used_mib PID — used Java heap after a full GC request (jcmd), or "-".
heap_used_mib() {
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen|heap/ && /used/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?/, "", v); printf "%d\n", v / 1024; exit } }' || echo "-"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# topic_size TOPIC — records the topic has taken in all (sum of end offsets), or "-" when Kafka does not answer.
topic_size() {
  timeout 30 "$HW_ROOT/bin/hw" topics size "127.0.0.1:$KAFKA_PORT" "$1" 2>/dev/null || echo "-"
}

# fresh_bench_stack PORT... — refuses to start when a port of the stack is taken, wipes $HW_STATE, and on exit
# stops what the script started: the background pids in BG, the notification receiver, a paused Kafka, the stack.
fresh_bench_stack() {
  for port in "$@"; do
    port_open "$port" && die "port $port is in use: stop the running stack first (deploy/run-local.sh down; deploy/infra.sh down)"
  done
  rm -rf "$HW_STATE"; mkdir -p "$HW_STATE" "$BENCH_STATE"
  BG=()
  trap stop_bench_stack EXIT
}

stop_bench_stack() {
  for p in "${BG[@]}" ${NOTIFY_RECEIVER:-}; do kill "$p" 2>/dev/null || true; done
  [ -f "$HW_STATE/kafka.pid" ] && kill -CONT "$(cat "$HW_STATE/kafka.pid")" 2>/dev/null || true
  for s in sentinel stream-jobs alert-service ingest kafka influxdb; do stop_bg "$s" >/dev/null || true; done
}

pid_of() { cat "$HW_STATE/$1.pid" 2>/dev/null || echo 0; }

# start_fleet_stack PROBES FLAP_WINDOW SCENARIO DEVICES [device-logins] — the one-machine stack (deploy/run-local.sh,
# no demo) set up by prepare_fleet_stack for a fleet load.
start_fleet_stack() {
  prepare_fleet_stack "$@"
  restart_stack
  # let the alert service finish replaying the alarms topic
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:${HW_ALERT_HTTP_PORT:-8080}/health" | grep -q LIVE && break; sleep 1; done
}

# prepare_fleet_stack PROBES FLAP_WINDOW SCENARIO DEVICES [device-logins] — what a stack started afterwards needs
# for a fleet load, exported as the HW_* variables the services read (with "device-logins", every device also gets
# its own login, secrets in $BENCH_STATE/fleet.secrets, for `load --fleet`): the demo registry without its per-enterprise `limits` example and
# with default limits above any offered load (a benchmark measures the pipeline, not the gateway's quotas); the PROBES
# sensors (comma-separated enterprise/device/sensor, ids unique in the registry) with a FLAP_WINDOW-second flap window, so that the job's
# flapping guard does not hold back their repeated alarms; DEVICES copies of each SCENARIO device in the registry.
prepare_fleet_stack() {
  local probes=$1 flap_window=$2 scenario=$3 devices=$4 logins=()
  [ "${5:-}" = device-logins ] && logins=(--device-logins --secrets-out "$BENCH_STATE/fleet.secrets")
  local probe_ids; probe_ids=$(tr ',' '\n' <<<"$probes" | sed 's#.*/##' | paste -sd'|')
  grep -v '^\s*limits:' "$HW_ROOT/deploy/config/registry.yaml" \
    | sed -E "s/\{id: ($probe_ids), (type: [A-Z_]+)\}/{id: \1, \2, detection: {flapWindowSeconds: $flap_window}}/" \
    >"$BENCH_STATE/registry.yaml"
  [ "$(grep -c 'detection: {flapWindowSeconds' "$BENCH_STATE/registry.yaml")" -eq "$(tr ',' '\n' <<<"$probes" | wc -l)" ] \
    || die "not every probe sensor got its flap window in $BENCH_STATE/registry.yaml"
  # A park's load is spread over many sensors, each a reading every second or so, not thousands per second on a
  # handful: the load publishes for $devices copies of each scenario device, and the registry knows them.
  sim fleet --registry "$BENCH_STATE/registry.yaml" --scenario "$scenario" --devices "$devices" \
    --out "$BENCH_STATE/fleet-registry.yaml" "${logins[@]}" >/dev/null || die "device-simulator fleet failed"
  # every simulated device connects from 127.0.0.1 (a park's come from many addresses): the per-address guard on
  # sockets not yet logged in (100) would refuse most of a fleet's connect phase
  export HW_REGISTRY_FILE="$BENCH_STATE/fleet-registry.yaml" HW_INGEST_DEFAULT_MAX_CONNECTIONS=1000000 \
    HW_INGEST_DEFAULT_MAX_MESSAGES_PER_SECOND=10000000 HW_MQTT_MAX_UNAUTHENTICATED_PER_ADDRESS=1000000
  # Every person of the demo rota is told through one local webhook that takes every message and logs it
  # ($BENCH_STATE/notifications.log, "<epoch> <json>"): notifications are counted, and the watchdog's notifications
  # stage is judged on a channel that works (the demo's SMS and IM providers are not configured here).
  local notify_port; notify_port=$(free_port)
  python3 "$HW_ROOT/bench/notify_receiver.py" "$notify_port" "$BENCH_STATE/notifications.log" &
  NOTIFY_RECEIVER=$!
  sed -E 's/channel: (sms|wecom|dingtalk|feishu|push)/channel: bench/' "$HW_ROOT/deploy/config/alerting.yaml" \
    >"$BENCH_STATE/alerting.yaml"
  export HW_ALERT_POLICY_FILE="$BENCH_STATE/alerting.yaml" HW_ALERT_NOTIFY_CHANNELS=bench \
    HW_ALERT_NOTIFY_BENCH_URL="http://127.0.0.1:$notify_port/notify"
}

# restart_stack — deploy/run-local.sh up without the demo: starts whatever part of the stack is not running.
restart_stack() {
  HW_NO_BUILD="${HW_NO_BUILD:-0}" HW_NO_DEMO=1 timeout 900 "$HW_ROOT/deploy/run-local.sh" up >>"$BENCH_STATE/run-local.log" 2>&1 \
    || die "deploy/run-local.sh up failed: $(tail -n 20 "$BENCH_STATE/run-local.log")"
}

# influx_count_since EPOCH — points of measurement `reading` in InfluxDB since then (fault suites)
influx_count_since() {
  curl -s $(influx_curl_login reader) -G "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode "db=$INFLUX_DB" \
    --data-urlencode "q=SELECT count(value) FROM reading WHERE time >= $(printf '%.0f' "$1")s" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"][0]; print(r["series"][0]["values"][0][1] if "series" in r else 0)' \
    2>/dev/null || echo "-"
}

# collect_fault_outputs OUT T0 — after a fault run that began at T0: the readings topic's size (K1), InfluxDB's points
# since T0 (INFLUX_POINTS), the heartbeats since T0 in OUT.heartbeats and the board's incidents in OUT.incidents
collect_fault_outputs() {
  local out=$1 t0=$2
  K1=$(topic_size hazardwatch.readings.v1); INFLUX_POINTS=$(influx_count_since "$t0")
  timeout 90 "$HW_ROOT/bin/hw" topics dump "127.0.0.1:$KAFKA_PORT" \
    hazardwatch.heartbeats.v1 "$(awk -v t="$t0" 'BEGIN { printf "%.0f", t * 1000 }')" >"$out.heartbeats" 2>/dev/null || true
  curl -s -u "$LOGIN" "$ALERT/api/incidents?limit=5000" >"$out.incidents" || true
}

# ---- scripted leaks (fault suite, soak) ------------------------------------------------------------------------
# The leak sensors (left out of the load), one per fault in turn, with their enterprise's demo login and a value
# above their second level; each gets a 1 s flap window so that a sensor's second leak is not held back as flapping.
LEAKS=(hengda-chemicals/tank-farm-a/lel-01 binhai-cold-chain/machine-room-1/nh3-01 hengda-chemicals/tank-farm-a/lel-02
       binhai-cold-chain/machine-room-1/nh3-02 jinhua-powder/dust-collector-1/co-01)
declare -A LOGIN_OF=([hengda-chemicals]="hengda-chemicals-gw:demo-chem-pass"
  [binhai-cold-chain]="binhai-cold-chain-gw:demo-ammonia-pass" [jinhua-powder]="jinhua-powder-gw:demo-dust-pass")
declare -A HIGH_OF=([lel]=80 [nh3]=120 [co]=90); declare -A LOW_OF=([lel]=1 [nh3]=2 [co]=1)
LEAK_SECONDS="${LEAK_SECONDS:-20}"

now() { date +%s.%N; }

# monitor FILE — the watchdog's view once a second, "epoch json" per line, until killed.
monitor() {
  while true; do
    printf '%s %s\n' "$(now)" "$(curl -s -m 2 -u "$LOGIN" "$ALERT/api/monitoring" 2>/dev/null | tr -d '\n' || true)" >>"$1"
    sleep 1
  done
}

# leak SENSOR OUT — LEAK_SECONDS of readings above the second level (one a second, each waiting up to 45 s for its
# PUBACK), then readings that clear it. Writes "first <epoch>" to OUT: when the leak began (its first reading was
# sent, whether or not the gateway could take it then), or "first none" if no reading of it was ever accepted.
leak() {
  local key=$1 out=$2 enterprise device sensor kind
  IFS=/ read -r enterprise device sensor <<<"$key"; kind=${sensor%%-*}
  local user=${LOGIN_OF[$enterprise]%%:*} pass=${LOGIN_OF[$enterprise]#*:}
  local topic="hazardwatch/v1/$enterprise/$device/readings"
  pub() { timeout 45 mosquitto_pub -h 127.0.0.1 -p "$MQTT_PORT" -V mqttv5 -q 1 -i "leak-$sensor" -u "$user" -P "$pass" \
            -t "$topic" -m "{\"sensor\":\"$sensor\",\"value\":$1}" 2>>"$out.err"; }
  local end=$(( $(date +%s) + LEAK_SECONDS )) began accepted=""
  began=$(now)
  while [ "$(date +%s)" -lt "$end" ] || [ -z "$accepted" ] && [ "$(date +%s)" -lt $((end + 120)) ]; do
    pub "${HIGH_OF[$kind]}" && accepted=yes
    sleep 1
  done
  for _ in 1 2 3; do pub "${LOW_OF[$kind]}" || true; sleep 1; done
  if [ -n "$accepted" ]; then echo "first $began" >"$out"; else echo "first none" >"$out"; fi
}


# ---- gateway vs Mosquitto (ingest-vs-mosquitto.sh, park-traffic.sh) ---------------------------------------------
# broker_bench_begin TOPIC... — the common start of a broker bench: checks the build, raises the descriptor limit
# (every process started afterwards inherits it), starts Kafka/InfluxDB only if Kafka is not running, creates the
# scratch topics TOPIC... (BENCH_TOPICS). The gateway writes to them, not to the stack's own topics, whose backlog of
# a run's millions of readings the detection job would work through at its next start (false OFFLINE alarms, a late
# demo). On exit: bench_stop_extra (if the script defines it), then what STARTED names, the topics, the infra.
broker_bench_begin() {
  BENCH_TOPICS=("$@"); STARTED=()
  trap broker_bench_end EXIT
  [ -f "$HW_ROOT/device-simulator/target/classpath.txt" ] && [ -f "$HW_ROOT/ingest/target/classpath.txt" ] \
    || die "build first: mvn -B -o -DskipTests install"
  # one process may hold at most `ulimit -n` sockets: raise the soft limit as far as allowed
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  if ! port_open "$KAFKA_PORT"; then say "Kafka is not running: starting it (and stopping it at the end)"; "$HW_ROOT/deploy/infra.sh" up; INFRA_STARTED=1; fi
  bench_kafka_login
  scratch_topics create "${BENCH_TOPICS[@]}" || die "could not create the bench topics ${BENCH_TOPICS[*]}"
  TOPICS_CREATED=1
}

scratch_topics() { "$HW_ROOT/bin/hw" topics scratch "127.0.0.1:$KAFKA_PORT" "$@"; }

broker_bench_end() {
  declare -F bench_stop_extra >/dev/null && bench_stop_extra
  for s in "${STARTED[@]}"; do stop_bg "$s" >/dev/null; done
  if [ "${TOPICS_CREATED:-0}" = 1 ]; then scratch_topics delete "${BENCH_TOPICS[@]}" || true; fi
  if [ "${INFRA_STARTED:-0}" = 1 ]; then "$HW_ROOT/deploy/infra.sh" down; fi
}

# start_bench_mosquitto NAME [CONFIG LINE...] — Debian's Mosquitto on a free 127.0.0.1 port (anonymous, persistence
# off, no connection limit, plus the given lines); sets MQ_PORT and MQ_PID, and STARTED stops it at the end.
start_bench_mosquitto() {
  local name=$1; shift
  MQ_PORT=$(free_port)
  { printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nmax_connections -1\n' "$MQ_PORT"
    [ $# -eq 0 ] || printf '%s\n' "$@"; } >"$BENCH_STATE/$name.conf"
  say "starting Mosquitto on 127.0.0.1:$MQ_PORT"
  start_bg "$name" /usr/sbin/mosquitto -c "$BENCH_STATE/$name.conf"
  STARTED+=("$name")
  wait_port "$MQ_PORT" Mosquitto 10 "$name"
  MQ_PID=$(cat "$HW_STATE/$name.pid")
}
