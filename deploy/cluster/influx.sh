#!/usr/bin/env bash
# The cluster layout's InfluxDB 1.x (one server: 1.x has no open-source cluster; back it up with
# deploy/influx-backup.sh), on its own ports with its data, users and secrets under $HW_STATE.
#   deploy/cluster/influx.sh up | down | status | kill 1 | start 1
set -euo pipefail
source "$(dirname "$0")/cluster-lib.sh"
export HW_INFLUX_PORT="$CLUSTER_INFLUX_PORT" HW_INFLUX_RPC_PORT="$CLUSTER_INFLUX_RPC_PORT"

case "${1:-status}" in
  up|start) "$HW_ROOT/deploy/infra.sh" influx-up ;;
  down) "$HW_ROOT/deploy/infra.sh" influx-down ;;
  kill) is_running influxdb && kill -9 "$(cat "$HW_STATE/influxdb.pid")"; rm -f "$HW_STATE/influxdb.pid"; say "killed influxdb" ;;
  status) if is_running influxdb; then say "influxdb: running on 127.0.0.1:$CLUSTER_INFLUX_PORT"; else say "influxdb: not running"; fi ;;
  *) die "usage: deploy/cluster/influx.sh up|down|status|kill 1|start 1" ;;
esac
