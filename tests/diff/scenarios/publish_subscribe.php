<?php
// Tutorial 3: a fanout exchange and two server-named exclusive queues; every queue gets every message.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$x = name('logs');
show('exchange_declare', $ch->exchange_declare($x, 'fanout', false, false, false));
$queues = [];
foreach ([1, 2] as $i) {
    [$qn, $count, $consumers] = $ch->queue_declare('', false, false, true, false);
    show("queue $i name starts with amq.gen-", str_starts_with($qn, 'amq.gen-'));
    show("queue $i counts", [$count, $consumers]);
    show("queue_bind $i", $ch->queue_bind($qn, $x));
    $queues[$i] = $qn;
}
show('two different names', $queues[1] !== $queues[2]);
foreach (['info: one', 'warning: two', 'error: three'] as $b) {
    $ch->basic_publish(new AMQPMessage($b), $x, 'ignored-key');
}
foreach ($queues as $i => $qn) {
    show("queue $i got", drain($ch, $qn, 3));
}
$m = $ch->basic_get($queues[1]);
show('nothing left', $m);
$ch->basic_publish(new AMQPMessage('routing key kept'), $x, 'some.key');
$m = null;
for ($i = 0; $i < 50 && $m === null; $i++) {
    $m = $ch->basic_get($queues[2], true);
    $m ?? usleep(20000);
}
show('exchange', $m->getExchange() === $x ? 'logs' : $m->getExchange());
show('routing key', $m->getRoutingKey());
foreach ($queues as $qn) {
    $ch->queue_unbind($qn, $x);
}
show('exchange_delete', $ch->exchange_delete($x));
$ch->close();
$conn->close();
