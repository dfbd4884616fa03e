<?php
// An unroutable mandatory publish comes back through the return listener (and is still acked).
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$returns = [];
$acks = 0;
$ch->set_return_listener(function ($replyCode, $replyText, $exchange, $routingKey, $message) use (&$returns) {
    $returns[] = [$replyCode, $replyText, $exchange, $routingKey, get_class($message), $message->getBody(), $message->get('message_id')];
});
$ch->set_ack_handler(function (AMQPMessage $m) use (&$acks) {
    $acks++;
});
$ch->confirm_select();
$nowhere = name('nowhere');
$ch->basic_publish(new AMQPMessage('returned', ['message_id' => 'r1']), '', $nowhere, true);
$ch->basic_publish(new AMQPMessage('dropped silently'), '', $nowhere, false);
$q = name('somewhere');
$ch->queue_declare($q, false, false, false, false);
$ch->basic_publish(new AMQPMessage('routed'), '', $q, true);
$x = name('x');
$ch->exchange_declare($x, 'direct', false, false, false);
$ch->basic_publish(new AMQPMessage('no binding', ['message_id' => 'r2']), $x, 'rk', true);
show('wait_for_pending_acks_returns', $ch->wait_for_pending_acks_returns(5));
show('returns', $returns);
show('acks', $acks);
show('routed message is there', $ch->basic_get($q, true)?->getBody());
show('delete', $ch->queue_delete($q));
$ch->exchange_delete($x);

// Without confirms the return arrives on the next wait.
$ch2 = $conn->channel();
$got = [];
$ch2->set_return_listener(function ($code, $text, $ex, $rk, $msg) use (&$got) {
    $got[] = [$code, $text, $msg->getBody()];
});
$ch2->basic_publish(new AMQPMessage('returned 2'), '', $nowhere, true);
try {
    $ch2->wait(null, false, 2);
} catch (Throwable $e) {
    out('wait threw', exc($e));
}
show('returned without confirms', $got);
$ch2->close();
$ch->close();
$conn->close();
