# Kafka's shared set-up for deploy/infra.sh (one broker) and deploy/cluster/kafka.sh (3 nodes): the principals'
# client files, the SCRAM users to format storage with, and server.properties from deploy/config's templates.
# Sourced after deploy/lib.sh (KAFKA_AUTH, KAFKA_SECRETS, KAFKA_PRINCIPALS, kafka_client_file). Not run.

# kafka_secrets — one Kafka client properties file per principal under $KAFKA_SECRETS (mode 600), each with a
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

# kafka_check_auth DIR — with HW_KAFKA_AUTH=on, refuses data formatted without logins: it has no SCRAM users, so no
# client could log in; says how to go on rather than wiping records. SCRIPT: the script to name in the advice.
kafka_check_auth() {
  local script=${2:-deploy/infra.sh}
  [ "$KAFKA_AUTH" = on ] || return 0
  [ -f "$1/data/meta.properties" ] || return 0
  [ -f "$(kafka_client_file admin)" ] && return 0
  die "Kafka's data in $1/data was formatted without logins (no $KAFKA_SECRETS): HW_KAFKA_AUTH=on needs SCRAM users created at format time.
  To keep it running as before (PLAINTEXT, no ACLs): HW_KAFKA_AUTH=off $script up
  To start over with logins and ACLs: $script down; mv $1/data $1/data.plaintext (its records stay there); $script up"
}

# kafka_auth_mode — checks HW_KAFKA_AUTH, makes the client files when logins are on and fills KAFKA_SCRAM_ARGS with
# StorageTool's --add-scram options (one SCRAM user per principal, created at format time)
kafka_auth_mode() {
  case "$KAFKA_AUTH" in on|off) ;; *) die "HW_KAFKA_AUTH must be on or off, not '$KAFKA_AUTH'" ;; esac
  KAFKA_SCRAM_ARGS=()
  [ "$KAFKA_AUTH" = on ] || return 0
  kafka_secrets
  local p; for p in "${KAFKA_PRINCIPALS[@]}"; do
    KAFKA_SCRAM_ARGS+=(--add-scram "SCRAM-SHA-512=[name=$p,password=$(kafka_password "$p")]")
  done
}

# kafka_server_properties OUT DATA PORT CPORT NODE_ID QUORUM [OVERLAY...] — writes a node's server.properties from
# deploy/config/kafka-server.properties, each OVERLAY file (later keys win) and, with logins on,
# kafka-server-sasl.properties. QUORUM: the controllers' host:port list. Holds the admin password when logins are
# on: readable by this user only.
kafka_server_properties() {
  local out=$1 data=$2 port=$3 cport=$4 node=$5 quorum=$6; shift 6
  local templates=("$HW_ROOT/deploy/config/kafka-server.properties" "$@") admin_password=""
  if [ "$KAFKA_AUTH" = on ]; then
    templates+=("$HW_ROOT/deploy/config/kafka-server-sasl.properties"); admin_password=$(kafka_password admin)
  fi
  (umask 077; cat "${templates[@]}" | sed -e "s|@DATA@|$data|" -e "s|@PORT@|$port|g" -e "s|@CPORT@|$cport|g" \
    -e "s|@NODE_ID@|$node|g" -e "s|@QUORUM@|$quorum|g" -e "s|@ADMIN_PASSWORD@|$admin_password|g" >"$out")
}

# kafka_say_auth BOOTSTRAP — one line on how clients reach Kafka
kafka_say_auth() {
  if [ "$KAFKA_AUTH" = on ]; then
    say "Kafka logins: SASL/SCRAM-SHA-512 with ACLs; client files in $KAFKA_SECRETS (docs/security-kafka.md)"
  else
    say "HW_KAFKA_AUTH=off: Kafka is PLAINTEXT without ACLs; anyone reaching $1 may read and write"
  fi
}
