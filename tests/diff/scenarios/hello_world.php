<?php
// Tutorial 1: publish to the default exchange, basic_get it back, then consume one.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('hello');
show('queue_declare', $ch->queue_declare($q, false, false, false, false));
$ch->basic_publish(new AMQPMessage('Hello World!'), '', $q);
$m = $ch->basic_get($q);
show('basic_get', $m);
show('getBody', $m->getBody());
show('getRoutingKey', $m->getRoutingKey());
show('getExchange', $m->getExchange());
show('getDeliveryTag', $m->getDeliveryTag());
show('isRedelivered', $m->isRedelivered());
show('getMessageCount', $m->getMessageCount());
show('getChannel is the channel', $m->getChannel() === $ch);
$m->ack();

$ch->basic_publish(new AMQPMessage('second'), '', $q);
show('drain', drain($ch, $q, 1));
show('queue_delete', $ch->queue_delete($q));
$ch->close();
$conn->close();
show('channel is_open after close', $ch->is_open());
show('isConnected after close', $conn->isConnected());
