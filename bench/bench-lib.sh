# Helpers for bench/*.sh (sourced). Uses deploy/lib.sh for start_bg/stop_bg, so a script stops only what it started.
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"
BENCH_STATE="${BENCH_STATE:-$HW_STATE/bench}"
mkdir -p "$BENCH_STATE"
SIM_CP=""

sim_cp() {
  [ -n "$SIM_CP" ] || SIM_CP="$(module_cp device-simulator)"
  printf '%s' "$SIM_CP"
}

# sim ARGS... — runs the device simulator in the foreground, bounded by its own --duration and a hard timeout.
sim() {
  timeout --kill-after=10 "${SIM_TIMEOUT:-600}" java ${SIM_JAVA_OPTS:--Xmx1g} -cp "$(sim_cp)" io.hazardwatch.simulator.Main "$@"
}

# result_field FILE KEY — the value of KEY in the RESULT line of FILE.
result_field() {
  grep '^RESULT' "$1" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# proc_stats PID — "cpu_seconds rss_mib" of a process (utime+stime from /proc).
proc_stats() {
  local pid=$1
  [ -r "/proc/$pid/stat" ] || { echo "- -"; return; }
  local tck; tck=$(getconf CLK_TCK)
  awk -v tck="$tck" '{ printf "%.1f ", ($14 + $15) / tck }' "/proc/$pid/stat"
  awk '/VmRSS/ { printf "%d\n", $2 / 1024 }' "/proc/$pid/status"
}

# heap_used_mib PID — used Java heap after a full GC request (jcmd), or "-".
heap_used_mib() {
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen|heap/ && /used/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?/, "", v); printf "%d\n", v / 1024; exit } }' || echo "-"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# topic_size TOPIC — records the topic has taken in all (sum of end offsets), or "-" when Kafka does not answer.
topic_size() {
  timeout 30 java -cp "$(module_cp deploy)" io.hazardwatch.deploy.TopicSize "127.0.0.1:$KAFKA_PORT" "$1" 2>/dev/null || echo "-"
}
