<?php
// queue_purge and queue_delete return the number of messages; if_empty / if_unused preconditions.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$ch->confirm_select(); // a publish is then enqueued before the next count
$q = name('purged');
$ch->queue_declare($q, false, false, false, false);
for ($i = 0; $i < 5; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
$ch->wait_for_pending_acks(5);
show('queue_purge', $ch->queue_purge($q));
show('queue_purge empty', $ch->queue_purge($q));
for ($i = 0; $i < 2; $i++) {
    $ch->basic_publish(new AMQPMessage("n$i"), '', $q);
}
$ch->wait_for_pending_acks(5);
attempt('queue_delete if_empty on 2 messages', fn() => $ch->queue_delete($q, false, true));
show('channel open', $ch->is_open());
$ch = $conn->channel();
$ch2 = $conn->channel();
$ch2->basic_consume($q, 'blocker', false, false, false, false, function () {
});
attempt('queue_delete if_unused with a consumer', fn() => $ch->queue_delete($q, true));
$ch = $conn->channel();
$ch2->close();
show('queue_delete', $ch->queue_delete($q));
show('queue_delete missing queue', $ch->queue_delete($q));
$n = name('nowait-purge');
$ch->queue_declare($n, false, false, false, false);
$ch->confirm_select();
$ch->basic_publish(new AMQPMessage('x'), '', $n);
$ch->wait_for_pending_acks(5);
show('queue_purge nowait', $ch->queue_purge($n, true));
show('queue_delete after nowait purge', $ch->queue_delete($n));
show('queue_purge nowait on a missing queue', $ch->queue_purge($n, true));
attempt('the next call sees the channel error', fn() => $ch->queue_declare($n, true));
show('channel open', $ch->is_open());
$ch = $conn->channel();
$x = name('x');
$ch->exchange_declare($x, 'direct', false, false, false);
show('exchange_delete', $ch->exchange_delete($x));
show('exchange_delete missing', $ch->exchange_delete($x));
show('channel still open', $ch->is_open());
$ch->close();
$conn->close();
