#!/usr/bin/env bash
# Runs a single-node Apache Kafka broker (KRaft, broker+controller in one JVM) for mq's tests.
#
#   scripts/kafka.sh start    start a broker, or reuse one already answering on the port
#   scripts/kafka.sh stop     stop the broker this script started (idempotent)
#   scripts/kafka.sh status   exit 0 if a broker answers on the port
#   scripts/kafka.sh topic NAME PARTITIONS   create a topic with that many partitions
#   scripts/kafka.sh delete-topics REGEX     delete the topics whose names match (e.g. a benchmark's)
#   scripts/kafka.sh libs     print the directory of this version's jars (start fetches them)
#
# scripts/kafka-cluster.sh sources this file (for the fetch, the log config and the JVM flags): the
# commands below run only when it is executed.
#
# Kafka is not packaged by Debian, and Maven Central is the only place it can be fetched from here,
# so the broker and its runtime dependencies are pulled with Maven once into a cache directory.
#
# Environment:
#   MQ_KAFKA_VERSION            Kafka release (default 4.4.0; 3.9.2 for the 3.x line). 3.x and 4.x
#                               differ in logging (reload4j vs log4j2). Storage formatted by another
#                               version is formatted anew, and a running broker of ours of another
#                               version is restarted.
#   MQ_KAFKA_PORT               PLAINTEXT listener port (default 9092)
#   MQ_KAFKA_CONTROLLER_PORT    KRaft controller port (default 9093)
#   MQ_KAFKA_SASL_PORT          SASL_PLAINTEXT listener with OAUTHBEARER and Kafka's unsecured-JWT
#                               validator, for the token refresh tests (default 9094)
#   MQ_KAFKA_HEAP_OPTS          JVM heap flags (default -Xms256m -Xmx1g)
#   MQ_KAFKA_START_TIMEOUT      seconds to wait for the broker (default 90)
#   MQ_CACHE_DIR                jar cache root (default ~/.cache/mq)
#   MQ_STATE_DIR                runtime state root (default <repo>/.state)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${MQ_KAFKA_VERSION:-4.4.0}"
MAJOR="${VERSION%%.*}"
SCALA="2.13"
PORT="${MQ_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${MQ_KAFKA_CONTROLLER_PORT:-9093}"
SASL_PORT="${MQ_KAFKA_SASL_PORT:-9094}"
HEAP_OPTS="${MQ_KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
START_TIMEOUT="${MQ_KAFKA_START_TIMEOUT:-90}"
CACHE="${MQ_CACHE_DIR:-$HOME/.cache/mq}/kafka-$VERSION"
LIBS="$CACHE/libs"
STATE="${MQ_STATE_DIR:-$ROOT/.state}/kafka"
DATA="$STATE/data"
PROPS="$STATE/server.properties"
LOG="$STATE/kafka.log"
PIDFILE="$STATE/kafka.pid"
# The Kafka version of the running broker, and of the storage.
RUNNING_VERSION="$STATE/kafka.version"
DATA_VERSION="$DATA/mq-kafka.version"
# Kafka 4 logs through log4j2, 3.x through reload4j (log4j 1).
if [ "$MAJOR" -ge 4 ]; then
  LOG4J="$STATE/log4j2.properties"
  LOG_OPTS=(-Dlog4j2.configurationFile="$LOG4J")
else
  LOG4J="$STATE/log4j.properties"
  LOG_OPTS=(-Dlog4j.configuration="file:$LOG4J")
fi
BOOTSTRAP="127.0.0.1:$PORT"

say() { echo "kafka: $*"; }
die() { echo "kafka: $*" >&2; exit 1; }

# True only once the broker serves metadata, not merely when the port is bound (KRaft binds
# the listener well before it serves clients). The cheap TCP probe comes first because kcat
# against a closed port only gives up after its full timeout.
answering() {
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null || return 1
  kcat -b "$BOOTSTRAP" -L -m "${1:-3}" 2>/dev/null | grep -q ' brokers:'
}

sasl_listening() {
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$SASL_PORT" 2>/dev/null
}

# Any Kafka JVM started from this state dir, including ones whose pid file was lost.
stray_pids() {
  pgrep -f "kafka\.Kafka $PROPS" || true
}

# The pid of our broker if it is alive; the pid file alone could be stale or recycled.
our_pid() {
  local pid=""
  [ -s "$PIDFILE" ] && pid="$(cat "$PIDFILE")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -qF "$PROPS" "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"
    return
  fi
  pid="$(stray_pids | head -n 1)"
  [ -n "$pid" ] && echo "$pid"
}

fetch() {
  if [ -f "$LIBS/.complete" ]; then
    return
  fi
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch Kafka $VERSION)"
  say "fetching Kafka $VERSION and its dependencies from Maven Central into $LIBS"
  local work
  work="$(mktemp -d "${TMPDIR:-/tmp}/mq-kafka-fetch.XXXXXX")"
  # kafka_2.13 carries the broker and (as runtime deps) metadata/raft/storage/server;
  # kafka-tools adds the perf test tools. Logging is the backend Kafka's own distribution ships,
  # which its Log4jController also links against: reload4j for 3.x; log4j2 for 4.x, through
  # slf4j 2's binding (the one Maven Central serves for every log4j2 Kafka 4 uses), pinned together.
  local logging
  if [ "$MAJOR" -ge 4 ]; then
    logging='
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.17</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-api</artifactId><version>2.25.5</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>2.25.5</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j2-impl</artifactId><version>2.25.5</version></dependency>'
  else
    logging='
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
    <dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>1.2.25</version></dependency>'
  fi
  cat >"$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>mq.local</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_$SCALA</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$VERSION</version></dependency>$logging
  </dependencies>
</project>
EOF
  # Copy into a scratch dir and move into place at the end, so an interrupted fetch never
  # leaves a half-filled cache that later runs would trust.
  if ! mvn -B -q -f "$work/pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$work/libs" >"$work/mvn.log" 2>&1; then
    tail -n 30 "$work/mvn.log" >&2
    rm -rf "$work"
    die "maven fetch failed"
  fi
  [ -f "$work/libs/kafka_$SCALA-$VERSION.jar" ] || { rm -rf "$work"; die "fetch produced no kafka jar"; }
  touch "$work/libs/.complete"
  mkdir -p "$CACHE"
  rm -rf "$LIBS"
  mv "$work/libs" "$LIBS"
  rm -rf "$work"
  say "fetched $(find "$LIBS" -name '*.jar' | wc -l) jars"
}

# Kafka's UUID format: 16 random bytes, base64url without padding. Kafka itself never hands
# out one starting with '-' (it would look like a CLI flag), so neither do we.
random_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    [ "${id:0:1}" != "-" ] && { echo "$id"; return; }
  done
}

write_config() {
  # Rewritten on every start so port changes apply; the data dir keeps the cluster id.
  cat >"$PROPS" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT,SASL_PLAINTEXT://127.0.0.1:$SASL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT,SASL_PLAINTEXT://127.0.0.1:$SASL_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=OAUTHBEARER
listener.name.sasl_plaintext.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;
log.dirs=$DATA
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
$(test_timing_settings)
EOF
  write_log_config
}

# The broker settings that make groups and topic deletion quick enough for tests; also used by
# scripts/kafka-cluster.sh's nodes.
test_timing_settings() {
  cat <<'EOF'
group.initial.rebalance.delay.ms=0
# Groups of the consumer protocol (KIP-848, Kafka 4) take their session timeout and heartbeat interval
# from the broker, not from the client: the values the tests' classic groups ask for, so a killed
# member's partitions move on within seconds there too.
group.consumer.min.session.timeout.ms=6000
group.consumer.session.timeout.ms=6000
group.consumer.min.heartbeat.interval.ms=500
group.consumer.heartbeat.interval.ms=500
# A deleted topic's files go after a second (default: a minute), not in the middle of a later benchmark run.
file.delete.delay.ms=1000
EOF
}

write_log_config() {
  if [ "$MAJOR" -ge 4 ]; then
    cat >"$LOG4J" <<'EOF'
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=INFO
rootLogger.appenderRef.stdout.ref=STDOUT
logger.request.name=kafka.request.logger
logger.request.level=WARN
logger.state.name=state.change.logger
logger.state.level=WARN
EOF
  else
    cat >"$LOG4J" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
EOF
  fi
}

java_args() {
  # shellcheck disable=SC2206 # HEAP_OPTS is a list of flags
  JAVA_ARGS=($HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
    "${LOG_OPTS[@]}" -Dkafka.logs.dir="$STATE" -cp "$LIBS/*")
}

# Storage of another Kafka version is formatted anew (it holds only test data): 4.x storage cannot
# go back to 3.x, and 3.x storage upgraded in place keeps 3.x's feature levels, without the consumer
# group protocol. Storage from before the version marker is 3.9.2's.
format_storage() {
  if [ -f "$DATA/meta.properties" ]; then
    local formatted
    formatted="$(cat "$DATA_VERSION" 2>/dev/null || echo 3.9.2)"
    [ "$formatted" = "$VERSION" ] && return
    say "storage in $DATA is Kafka $formatted's; formatting it anew for $VERSION"
    rm -rf "$DATA"
  fi
  local id
  id="$(random_cluster_id)"
  say "formatting storage in $DATA (cluster id $id)"
  mkdir -p "$DATA"
  java_args
  java "${JAVA_ARGS[@]}" kafka.tools.StorageTool format -t "$id" -c "$PROPS" >>"$LOG" 2>&1 \
    || { tail -n 30 "$LOG" >&2; die "storage format failed"; }
  echo "$VERSION" >"$DATA_VERSION"
}

# The real cause usually scrolls away under shutdown noise, so show this run's errors first.
show_failure() {
  echo "kafka: $1; log: $LOG" >&2
  awk '/^=== start /{n=NR} {l[NR]=$0} END{for(i=n;i<=NR;i++) print l[i]}' "$LOG" \
    | grep -E 'ERROR|FATAL|Caused by|Exception:' | grep -v 'INFO' | tail -n 15 >&2 || true
  echo "kafka: last log lines:" >&2
  tail -n 15 "$LOG" >&2
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if answering 2; then
      say "ready on $BOOTSTRAP (pid $pid)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      show_failure "broker exited during startup"
      rm -f "$PIDFILE"
      exit 1
    fi
    sleep 0.5
  done
  show_failure "broker not ready after ${START_TIMEOUT}s (pid $pid left running; use stop)"
  exit 1
}

start() {
  command -v kcat >/dev/null || die "kcat not found (run scripts/deps.sh)"
  command -v java >/dev/null || die "java not found (Java 17 is required)"
  if answering 3; then
    local running
    # (A broker started before the version file existed is 3.9.2.)
    running="$(cat "$RUNNING_VERSION" 2>/dev/null || echo 3.9.2)"
    if ! our_pid >/dev/null || { sasl_listening && [ "$running" = "$VERSION" ]; }; then
      say "reusing broker already answering on $BOOTSTRAP"
      return
    fi
    # Ours, but of another Kafka version, or started by an older version of this script without
    # the SASL listener.
    say "restarting our broker (Kafka $running) as Kafka $VERSION with the SASL listener on 127.0.0.1:$SASL_PORT"
    stop
  fi
  mkdir -p "$STATE"
  # Serialise concurrent starts; fd 9 is closed for the JVM so it doesn't hold the lock forever.
  exec 9>"$STATE/lock"
  flock 9
  local pid
  if pid="$(our_pid)"; then
    say "broker (pid $pid) already starting, waiting"
    wait_ready "$pid"
    return
  fi
  fetch
  write_config
  format_storage
  say "starting broker on $BOOTSTRAP (controller 127.0.0.1:$CONTROLLER_PORT), log $LOG"
  echo "=== start $(date -Is) ===" >>"$LOG"
  java_args
  # setsid: the broker must outlive the shell (and process group) that started it.
  nohup setsid java "${JAVA_ARGS[@]}" kafka.Kafka "$PROPS" 9>&- </dev/null >>"$LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PIDFILE"
  echo "$VERSION" >"$RUNNING_VERSION"
  wait_ready "$pid"
}

stop() {
  local pids pid
  pids="$( { our_pid || true; stray_pids; } | sort -u | tr '\n' ' ')"
  pids="${pids% }"
  if [ -z "$pids" ]; then
    say "not running"
    rm -f "$PIDFILE"
    return
  fi
  say "stopping broker (pid $pids)"
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  # A clean KRaft shutdown of a single node takes a few seconds; don't wait forever.
  for _ in $(seq 1 30); do
    pids="$(for pid in $pids; do kill -0 "$pid" 2>/dev/null && echo -n "$pid "; done || true)"
    pids="${pids% }"
    [ -z "$pids" ] && break
    sleep 1
  done
  if [ -n "$pids" ]; then
    say "still alive after 30s, sending SIGKILL to $pids"
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PIDFILE"
  [ -z "$(stray_pids)" ] || die "a Kafka process for $STATE is still running: $(stray_pids | tr '\n' ' ')"
  say "stopped"
}

status() {
  local pid
  if answering 3; then
    if pid="$(our_pid)"; then
      say "running on $BOOTSTRAP (pid $pid)"
    else
      say "a broker not started by this script is answering on $BOOTSTRAP"
    fi
    return 0
  fi
  if pid="$(our_pid)"; then
    say "process $pid alive but not answering on $BOOTSTRAP (starting?)"
  else
    say "not running"
  fi
  return 1
}

# Runs one of Kafka's command line tools (a main class) from the jars, logging as the broker does.
tool() {
  [ -f "$LOG4J" ] || { mkdir -p "$STATE"; write_log_config; }
  java -cp "$LIBS/*" "${LOG_OPTS[@]}" "$@"
}

# Creates a topic with N partitions (auto-created topics have one), e.g. for consumer-group tests.
topic() {
  [ $# -eq 2 ] || die "usage: $0 topic NAME PARTITIONS"
  tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --topic "$1" --partitions "$2" --replication-factor 1 >/dev/null
}

# Deletes every topic matching a Java regular expression (the benchmark frees its gigabytes with it).
delete_topics() {
  [ $# -eq 1 ] || die "usage: $0 delete-topics REGEX"
  tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --delete --if-exists --topic "$1" >/dev/null
}

[ "${BASH_SOURCE[0]}" = "$0" ] || return 0
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  topic) shift; topic "$@" ;;
  delete-topics) shift; delete_topics "$@" ;;
  libs) echo "$LIBS" ;;
  *) echo "usage: $0 start|stop|status|topic NAME PARTITIONS|delete-topics REGEX|libs" >&2; exit 2 ;;
esac
