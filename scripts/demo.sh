#!/usr/bin/env bash
# Runs the examples end to end against the local brokers (make demo starts them first).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PHP="${PHP:-php} -n -d extension=$ROOT/modules/mq.so"
cd "$ROOT/examples"

echo "== extension"
$PHP --ri mq
$PHP info.php

echo "== RabbitMQ: work queue (two workers share ten tasks)"
$PHP amqp/worker.php worker-1 & w1=$!
$PHP amqp/worker.php worker-2 & w2=$!
$PHP amqp/new_task.php 10
wait $w1 $w2

echo "== RabbitMQ: publish/subscribe (two subscribers each get every message)"
ready=$(mktemp -d)
READY_FILE=$ready/a $PHP amqp/receive_logs.php sub-a 3 & s1=$!
READY_FILE=$ready/b $PHP amqp/receive_logs.php sub-b 3 & s2=$!
for _ in $(seq 100); do [ -e "$ready/a" ] && [ -e "$ready/b" ] && break; sleep 0.1; done
$PHP amqp/emit_log.php "info: one" "warning: two" "error: three"
wait $s1 $s2
rm -rf "$ready"

echo "== RabbitMQ: routing and topics"
$PHP amqp/routing.php

echo "== RabbitMQ: RPC"
$PHP amqp/rpc.php

echo "== Kafka: a producer, then a consumer group reading it back"
topic="mq-demo-$(date +%s)"
$PHP kafka_producer.php "$topic"
$PHP kafka_consumer.php "$topic"
