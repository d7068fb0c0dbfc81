#!/usr/bin/env bash
# JMH benchmark of the stream-jobs detectors (plain Java, one thread): readings per second.
# Usage: bench/detectors.sh [extra JMH options, e.g. -wi 1 -i 2 -r 1s for a quick look]
# Prints the machine load before the run; run it on a quiet machine for figures worth publishing.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o install -pl model,stream-jobs -DskipTests
mvn -B -q -o package -pl bench -DskipTests
echo "load before the run: $(uptime)"
bin/hw jmh 'io.hazardwatch.bench.detection.DetectorBenchmark' "$@"
echo "load after the run: $(uptime)"
