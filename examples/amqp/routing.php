<?php
// Routing (direct exchange) and topics (`*` one word, `#` zero or more), in one process: each queue
// receives what its binding keys select.
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exchange\AMQPExchangeType;
use PhpAmqpLib\Message\AMQPMessage;

$connection = new AMQPStreamConnection('127.0.0.1', (int) (getenv('MQ_AMQP_PORT') ?: 5672), 'guest', 'guest');
$channel = $connection->channel();

$setups = [
    'direct_logs' => [AMQPExchangeType::DIRECT, ['errors' => ['error'], 'all' => ['info', 'warning', 'error']],
        ['info' => 'an info', 'warning' => 'a warning', 'error' => 'an error']],
    'topic_logs' => [AMQPExchangeType::TOPIC, ['kern' => ['kern.*'], 'critical' => ['*.critical'], 'everything' => ['#']],
        ['kern.critical' => 'kernel panic', 'cron.info' => 'job ran', 'kern.info.detail' => 'too deep for kern.*']],
];
foreach ($setups as $exchange => [$type, $bindings, $messages]) {
    $channel->exchange_declare($exchange, $type, false, false, true);
    $queues = [];
    foreach ($bindings as $name => $keys) {
        [$queues[$name]] = $channel->queue_declare('', false, false, true, true);
        foreach ($keys as $key) {
            $channel->queue_bind($queues[$name], $exchange, $key);
        }
    }
    foreach ($messages as $key => $body) {
        $channel->basic_publish(new AMQPMessage($body), $exchange, $key);
    }
    usleep(100000);
    foreach ($queues as $name => $queue) {
        $got = [];
        while ($msg = $channel->basic_get($queue, true)) {
            $got[] = $msg->getRoutingKey() . ': ' . $msg->getBody();
        }
        echo "[$exchange/$name] " . implode(' | ', $got) . "\n";
    }
}
$connection->close();
