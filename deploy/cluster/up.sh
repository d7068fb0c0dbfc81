#!/usr/bin/env bash
# The cluster layout (issue 18) on this machine, every part as separate processes on 127.0.0.1: 3 Kafka nodes
# (replication factor 3, min ISR 2), InfluxDB, ZooKeeper + a Flink session cluster with HA (1 JobManager,
# 2 TaskManagers) running the stream jobs, 2 alert services (active + standby) and 2 ingest gateways behind HAProxy.
# Ports: deploy/cluster/cluster-lib.sh. State and logs: $HW_STATE (.run-cluster/ unless HW_CLUSTER_STATE says).
# Idempotent: starts what is not running. Stop it all with deploy/cluster/down.sh.
#   deploy/cluster/up.sh          (HW_NO_BUILD=1: use the modules as already built)
set -euo pipefail
source "$(dirname "$0")/cluster-lib.sh"
cd "$HW_ROOT"
here="$HW_ROOT/deploy/cluster"

ensure_packages influxdb haproxy curl
if [ "${HW_NO_BUILD:-0}" != 1 ]; then
  say "building (mvn install -DskipTests)"
  mvn -B -q -DskipTests install || die "the build failed"
fi

"$here/kafka.sh" up
"$here/influx.sh" up
"$here/flink.sh" up
# the jobs, once: a JobManager that restarts takes them back from ZooKeeper by itself (submitting again would run
# them twice). They write readings to the layout's InfluxDB as hw_writer.
if "$here/flink.sh" cli list -r 2>/dev/null | grep -q hazardwatch-detection; then
  say "the stream jobs are running on the Flink cluster already"
else
  ( influx_login_export writer
    HW_INFLUX_URL="http://127.0.0.1:$CLUSTER_INFLUX_PORT" "$here/flink.sh" submit --job both "$HW_ROOT/deploy/config/local.properties" )
fi
"$here/alerts.sh" up
"$here/gateways.sh" up

cat <<MSG

  HazardWatch's cluster layout is running ($(nproc) cores here; the same layout spread over machines: docs/operations.md).
    Live alarm board (balancer) ... http://127.0.0.1:$CLUSTER_BOARD_PORT/   (login: duty / duty-local)
    MQTT (balancer) ............... tcp://127.0.0.1:$CLUSTER_MQTT_PORT   HTTP ingest: http://127.0.0.1:$CLUSTER_INGEST_HTTP_PORT/
    Balancer statistics ........... http://127.0.0.1:$CLUSTER_HAPROXY_STATS_PORT/
    Flink dashboard (HA) .......... http://127.0.0.1:$CLUSTER_FLINK_REST_PORT/
    Kafka ......................... $CLUSTER_KAFKA_BOOTSTRAP (SASL logins: $HW_STATE/secrets)
    InfluxDB ...................... http://127.0.0.1:$CLUSTER_INFLUX_PORT/
    Logs .......................... $HW_STATE/*.log
  One part at a time: deploy/cluster/<kafka|influx|flink|alerts|gateways>.sh status | kill I | start I
  Stop everything: deploy/cluster/down.sh

MSG
