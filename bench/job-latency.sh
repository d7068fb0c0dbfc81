#!/usr/bin/env bash
# The detection job on a local MiniCluster, fed from Kafka at a fixed rate: readings/s processed and detection
# latency (reading's event time → RAISED on the alarms topic) p50/p99, as a Markdown table.
# Needs Kafka and InfluxDB on 127.0.0.1 (deploy/infra.sh up) and `mvn -B -o -DskipTests install` of model once.
# Usage: [RATE=10000] [DURATION=60] [WARMUP=15] [SENSORS=2000] [PARALLELISM=2] [BUFFER_TIMEOUT_MS=-1] [JOB_HEAP=1g] bench/job-latency.sh
# Prints the machine load before and after; run it on a quiet machine for figures worth publishing.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/lib.sh
# issue 16: the bench creates and drops its own database, so it logs in as InfluxDB's admin when logins are on
if [ "$INFLUX_AUTH" = on ] && [ -s "$INFLUX_SECRETS/influx-admin.password" ] && [ -z "${HW_INFLUX_USERNAME:-}" ]; then
  influx_login_export admin
fi
mvn -B -q -o install -pl stream-jobs -DskipTests
mvn -B -q -o package -pl bench -DskipTests
echo "load before the run: $(uptime)"
HW_JAVA_OPTS="-Xms${JOB_HEAP:-1g} -Xmx${JOB_HEAP:-1g}" timeout --kill-after=10 $(( ${DURATION:-60} + ${WARMUP:-15} + 300 )) \
  bin/hw bench-job --rate "${RATE:-10000}" --duration "${DURATION:-60}" --warmup "${WARMUP:-15}" \
  --sensors "${SENSORS:-2000}" --parallelism "${PARALLELISM:-2}" --buffer-timeout-ms "${BUFFER_TIMEOUT_MS:--1}" \
  --kafka "${HW_KAFKA_BOOTSTRAP:-127.0.0.1:9092}" --influx "${HW_INFLUX_URL:-http://127.0.0.1:8086}"
echo "load after the run: $(uptime)"
