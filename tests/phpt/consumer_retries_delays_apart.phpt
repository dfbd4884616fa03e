--TEST--
Mq\RetryingConsumer: a short delay is not held back by a long one in flight at the same time (one retry queue per delay)
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
use PhpAmqpLib\Wire\AMQPTable;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('retry-apart');
$ch->queue_declare($q, false, false, false, false);

/** Messages waiting in a queue (passive declare on a channel of its own). */
$waiting = function (string $queue) use ($conn): int {
    $c = $conn->channel();
    [, $count] = $c->queue_declare($queue, true);
    $c->close();
    return $count;
};

// Delays: 0.2 s after attempt 1, 4 s after attempt 2.
$policy = new RetryPolicy(maxAttempts: 3, initialDelay: 0.2, multiplier: 20.0, retryOn: [RuntimeException::class]);
$events = [];
$handler = function (AMQPMessage $m) use (&$events, &$consumer, $waiting, $q) {
    $attempt = $m->has('application_headers') ? $m->get('application_headers')->getNativeData()['x-mq-attempts'] : 1;
    $events[] = $m->getBody() . ' attempt ' . $attempt;
    if ($m->getBody() === 'short' && $attempt === 2) {
        // The long one is still waiting out its delay meanwhile.
        $events[] = 'long still waiting in its retry queue: ' . $waiting("$q.retry.4000");
        $consumer->stop();
        return;
    }
    if ($attempt === 3) {
        $consumer->stop();
        return;
    }
    throw new RuntimeException('not yet');
};
$consumer = new RetryingConsumer($ch, $q, $handler, $policy);
// "long" arrives as its second attempt (its failure waits 4 s), "short" as its first (0.2 s), behind it.
$ch->basic_publish(new AMQPMessage('long', ['application_headers' => new AMQPTable(['x-mq-attempts' => 2])]), '', $q);
$ch->basic_publish(new AMQPMessage('short'), '', $q);
$consumer->consume(30.0);
// stop() came at the short one's retry; the long one's comes later.
echo implode("\n", $events), "\n";
$consumer->consume(30.0);
echo 'then: ', end($events), "\n";
echo json_encode($consumer->getCounters()), "\n";
$consumer = null;   // the handler holds it (to stop it): no cycle left at exit
foreach ([$q, "$q.retry.200", "$q.retry.4000"] as $name) {
    $ch->queue_delete($name);
}
$conn->close();
?>
--EXPECT--
long attempt 2
short attempt 1
short attempt 2
long still waiting in its retry queue: 1
then: long attempt 3
{"handled":2,"retried":2,"exhausted":0,"skipped":0}
