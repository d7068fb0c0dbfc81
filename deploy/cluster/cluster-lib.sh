# The cluster layout on one machine (issue 18): every part of the stack as separate processes on 127.0.0.1, on
# ports of its own (so it can run beside the one-machine stack and the tests' shared Kafka/InfluxDB), with its state
# and logs under $HW_STATE (default .run-cluster/). Sourced by deploy/cluster/*.sh, after which lib.sh's helpers
# (start_bg, stop_bg, is_running, wait_port, say, die) work on the cluster's state directory.
#   part scripts: deploy/cluster/<part>.sh up | down | status | kill I | start I   (I: an instance number, from 1)
#   the whole layout: deploy/cluster/up.sh, deploy/cluster/down.sh

HW_CLUSTER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export HW_STATE="${HW_CLUSTER_STATE:-$HW_CLUSTER_ROOT/.run-cluster}"
source "$HW_CLUSTER_ROOT/deploy/lib.sh"

# Kafka: 3 nodes, each broker and KRaft controller (combined), clients on 29092-29094, controllers on 29192-29194
CLUSTER_KAFKA_NODES=3
cluster_kafka_port() { echo $((29091 + $1)); }
cluster_kafka_controller_port() { echo $((29191 + $1)); }
CLUSTER_KAFKA_BOOTSTRAP="127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094"

# ZooKeeper (Flink's HA service) and the Flink session cluster: 2 JobManagers (leader + standby), 2 TaskManagers
CLUSTER_ZK_PORT=22181
CLUSTER_FLINK_REST_PORT=28088
CLUSTER_FLINK_RPC_PORT=26123
CLUSTER_FLINK_TASKMANAGERS=2
# Flink's Prometheus reporter: the JobManager on 29249, TaskManager I on 29249+I
cluster_flink_metrics_port() { echo $((29249 + $1)); }
# The standby JobManager (jobmanager-2; the one above is jobmanager-1): both run, ZooKeeper elects the leader, the
# other waits and takes the jobs over when the leader dies. Its REST/web UI 28087, RPC 26122, Prometheus 29248.
CLUSTER_FLINK_JOBMANAGERS=2
CLUSTER_FLINK_STANDBY_REST_PORT=28087
CLUSTER_FLINK_STANDBY_RPC_PORT=26122
CLUSTER_FLINK_STANDBY_METRICS_PORT=29248

# InfluxDB 1.x (one: no open-source cluster), its backup/restore RPC port
CLUSTER_INFLUX_PORT=28086
CLUSTER_INFLUX_RPC_PORT=28089

# Gateways: instance I has MQTT 21883+I and HTTP 28180+I; the balancer (HAProxy) fronts them on MQTT 21883 and
# HTTP 28180, health-checking each gateway's /ready
CLUSTER_GATEWAYS=2
cluster_gateway_mqtt_port() { echo $((21883 + $1)); }
cluster_gateway_http_port() { echo $((28180 + $1)); }
CLUSTER_MQTT_PORT=21883
CLUSTER_INGEST_HTTP_PORT=28180

# Alert service: active + standby, instance I on HTTP 28280+I; the balancer fronts the board on 28280 and sends it
# to the instance whose /ready answers 200 (the active one)
CLUSTER_ALERTS=2
cluster_alert_http_port() { echo $((28280 + $1)); }
CLUSTER_BOARD_PORT=28280

# HAProxy's statistics page (which backend is up)
CLUSTER_HAPROXY_STATS_PORT=28380
