<?php
// tx_select / tx_commit / tx_rollback: a published message is visible only after commit.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$tx = $conn->channel();
$other = $conn->channel();
$q = name('tx');
$other->queue_declare($q, false, false, false, false);
show('tx_select', $tx->tx_select());
$tx->basic_publish(new AMQPMessage('committed'), '', $q);
show('before commit', $other->basic_get($q, true));
show('tx_commit', $tx->tx_commit());
show('after commit', $other->basic_get($q, true)?->getBody());
$tx->basic_publish(new AMQPMessage('rolled back'), '', $q);
show('tx_rollback', $tx->tx_rollback());
show('after rollback', $other->basic_get($q, true));
show('queue', $other->queue_declare($q, true));

// Acks are transactional too.
$other->confirm_select(); // the message is enqueued before the other channel's get
$other->basic_publish(new AMQPMessage('acked in tx'), '', $q);
$other->wait_for_pending_acks(5);
$m = $tx->basic_get($q);
$m->ack();
$tx->tx_rollback();
show('queue after rolled-back ack', $other->queue_declare($q, true));
$tx->close(); // the unacked message goes back
$m = $other->basic_get($q, true);
show('back after close', [$m->getBody(), $m->isRedelivered()]);

$plain = $conn->channel();
attempt('tx_commit without tx_select', fn() => $plain->tx_commit());
show('channel open', $plain->is_open());
show('delete', $other->queue_delete($q));
$other->close();
$conn->close();
