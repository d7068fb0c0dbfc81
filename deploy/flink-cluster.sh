#!/usr/bin/env bash
# A real Flink session cluster (JobManager + one TaskManager as separate processes) from Maven Central's jars,
# on 127.0.0.1, and `flink run` of the stream-jobs job jar against it: the same jar a production cluster runs.
#   deploy/flink-cluster.sh up | submit [--job detection|history|both] [config.properties] | down | status
# The cluster's class path is Flink's own jars only (stream-jobs' class path without the application's
# libraries), so the job jar must bring its connectors, as on any Flink distribution.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/flink-lib.sh"
cd "$HW_ROOT"

REST_PORT="${HW_FLINK_CLUSTER_REST_PORT:-8083}"
RPC_PORT="${HW_FLINK_CLUSTER_RPC_PORT:-6123}"
CONF_DIR="$HW_STATE/flink-cluster/conf"
up() {
  if is_running flink-jobmanager && is_running flink-taskmanager; then say "Flink session cluster already running"; return; fi
  port_open "$REST_PORT" && die "port $REST_PORT is taken; set HW_FLINK_CLUSTER_REST_PORT"
  flink_write_conf "$CONF_DIR" "$REST_PORT" "$RPC_PORT"
  local cp; cp=$(flink_classpath)
  local log=("${JAVA_OPENS[@]}" -Dlog4j2.configurationFile="$CONF_DIR/log4j2.xml")
  say "starting Flink JobManager (REST 127.0.0.1:$REST_PORT)"
  start_bg flink-jobmanager java -Xmx768m "${log[@]}" -cp "$cp" \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$CONF_DIR"
  wait_port "$REST_PORT" "Flink JobManager" 60 flink-jobmanager
  say "starting Flink TaskManager"
  start_bg flink-taskmanager java -Xmx640m -XX:MaxDirectMemorySize=320m "${log[@]}" -cp "$cp" \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CONF_DIR"
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$REST_PORT/taskmanagers" | grep -q '"slotsNumber":4' && { say "Flink session cluster ready: http://127.0.0.1:$REST_PORT/"; return; }
    is_running flink-taskmanager || die "TaskManager exited: $(tail -n 20 "$HW_STATE/flink-taskmanager.log")"
    sleep 0.5
  done
  die "no TaskManager registered within 60 s (logs: $HW_STATE/flink-*.log)"
}

# submit [--job detection|history|both] [config.properties]: `flink run -d` of the job jar (detached): both jobs
# unless --job names one; prints their job ids.
submit() {
  is_running flink-jobmanager || die "the session cluster is not running: deploy/flink-cluster.sh up"
  # the jobs log in to Kafka as `jobs` (docs/security-kafka.md); their login travels inside the job graph
  if [ -z "${HW_KAFKA_CLIENT_PROPERTIES:-}" ] && kafka_auth_on; then
    export HW_KAFKA_CLIENT_PROPERTIES; HW_KAFKA_CLIENT_PROPERTIES=$(kafka_client_file jobs)
  fi
  # the client resolves checkpoint.dir; on one machine a local directory is shared by job and task managers
  HW_CHECKPOINT_DIR="${HW_CHECKPOINT_DIR:-$HW_STATE/flink-cluster/checkpoints}" flink_run "$CONF_DIR" "$REST_PORT" "$@"
}

case "${1:-up}" in
  up) up ;;
  submit) shift; submit "$@" ;;
  down) stop_bg flink-taskmanager; stop_bg flink-jobmanager ;;
  status) for s in flink-jobmanager flink-taskmanager; do is_running $s && say "$s: running" || say "$s: not running"; done ;;
  *) die "usage: deploy/flink-cluster.sh up | submit [--job detection|history|both] [config.properties] | down | status" ;;
esac
