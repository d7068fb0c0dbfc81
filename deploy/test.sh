#!/usr/bin/env bash
# THE test command (README, .ci/run): installs what is missing, builds, starts the real Kafka and InfluxDB
# (unless already running), runs every unit and integration test with `mvn verify`, and stops what it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$HW_ROOT"

ensure_packages influxdb mosquitto mosquitto-clients curl haproxy chromium chromium-driver fonts-wqy-microhei
command -v mvn >/dev/null || die "Maven (mvn) is required"

say "building (mvn install -DskipTests): also writes the Kafka broker's class path"
mvn -B -q -DskipTests install

already_running=false
is_running kafka && is_running influxdb && already_running=true
cleanup() { $already_running || "$HW_ROOT/deploy/infra.sh" down; }
trap cleanup EXIT
"$HW_ROOT/deploy/infra.sh" up

say "running all tests (mvn verify) against Kafka 127.0.0.1:$KAFKA_PORT and InfluxDB 127.0.0.1:$INFLUX_PORT"
export HW_KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT" HW_INFLUX_URL="http://127.0.0.1:$INFLUX_PORT"
# issue 16: the tests log in to InfluxDB as its admin (they create and drop databases of their own)
if [ "$INFLUX_AUTH" = on ] && [ -s "$INFLUX_SECRETS/influx-admin.password" ]; then influx_login_export admin; fi
# tests log in to Kafka as admin (they create topics and read every topic); services they start inherit it
if kafka_auth_on; then export HW_KAFKA_CLIENT_PROPERTIES; HW_KAFKA_CLIENT_PROPERTIES=$(kafka_client_file admin); fi
mvn -B verify "$@"
