--TEST--
Mq\RetryingConsumer: a copy the broker does not take (republished to an exchange that does not exist yet: channel error 404; then to one without a binding: returned as unroutable) leaves the original in its queue and throws RuntimeException; the user's channel stays open, and the next copy goes out on a new channel of the consumer's own, declaring the retry queues again (one was deleted)
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
$q = fresh_name('retry-unconfirmed');
$ch->queue_declare($q, false, false, false, false);
$ch->queue_declare("$q-parked", false, false, false, false);

function get_one($ch, string $q): ?AMQPMessage
{
    for ($i = 0; $i < 250; $i++) {
        if (($m = $ch->basic_get($q)) !== null) {
            return $m;
        }
        usleep(20000);
    }
    return null;
}

$fail = fn() => throw new RuntimeException('fails');
$once = new RetryPolicy(maxAttempts: 1);
$ch->basic_publish(new AMQPMessage('m', ['message_id' => 'm-1']), '', $q);
// One consumer, its exchange missing, then without a binding, then bound to the parking queue.
$consumer = new RetryingConsumer($ch, $q, $fail, $once, RetryingConsumer::EXHAUSTED_REPUBLISH, "$q-park");
$steps = [
    'missing' => fn() => null,
    'unbound' => fn() => $ch->exchange_declare("$q-park", 'fanout', false, false, true),
    'bound' => fn() => $ch->queue_bind("$q-parked", "$q-park"),
];
foreach ($steps as $label => $step) {
    $step();
    $m = get_one($ch, $q);
    try {
        $outcome = $consumer->process($m);
        echo "$label: $outcome\n";
    } catch (RuntimeException $e) {
        echo "$label: ", get_class($e), ': ', str_replace($q, 'Q', $e->getMessage()), "\n";
        echo '  previous: ', $e->getPrevious() ? get_class($e->getPrevious()) . ' ' . $e->getPrevious()->getCode() : 'none', "\n";
    }
    echo '  user channel open: ', var_export($ch->is_open(), true), "\n";
}
// The two refused copies put the message back; the third copy took it to the parking queue.
$parked = get_one($ch, "$q-parked");
echo 'parked: ', $parked->getBody(), ' id=', $parked->get('message_id'), ' redelivered before: ', var_export($m->isRedelivered(), true), "\n";
$parked->ack();
// Only the settled message counts.
echo 'counters: ', json_encode($consumer->getCounters()), "\n";
// A retry queue deleted under a running consumer: the copy comes back unroutable, the message goes back
// to its queue, and the next copy declares the retry queues again.
$retrying = new RetryingConsumer($ch, $q, $fail, new RetryPolicy(maxAttempts: 2, initialDelay: 0.1, retryOn: [RuntimeException::class]));
$retrying->declareRetryQueues();
$ch->queue_delete("$q.retry.100");
$ch->basic_publish(new AMQPMessage('r'), '', $q);
foreach (['retry queue deleted', 'again', 'its retry'] as $label) {
    try {
        $outcome = $retrying->process(get_one($ch, $q));
        echo "$label: $outcome\n";
    } catch (RuntimeException $e) {
        echo "$label: ", get_class($e), ': ', str_replace($q, 'Q', $e->getMessage()), "\n";
    }
}
$ch->queue_delete("$q.retry.100");
[, $left] = $ch->queue_declare($q, true);
echo "left in the work queue: $left\n";
$ch->queue_delete($q);
$ch->queue_delete("$q-parked");
$conn->close();
?>
--EXPECT--
missing: RuntimeException: Mq\RetryingConsumer: the copy published to exchange "Q-park" with routing key "Q" was not confirmed (NOT_FOUND - no exchange 'Q-park' in vhost '/'); the message went back to queue "Q"
  previous: PhpAmqpLib\Exception\AMQPProtocolChannelException 404
  user channel open: true
unbound: RuntimeException: Mq\RetryingConsumer: the copy published to exchange "Q-park" with routing key "Q" was not confirmed (returned as unroutable); the message went back to queue "Q"
  previous: none
  user channel open: true
bound: republished
  user channel open: true
parked: m id=m-1 redelivered before: true
counters: {"handled":0,"retried":0,"exhausted":1,"skipped":0}
retry queue deleted: RuntimeException: Mq\RetryingConsumer: the copy published to exchange "" with routing key "Q.retry.100" was not confirmed (returned as unroutable); the message went back to queue "Q"
again: retried
its retry: rejected
left in the work queue: 0
