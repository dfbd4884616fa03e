<?php
// A batch consumer acks "everything so far" with basic_ack(0, true) (and nacks with basic_nack(0, true)):
// deliveries received but not yet handed over are still handed over (the broker counts them settled;
// they were dropped unseen, lost), and basic_recover() keeps a no_ack consumer's (the broker does not
// send them again).
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('ackall');
$ch->queue_declare($q, false, false, false, true);
$ch->confirm_select();
for ($i = 0; $i < 60; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
$ch->wait_for_pending_acks();
$ch->basic_qos(0, 10, false);
$seen = [];
$ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$seen, $ch) {
    $seen[] = $m->getBody();
    usleep(2000);
    if (count($seen) % 5 === 0) {
        count($seen) % 10 === 0 ? $ch->basic_nack(0, true, false) : $ch->basic_ack(0, true);
    }
});
try {
    while (true) {
        $ch->wait(null, false, 1);
    }
} catch (AMQPTimeoutException) {
}
$ch->basic_ack(0, true);
show('ack(0, true) and nack(0, true): handed over, distinct', [count($seen), count(array_unique($seen))]);
show('left', $ch->queue_declare($q, true)[1]);

$q2 = name('recover');
$ch2 = $conn->channel();
$ch2->queue_declare($q2, false, false, false, true);
$n = 0;
$ch2->basic_consume($q2, 'c1', false, true, false, false, function () use (&$n) {
    $n++;
});
for ($i = 0; $i < 20; $i++) {
    $ch->basic_publish(new AMQPMessage("r$i"), '', $q2);
}
$ch->wait_for_pending_acks();
usleep(300_000);
$ch2->basic_recover(true);
try {
    while (true) {
        $ch2->wait(null, false, 1);
    }
} catch (AMQPTimeoutException) {
}
show('no_ack consumer after basic_recover: handed over', $n);
$conn->close();
