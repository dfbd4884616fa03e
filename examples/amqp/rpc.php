<?php
// RPC: a server and a client in one process, on two channels — reply_to + correlation_id.
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

function fib(int $n): int
{
    return $n < 2 ? $n : fib($n - 1) + fib($n - 2);
}

$connection = new AMQPStreamConnection('127.0.0.1', (int) (getenv('MQ_AMQP_PORT') ?: 5672), 'guest', 'guest');
$server = $connection->channel();
$server->queue_declare('rpc_queue', false, false, false, true);
$server->basic_consume('rpc_queue', '', false, false, false, false, function ($request) {
    $reply = new AMQPMessage((string) fib((int) $request->getBody()), ['correlation_id' => $request->get('correlation_id')]);
    $request->getChannel()->basic_publish($reply, '', $request->get('reply_to'));
    $request->ack();
});

$client = $connection->channel();
[$callbackQueue] = $client->queue_declare('', false, false, true, false);
$responses = [];
$client->basic_consume($callbackQueue, '', false, true, false, false, function ($reply) use (&$responses) {
    $responses[$reply->get('correlation_id')] = $reply->getBody();
});
foreach ([10, 20, 30] as $n) {
    $id = uniqid('', true);
    $client->basic_publish(new AMQPMessage((string) $n, ['correlation_id' => $id, 'reply_to' => $callbackQueue]), '', 'rpc_queue');
    while (!isset($responses[$id])) {
        $server->wait(null, true);
        $client->wait(null, true);
    }
    echo "[.] fib($n) = {$responses[$id]}\n";
}
$connection->close();
