<?php
// Tutorial 6: RPC with reply_to + correlation_id; the server consumes on a second channel of the same
// connection, the client waits on an exclusive server-named callback queue.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

function fib(int $n): int
{
    return $n < 2 ? $n : fib($n - 1) + fib($n - 2);
}

$conn = connect();
$server = $conn->channel();
$rpcQueue = name('rpc_queue');
$server->queue_declare($rpcQueue, false, false, false, false);
$server->basic_qos(null, 1, null);
$server->basic_consume($rpcQueue, '', false, false, false, false, function (AMQPMessage $req) {
    $n = (int) $req->getBody();
    $reply = new AMQPMessage((string) fib($n), ['correlation_id' => $req->get('correlation_id')]);
    $req->getChannel()->basic_publish($reply, '', $req->get('reply_to'));
    $req->ack();
});

$client = $conn->channel();
[$callbackQueue] = $client->queue_declare('', false, false, true, false);
show('callback queue is server-named', str_starts_with($callbackQueue, 'amq.gen-'));
$response = null;
$corr = null;
$client->basic_consume($callbackQueue, '', false, true, false, false, function (AMQPMessage $m) use (&$response, &$corr) {
    out('  reply correlation_id matches:', $m->get('correlation_id') === $corr);
    out('  reply routing key is the callback queue:', str_starts_with($m->getRoutingKey(), 'amq.gen-'));
    $response = $m->getBody();
});

foreach ([0, 1, 10, 20] as $i => $n) {
    $response = null;
    $corr = "corr-$i";
    out("call fib($n)");
    $client->basic_publish(new AMQPMessage((string) $n, ['correlation_id' => $corr, 'reply_to' => $callbackQueue]), '', $rpcQueue);
    $server->wait(null, false, 5);   // the request
    while ($response === null) {
        $client->wait(null, false, 5); // the reply
    }
    show("  fib($n)", $response);
}
show('rpc queue after', $client->queue_declare($rpcQueue, true));
$server->close();
show('queue_delete', $client->queue_delete($rpcQueue));
$client->close();
$conn->close();
