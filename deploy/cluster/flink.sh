#!/usr/bin/env bash
# The cluster layout's Flink (issue 18): ZooKeeper (Maven's org.apache.zookeeper, a real standalone server) as the HA
# service, a session cluster of two JobManagers (ZooKeeper elects the leader; the other one is a standby) and 2
# TaskManagers with HA metadata in $HW_STATE/flink/ha and the jobs' checkpoints in $HW_STATE/flink/checkpoints (one
# directory that every process reaches stands for a shared filesystem).
#   deploy/cluster/flink.sh up | down | status | kill I | start I | submit [-s SAVEPOINT [-n]] [--job detection|history|both] [file]
#                           | cli ACTION [ARGS]   (Flink's own `flink` client against this cluster: list, stop, savepoint, ...)
#   I: jobmanager (= jobmanager-1), jobmanager-2, taskmanager-1, taskmanager-2, zookeeper, or a number N for taskmanager-N
# When the leading JobManager dies the standby becomes leader (once the dead one's ZooKeeper session expires), takes
# the jobs from ZooKeeper and the HA directory and restores each from its latest checkpoint by itself; a JobManager
# started again waits as the new standby. A TaskManager's death restarts the jobs from their last checkpoint on the
# slots left (one TaskManager's 4 slots hold both jobs at parallelism 2). `status` names the leader.
# Environment: HW_CLUSTER_KAFKA_BOOTSTRAP (default the 3-broker cluster), HW_CLUSTER_KAFKA_SECRETS (directory of
# kafka-jobs.properties, default $HW_STATE/secrets) for submit.
set -euo pipefail
source "$(dirname "$0")/cluster-lib.sh"
source "$HW_ROOT/deploy/flink-lib.sh"

FLINK_DIR="$HW_STATE/flink"
CONF_DIR="$FLINK_DIR/conf"
ZK_DIR="$HW_STATE/zookeeper"
KAFKA_BOOTSTRAP="${HW_CLUSTER_KAFKA_BOOTSTRAP:-$CLUSTER_KAFKA_BOOTSTRAP}"
KAFKA_CLIENT_SECRETS="${HW_CLUSTER_KAFKA_SECRETS:-$HW_STATE/secrets}"
REST="http://127.0.0.1:$CLUSTER_FLINK_REST_PORT"

# What the one-machine template lacks: HA (short ZooKeeper sessions), fast detection of a lost TaskManager, slots
# spread over the TaskManagers (losing one is felt by the jobs, the other one takes them), the Prometheus reporter.
write_conf() {
  flink_write_conf "$CONF_DIR" "$CLUSTER_FLINK_REST_PORT" "$CLUSTER_FLINK_RPC_PORT"
  # on duty one wants the few lines that say who leads, which jobs it recovered and which TaskManagers come and go
  sed -i 's|^\( *\)<Logger name="io.hazardwatch"|\1<Logger name="org.apache.flink.runtime.dispatcher" level="INFO"/>\n\1<Logger name="org.apache.flink.runtime.resourcemanager" level="INFO"/>\n\1<Logger name="org.apache.flink.runtime.jobmaster.JobMaster" level="INFO"/>\n&|' \
    "$CONF_DIR/log4j2.xml"
  cat >>"$CONF_DIR/config.yaml" <<EOF_CONF
# --- deploy/cluster/flink.sh: the HA session cluster ---
high-availability.type: zookeeper
high-availability.zookeeper.quorum: 127.0.0.1:$CLUSTER_ZK_PORT
high-availability.zookeeper.path.root: /flink
high-availability.cluster-id: /hazardwatch
high-availability.storageDir: file://$FLINK_DIR/ha
# a killed JobManager's leadership ends with its ZooKeeper session: 6 s, not the default 60 s, before the next one leads
high-availability.zookeeper.client.session-timeout: 6 s
high-availability.zookeeper.client.connection-timeout: 5 s
zookeeper.sasl.disable: true
execution.checkpointing.dir: file://$FLINK_DIR/checkpoints
execution.checkpointing.savepoint-dir: file://$FLINK_DIR/savepoints
heartbeat.interval: 2000
heartbeat.timeout: 8000
taskmanager.load-balance.mode: SLOTS
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: $(cluster_flink_metrics_port 0)
EOF_CONF
}

write_zoo_cfg() {
  mkdir -p "$ZK_DIR/data"
  cat >"$ZK_DIR/zoo.cfg" <<EOF_ZK
tickTime=2000
dataDir=$ZK_DIR/data
clientPort=$CLUSTER_ZK_PORT
clientPortAddress=127.0.0.1
admin.enableServer=false
autopurge.snapRetainCount=3
autopurge.purgeInterval=1
EOF_ZK
}

start_zookeeper() {
  is_running zookeeper && return 0
  write_zoo_cfg
  say "starting ZooKeeper (127.0.0.1:$CLUSTER_ZK_PORT, data in $ZK_DIR)"
  start_bg zookeeper java -Xmx128m -Dlog4j2.configurationFile="$CONF_DIR/log4j2.xml" -Dzookeeper.admin.enableServer=false \
    -cp "$(module_cp deploy)" org.apache.zookeeper.server.ZooKeeperServerMain "$ZK_DIR/zoo.cfg"
  wait_port "$CLUSTER_ZK_PORT" ZooKeeper 30 zookeeper
}

# jobmanager-N: its pid/log name and its ports (jobmanager-1 keeps the names of the single-JobManager layout)
jm_name() { if [ "$1" = 1 ]; then echo flink-jobmanager; else echo "flink-jobmanager-$1"; fi; }
jm_port() {
  case "$1:$2" in
    rest:1) echo "$CLUSTER_FLINK_REST_PORT" ;;
    rpc:1) echo "$CLUSTER_FLINK_RPC_PORT" ;;
    metrics:1) cluster_flink_metrics_port 0 ;;
    rest:2) echo "$CLUSTER_FLINK_STANDBY_REST_PORT" ;;
    rpc:2) echo "$CLUSTER_FLINK_STANDBY_RPC_PORT" ;;
    metrics:2) echo "$CLUSTER_FLINK_STANDBY_METRICS_PORT" ;;
    *) die "no jobmanager-$2 (there are $CLUSTER_FLINK_JOBMANAGERS)" ;;
  esac
}

# start_jobmanager N [nowait] — heap 448 MiB; with ZooKeeper HA the RPC port is high-availability.jobmanager.port
# (jobmanager.rpc.port is not used then). Whichever wins ZooKeeper's election leads, the other one waits as standby.
start_jobmanager() {
  local n=$1 name rest rpc; name=$(jm_name "$1"); rest=$(jm_port rest "$n"); rpc=$(jm_port rpc "$n")
  if ! is_running "$name"; then
    port_open "$rest" && die "port $rest (jobmanager-$n's REST) is taken"
    say "starting Flink JobManager jobmanager-$n (REST http://127.0.0.1:$rest, RPC $rpc, metrics :$(jm_port metrics "$n"))"
    start_bg "$name" java -Xmx448m "${JAVA_OPENS[@]}" -Dlog4j2.configurationFile="$CONF_DIR/log4j2.xml" \
      -cp "$(flink_classpath):$(prometheus_jar)" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
      --configDir "$CONF_DIR" -Drest.port="$rest" -Dhigh-availability.jobmanager.port="$rpc" \
      -Djobmanager.rpc.port="$rpc" -Dmetrics.reporter.prom.port="$(jm_port metrics "$n")"
  fi
  [ "${2:-}" = nowait ] || wait_port "$rest" "Flink JobManager jobmanager-$n" 60 "$name"
}

# live_rest — the REST address of a running JobManager, jobmanager-1 first. Either one answers every request for the
# leader: a standby's REST handlers talk to the leading Dispatcher and ResourceManager over RPC (no redirect; 503
# "ongoing leader election" while none leads).
live_rest() {
  local n
  for n in $(seq 1 "$CLUSTER_FLINK_JOBMANAGERS"); do
    is_running "$(jm_name "$n")" && { echo "http://127.0.0.1:$(jm_port rest "$n")"; return 0; }
  done
  echo "$REST"
}

# leader_jobmanager — N of the leading JobManager, nothing while none leads (the REST API cannot tell: both answer
# alike). Only the leader runs a ResourceManager, and only its metrics have flink_jobmanager_numRegisteredTaskManagers.
leader_jobmanager() {
  local n metrics
  for n in $(seq 1 "$CLUSTER_FLINK_JOBMANAGERS"); do
    is_running "$(jm_name "$n")" || continue
    metrics=$(curl -sf --max-time 3 "http://127.0.0.1:$(jm_port metrics "$n")/metrics" || true)
    if grep -q '^flink_jobmanager_numRegisteredTaskManagers' <<<"$metrics"; then echo "$n"; return 0; fi
  done
}

# start_taskmanager N — heap 384 MiB (framework 96 + task 288), 4 slots; its resource id is its instance name
start_taskmanager() {
  local n=$1 name="flink-taskmanager-$1"
  is_running "$name" && return 0
  say "starting Flink TaskManager taskmanager-$n (metrics :$(cluster_flink_metrics_port "$n"))"
  start_bg "$name" java -Xmx384m -XX:MaxDirectMemorySize=192m "${JAVA_OPENS[@]}" \
    -Dlog4j2.configurationFile="$CONF_DIR/log4j2.xml" -cp "$(flink_classpath):$(prometheus_jar)" \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CONF_DIR" \
    -Dtaskmanager.resource-id="taskmanager-$n" -Dmetrics.reporter.prom.port="$(cluster_flink_metrics_port "$n")" \
    -Dtaskmanager.memory.framework.heap.size=96m -Dtaskmanager.memory.task.heap.size=288m \
    -Dtaskmanager.memory.framework.off-heap.size=64m -Dtaskmanager.memory.network.min=48m \
    -Dtaskmanager.memory.network.max=48m -Dtaskmanager.memory.managed.size=32m
}

# wait_taskmanager N — until the JobManager lists it (it finds the leader through ZooKeeper)
wait_taskmanager() {
  for _ in $(seq 1 120); do
    curl -sf "$(live_rest)/taskmanagers" | grep -q "\"id\":\"taskmanager-$1\"" && return 0
    is_running "flink-taskmanager-$1" || die "taskmanager-$1 exited: $(tail -n 20 "$HW_STATE/flink-taskmanager-$1.log")"
    sleep 0.5
  done
  die "taskmanager-$1 did not register within 60 s (log: $HW_STATE/flink-taskmanager-$1.log)"
}

prometheus_jar() {
  tr ':' '\n' <"$HW_ROOT/deploy/target/classpath.txt" | grep -m1 'flink-metrics-prometheus' \
    || die "deploy is not built (no flink-metrics-prometheus on its class path): run 'mvn -DskipTests package'"
}

up() {
  mkdir -p "$FLINK_DIR/ha" "$FLINK_DIR/checkpoints" "$FLINK_DIR/savepoints"
  write_conf
  start_zookeeper
  # jobmanager-1 first, so that it normally leads; the standby and the TaskManagers start meanwhile
  start_jobmanager 1
  local i
  for i in $(seq 2 "$CLUSTER_FLINK_JOBMANAGERS"); do start_jobmanager "$i" nowait; done
  for i in $(seq 1 "$CLUSTER_FLINK_TASKMANAGERS"); do start_taskmanager "$i"; done
  for i in $(seq 2 "$CLUSTER_FLINK_JOBMANAGERS"); do start_jobmanager "$i"; done
  for i in $(seq 1 "$CLUSTER_FLINK_TASKMANAGERS"); do wait_taskmanager "$i"; done
  say "Flink HA session cluster ready: $REST/ and http://127.0.0.1:$CLUSTER_FLINK_STANDBY_REST_PORT/ ($CLUSTER_FLINK_JOBMANAGERS JobManagers, $CLUSTER_FLINK_TASKMANAGERS TaskManagers, ZooKeeper 127.0.0.1:$CLUSTER_ZK_PORT)"
}

# TaskManagers started by up or by `start taskmanager-N`: those with a pid file
taskmanager_names() {
  local f
  for f in "$HW_STATE"/flink-taskmanager-*.pid; do [ -e "$f" ] && basename "$f" .pid; done
  return 0
}

down() {
  local name
  for name in $(taskmanager_names); do stop_bg "$name"; done
  local n
  for n in $(seq "$CLUSTER_FLINK_JOBMANAGERS" -1 1); do stop_bg "$(jm_name "$n")"; done
  stop_bg zookeeper
}

# instance I → the name of its pid file
process_name() {
  case "$1" in
    jobmanager|jobmanager-1) echo flink-jobmanager ;;
    jobmanager-[0-9]*) jm_port rest "${1#jobmanager-}" >/dev/null; echo "flink-$1" ;;
    zookeeper) echo zookeeper ;;
    taskmanager-[0-9]*) echo "flink-$1" ;;
    [0-9]*) echo "flink-taskmanager-$1" ;;
    *) die "unknown instance '$1': jobmanager (or jobmanager-1), jobmanager-2, taskmanager-N (or N), zookeeper" ;;
  esac
}

kill_instance() {
  local name; name=$(process_name "$1")
  is_running "$name" || die "$1 is not running"
  local pid; pid=$(cat "$HW_STATE/$name.pid")
  kill -KILL "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  say "killed $1 (kill -9 of pid $pid)"
}

start_instance() {
  local name; name=$(process_name "$1")
  write_conf
  case "$name" in
    flink-jobmanager) start_jobmanager 1 ;;
    flink-jobmanager-*) start_jobmanager "${name#flink-jobmanager-}" ;;
    zookeeper) start_zookeeper ;;
    flink-taskmanager-*) local n=${name#flink-taskmanager-}; start_taskmanager "$n"; wait_taskmanager "$n" ;;
  esac
  say "started $1"
}

status() {
  local name n
  for name in zookeeper $(for n in $(seq 1 "$CLUSTER_FLINK_JOBMANAGERS"); do jm_name "$n"; done) $(taskmanager_names); do
    is_running "$name" && say "$name: running" || say "$name: not running"
  done
  local leader; leader=$(leader_jobmanager)
  if [ -n "$leader" ]; then say "leader: jobmanager-$leader (http://127.0.0.1:$(jm_port rest "$leader"))"
  else say "leader: none (no JobManager runs, or a dead leader's ZooKeeper session has not expired yet)"; fi
  curl -sf "$(live_rest)/jobs/overview" 2>/dev/null | grep -oE '"jid":"[0-9a-f]+","name":"[^"]+"[^}]*"state":"[A-Z]+"' \
    | sed -E 's/"jid":"([0-9a-f]+)","name":"([^"]+)".*"state":"([A-Z]+)"/[hazardwatch] job \2 \1: \3/' || true
}

# submit [-s SAVEPOINT [-n]] [ARGS] — both jobs (or --job's) to the HA cluster, from Kafka HW_CLUSTER_KAFKA_BOOTSTRAP as
# `jobs`; -s starts from a savepoint (use it with --job: each job has its own), -n drops state of removed operators
submit() {
  local rest; rest=$(live_rest)
  port_open "${rest##*:}" || die "no JobManager is running: deploy/cluster/flink.sh up"
  if [ "${1:-}" = -s ]; then
    FLINK_RUN_SAVEPOINT="${2:?-s needs a savepoint path}"; shift 2
    if [ "${1:-}" = -n ]; then FLINK_RUN_ALLOW_NON_RESTORED=1; shift; fi
  fi
  export HW_KAFKA_BOOTSTRAP="$KAFKA_BOOTSTRAP"
  local login; login="$KAFKA_CLIENT_SECRETS/kafka-jobs.properties"
  if [ -f "$login" ]; then
    export HW_KAFKA_CLIENT_PROPERTIES="$login"
  else
    say "no $login: the jobs connect to Kafka without a login"
    unset HW_KAFKA_CLIENT_PROPERTIES
  fi
  HW_CHECKPOINT_DIR="${HW_CHECKPOINT_DIR:-file://$FLINK_DIR/checkpoints}" flink_run "$CONF_DIR" "${rest##*:}" "$@"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill) kill_instance "${2:?kill needs an instance}" ;;
  start) start_instance "${2:?start needs an instance}" ;;
  submit) shift; submit "$@" ;;
  cli) shift; flink_cli "$CONF_DIR" "$@" ;;
  *) die "usage: deploy/cluster/flink.sh up | down | status | kill I | start I | submit [-s SAVEPOINT [-n]] [--job detection|history|both] [file] | cli ACTION [ARGS]
  (I: jobmanager or jobmanager-1, jobmanager-2, taskmanager-N or N, zookeeper)" ;;
esac
