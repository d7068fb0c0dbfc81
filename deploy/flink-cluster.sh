#!/usr/bin/env bash
# A real Flink session cluster (JobManager + one TaskManager as separate processes) from Maven Central's jars,
# on 127.0.0.1, and `flink run` of the stream-jobs job jar against it: the same jar a production cluster runs.
#   deploy/flink-cluster.sh up | submit [--job detection|history|both] [config.properties] | down | status
# The cluster's class path is Flink's own jars only (stream-jobs' class path without the application's
# libraries), so the job jar must bring its connectors, as on any Flink distribution.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$HW_ROOT"

REST_PORT="${HW_FLINK_CLUSTER_REST_PORT:-8083}"
RPC_PORT="${HW_FLINK_CLUSTER_RPC_PORT:-6123}"
CONF_DIR="$HW_STATE/flink-cluster/conf"
JOB_JAR=$(ls "$HW_ROOT"/stream-jobs/target/stream-jobs-*-job.jar 2>/dev/null | head -n 1 || true)

# What the Flink distribution's config.yaml passes to every JVM (env.java.opts.all) on Java 17.
JAVA_OPENS=(--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

flink_classpath() {
  [ -f stream-jobs/target/classpath.txt ] || die "stream-jobs is not built: run 'mvn -DskipTests install' first"
  tr ':' '\n' < stream-jobs/target/classpath.txt \
    | grep -vE '/io/hazardwatch/|/hazardwatch/|/org/apache/kafka/|flink-connector-kafka|/org/influxdb/|/com/squareup/|/org/msgpack/|/org/jetbrains/|/org/springframework/|jcl-over-slf4j' \
    | paste -sd: -
}

up() {
  if is_running flink-jobmanager && is_running flink-taskmanager; then say "Flink session cluster already running"; return; fi
  port_open "$REST_PORT" && die "port $REST_PORT is taken; set HW_FLINK_CLUSTER_REST_PORT"
  mkdir -p "$CONF_DIR"
  sed -e "s|@REST_PORT@|$REST_PORT|" -e "s|@RPC_PORT@|$RPC_PORT|" deploy/config/flink-config.yaml >"$CONF_DIR/config.yaml"
  cp stream-jobs/src/main/resources/log4j2.xml "$CONF_DIR/log4j2.xml"
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
  [ -n "$JOB_JAR" ] || die "no job jar: run 'mvn -DskipTests install' first"
  is_running flink-jobmanager || die "the session cluster is not running: deploy/flink-cluster.sh up"
  say "submitting $(basename "$JOB_JAR") to 127.0.0.1:$REST_PORT"
  # the jobs log in to Kafka as `jobs` (docs/security-kafka.md); their login travels inside the job graph
  if [ -z "${HW_KAFKA_CLIENT_PROPERTIES:-}" ] && kafka_auth_on; then
    export HW_KAFKA_CLIENT_PROPERTIES; HW_KAFKA_CLIENT_PROPERTIES=$(kafka_client_file jobs)
  fi
  # the client resolves checkpoint.dir; on one machine a local directory is shared by job and task managers
  HW_CHECKPOINT_DIR="${HW_CHECKPOINT_DIR:-$HW_STATE/flink-cluster/checkpoints}" FLINK_CONF_DIR="$CONF_DIR" java "${JAVA_OPENS[@]}" -Dlog4j2.configurationFile="$CONF_DIR/log4j2.xml" -cp "$(flink_classpath)" \
    org.apache.flink.client.cli.CliFrontend run -d -m "127.0.0.1:$REST_PORT" "$JOB_JAR" "$@"
}

case "${1:-up}" in
  up) up ;;
  submit) shift; submit "$@" ;;
  down) stop_bg flink-taskmanager; stop_bg flink-jobmanager ;;
  status) for s in flink-jobmanager flink-taskmanager; do is_running $s && say "$s: running" || say "$s: not running"; done ;;
  *) die "usage: deploy/flink-cluster.sh up | submit [--job detection|history|both] [config.properties] | down | status" ;;
esac
