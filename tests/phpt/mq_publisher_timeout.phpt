--TEST--
Mq\Publisher: a wait too short for the broker's confirms gives TIMED_OUT outcomes, never an exception; every message gets exactly one outcome and the counters add up; late confirms of given-up publishes are dropped; with a policy timed-out messages are republished and every acked one is in the queue (by message_id)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use Mq\Publisher;
use Mq\PublishOutcome;
use Mq\RetryPolicy;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

const N = 300;
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');

function run(AMQPStreamConnection $conn, ?RetryPolicy $policy): void
{
    $ch = $conn->channel();
    $q = fresh_name('mq-publisher-timeout');
    $ch->queue_declare($q, false, false, false, true);
    $publisher = new Publisher($ch, $policy);
    for ($i = 0; $i < N; $i++) {
        $publisher->send(new AMQPMessage(str_repeat('x', 1000) . $i), '', $q);
    }
    $outcomes = $publisher->waitForAll(0.000001);
    $statuses = array_count_values(array_map(fn (PublishOutcome $o) => $o->getStatus(), $outcomes));
    $counters = $publisher->getCounters();
    $maxAttempts = $policy?->getMaxAttempts() ?? 1;
    $extraAttempts = array_sum(array_map(fn (PublishOutcome $o) => $o->getAttempts() - 1, $outcomes));
    var_dump(
        count($outcomes) === N,
        array_diff(array_keys($statuses), [PublishOutcome::ACKED, PublishOutcome::TIMED_OUT]) === [],
        $counters['pending'] === 0,
        $counters['acked'] === ($statuses['acked'] ?? 0) && $counters['timed_out'] === ($statuses['timed_out'] ?? 0),
        $counters['acked'] + $counters['timed_out'] === N,
        $counters['republished'] === $extraAttempts,
        // Only timed-out attempts are retried, so an acked message made at most maxAttempts, a timed-out one exactly that.
        array_filter($outcomes, fn (PublishOutcome $o) => $o->getAttempts() < 1 || $o->getAttempts() > $maxAttempts
            || ($o->getStatus() === PublishOutcome::TIMED_OUT && $o->getAttempts() !== $maxAttempts)) === []
    );
    // The broker confirms the given-up publishes later: dropped, nothing changes.
    $ch->wait_for_pending_acks(10);
    var_dump($publisher->getCounters() === $counters);
    // Every message acked is in the queue; a timed-out one may be too (at-least-once, same message_id).
    $inQueue = [];
    while ($m = $ch->basic_get($q, true)) {
        $inQueue[$m->get('message_id')] = true;
    }
    $missing = array_filter($outcomes, fn (PublishOutcome $o) => $o->isConfirmed() && !isset($inQueue[$o->getMessage()->get('message_id')]));
    var_dump($missing === [], count($inQueue) >= count($outcomes) - ($statuses['timed_out'] ?? 0));
    // The Publisher goes on working with an ordinary timeout.
    echo $publisher->publish(new AMQPMessage('after'), '', $q, 10)->getStatus(), "\n";
    $ch->queue_delete($q);
}

echo "without a policy\n";
run($conn, null);
echo "with a policy of 3 attempts\n";
run($conn, new RetryPolicy(maxAttempts: 3, initialDelay: 0.001, jitter: 0.0));
?>
--EXPECT--
without a policy
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
acked
with a policy of 3 attempts
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
acked
