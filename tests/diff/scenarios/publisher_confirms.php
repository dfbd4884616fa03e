<?php
// Publisher confirms: confirm_select, ack handler, 100 publishes, wait_for_pending_acks.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('confirms');
$ch->queue_declare($q, false, false, false, false);
$acks = 0;
$nacks = 0;
$seen = [];
$ch->set_ack_handler(function (AMQPMessage $m) use (&$acks, &$seen) {
    $acks++;
    $seen[] = $m;
});
$ch->set_nack_handler(function (AMQPMessage $m) use (&$nacks) {
    $nacks++;
});
show('confirm_select', $ch->confirm_select());
$sent = [];
for ($i = 1; $i <= 100; $i++) {
    $m = new AMQPMessage("m$i");
    $ch->basic_publish($m, '', $q);
    $sent[] = $m;
}
show('delivery tag of the 1st published message', $sent[0]->getDeliveryTag());
show('delivery tag of the 100th published message', $sent[99]->getDeliveryTag());
show('wait_for_pending_acks', $ch->wait_for_pending_acks(5));
show('acks', $acks);
show('nacks', $nacks);
show('handler got the published objects', count(array_filter($seen, fn($m) => in_array($m, $sent, true))));
$tags = array_map(fn($m) => $m->getDeliveryTag(), $seen);
sort($tags);
show('acked tags are 1..100', $tags === range(1, 100));
show('queue has', $ch->queue_declare($q, true));

// A second batch on the same channel continues the tag sequence.
$m = new AMQPMessage('late');
$ch->basic_publish($m, '', $q);
$ch->wait_for_pending_acks(5);
show('tag of message 101', $m->getDeliveryTag());
show('acks after 101', $acks);
show('wait_for_pending_acks with nothing pending', $ch->wait_for_pending_acks(1));

// Confirms on a channel that did not select them: no handler calls.
$plain = $conn->channel();
$plainAcks = 0;
$plain->set_ack_handler(function () use (&$plainAcks) {
    $plainAcks++;
});
$plain->basic_publish(new AMQPMessage('x'), '', name('unroutable'));
attempt('wait_for_pending_acks without confirm_select', fn() => $plain->wait_for_pending_acks(1));
show('acks on the plain channel', $plainAcks);
show('delete', $ch->queue_delete($q));
$plain->close();
$ch->close();
$conn->close();
