<?php
// is_consuming() and the callbacks map around basic_consume / basic_cancel; cancel return values.
// mq-fixes: after the broker cancels a consumer (its queue was deleted), php-amqplib keeps it in
// $callbacks, so is_consuming() stays true and a `while ($ch->is_consuming()) $ch->wait();` loop waits
// forever for a consumer that no longer exists. mq removes it: is_consuming() is false.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('consuming');
$ch->queue_declare($q, false, false, false, false);
show('before consume', $ch->is_consuming());
show('callbacks before', count($ch->callbacks));
$t1 = $ch->basic_consume($q, '', false, true, false, false, fn(AMQPMessage $m) => null);
show('server-named tag', str_starts_with($t1, 'amq.ctag-'));
show('after consume', $ch->is_consuming());
$t2 = $ch->basic_consume($q, 'mine', false, true, false, false, fn(AMQPMessage $m) => null);
show('own tag', $t2);
show('callbacks', count($ch->callbacks));
show('callback keys are the tags', array_keys($ch->callbacks) === [$t1, $t2]);
show('basic_cancel returns the tag', $ch->basic_cancel($t1) === $t1);
show('after one cancel', $ch->is_consuming());
show('basic_cancel mine', $ch->basic_cancel('mine'));
show('after both cancels', $ch->is_consuming());
show('callbacks after', count($ch->callbacks));
attempt('basic_cancel of an unknown tag', fn() => $ch->basic_cancel('unknown'));
show('channel open', $ch->is_open());
show('nowait consume', $ch->basic_consume($q, 'nw', false, true, false, true, fn() => null));
show('after nowait consume', $ch->is_consuming());
show('nowait cancel', $ch->basic_cancel('nw', true));
show('after nowait cancel', $ch->is_consuming());
show('consumers', $ch->queue_declare($q, true));

// A queue deleted under a consumer: the server cancels it (consumer_cancel_notify is announced).
$ch->basic_consume($q, 'doomed', false, true, false, false, fn() => null);
$other = $conn->channel();
$other->queue_delete($q);
try {
    $ch->wait(null, false, 2);
    out('wait returned');
} catch (Throwable $e) {
    show('server cancel', exc($e));
    if (method_exists($e, 'getConsumerTag')) {
        show('server cancel tag', $e->getConsumerTag());
    }
}
show('is_consuming after server cancel', $ch->is_consuming());
$other->close();
$ch->close();
$conn->close();
