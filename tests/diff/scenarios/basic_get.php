<?php
// basic_get: null on an empty queue, message_count of what is left, no_ack, requeue via reject.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('get');
$ch->queue_declare($q, false, false, false, false);
show('empty queue', $ch->basic_get($q));
foreach (['one', 'two', 'three'] as $b) {
    $ch->basic_publish(new AMQPMessage($b), '', $q);
}
$m = $ch->basic_get($q);
show('first', [$m->getBody(), $m->getMessageCount(), $m->get('message_count'), $m->getDeliveryTag()]);
$m->ack();
$m = $ch->basic_get($q, true);
show('second (no_ack)', [$m->getBody(), $m->getMessageCount(), $m->getDeliveryTag(), $m->isRedelivered()]);
$m = $ch->basic_get($q);
show('third', [$m->getBody(), $m->getMessageCount(), $m->getDeliveryTag()]);
$m->reject(true);
$m = $ch->basic_get($q);
show('third again after reject(true)', [$m->getBody(), $m->getMessageCount(), $m->getDeliveryTag(), $m->isRedelivered()]);
$m->nack(true);
$m = $ch->basic_get($q);
show('after nack(true)', [$m->getBody(), $m->isRedelivered()]);
$ch->basic_ack($m->getDeliveryTag());
show('empty again', $ch->basic_get($q));
show('consumer tag of a get', $m->has('consumer_tag'));
show('delete', $ch->queue_delete($q));
$ch->close();
$conn->close();
