#!/usr/bin/env bash
# Kafka (KRaft, from Maven Central's kafka_2.13 jars) and InfluxDB 1.x (Debian's package), both on
# 127.0.0.1 with data under $HW_STATE (default .run/). Idempotent: `up` starts what is not running and
# waits until it is ready; `down` stops only what `up` started.
#   deploy/infra.sh up | down | status
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/kafka-lib.sh"

kafka_up() {
  local dir="$HW_STATE/kafka"
  if is_running kafka; then kafka_check_auth "$dir"; say "Kafka already running on 127.0.0.1:$KAFKA_PORT"; return; fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by a process not started here; stop it or set HW_KAFKA_PORT"
  local cp; cp=$(module_cp deploy)
  mkdir -p "$dir"
  kafka_check_auth "$dir"
  kafka_auth_mode
  kafka_server_properties "$dir/server.properties" "$dir/data" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" 1 \
    "127.0.0.1:$KAFKA_CONTROLLER_PORT"
  local java_opts=(-Xms256m -Xmx768m -XX:+UseG1GC "-Dlog4j2.configurationFile=$HW_ROOT/deploy/config/kafka-log4j2.xml" "-Dkafka.logs.dir=$dir")
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id; cluster_id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    say "formatting Kafka storage (cluster $cluster_id, logins: $KAFKA_AUTH)"
    java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$dir/server.properties" --standalone --ignore-formatted "${KAFKA_SCRAM_ARGS[@]}" >"$dir/format.log" 2>&1 \
      || die "Kafka storage format failed: $(tail -n 5 "$dir/format.log")"
  fi
  kafka_say_auth "127.0.0.1:$KAFKA_PORT"
  say "starting Kafka on 127.0.0.1:$KAFKA_PORT"
  start_bg kafka java "${java_opts[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties"
  wait_port "$KAFKA_PORT" Kafka 90 kafka
  say "Kafka ready (log: $HW_STATE/kafka.log)"
}

kafka_topics() {
  # as admin when logins are on (bin/hw picks the admin file for `topics`): creates topics and grants the ACLs
  "$HW_ROOT/bin/hw" topics create "127.0.0.1:$KAFKA_PORT" >"$HW_STATE/topics.log" 2>&1 \
    || die "could not create the Kafka topics: $(tail -n 5 "$HW_STATE/topics.log")"
  sed 's/^/[hazardwatch] /' "$HW_STATE/topics.log"
}

influx_up() {
  ensure_packages influxdb
  case "$INFLUX_AUTH" in on|off) ;; *) die "HW_INFLUX_AUTH must be on or off, was '$INFLUX_AUTH'" ;; esac
  if is_running influxdb; then say "InfluxDB already running on 127.0.0.1:$INFLUX_PORT"; return; fi
  port_open "$INFLUX_PORT" && die "port $INFLUX_PORT is taken by a process not started here (a system influxd?); stop it or set HW_INFLUX_PORT"
  local dir="$HW_STATE/influxdb"; mkdir -p "$dir"; (umask 077; mkdir -p "$INFLUX_SECRETS")
  local auth=false; [ "$INFLUX_AUTH" = on ] && auth=true
  sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$INFLUX_PORT|" -e "s|@RPC_PORT@|$INFLUX_RPC_PORT|" -e "s|@AUTH@|$auth|" \
    "$HW_ROOT/deploy/config/influxdb.conf" >"$dir/influxdb.conf"
  say "starting InfluxDB on 127.0.0.1:$INFLUX_PORT (authentication $INFLUX_AUTH)"
  start_bg influxdb influxd -config "$dir/influxdb.conf"
  wait_port "$INFLUX_PORT" InfluxDB 60 influxdb
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$INFLUX_PORT/ping" && break; sleep 0.5; done
  [ "$INFLUX_AUTH" = on ] && influx_admin_login
  # Records are kept at least 30 days (MEM Order No. 40); creating an existing database is a no-op. The 1-minute
  # aggregates' policy too, as the history job's writer may not create it when logins are on.
  influx_q "CREATE DATABASE $INFLUX_DB WITH DURATION 30d REPLICATION 1 NAME $INFLUX_RP" \
    || die "could not create InfluxDB database $INFLUX_DB"
  influx_q "CREATE RETENTION POLICY four_hundred_days ON $INFLUX_DB DURATION 400d REPLICATION 1" \
    || die "could not create the retention policy four_hundred_days on $INFLUX_DB"
  if [ "$INFLUX_AUTH" = on ]; then
    influx_user writer WRITE
    influx_user reader READ
  fi
  say "InfluxDB ready, database $INFLUX_DB, retention policy $INFLUX_RP (30 d)"
}

# influx_q STATEMENT — runs InfluxQL (as hw_admin when logins are on); fails on an HTTP or InfluxQL error.
# Passwords go through files (curl -K, --data-urlencode q@file), never on a command line that ps shows.
influx_q() {
  local statement; statement=$(umask 077; mktemp "$INFLUX_SECRETS/q.XXXXXX")
  printf '%s' "$1" >"$statement"
  local auth=(); [ "$INFLUX_AUTH" = on ] && auth=(-K "$INFLUX_SECRETS/influx-admin.curl")
  local answer; answer=$(curl -s "${auth[@]}" -XPOST "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode "q@$statement")
  rm -f "$statement"
  [ -n "$answer" ] && ! grep -q '"error"' <<<"$answer" || { say "InfluxDB: ${answer:-no answer}" >&2; return 1; }
}

# A random password in $INFLUX_SECRETS/influx-ROLE.password, made once and kept.
influx_password() {
  local file="$INFLUX_SECRETS/influx-$1.password"
  [ -s "$file" ] || (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$file")
  chmod 600 "$file"; cat "$file"
}

# The admin: InfluxDB 1.x lets the first user be created without a login, WITH ALL PRIVILEGES.
influx_admin_login() {
  (umask 077; mkdir -p "$INFLUX_SECRETS"); chmod 700 "$INFLUX_SECRETS"
  local password; password=$(influx_password admin)
  (umask 077; printf 'user = "hw_admin:%s"\n' "$password" >"$INFLUX_SECRETS/influx-admin.curl")
  local status; status=$(curl -s -o /dev/null -w '%{http_code}' -K "$INFLUX_SECRETS/influx-admin.curl" \
    -G "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode "q=SHOW USERS")
  [ "$status" = 200 ] && return 0
  local statement; statement=$(umask 077; mktemp "$INFLUX_SECRETS/q.XXXXXX")
  printf "CREATE USER hw_admin WITH PASSWORD '%s' WITH ALL PRIVILEGES" "$password" >"$statement"
  local answer; answer=$(curl -s -XPOST "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode "q@$statement")
  rm -f "$statement"
  grep -q '"error"' <<<"$answer" && die "InfluxDB has users but not hw_admin with the password in $INFLUX_SECRETS/influx-admin.password (${answer}); restore that file or start from an empty $HW_STATE/influxdb"
  say "InfluxDB: created admin hw_admin (password in $INFLUX_SECRETS/influx-admin.password)"
}

# influx_user ROLE PRIVILEGE — hw_ROLE with PRIVILEGE on the database, its password set to the one in its file.
influx_user() {
  local role=$1 privilege=$2 password; password=$(influx_password "$1")
  influx_q "CREATE USER hw_$role WITH PASSWORD '$password'" 2>/dev/null \
    || influx_q "SET PASSWORD FOR hw_$role = '$password'" || die "could not set up InfluxDB user hw_$role"
  influx_q "GRANT $privilege ON $INFLUX_DB TO hw_$role" || die "could not grant $privilege on $INFLUX_DB to hw_$role"
  (umask 077; printf 'user = "hw_%s:%s"\n' "$role" "$password" >"$INFLUX_SECRETS/influx-$role.curl")
  say "InfluxDB: user hw_$role ($privilege on $INFLUX_DB, password in $INFLUX_SECRETS/influx-$role.password)"
}

case "${1:-up}" in
  up) kafka_up; kafka_topics; influx_up ;;
  down) stop_bg kafka; stop_bg influxdb ;;
  # InfluxDB alone (the cluster layout's, deploy/cluster/influx.sh, on ports of its own)
  influx-up) influx_up ;;
  influx-down) stop_bg influxdb ;;
  status)
    for s in kafka influxdb; do
      if is_running $s; then say "$s: running (pid $(cat "$HW_STATE/$s.pid"))"; else say "$s: not running"; fi
    done ;;
  *) die "usage: deploy/infra.sh up|down|status|influx-up|influx-down" ;;
esac
