<?php
// Moving received messages with batch_basic_publish()/publish_batch() on a confirm channel, then acking
// them: php-amqplib's publish_batch() leaves a message's delivery info as it was (basic_publish sets the
// confirm tag), so each ack settles the delivery it came with.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$pub = $conn->channel();
$src = name('src');
$dst = name('dst');
foreach ([$src, $dst] as $q) {
    $ch->queue_declare($q, false, false, false, true);
}
for ($i = 0; $i < 5; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $src);
}
$pub->confirm_select();
$unrelated = new AMQPMessage('unrelated');
$pub->basic_publish($unrelated, '', $dst);
show('basic_publish sets the confirm tag', [$unrelated->getDeliveryTag(), $unrelated->getRoutingKey()]);
$pub->wait_for_pending_acks(2);
$got = [];
while (count($got) < 5 && ($m = $ch->basic_get($src))) {
    $got[] = $m;
}
foreach ($got as $m) {
    $pub->batch_basic_publish($m, '', $dst);
}
$pub->publish_batch();
$pub->wait_for_pending_acks(2);
foreach ($got as $m) {
    out($m->getBody() . ': tag ' . $m->getDeliveryTag() . ', routing key ' . $m->getRoutingKey());
    $m->ack();
}
show('left in the source', $ch->queue_declare($src, true)[1]);
show('in the destination', $ch->queue_declare($dst, true)[1]);
$conn->close();
