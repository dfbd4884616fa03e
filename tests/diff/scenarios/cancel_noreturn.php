<?php
// basic_cancel($tag, false, true) returns without reading the cancel-ok in php-amqplib, and the next
// wait() reads it and returns the tag: a loop that waits after cancelling (RabbitMqBundle's
// BatchConsumer stopping) must not wait forever for it.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('q');
$ch->queue_declare($q, false, false, false, false);

$ch->basic_consume($q, 'first', false, false, false, false, fn() => null);
show('basic_cancel noreturn', $ch->basic_cancel('first', false, true));
show('callbacks after it', array_keys($ch->callbacks));
show('is_consuming', $ch->is_consuming());
attempt('wait() reads the cancel-ok', fn() => $ch->wait(null, false, 2));
attempt('the next wait() times out', fn() => $ch->wait(null, false, 0.3));

$ch->basic_consume($q, 'second', false, false, false, false, fn() => null);
show('basic_cancel', $ch->basic_cancel('second'));
attempt('wait() after a plain cancel times out', fn() => $ch->wait(null, false, 0.3));

$ch->basic_consume($q, 'third', false, false, false, false, fn() => null);
show('basic_cancel nowait noreturn', $ch->basic_cancel('third', true, true));
attempt('wait() after a nowait cancel times out', fn() => $ch->wait(null, false, 0.3));

// Cancelled from the consumer's own callback, as a consumer stopping itself does.
$ch->basic_publish(new AMQPMessage('m'), '', $q);
$ch->basic_consume($q, 'fourth', false, true, false, false, function (AMQPMessage $m) use ($ch) {
    out('callback got ' . $m->getBody());
    $ch->basic_cancel('fourth', false, true);
});
attempt('wait() hands over the message', fn() => $ch->wait(null, false, 2));
attempt('then reads the cancel-ok', fn() => $ch->wait(null, false, 2));
show('is_consuming at the end', $ch->is_consuming());

$ch->queue_delete($q);
$conn->close();
