#!/usr/bin/env bash
# Runs the examples end to end against the local brokers (make demo starts them first).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PHP="${PHP:-php} -n -d extension=$ROOT/modules/mq.so"

echo "== extension"
$PHP --ri mq
$PHP "$ROOT/examples/info.php"

echo "== kafka (php-rdkafka API)"
KAFKA_TOPIC="mq-demo-$(date +%s)"
$PHP "$ROOT/examples/kafka_producer.php" "$KAFKA_TOPIC"
$PHP "$ROOT/examples/kafka_consumer.php" "$KAFKA_TOPIC"
