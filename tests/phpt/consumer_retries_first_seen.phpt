--TEST--
Mq\RetryingConsumer firstSeen hook: asked with the message_id (and the message) before a first attempt; a duplicate is acked unhandled ('skipped'); no message_id, no question; a retry is not asked again; a hook that throws puts the message back and the exception reaches the caller
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use Mq\RetryingConsumer;
use Mq\RetryPolicy;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('retry-first-seen');
$ch->queue_declare($q, false, false, false, false);

// The seeds' Redis SETNX, in an array: records the id, true when it is new.
$store = [];
$asked = [];
$firstSeen = function (string $id, AMQPMessage $m) use (&$store, &$asked): bool {
    $asked[] = "$id/" . $m->getBody();
    if ($id === 'boom') {
        throw new DomainException('store down');
    }
    if (isset($store[$id])) {
        return false;
    }
    return $store[$id] = true;
};
$handled = [];
$failedOnce = false;
$handler = function (AMQPMessage $m) use (&$handled, &$failedOnce) {
    if ($m->getBody() === 'fails once' && !$failedOnce) {
        $failedOnce = true;
        throw new RuntimeException('once');
    }
    $handled[] = $m->getBody();
};
$consumer = new RetryingConsumer($ch, $q, $handler, new RetryPolicy(maxAttempts: 3, initialDelay: 0.1, retryOn: [RuntimeException::class]), firstSeen: $firstSeen);

foreach ([['a', 'id-1'], ['a again', 'id-1'], ['b', 'id-2'], ['no id', null], ['fails once', 'id-3'], ['duplicate of b', 'id-2']] as [$body, $id]) {
    $ch->basic_publish(new AMQPMessage($body, $id === null ? [] : ['message_id' => $id]), '', $q);
}
$outcomes = [];
$tag = $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use ($consumer, &$outcomes) {
    $outcomes[] = $m->getBody() . ': ' . $consumer->process($m);
});
while (count($outcomes) < 7) {
    $ch->wait(null, false, 10);
}
$ch->basic_cancel($tag);
echo implode("\n", $outcomes), "\n";
echo 'asked: ', implode(', ', $asked), "\n";
echo 'handled: ', implode(', ', $handled), "\n";
echo 'counters: ', json_encode($consumer->getCounters()), "\n";

// A hook that throws: the exception comes out of process(), the message goes back to the queue.
$ch2 = $conn->channel();
$ch2->basic_publish(new AMQPMessage('explodes', ['message_id' => 'boom']), '', $q);
for ($i = 0; $i < 250 && ($m = $ch2->basic_get($q)) === null; $i++) {
    usleep(20000);
}
try {
    $consumer->process($m);
} catch (DomainException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
for ($i = 0; $i < 250 && ($again = $ch2->basic_get($q, true)) === null; $i++) {
    usleep(20000);
}
echo 'back in the queue: ', $again->getBody(), ' redelivered=', var_export($again->isRedelivered(), true), "\n";

[, $left] = $ch->queue_declare($q, true);
echo "left in the work queue: $left\n";
$ch->queue_delete($q);
$ch->queue_delete("$q.retry.100");
$ch->queue_delete("$q.retry.200");
$conn->close();
?>
--EXPECT--
a: handled
a again: skipped
b: handled
no id: handled
fails once: retried
duplicate of b: skipped
fails once: handled
asked: id-1/a, id-1/a again, id-2/b, id-3/fails once, id-2/duplicate of b
handled: a, b, no id, fails once
counters: {"handled":4,"retried":1,"exhausted":0,"skipped":2}
DomainException: store down
back in the queue: explodes redelivered=true
left in the work queue: 0
