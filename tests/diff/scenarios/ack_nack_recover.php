<?php
// basic_ack/basic_nack/basic_reject on the channel with multiple and requeue, and basic_recover.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$ch->confirm_select();
$q = name('acks');
$ch->queue_declare($q, false, false, false, false);
foreach (range(1, 6) as $i) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
$ch->wait_for_pending_acks(5);
$ch->basic_qos(null, 6, null);

$got = [];
$tag = $ch->basic_consume($q, 'c', false, false, false, false, function (AMQPMessage $m) use (&$got) {
    $got[] = [$m->getBody(), $m->getDeliveryTag(), $m->isRedelivered()];
});
while (count($got) < 6) {
    $ch->wait(null, false, 5);
}
show('first deliveries', $got);
show('basic_ack 2 multiple', $ch->basic_ack(2, true));
show('basic_nack 4 multiple requeue', $ch->basic_nack(4, true, true));
show('basic_reject 5 no requeue', $ch->basic_reject(5, false));
$got = [];
while (count($got) < 2) {
    $ch->wait(null, false, 5);
}
show('redelivered after nack', $got);
show('basic_recover requeue', $ch->basic_recover(true));
$got = [];
while (count($got) < 3) {
    $ch->wait(null, false, 5);
}
usort($got, fn($a, $b) => $a[0] <=> $b[0]);
show('after recover (sorted by body)', array_map(fn($g) => [$g[0], $g[2]], $got));
$ch->basic_nack(0, true, false); // everything outstanding, dropped
$ch->basic_cancel($tag);
show('queue after nack of everything', $ch->queue_declare($q, true));
show('delete', $ch->queue_delete($q));
$ch->close();
$conn->close();
