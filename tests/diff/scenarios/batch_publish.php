<?php
// batch_basic_publish + publish_batch: nothing is sent before publish_batch, everything after.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$ch->confirm_select();
$acks = 0;
$ch->set_ack_handler(function () use (&$acks) {
    $acks++;
});
$q = name('batch');
$ch->queue_declare($q, false, false, false, false);
$returns = [];
for ($i = 0; $i < 50; $i++) {
    $returns[] = $ch->batch_basic_publish(new AMQPMessage("b$i", ['message_id' => "id$i"]), '', $q);
}
show('batch_basic_publish returned', array_values(array_unique($returns, SORT_REGULAR)));
show('queue before publish_batch', $ch->queue_declare($q, true));
show('publish_batch', $ch->publish_batch());
$ch->wait_for_pending_acks(5);
show('acks', $acks);
show('queue after publish_batch', $ch->queue_declare($q, true));
$bodies = drain($ch, $q, 50);
show('count', count($bodies));
show('in order', $bodies === array_map(fn($i) => "b$i", range(0, 49)));
show('publish_batch with nothing batched', $ch->publish_batch());
show('delete', $ch->queue_delete($q));
$ch->close();

// A message the batch cannot carry (a priority out of range) fails the whole batch before any of it is
// written, and the batch stays as it was: the next publish_batch() fails the same way.
$ch = $conn->channel();
$q = name('batch_bad');
$ch->queue_declare($q, false, false, false, false);
$ch->batch_basic_publish(new AMQPMessage('m1'), '', $q);
$ch->batch_basic_publish(new AMQPMessage('m2', ['priority' => 300]), '', $q);
$ch->batch_basic_publish(new AMQPMessage('m3'), '', $q);
attempt('publish_batch with a bad message', fn() => $ch->publish_batch());
attempt('publish_batch again', fn() => $ch->publish_batch());
show('queue after both', drain($ch, $q, 3, 0.5));
show('delete', $ch->queue_delete($q));
$conn->close();
