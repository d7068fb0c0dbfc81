# What the Flink session clusters share: deploy/flink-cluster.sh (one machine, no HA) and deploy/cluster/flink.sh
# (ZooKeeper HA, 2 TaskManagers). Sourced after lib.sh, not run.
#   flink_classpath · flink_write_conf CONF_DIR REST_PORT RPC_PORT · flink_cli CONF_DIR ARGS · flink_run CONF_DIR REST_PORT [ARGS]
#   · JAVA_OPENS

FLINK_JOB_JAR=$(ls "$HW_ROOT"/stream-jobs/target/stream-jobs-*-job.jar 2>/dev/null | head -n 1 || true)

# What the Flink distribution's config.yaml passes to every JVM (env.java.opts.all) on Java 17.
JAVA_OPENS=(--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

# flink_classpath — Flink's own jars: stream-jobs' class path without the application's libraries (the job jar
# brings its connectors, as on any Flink distribution).
flink_classpath() {
  local cp="$HW_ROOT/stream-jobs/target/classpath.txt"
  [ -f "$cp" ] || die "stream-jobs is not built: run 'mvn -DskipTests package' first"
  tr ':' '\n' < "$cp" \
    | grep -vE '/io/hazardwatch/|/hazardwatch/|/org/apache/kafka/|flink-connector-kafka|/org/influxdb/|/com/squareup/|/org/msgpack/|/org/jetbrains/|/org/springframework/|jcl-over-slf4j' \
    | paste -sd: -
}

# flink_write_conf CONF_DIR REST_PORT RPC_PORT — config.yaml from deploy/config/flink-config.yaml and the log config
flink_write_conf() {
  mkdir -p "$1"
  sed -e "s|@REST_PORT@|$2|" -e "s|@RPC_PORT@|$3|" "$HW_ROOT/deploy/config/flink-config.yaml" >"$1/config.yaml"
  cp "$HW_ROOT/stream-jobs/src/main/resources/log4j2.xml" "$1/log4j2.xml"
}

# flink_cli CONF_DIR ACTION [ARGS] — Flink's own `flink` client (CliFrontend) with CONF_DIR's config.yaml
flink_cli() {
  local conf=$1; shift
  FLINK_CONF_DIR="$conf" java "${JAVA_OPENS[@]}" -Dlog4j2.configurationFile="$conf/log4j2.xml" -cp "$(flink_classpath)" \
    org.apache.flink.client.cli.CliFrontend "$@"
}

# flink_run CONF_DIR REST_PORT [--job detection|history|both] [config.properties] — `flink run -d` of the job jar
# (detached), from the savepoint FLINK_RUN_SAVEPOINT if set; prints the job ids. The caller sets the job's
# environment (HW_KAFKA_*, HW_CHECKPOINT_DIR, ...): the client reads the config and the Kafka login, which travel
# inside the job graph.
flink_run() {
  local conf=$1 port=$2; shift 2
  [ -n "$FLINK_JOB_JAR" ] || die "no job jar: run 'mvn -DskipTests package' first"
  local from=()
  [ -z "${FLINK_RUN_SAVEPOINT:-}" ] || from=(-s "$FLINK_RUN_SAVEPOINT" ${FLINK_RUN_ALLOW_NON_RESTORED:+-n})
  say "submitting $(basename "$FLINK_JOB_JAR") to 127.0.0.1:$port${FLINK_RUN_SAVEPOINT:+ from $FLINK_RUN_SAVEPOINT}"
  flink_cli "$conf" run -d -m "127.0.0.1:$port" "${from[@]}" "$FLINK_JOB_JAR" "$@"
}
