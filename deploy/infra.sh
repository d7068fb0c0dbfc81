#!/usr/bin/env bash
# Kafka (KRaft, from Maven Central's kafka_2.13 jars) and InfluxDB 1.x (Debian's package), both on
# 127.0.0.1 with data under $HW_STATE (default .run/). Idempotent: `up` starts what is not running and
# waits until it is ready; `down` stops only what `up` started.
#   deploy/infra.sh up | down | status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# kafka_secrets — one Kafka client properties file per principal under $HW_STATE/secrets (mode 600), each with a
# random password; files already there are kept (their passwords are the ones the broker was formatted with)
kafka_secrets() {
  mkdir -p "$KAFKA_SECRETS"; chmod 700 "$KAFKA_SECRETS"
  local p file password
  for p in "${KAFKA_PRINCIPALS[@]}"; do
    file=$(kafka_client_file "$p")
    [ -f "$file" ] && continue
    password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
    (umask 077; printf '%s\n' "security.protocol=SASL_PLAINTEXT" "sasl.mechanism=SCRAM-SHA-512" \
      "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$p\" password=\"$password\";" \
      >"$file")
  done
}

# kafka_password PRINCIPAL — the password in the principal's client file
kafka_password() { sed -n 's/.*password="\([^"]*\)".*/\1/p' "$(kafka_client_file "$1")"; }

# kafka_check_auth — with HW_KAFKA_AUTH=on, refuses data formatted without logins: it has no SCRAM users, so no
# client could log in; says how to go on rather than wiping records
kafka_check_auth() {
  [ "$KAFKA_AUTH" = on ] || return 0
  [ -f "$1/data/meta.properties" ] || return 0
  [ -f "$(kafka_client_file admin)" ] && return 0
  die "Kafka's data in $1/data was formatted without logins (no $KAFKA_SECRETS): HW_KAFKA_AUTH=on needs SCRAM users created at format time.
  To keep it running as before (PLAINTEXT, no ACLs): HW_KAFKA_AUTH=off deploy/infra.sh up
  To start over with logins and ACLs: deploy/infra.sh down; mv $1/data $1/data.plaintext (its records stay there); deploy/infra.sh up"
}

kafka_up() {
  local dir="$HW_STATE/kafka"
  if is_running kafka; then kafka_check_auth "$dir"; say "Kafka already running on 127.0.0.1:$KAFKA_PORT"; return; fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by a process not started here; stop it or set HW_KAFKA_PORT"
  case "$KAFKA_AUTH" in on|off) ;; *) die "HW_KAFKA_AUTH must be on or off, not '$KAFKA_AUTH'" ;; esac
  local cp; cp=$(module_cp deploy)
  mkdir -p "$dir"
  kafka_check_auth "$dir"
  local scram=()
  if [ "$KAFKA_AUTH" = on ]; then
    kafka_secrets
    local p; for p in "${KAFKA_PRINCIPALS[@]}"; do scram+=(--add-scram "SCRAM-SHA-512=[name=$p,password=$(kafka_password "$p")]"); done
  fi
  # the broker's file holds the admin password when logins are on: readable by this user only
  local templates=("$HW_ROOT/deploy/config/kafka-server.properties") admin_password=""
  if [ "$KAFKA_AUTH" = on ]; then
    templates+=("$HW_ROOT/deploy/config/kafka-server-sasl.properties"); admin_password=$(kafka_password admin)
  fi
  (umask 077; cat "${templates[@]}" | sed -e "s|@DATA@|$dir/data|" -e "s|@PORT@|$KAFKA_PORT|g" \
    -e "s|@CPORT@|$KAFKA_CONTROLLER_PORT|g" -e "s|@ADMIN_PASSWORD@|$admin_password|g" >"$dir/server.properties")
  local java_opts=(-Xms256m -Xmx768m -XX:+UseG1GC "-Dlog4j2.configurationFile=$HW_ROOT/deploy/config/kafka-log4j2.xml" "-Dkafka.logs.dir=$dir")
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id; cluster_id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    say "formatting Kafka storage (cluster $cluster_id, logins: $KAFKA_AUTH)"
    java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$dir/server.properties" --standalone --ignore-formatted "${scram[@]}" >"$dir/format.log" 2>&1 \
      || die "Kafka storage format failed: $(tail -n 5 "$dir/format.log")"
  fi
  if [ "$KAFKA_AUTH" = on ]; then
    say "Kafka logins: SASL/SCRAM-SHA-512 with ACLs; client files in $KAFKA_SECRETS (docs/security-kafka.md)"
  else
    say "HW_KAFKA_AUTH=off: Kafka is PLAINTEXT without ACLs; anyone reaching 127.0.0.1:$KAFKA_PORT may read and write"
  fi
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
