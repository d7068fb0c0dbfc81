#!/usr/bin/env bash
# Stops the cluster layout deploy/cluster/up.sh started (only what it started), the balancer and the services first.
set -euo pipefail
source "$(dirname "$0")/cluster-lib.sh"
here="$HW_ROOT/deploy/cluster"
status=0
for part in gateways alerts flink influx kafka; do
  [ -x "$here/$part.sh" ] && { "$here/$part.sh" down || status=1; }
done
exit $status
