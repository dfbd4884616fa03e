<?php
// AMQPMessage without a broker (get/set/has/get_properties, errors), then ack/nack rules on a real one.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$m = new AMQPMessage('body', ['content_type' => 'text/plain', 'bogus' => 1, 'priority' => 3]);
show('new', $m);
show('get_properties', $m->get_properties());
show('has content_type', $m->has('content_type'));
show('has priority', $m->has('priority'));
show('has bogus', $m->has('bogus'));
show('has delivery_tag', $m->has('delivery_tag'));
show('get content_type', $m->get('content_type'));
attempt('get missing property', fn() => $m->get('message_id'));
attempt('get bogus', fn() => $m->get('bogus'));
attempt('set message_id', fn() => $m->set('message_id', 'id-1'));
attempt('set unknown name', fn() => $m->set('bogus', 1));
attempt('set application_headers from an array', fn() => $m->set('application_headers', new AMQPTable(['a' => 1])));
show('after set', $m->get_properties());
show('getBody', $m->getBody());
show('getBodySize', $m->getBodySize());
show('setBody returns', $m->setBody('new body') === $m ? 'self' : 'other');
show('getBody after setBody', $m->getBody());
show('getBodySize after setBody', $m->getBodySize());
show('public body', $m->body);
show('isTruncated', $m->isTruncated());
show('getContentEncoding', $m->getContentEncoding());
show('getChannel', $m->getChannel());
show('getRoutingKey', $m->getRoutingKey());
show('getExchange', $m->getExchange());
show('isRedelivered', $m->isRedelivered());
show('getConsumerTag', $m->getConsumerTag());
show('getMessageCount', $m->getMessageCount());
show('delivery_info', $m->delivery_info);
attempt('getDeliveryTag on a new message', fn() => $m->getDeliveryTag());
try {
    $m->getDeliveryTag();
} catch (Throwable $e) {
    show('getDeliveryTag exception parents', array_values(class_parents($e)));
}
attempt('ack on a new message', fn() => $m->ack());
attempt('nack on a new message', fn() => $m->nack());
attempt('reject on a new message', fn() => $m->reject());
show('constants', [AMQPMessage::DELIVERY_MODE_NON_PERSISTENT, AMQPMessage::DELIVERY_MODE_PERSISTENT]);
show('empty message', new AMQPMessage());

$conn = connect();
$ch = $conn->channel();
$q = name('api');
$ch->queue_declare($q, false, false, false, false);
foreach (['a', 'b', 'c', 'd'] as $b) {
    $ch->basic_publish(new AMQPMessage($b), '', $q);
}
$a = $ch->basic_get($q);
attempt('first ack', fn() => $a->ack());
attempt('second ack', fn() => $a->ack());
attempt('nack after ack', fn() => $a->nack());
attempt('reject after ack', fn() => $a->reject());
$b = $ch->basic_get($q);
attempt('setDeliveryTag on a received message', fn() => $b->setDeliveryTag(77));
attempt('setChannel on a received message', fn() => $b->setChannel($ch));
attempt('reject(true)', fn() => $b->reject(true));
attempt('ack after reject', fn() => $b->ack());
$c = $ch->basic_get($q);
$d = $ch->basic_get($q);
show('next two gets (body, tag, redelivered)', [[$c->getBody(), $c->getDeliveryTag(), $c->isRedelivered()],
    [$d->getBody(), $d->getDeliveryTag(), $d->isRedelivered()]]);
attempt('ack(multiple) on the last', fn() => $d->ack(true));
attempt('ack of the earlier one after multiple (client side)', fn() => $c->ack());
$ch = $conn->channel();
$e = $ch->basic_get($q, true);
show('last message', [$e->getBody(), $e->isRedelivered(), $e->getMessageCount()]);
attempt('ack on a no_ack get (client side)', fn() => $e->ack());
$ch = $conn->channel();
show('delete', $ch->queue_delete($q));
$ch->close();
$conn->close();
