<?php
// A priority queue (x-max-priority): waiting messages come back highest priority first.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$conn = connect();
$ch = $conn->channel();
$ch->confirm_select();
$q = name('prio');
show('declare', $ch->queue_declare($q, false, false, false, false, false, new AMQPTable(['x-max-priority' => 10])));
foreach ([1, 5, 9, 3, 0, 5, 200] as $i => $p) {
    $ch->basic_publish(new AMQPMessage("p$p #$i", ['priority' => $p]), '', $q);
}
$ch->basic_publish(new AMQPMessage('no priority'), '', $q);
$ch->wait_for_pending_acks(5);
$order = [];
while ($m = $ch->basic_get($q, true)) {
    $order[] = [$m->getBody(), $m->has('priority') ? $m->get('priority') : null];
}
show('order', $order);
show('delete', $ch->queue_delete($q));
$ch->close();
$conn->close();
