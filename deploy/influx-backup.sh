#!/usr/bin/env bash
# InfluxDB 1.x backup and restore of the history database (issue 18; docs/operations.md "Backup and restore").
#
#   deploy/influx-backup.sh backup DIR              a portable backup of $HW_INFLUX_DATABASE (default hazardwatch)
#   deploy/influx-backup.sh restore DIR [--db NEW]  restores the database backed up in DIR, under NEW if given
#
# Both talk to influxd's RPC bind address (influxdb.conf's top-level bind-address, 127.0.0.1:$HW_INFLUX_RPC_PORT,
# default 8088; HW_INFLUX_RPC_ADDRESS overrides the whole address). That port has no logins of its own, whether or
# not the HTTP API has them (auth-enabled): it must stay on loopback, as deploy/config/influxdb.conf binds it.
# Restore refuses a database that already exists (influxd's rule): restore under another name with --db and
# compare, or drop the old one first. influxd opens the restored shards a moment after restore returns: a query in
# that moment may answer "shard is disabled". Users and grants are not in a database backup: infra.sh's GRANTs apply again.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RPC_ADDRESS="${HW_INFLUX_RPC_ADDRESS:-127.0.0.1:$INFLUX_RPC_PORT}"

usage() { die "usage: deploy/influx-backup.sh backup DIR | restore DIR [--db NEW]"; }

backup() {
  local dir=$1
  [ ! -e "$dir" ] || [ -z "$(ls -A "$dir")" ] || die "$dir is not empty: back up into a new directory"
  mkdir -p "$dir"
  say "backing up database $INFLUX_DB from $RPC_ADDRESS into $dir"
  influxd backup -portable -host "$RPC_ADDRESS" -database "$INFLUX_DB" "$dir" >"$dir/backup.log" 2>&1 \
    || die "influxd backup failed: $(tail -n 5 "$dir/backup.log")"
  say "backed up $INFLUX_DB: $(find "$dir" -type f -not -name backup.log | wc -l) files in $dir"
}

# backed_up_database DIR — the database a portable backup holds (its manifest names it)
backed_up_database() {
  local manifest; manifest=$(ls "$1"/*.manifest 2>/dev/null | head -n 1)
  [ -n "$manifest" ] || die "$1 holds no portable backup (no *.manifest)"
  sed -n 's/.*"database": *"\([^"]*\)".*/\1/p' "$manifest" | head -n 1
}

restore() {
  local dir=$1 new=${2:-}
  local db; db=$(backed_up_database "$dir")
  [ -n "$db" ] || die "the backup in $dir names no database"
  local into=${new:-$db} args=(-portable -host "$RPC_ADDRESS" -db "$db")
  [ -z "$new" ] || args+=(-newdb "$new")
  say "restoring database $db from $dir into $into on $RPC_ADDRESS"
  influxd restore "${args[@]}" "$dir" >"$HW_STATE/influx-restore.log" 2>&1 \
    || die "influxd restore failed (does $into exist already?): $(tail -n 5 "$HW_STATE/influx-restore.log")"
  say "restored $db as $into"
}

case "${1:-}" in
  backup) [ $# -eq 2 ] || usage; backup "$2" ;;
  restore)
    [ $# -eq 2 ] || { [ $# -eq 4 ] && [ "$3" = --db ]; } || usage
    restore "$2" "${4:-}" ;;
  *) usage ;;
esac
