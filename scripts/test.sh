#!/usr/bin/env bash
# Runs mq's test layers and ends with one summary line "make test: N passed, N failed, N skipped".
#   scripts/test.sh            all layers (the brokers must be up: make brokers)
#   scripts/test.sh LAYER...   some of: rust phpt phpunit diff diff-kafka kafka-consumer-protocol faults bench,
#                              and pie (never by default: a release build from a clean clone, minutes;
#                              scripts/pie-build-check.sh). faults: the fault-injection suites (RabbitMQ,
#                              Kafka) at their reduced size
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SO="$ROOT/modules/mq.so"
PHP="${PHP:-php}"
LOGS="$ROOT/.state/test-logs"
mkdir -p "$LOGS"

layers=("$@")
[ ${#layers[@]} -gt 0 ] || layers=(rust phpt phpunit diff diff-kafka kafka-consumer-protocol faults bench)

passed=0; failed=0; skipped=0; broken=()

count() { # add the numbers a layer reported
  passed=$((passed + ${1:-0})); failed=$((failed + ${2:-0})); skipped=$((skipped + ${3:-0}))
}

layer_rust() {
  cargo test --release --lib 2>&1 | tee "$LOGS/rust.log"
  local rc=${PIPESTATUS[0]}
  # The vendored lapin's own unit tests, with those of mq's patches, built with the features mq uses
  # (keep in step with lapin's line in Cargo.toml; lapin's defaults would pull in rustls and aws-lc).
  cargo test --release -p lapin --lib --no-default-features --features openssl,default-runtime 2>&1 \
    | tee -a "$LOGS/rust.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  # The vendored amq-protocol-types: short strings as bytes, the nesting limit, arbitrary input.
  cargo test --release -p amq-protocol-types --lib 2>&1 | tee -a "$LOGS/rust.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  local p f i
  p=$(grep -Eo '[0-9]+ passed' "$LOGS/rust.log" | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed' "$LOGS/rust.log" | awk '{s+=$1} END {print s+0}')
  i=$(grep -Eo '[0-9]+ ignored' "$LOGS/rust.log" | awk '{s+=$1} END {print s+0}')
  count "$p" "$f" "$i"
  return "$rc"
}

run_phpt() { # LOG_NAME PATH...
  local log="$LOGS/$1.log"; shift
  # -n: no php.ini, so an installed mq.so or Debian's amqp extension never interferes.
  TEST_PHP_EXECUTABLE="$(command -v "$PHP")" NO_INTERACTION=1 REPORT_EXIT_STATUS=1 \
    "$PHP" -n "$(ls /usr/lib/php/*/build/run-tests.php | head -1)" -q -n -d "extension=$SO" \
    --show-diff -j2 "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f s
  p=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$log")
  f=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$log")
  s=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$log")
  count "${p:-0}" "${f:-0}" "${s:-0}"
  # run-tests.php silently retries tests that sleep; say so, a pass on retry may hide a flaky test.
  local retried
  retried=$(grep -c "passed on retry" "$log")
  [ "$retried" -eq 0 ] || echo "phpt: $retried test(s) passed only on retry (see $log)"
  [ -n "$p" ] || rc=1
  return "$rc"
}

layer_phpt() {
  run_phpt phpt tests/phpt
}

run_phpunit() { # LOG_NAME [PHPUNIT_ARG...]
  local log="$LOGS/$1.log"; shift
  # -n as for PHPT (an installed mq.so must not load twice), plus the extensions PHPUnit itself needs and
  # those the Laravel tests need (ctype, posix for queue:work --timeout, pdo_sqlite for the failed-jobs table).
  local ext=(-d extension=dom -d extension=xml -d extension=xmlwriter -d extension=mbstring -d extension=tokenizer
             -d extension=ctype -d extension=posix -d extension=pdo -d extension=pdo_sqlite)
  "$PHP" -n "${ext[@]}" -d "extension=$SO" /usr/bin/phpunit -c tests/php/phpunit.xml "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line t f e s
  if grep -q '^OK (' "$log"; then
    t=$(sed -n 's/^OK (\([0-9]*\) test.*/\1/p' "$log"); count "$t" 0 0
  else
    line=$(grep -E '^Tests: [0-9]+' "$log" | tail -1)
    t=$(echo "$line" | sed -n 's/.*Tests: \([0-9]*\).*/\1/p')
    f=$(echo "$line" | sed -n 's/.*Failures: \([0-9]*\).*/\1/p')
    e=$(echo "$line" | sed -n 's/.*Errors: \([0-9]*\).*/\1/p')
    s=$(echo "$line" | sed -n 's/.*Skipped: \([0-9]*\).*/\1/p')
    f=$(( ${f:-0} + ${e:-0} )); s=${s:-0}
    count $(( ${t:-0} - f - s )) "$f" "$s"
  fi
  return "$rc"
}

layer_phpunit() {
  run_phpunit phpunit
}

# True when the broker serves the consumer group protocol as librdkafka uses it: ConsumerGroupHeartbeat
# (API key 68) version 1, which Kafka 4.0 brought; against Kafka 3.9 (v0 only) a consumer never joins.
kafka_serves_consumer_protocol() {
  local apis # read whole first: under pipefail, grep -q leaving early would fail the pipe with kcat's SIGPIPE
  apis="$(kcat -b "127.0.0.1:${MQ_KAFKA_PORT:-9092}" -L -m 5 -X debug=feature 2>&1)"
  grep -qE '\(68\) Versions [0-9]+\.\.[1-9]' <<<"$apis"
}

layer_kafka_consumer_protocol() {
  # The group tests again under group.protocol=consumer (KIP-848): the PHPTs that read
  # kafka_group_protocol() (tests/tools/brokers.php) and the Laravel Kafka driver's tests.
  if ! kafka_serves_consumer_protocol; then
    echo "kafka-consumer-protocol: skipped, the broker on port ${MQ_KAFKA_PORT:-9092} does not serve the consumer group protocol (Kafka 4.0+)"
    count 0 0 1
    return 0
  fi
  local rc=0
  # shellcheck disable=SC2046 # one path per test
  MQ_KAFKA_GROUP_PROTOCOL=consumer run_phpt phpt-consumer-protocol $(grep -l 'kafka_group_protocol()' tests/phpt/*.phpt) || rc=1
  MQ_KAFKA_GROUP_PROTOCOL=consumer run_phpunit phpunit-consumer-protocol --filter KafkaDriverTest || rc=1
  return "$rc"
}

# Counts a differential run from its last line "diff: N passed, N failed"; fails without that line.
count_diff() { # LOG EXIT_CODE
  local p f rc=$2
  p=$(sed -n 's/^diff: \([0-9]*\) passed, .*/\1/p' "$1")
  f=$(sed -n 's/^diff: [0-9]* passed, \([0-9]*\) failed$/\1/p' "$1")
  count "${p:-0}" "${f:-0}" 0
  [ -n "$p" ] || rc=1
  return "$rc"
}

layer_diff() {
  # The same scripts under Debian's php-amqplib and under mq.so, outputs compared (tests/diff/README.md).
  "$PHP" -n tests/diff/run.php --so="$SO" 2>&1 | tee "$LOGS/diff.log"
  count_diff "$LOGS/diff.log" "${PIPESTATUS[0]}"
}

layer_diff_kafka() {
  # The same scripts under the php-rdkafka 6.0.4 C extension and under mq.so (tests/diff/kafka/README.md).
  # The reference is built on first use (about a minute) and cached in .state/.
  local ref
  ref=$(scripts/php-rdkafka-reference.sh 2>&1 | tee "$LOGS/diff-kafka.log" | tail -n 1)
  if [ ! -f "$ref" ]; then
    echo "diff-kafka: building the reference php-rdkafka failed"; count 0 1 0; return 1
  fi
  "$PHP" -n tests/diff/run.php --suite=kafka --so="$SO" --rdkafka="$ref" 2>&1 | tee -a "$LOGS/diff-kafka.log"
  count_diff "$LOGS/diff-kafka.log" "${PIPESTATUS[0]}"
}

layer_bench() {
  # A smoke run of the benchmark harness (tiny counts, one round): every client yields numbers.
  MQ_SO="$SO" "$PHP" -n bench/run.php --smoke --json="$LOGS/bench-smoke.json" 2>&1 | tee "$LOGS/bench.log"
  local rc=${PIPESTATUS[0]}
  if [ "$rc" -eq 0 ]; then count 1 0 0; else count 0 1 0; fi
  return "$rc"
}

layer_pie() {
  # What `pie install` runs (phpize, configure, make, make install) on a clean clone, then a round trip.
  scripts/pie-build-check.sh 2>&1 | tee "$LOGS/pie.log"
  local rc=${PIPESTATUS[0]}
  if [ "$rc" -eq 0 ]; then count 1 0 0; else count 0 1 0; fi
  return "$rc"
}

layer_faults() {
  # The fault-injection suites at their reduced size. RabbitMQ (tests/faults/run.php), with the clients written as plain
  # php-amqplib code and again with mq's own classes, against the three-node cluster of
  # scripts/rabbitmq-cluster.sh, which run.php starts and this layer stops again (not the test broker).
  local rc=0 variant p f
  : > "$LOGS/faults.log"
  for variant in unchanged mq-classes; do
    "$PHP" -n tests/faults/run.php --reduced --variant="$variant" --so="$SO" 2>&1 | tee -a "$LOGS/faults.log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  done
  scripts/rabbitmq-cluster.sh stop 2>&1 | tee -a "$LOGS/faults.log"
  # The Kafka suite (tests/faults/kafka.php) on the three-broker cluster of scripts/kafka-cluster.sh, started
  # here for both runs and stopped after them: every scenario under the classic group protocol, then the
  # group scenarios under the consumer protocol (KIP-848), which Kafka 4 serves.
  scripts/kafka-cluster.sh start 2>&1 | tee -a "$LOGS/faults.log"
  "$PHP" -n tests/faults/kafka.php --reduced --so="$SO" 2>&1 | tee -a "$LOGS/faults.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  local version="${MQ_KAFKA_VERSION:-4.4.0}"
  if [ "$version" = "${version#3.}" ]; then # not the 3.x line
    MQ_KAFKA_GROUP_PROTOCOL=consumer "$PHP" -n tests/faults/kafka.php --reduced --so="$SO" \
      --only=kill-consumer,consumer-group-failover,retry-dlt,transactional \
      2>&1 | tee -a "$LOGS/faults.log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  fi
  scripts/kafka-cluster.sh stop 2>&1 | tee -a "$LOGS/faults.log"
  p=$(sed -n 's/^faults: \([0-9]*\) passed, .*/\1/p' "$LOGS/faults.log" | awk '{ s += $1 } END { if (NR) print s }')
  f=$(sed -n 's/^faults: [0-9]* passed, \([0-9]*\) failed.*/\1/p' "$LOGS/faults.log" | awk '{ s += $1 } END { if (NR) print s }')
  count "${p:-0}" "${f:-0}" 0
  [ -n "$p" ] || rc=1
  return "$rc"
}

for layer in "${layers[@]}"; do
  echo "=== $layer ==="
  "layer_${layer//-/_}" || broken+=("$layer")
done

[ ${#broken[@]} -eq 0 ] || echo "layers with failures: ${broken[*]} (logs in $LOGS)"
# The summary line CI reads.
echo "make test: $passed passed, $failed failed, $skipped skipped"
[ ${#broken[@]} -eq 0 ] && [ "$failed" -eq 0 ]
