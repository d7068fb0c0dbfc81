#!/usr/bin/env bash
# JMH benchmark of the stream-jobs detectors (plain Java, one thread): readings per second.
# Usage: bench/detectors.sh [extra JMH options, e.g. -wi 1 -i 2 -r 1s for a quick look]
# Prints the machine load before the run; run it on a quiet machine for figures worth publishing.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o install -pl model,stream-jobs -DskipTests
mvn -B -q -o package -pl bench -DskipTests
mvn -B -q -o dependency:build-classpath -pl bench -Dmdep.outputFile=target/bench-classpath.txt
echo "load before the run: $(uptime)"
java -cp "bench/target/classes:$(cat bench/target/bench-classpath.txt)" org.openjdk.jmh.Main \
  'io.hazardwatch.bench.detection.DetectorBenchmark' "$@"
echo "load after the run: $(uptime)"
