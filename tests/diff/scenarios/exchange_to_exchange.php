<?php
// exchange_bind / exchange_unbind: a direct source exchange feeding a fanout destination exchange.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$src = name('source');
$dst = name('destination');
$q = name('sink');
$ch->exchange_declare($src, 'direct', false, false, false);
$ch->exchange_declare($dst, 'fanout', false, false, false);
$ch->queue_declare($q, false, false, false, false);
$ch->queue_bind($q, $dst);
show('exchange_bind', $ch->exchange_bind($dst, $src, 'wanted'));
$ch->basic_publish(new AMQPMessage('via source, wanted'), $src, 'wanted');
$ch->basic_publish(new AMQPMessage('via source, other key'), $src, 'other');
$ch->basic_publish(new AMQPMessage('direct to destination'), $dst, 'whatever');
$bodies = drain($ch, $q, 2);
show('sink got', $bodies);
show('exchange_unbind', $ch->exchange_unbind($dst, $src, 'wanted'));
$ch->basic_publish(new AMQPMessage('after unbind'), $src, 'wanted');
$ch->basic_publish(new AMQPMessage('marker'), $dst, '');
show('sink got after unbind', drain($ch, $q, 1));
attempt('exchange_bind from a missing source', fn() => $ch->exchange_bind($dst, name('missing'), 'k'));
$ch = $conn->channel();
show('delete queue', $ch->queue_delete($q));
$ch->exchange_delete($src);
$ch->exchange_delete($dst);
$ch->close();
$conn->close();
