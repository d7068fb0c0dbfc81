#!/usr/bin/env bash
# The cluster layout's Kafka (issue 18): 3 KRaft nodes, each broker and controller (a 3-voter dynamic quorum), from
# the kafka_2.13 jars on deploy's class path, on cluster-lib.sh's ports, data in $HW_STATE/kafka-I/data, 384 MiB heap
# each. Logins and ACLs as the one-machine broker (HW_KAFKA_AUTH=on|off, client files in $HW_STATE/secrets); topics
# at replication factor 3 with min.insync.replicas 2 (deploy/cluster/topics.properties); Prometheus metrics on
# 127.0.0.1:29290+I. Environment: docs/reference.md ("Topic layout"); operating it: docs/operations.md "Kafka cluster".
#   deploy/cluster/kafka.sh up | down | status | kill I | start I
#     up      formats what is new, starts every node not running, waits until all serve, creates topics and ACLs
#     down    stops the nodes up started (TERM, then KILL after 20 s); data stays
#     status  each node: running or not, its client port
#     kill I  kill -9 of node I (a fault drill);  start I: starts node I again on its data
set -euo pipefail
source "$(dirname "$0")/cluster-lib.sh"
source "$HW_CLUSTER_ROOT/deploy/kafka-lib.sh"

KAFKA_HEAP="${HW_CLUSTER_KAFKA_HEAP:-384m}"
# Prometheus metrics of node I on 127.0.0.1:29290+I (/metrics; the JMX exporter from target/agents/, which mvn
# package puts there; deploy/config/kafka-jmx-exporter.yaml); HW_CLUSTER_KAFKA_METRICS=off leaves it out
KAFKA_METRICS="${HW_CLUSTER_KAFKA_METRICS:-on}"
KAFKA_METRICS_AGENT="$HW_CLUSTER_ROOT/deploy/target/agents/jmx_prometheus_javaagent.jar"
cluster_kafka_metrics_port() { echo $((29290 + $1)); }
TOPICS_FILE="$HW_CLUSTER_ROOT/deploy/cluster/topics.properties"

node_dir() { echo "$HW_STATE/kafka-$1"; }
check_node() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$CLUSTER_KAFKA_NODES" ] \
    || die "usage: deploy/cluster/kafka.sh kill|start I, with I from 1 to $CLUSTER_KAFKA_NODES"
}

# kafka_uuid — a Kafka Uuid as StorageTool random-uuid prints it (16 random bytes, base64url, never starting with '-',
# which the tool would read as an option), without starting a JVM
kafka_uuid() {
  local id="-"
  while [[ "$id" == -* ]]; do id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='); done
  echo "$id"
}

# quorum_file — the cluster id and the controllers (id@host:port:directory-id), made once: every node is formatted
# with the same values, a node re-formatted later too
quorum_file() {
  local file="$HW_STATE/kafka-quorum"
  if [ ! -s "$file" ]; then
    local i controllers=()
    for i in $(seq 1 "$CLUSTER_KAFKA_NODES"); do
      controllers+=("$i@127.0.0.1:$(cluster_kafka_controller_port "$i"):$(kafka_uuid)")
    done
    printf 'cluster_id=%s\ncontrollers=%s\n' "$(kafka_uuid)" "$(IFS=,; echo "${controllers[*]}")" >"$file"
  fi
  echo "$file"
}

# short-lived tools (format, topics): a small heap, no optimising JIT, serial GC — they start in a third of the time
TOOL_JAVA_OPTS="-Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

java_opts() {
  echo "-Xms128m -Xmx$KAFKA_HEAP -XX:+UseG1GC -Dlog4j2.configurationFile=$HW_CLUSTER_ROOT/deploy/config/kafka-log4j2.xml -Dkafka.logs.dir=$(node_dir "$1")"
  [ "$KAFKA_METRICS" = on ] \
    && echo "-javaagent:$KAFKA_METRICS_AGENT=127.0.0.1:$(cluster_kafka_metrics_port "$1"):$HW_CLUSTER_ROOT/deploy/config/kafka-jmx-exporter.yaml"
  return 0
}

# prepare I CP — node I's server.properties, and its storage formatted if new
prepare() {
  local i=$1 cp=$2 dir; dir=$(node_dir "$1")
  mkdir -p "$dir"
  local quorum=() n
  for n in $(seq 1 "$CLUSTER_KAFKA_NODES"); do quorum+=("127.0.0.1:$(cluster_kafka_controller_port "$n")"); done
  kafka_server_properties "$dir/server.properties" "$dir/data" "$(cluster_kafka_port "$i")" \
    "$(cluster_kafka_controller_port "$i")" "$i" "$(IFS=,; echo "${quorum[*]}")" \
    "$HW_CLUSTER_ROOT/deploy/config/kafka-server-cluster.properties"
  [ -f "$dir/data/meta.properties" ] && return 0
  local file="$HW_STATE/kafka-quorum"
  local cluster_id controllers
  cluster_id=$(sed -n 's/^cluster_id=//p' "$file"); controllers=$(sed -n 's/^controllers=//p' "$file")
  (umask 077; : >"$dir/format.log") # it lists the SCRAM users' salted keys
  java $TOOL_JAVA_OPTS -Dlog4j2.configurationFile="$HW_CLUSTER_ROOT/deploy/config/kafka-log4j2.xml" -Dkafka.logs.dir="$dir" \
    -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
    --initial-controllers "$controllers" --ignore-formatted "${KAFKA_SCRAM_ARGS[@]}" >"$dir/format.log" 2>&1 \
    || die "formatting Kafka node $i failed: $(tail -n 5 "$dir/format.log")"
}

# start_node I CP — starts node I (prepared) unless it runs; does not wait
start_node() {
  local i=$1 cp=$2 port; port=$(cluster_kafka_port "$1")
  if is_running "kafka-$i"; then say "Kafka node $i already running on 127.0.0.1:$port"; return 0; fi
  port_open "$port" && die "port $port is taken by a process not started here (another cluster layout?); stop it first"
  local metrics=""; [ "$KAFKA_METRICS" = on ] && metrics=", metrics http://127.0.0.1:$(cluster_kafka_metrics_port "$i")/metrics"
  say "starting Kafka node $i on 127.0.0.1:$port (controller $(cluster_kafka_controller_port "$i")$metrics)"
  # shellcheck disable=SC2046
  start_bg "kafka-$i" java $(java_opts "$i") -cp "$cp" kafka.Kafka "$(node_dir "$i")/server.properties"
}

create_topics() {
  local client=(-u HW_KAFKA_CLIENT_PROPERTIES) log="$HW_STATE/kafka-topics.log"
  [ "$KAFKA_AUTH" = on ] && client=("HW_KAFKA_CLIENT_PROPERTIES=$(kafka_client_file admin)")
  env "${client[@]}" HW_KAFKA_AUTH="$KAFKA_AUTH" HW_JAVA_OPTS="$TOOL_JAVA_OPTS" "$HW_CLUSTER_ROOT/bin/hw" topics create "$CLUSTER_KAFKA_BOOTSTRAP" \
    "$TOPICS_FILE" >"$log" 2>&1 || die "could not create the Kafka topics: $(tail -n 5 "$log")"
  sed 's/^/[hazardwatch] /' "$log"
}

check_metrics() {
  case "$KAFKA_METRICS" in
    on) [ -f "$KAFKA_METRICS_AGENT" ] || die "no $KAFKA_METRICS_AGENT: run 'mvn -DskipTests package' (or HW_CLUSTER_KAFKA_METRICS=off)" ;;
    off) ;;
    *) die "HW_CLUSTER_KAFKA_METRICS must be on or off, not '$KAFKA_METRICS'" ;;
  esac
}

# check_auth — every node's data formatted with logins when HW_KAFKA_AUTH=on (before kafka_auth_mode writes the files)
check_auth() {
  local i; for i in $(seq 1 "$CLUSTER_KAFKA_NODES"); do kafka_check_auth "$(node_dir "$i")" deploy/cluster/kafka.sh; done
}

up() {
  local cp i started=$SECONDS; cp=$(module_cp deploy)
  check_metrics; check_auth
  kafka_auth_mode
  quorum_file >/dev/null
  local pids=()
  for i in $(seq 1 "$CLUSTER_KAFKA_NODES"); do
    is_running "kafka-$i" && continue
    [ -f "$(node_dir "$i")/data/meta.properties" ] || say "formatting Kafka node $i (logins: $KAFKA_AUTH)"
    prepare "$i" "$cp" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || die "could not prepare the Kafka nodes"; done
  kafka_say_auth "$CLUSTER_KAFKA_BOOTSTRAP"
  for i in $(seq 1 "$CLUSTER_KAFKA_NODES"); do start_node "$i" "$cp"; done
  for i in $(seq 1 "$CLUSTER_KAFKA_NODES"); do wait_port "$(cluster_kafka_port "$i")" "Kafka node $i" 90 "kafka-$i"; done
  create_topics
  say "Kafka cluster ready on $CLUSTER_KAFKA_BOOTSTRAP in $((SECONDS - started)) s (logs: $HW_STATE/kafka-I.log)"
}

case "${1:-}" in
  up) up ;;
  down)
    # all at once: a node stopped last would wait for a controller quorum that is already gone
    for i in $(seq 1 "$CLUSTER_KAFKA_NODES"); do stop_bg "kafka-$i" & done
    wait ;;
  status)
    for i in $(seq 1 "$CLUSTER_KAFKA_NODES"); do
      if is_running "kafka-$i"; then say "kafka-$i: running (pid $(cat "$HW_STATE/kafka-$i.pid"), 127.0.0.1:$(cluster_kafka_port "$i"))"
      else say "kafka-$i: not running"; fi
    done ;;
  kill)
    check_node "${2:-}"
    is_running "kafka-$2" || die "Kafka node $2 is not running"
    pid=$(cat "$HW_STATE/kafka-$2.pid"); kill -KILL "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    say "killed Kafka node $2 (kill -9, pid $pid)" ;;
  start)
    check_node "${2:-}"
    cp=$(module_cp deploy); check_metrics; check_auth; kafka_auth_mode; quorum_file >/dev/null
    prepare "$2" "$cp"; start_node "$2" "$cp"
    wait_port "$(cluster_kafka_port "$2")" "Kafka node $2" 90 "kafka-$2"
    say "Kafka node $2 serving on 127.0.0.1:$(cluster_kafka_port "$2")" ;;
  *) die "usage: deploy/cluster/kafka.sh up|down|status|kill I|start I" ;;
esac
