<?php
// Publish/subscribe, subscriber: php receive_logs.php NAME [count] — a server-named exclusive queue bound
// to the fanout exchange; prints what arrives, exits after [count] messages or 3 idle seconds.
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Exchange\AMQPExchangeType;

[$name, $count] = [$argv[1] ?? 'subscriber', (int) ($argv[2] ?? PHP_INT_MAX)];
$connection = new AMQPStreamConnection('127.0.0.1', (int) (getenv('MQ_AMQP_PORT') ?: 5672), 'guest', 'guest');
$channel = $connection->channel();
$channel->exchange_declare('logs', AMQPExchangeType::FANOUT, false, false, false);
[$queue] = $channel->queue_declare('', false, false, true, false);
$channel->queue_bind($queue, 'logs');
if ($ready = getenv('READY_FILE')) {
    touch($ready); // bound: the publisher may start
}
$seen = 0;
$channel->basic_consume($queue, '', false, true, false, false, function ($msg) use ($name, &$seen) {
    echo "[$name] {$msg->getBody()}\n";
    $seen++;
});
try {
    while ($seen < $count) {
        $channel->wait(null, false, 3);
    }
} catch (AMQPTimeoutException $idle) {
}
$channel->close();
$connection->close();
