#!/usr/bin/env bash
# Kafka (KRaft, from Maven Central's kafka_2.13 jars) and InfluxDB 1.x (Debian's package), both on
# 127.0.0.1 with data under $HW_STATE (default .run/). Idempotent: `up` starts what is not running and
# waits until it is ready; `down` stops only what `up` started.
#   deploy/infra.sh up | down | status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

kafka_up() {
  if is_running kafka; then say "Kafka already running on 127.0.0.1:$KAFKA_PORT"; return; fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by a process not started here; stop it or set HW_KAFKA_PORT"
  local cp; cp=$(module_cp deploy)
  local dir="$HW_STATE/kafka"; mkdir -p "$dir"
  sed -e "s|@DATA@|$dir/data|" -e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CPORT@|$KAFKA_CONTROLLER_PORT|g" \
    "$HW_ROOT/deploy/config/kafka-server.properties" >"$dir/server.properties"
  local java_opts=(-Xms256m -Xmx768m -XX:+UseG1GC "-Dlog4j2.configurationFile=$HW_ROOT/deploy/config/kafka-log4j2.xml" "-Dkafka.logs.dir=$dir")
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id; cluster_id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    say "formatting Kafka storage (cluster $cluster_id)"
    java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$dir/server.properties" --standalone --ignore-formatted >"$dir/format.log" 2>&1 \
      || die "Kafka storage format failed: $(tail -n 5 "$dir/format.log")"
  fi
  say "starting Kafka on 127.0.0.1:$KAFKA_PORT"
  start_bg kafka java "${java_opts[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties"
  wait_port "$KAFKA_PORT" Kafka 90 kafka
  say "Kafka ready (log: $HW_STATE/kafka.log)"
}

kafka_topics() {
  "$HW_ROOT/bin/hw" topics create "127.0.0.1:$KAFKA_PORT" >"$HW_STATE/topics.log" 2>&1 \
    || die "could not create the Kafka topics: $(tail -n 5 "$HW_STATE/topics.log")"
  sed 's/^/[hazardwatch] /' "$HW_STATE/topics.log"
}

influx_up() {
  ensure_packages influxdb
  if is_running influxdb; then say "InfluxDB already running on 127.0.0.1:$INFLUX_PORT"; return; fi
  port_open "$INFLUX_PORT" && die "port $INFLUX_PORT is taken by a process not started here (a system influxd?); stop it or set HW_INFLUX_PORT"
  local dir="$HW_STATE/influxdb"; mkdir -p "$dir"
  sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$INFLUX_PORT|" -e "s|@RPC_PORT@|$INFLUX_RPC_PORT|" \
    "$HW_ROOT/deploy/config/influxdb.conf" >"$dir/influxdb.conf"
  say "starting InfluxDB on 127.0.0.1:$INFLUX_PORT"
  start_bg influxdb influxd -config "$dir/influxdb.conf"
  wait_port "$INFLUX_PORT" InfluxDB 60 influxdb
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$INFLUX_PORT/ping" >/dev/null && break; sleep 0.5; done
  # Records are kept at least 30 days (MEM Order No. 40); creating an existing database is a no-op.
  curl -sf -XPOST "http://127.0.0.1:$INFLUX_PORT/query" \
    --data-urlencode "q=CREATE DATABASE $INFLUX_DB WITH DURATION 30d REPLICATION 1 NAME $INFLUX_RP" >/dev/null \
    || die "could not create InfluxDB database $INFLUX_DB"
  say "InfluxDB ready, database $INFLUX_DB, retention policy $INFLUX_RP (30 d)"
}

case "${1:-up}" in
  up) kafka_up; kafka_topics; influx_up ;;
  down) stop_bg kafka; stop_bg influxdb ;;
  status)
    for s in kafka influxdb; do
      if is_running $s; then say "$s: running (pid $(cat "$HW_STATE/$s.pid"))"; else say "$s: not running"; fi
    done ;;
  *) die "usage: deploy/infra.sh up|down|status" ;;
esac
