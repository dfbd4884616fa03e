<?php
// Publish/subscribe, publisher: php emit_log.php MESSAGE... — a fanout exchange.
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exchange\AMQPExchangeType;
use PhpAmqpLib\Message\AMQPMessage;

$connection = new AMQPStreamConnection('127.0.0.1', (int) (getenv('MQ_AMQP_PORT') ?: 5672), 'guest', 'guest');
$channel = $connection->channel();
$channel->exchange_declare('logs', AMQPExchangeType::FANOUT, false, false, false);
foreach (array_slice($argv, 1) ?: ['info: Hello World!'] as $line) {
    $channel->basic_publish(new AMQPMessage($line), 'logs');
    echo "[x] sent $line\n";
}
$channel->close();
$connection->close();
