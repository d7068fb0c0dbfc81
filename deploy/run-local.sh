#!/usr/bin/env bash
# THE run command (README): the whole system on one machine with the demo scenario.
# Starts Kafka and InfluxDB, the ingest gateway, the Flink job on a local MiniCluster, the alert service, its
# sentinel (pages the on-call when the alert service is gone) and the device simulator, then prints where to look. `deploy/run-local.sh down` stops all of it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$HW_ROOT"

CONFIG="$HW_ROOT/deploy/config/local.properties"
ALERT_PORT="${HW_ALERT_HTTP_PORT:-8080}"
MQTT_PORT="${HW_MQTT_PORT:-1883}"
FLINK_PORT="${HW_FLINK_REST_PORT:-8082}"
SERVICES=(simulator sentinel stream-jobs alert-service ingest)

down() {
  for s in "${SERVICES[@]}"; do stop_bg "$s"; done
  "$HW_ROOT/deploy/infra.sh" down
}

build() {
  # HW_NO_BUILD=1 uses the classes already built (e.g. while a module elsewhere is mid-change)
  if [ "${HW_NO_BUILD:-0}" = 1 ]; then say "HW_NO_BUILD=1: using the existing target/ classes"; return; fi
  local stamp="$HW_STATE/build.stamp"
  if [ -f "$stamp" ] && [ -z "$(find . -path ./.run -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/resources/*' \) -newer "$stamp" -print -quit)" ]; then
    say "build is up to date"
    return
  fi
  say "building (mvn install -DskipTests)"
  mvn -B -q -DskipTests install
  touch "$stamp"
}

# the park's time zone: the alerting policy's `timezone` (its one author; default Asia/Shanghai), for the log lines
park_timezone() {
  local policy zone
  policy=$(sed -n 's/^alert\.policy\.file=//p' "$CONFIG")
  policy=${HW_ALERT_POLICY_FILE:-${policy:-deploy/config/alerting.yaml}}
  zone=$(sed -n 's/^timezone:[[:space:]]*["'"'"']\{0,1\}\([^"'"'"'#[:space:]]*\).*/\1/p' "$policy" 2>/dev/null | head -n 1)
  echo "${zone:-Asia/Shanghai}"
}

start_java() { # NAME PROGRAM ARGS... (PROGRAM: a bin/hw name)
  local name=$1; shift
  if is_running "$name"; then say "$name already running"; return; fi
  say "starting $name"
  # HW_JAVA_OPTS: the services' JVM options (heap, GC); bin/hw word-splits them. Log lines in the park's time zone.
  # A fixed heap: with only -Xmx, G1 kept stream-jobs' heap at ~144 MB and collected its young generation 2-3 times a
  # second at 10 000 readings/s; fixed at 512 MB, 60-80 % fewer collections and 40-70 % less time paused
  # (issue 17, docs/benchmarks.md "One-machine mode: fixed heaps, detection at parallelism 1").
  HW_JAVA_OPTS="${HW_JAVA_OPTS:--Xms512m -Xmx512m} -Dhw.log.timezone=$(park_timezone)" start_bg "$name" "$HW_ROOT/bin/hw" "$@"
}

# issue 16: the board's session secret, made once into $HW_STATE/secrets (mode 600) and kept, so that the duty room's
# boards stay logged in when the alert service restarts (a fresh secret would log them out)
board_session_secret() {
  local file="$HW_STATE/secrets/board-session.secret"
  if [ ! -s "$file" ]; then
    ( umask 077; mkdir -p "$HW_STATE/secrets"; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file" )
  fi
  cat "$file"
}

wait_flink_job() {
  for _ in $(seq 1 120); do
    # the detection job (alarms); the history job beside it may be restarting while InfluxDB is down
    curl -sf "http://127.0.0.1:$FLINK_PORT/jobs/overview" 2>/dev/null \
      | grep -q '"name":"hazardwatch-detection","[^}]*"state":"RUNNING"' && return 0
    is_running stream-jobs || die "stream-jobs exited; last lines of $HW_STATE/stream-jobs.log:
$(tail -n 20 "$HW_STATE/stream-jobs.log")"
    sleep 0.5
  done
  die "the Flink detection job is not RUNNING after 60 s (log: $HW_STATE/stream-jobs.log)"
}

up() {
  ensure_packages influxdb mosquitto-clients curl
  build
  "$HW_ROOT/deploy/infra.sh" up
  start_java ingest gateway "$CONFIG"
  # issue 16: each service logs in to InfluxDB as its own user (the board reads, the incident marks and the history
  # job write); nothing when HW_INFLUX_AUTH=off. In subshells, so that one service's login is not the next one's.
  # the enterprises' attachments beside the rest of this stack's state (never in Kafka)
  ( influx_login_export reader; influx_login_export writer influx.incidents
    HW_ALERT_BOARD_SESSION_SECRET="${HW_ALERT_BOARD_SESSION_SECRET:-$(board_session_secret)}"
    export HW_ALERT_BOARD_SESSION_SECRET
    HW_ALERT_ATTACHMENTS_DIR="${HW_ALERT_ATTACHMENTS_DIR:-$HW_STATE/attachments}" \
      start_java alert-service alerts "$CONFIG" )
  # checkpoints beside the rest of this stack's state (the job manager's memory would refuse them above ~1 000 sensors);
  # both jobs at parallelism 1 on one machine (local.properties' 2 is the cluster layout's): half the task threads
  # and network channels on two cores shared with everything else, stream-jobs 32-39 % of a core instead of 36-50 %
  # and publish → alarm p50 13-17 ms instead of 17-31 at 10 000 readings/s (issue 17, docs/benchmarks.md)
  ( influx_login_export writer
    HW_CHECKPOINT_DIR="${HW_CHECKPOINT_DIR:-$HW_STATE/flink-checkpoints}" HW_PARALLELISM="${HW_PARALLELISM:-1}" \
      start_java stream-jobs jobs "$CONFIG" )
  wait_port "$MQTT_PORT" "ingest gateway (MQTT)" 60 ingest
  wait_port "$ALERT_PORT" "alert service" 60 alert-service
  # the alert service watched from outside: its on-call is paged when it stops answering (bin/hw sentinel)
  HW_JAVA_OPTS="-Xmx96m" start_java sentinel sentinel "$CONFIG"
  wait_flink_job
  # HW_NO_DEMO=1 leaves the demo simulator out (bench/e2e.sh brings its own load)
  if [ "${HW_NO_DEMO:-0}" != 1 ]; then
    start_java simulator sim simulate --scenario deploy/config/demo-scenario.yaml
    sleep 2
    is_running simulator || die "simulator exited: $(tail -n 5 "$HW_STATE/simulator.log")"
    # a few weeks' casework, so that the grading's watch and priority lists each show an enterprise
    "$HW_ROOT/deploy/demo-casework.sh" || say "demo casework not entered (see above); the demo runs without it"
  fi
  cat <<MSG

  HazardWatch is running.
    Live alarm board ....... http://127.0.0.1:$ALERT_PORT/   (login: duty / duty-local; see deploy/config/users.yaml)
    Active alarms (JSON) ... http://127.0.0.1:$ALERT_PORT/api/alarms/active
    Flink dashboard ........ http://127.0.0.1:$FLINK_PORT/
    MQTT gateway ........... tcp://127.0.0.1:$MQTT_PORT  (see README for a mosquitto_pub example)
    Gateway HTTP ........... http://127.0.0.1:${HW_HTTP_PORT:-8081}/metrics  (/health, /ready, HTTP ingest)
    Readings in InfluxDB ... curl $(influx_curl_login reader) -G http://127.0.0.1:$INFLUX_PORT/query --data-urlencode db=$INFLUX_DB \\
                               --data-urlencode "q=SELECT * FROM reading ORDER BY time DESC LIMIT 5"
    Logs ................... $HW_STATE/*.log  (sentinel.log: the alert service watched from outside)

  Closed loop (issue 20): tabs 隐患 hidden dangers, 检查 inspections, 分级 grading (Binhai on the priority list,
  Hengda on the watch list), 承诺 daily commitments; enterprise login hengda / ent-local answers its alarms.

  Demo: Hengda Fine Chemicals' tank farm leaks. lel-01 passes 25 %LEL (level 1) about 25 s from now
  and 50 %LEL (level 2) about 40 s from now. Stop everything with: deploy/run-local.sh down

MSG
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  status) for s in "${SERVICES[@]}"; do is_running "$s" && say "$s: running" || say "$s: not running"; done
          "$HW_ROOT/deploy/infra.sh" status ;;
  *) die "usage: deploy/run-local.sh [up|down|status]" ;;
esac
