<?php
// queue_declare's return value [name, message_count, consumer_count] in its different modes.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
// Confirms, so that a publish is enqueued before the next count (RabbitMQ answers stat before queued publishes).
$ch->confirm_select();
$q = name('declared');
show('new queue', $ch->queue_declare($q, false, false, false, false));
for ($i = 0; $i < 3; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
$ch->wait_for_pending_acks(5);
show('redeclare after 3 publishes', $ch->queue_declare($q, false, false, false, false));
show('passive', $ch->queue_declare($q, true));
show('passive with other flags ignored', $ch->queue_declare($q, true, true, true, true));

$c = name('consumed');
show('second queue', $ch->queue_declare($c, false, false, false, false));
$ch2 = $conn->channel();
$ch2->basic_consume($c, 'tag-1', false, false, false, false, function () {
});
$ch2->basic_consume($c, 'tag-2', false, false, false, false, function () {
});
show('passive with two consumers', $ch->queue_declare($c, true));
$ch2->basic_cancel('tag-1');
show('passive after one cancel', $ch->queue_declare($c, true));
$ch2->close();
show('passive after channel close', $ch->queue_declare($c, true));

show('nowait returns', $ch->queue_declare(name('nowait'), false, false, false, false, true));
$r = $ch->queue_declare('', false, false, true, true);
show('server-named: count of fields', count($r));
show('server-named: prefix', substr($r[0], 0, 8));
show('server-named: counts', [$r[1], $r[2]]);
show('server-named: types', array_map('get_debug_type', $r));

$d = name('durable');
show('durable', $ch->queue_declare($d, false, true, false, false));
show('delete durable', $ch->queue_delete($d));
show('delete declared', $ch->queue_delete($q));
show('delete consumed', $ch->queue_delete($c));
$ch->close();
$conn->close();
