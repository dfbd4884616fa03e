--TEST--
Mq\RetryingConsumer, attempts used up: reject dead-letters to the work queue's DLX, republish sends a copy with the failure headers (and where the message was first published, kept across retries) to the given exchange, by default under its first routing key, requeue brings the message back after the longest delay forever with the attempts still counting; an error the policy does not retry is final at once; without a policy every Throwable is retried, with a RetryPolicy's default retryOn a LogicException is not; process() from the user's own loop
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

function get_one($ch, string $q): ?AMQPMessage
{
    for ($i = 0; $i < 250; $i++) {
        if (($m = $ch->basic_get($q, true)) !== null) {
            return $m;
        }
        usleep(20000);
    }
    return null;
}

/** Consumes $q with the user's own callback calling process() until $n outcomes; returns [outcome, attempts header, time]. */
function run(AMQPStreamConnection $conn, string $q, RetryingConsumer $consumer, int $n): array
{
    $ch = $conn->channel();
    $seen = [];
    $ch->basic_qos(0, 10, false);
    $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use ($consumer, &$seen) {
        $headers = $m->has('application_headers') ? $m->get('application_headers')->getNativeData() : [];
        $at = microtime(true);
        $seen[] = [$consumer->process($m), $headers['x-mq-attempts'] ?? null, $at];
    });
    while (count($seen) < $n) {
        $ch->wait(null, false, 10);
    }
    $ch->close();
    return $seen;
}

function show(string $label, array $seen): void
{
    echo $label, ': ', implode(', ', array_map(fn($s) => $s[0] . '@' . var_export($s[1], true), $seen)), "\n";
}

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$base = fresh_name('retry-exhausted');
$fail = function (AMQPMessage $m) {
    throw new RuntimeException('always ' . $m->getBody());
};
$cleanup = [];

// reject: the work queue dead-letters to a fanout exchange bound to a parking queue.
$q = $cleanup[] = "$base-reject";
$dlq = $cleanup[] = "$base-reject-dlq";
$ch->exchange_declare("$base-dlx", 'fanout', false, false, true);
$ch->queue_declare($dlq, false, false, false, false);
$ch->queue_bind($dlq, "$base-dlx");
$ch->queue_declare($q, false, false, false, false, false, new AMQPTable(['x-dead-letter-exchange' => "$base-dlx"]));
$policy = new RetryPolicy(maxAttempts: 2, initialDelay: 0.1, retryOn: [RuntimeException::class]);
$consumer = new RetryingConsumer($ch, $q, $fail, $policy, RetryingConsumer::EXHAUSTED_REJECT);
$ch->basic_publish(new AMQPMessage('r1', ['message_id' => 'r1']), '', $q);
show('reject', run($conn, $q, $consumer, 2));
$dead = get_one($ch, $dlq);
$headers = $dead->get('application_headers')->getNativeData();
printf("dead-lettered: %s id=%s attempts=%s reason=%s from=%s\n", $dead->getBody(), $dead->get('message_id'),
    var_export($headers['x-mq-attempts'], true), $headers['x-death'][0]['reason'],
    $headers['x-death'][0]['queue'] === $q ? 'work queue' : $headers['x-death'][0]['queue']);
echo 'counters: ', json_encode($consumer->getCounters()), "\n";

// An error the policy does not retry is final on the first attempt.
$consumer = new RetryingConsumer($ch, $q, fn() => throw new LogicException('a bug'), $policy);
$ch->basic_publish(new AMQPMessage('r2'), '', $q);
show('not retried', run($conn, $q, $consumer, 1));
echo 'dead-lettered: ', get_one($ch, $dlq)?->getBody(), "\n";

// republish: to a direct exchange, the failure in the headers, the original acked.
$q = $cleanup[] = "$base-republish";
$parked = $cleanup[] = "$base-parked";
$ch->exchange_declare("$base-park", 'direct', false, false, true);
$ch->queue_declare($parked, false, false, false, false);
$ch->queue_bind($parked, "$base-park", 'failed');
$ch->queue_declare($q, false, false, false, false);
// Published through an exchange of its own: the retry brings it back by the default exchange, yet the
// headers name where it was first published.
$ch->exchange_declare("$base-in", 'direct', false, false, true);
$ch->queue_bind($q, "$base-in", 'incoming');
$consumer = new RetryingConsumer($ch, $q, $fail, $policy, RetryingConsumer::EXHAUSTED_REPUBLISH, "$base-park", 'failed');
$ch->basic_publish(new AMQPMessage('p1', ['message_id' => 'p1', 'application_headers' => new AMQPTable(['mine' => 7])]), "$base-in", 'incoming');
show('republish', run($conn, $q, $consumer, 2));
$copy = get_one($ch, $parked);
$headers = $copy->get('application_headers')->getNativeData();
ksort($headers);
unset($headers['x-death'], $headers['x-first-death-exchange'], $headers['x-first-death-queue'], $headers['x-first-death-reason'],
    $headers['x-last-death-exchange'], $headers['x-last-death-queue'], $headers['x-last-death-reason']);
printf("republished: %s id=%s via %s/%s\n", $copy->getBody(), $copy->get('message_id'), $copy->getExchange() === "$base-park" ? 'park' : '?', $copy->getRoutingKey());
echo str_replace(["$base-in", $q], ['IN', 'Q'], json_encode($headers)), "\n";
[, $left] = $ch->queue_declare($q, true);
echo "left in the work queue: $left\n";
echo 'counters: ', json_encode($consumer->getCounters()), "\n";

// republish without a routing key: the one the message was first published with, also after a retry.
$q2 = $cleanup[] = "$base-republish-rk";
$ch->queue_declare($q2, false, false, false, false);
$ch->queue_bind($q2, "$base-in", 'first-key');
$ch->queue_bind($parked, "$base-park", 'first-key');
$consumer = new RetryingConsumer($ch, $q2, $fail, $policy, RetryingConsumer::EXHAUSTED_REPUBLISH, "$base-park");
$ch->basic_publish(new AMQPMessage('p2'), "$base-in", 'first-key');
show('republish, first routing key', run($conn, $q2, $consumer, 2));
$copy = get_one($ch, $parked);
echo 'republished: ', $copy->getBody(), ' with routing key ', $copy->getRoutingKey(), "\n";

// requeue: maxAttempts 3 (delays 0.2 s then 0.4 s); after the third attempt every further one comes 0.4 s later.
$q = $cleanup[] = "$base-requeue";
$ch->queue_declare($q, false, false, false, false);
$consumer = new RetryingConsumer($ch, $q, $fail,
    new RetryPolicy(maxAttempts: 3, initialDelay: 0.2, multiplier: 2.0, retryOn: [RuntimeException::class]), RetryingConsumer::EXHAUSTED_REQUEUE);
$ch->basic_publish(new AMQPMessage('q1'), '', $q);
$seen = run($conn, $q, $consumer, 5);
show('requeue', $seen);
printf("gaps after attempts 3 and 4 >= 400 ms: %s\n", $seen[3][2] - $seen[2][2] >= 0.4 && $seen[4][2] - $seen[3][2] >= 0.4 ? 'yes' : 'no');
echo 'counters: ', json_encode($consumer->getCounters()), "\n";
// Still in flight: back in the 400 ms retry queue, then in the work queue.
$back = get_one($ch, $q);
echo 'back again: ', $back->getBody(), ' attempts=', $back->get('application_headers')->getNativeData()['x-mq-attempts'], "\n";

// Without a policy every \Throwable is retried (a RetryPolicy's own default is the transient AMQP errors only).
$q = $cleanup[] = "$base-default";
$ch->queue_declare($q, false, false, false, false);
$consumer = new RetryingConsumer($ch, $q, fn() => throw new LogicException('a bug'));
$ch->basic_publish(new AMQPMessage('d1'), '', $q);
show('no policy', run($conn, $q, $consumer, 1));
$consumer = new RetryingConsumer($ch, $q, fn() => throw new LogicException('a bug'), new RetryPolicy(maxAttempts: 5));
show('a RetryPolicy with its default retryOn', run($conn, $q, $consumer, 1));

foreach ($cleanup as $name) {
    $ch->queue_delete($name);
    foreach ([100, 200, 400, 800] as $ms) {
        $ch->queue_delete("$name.retry.$ms");
    }
}
$conn->close();
?>
--EXPECT--
reject: retried@NULL, rejected@2
dead-lettered: r1 id=r1 attempts=2 reason=rejected from=work queue
counters: {"handled":0,"retried":1,"exhausted":1,"skipped":0}
not retried: rejected@NULL
dead-lettered: r2
republish: retried@NULL, republished@2
republished: p1 id=p1 via park/failed
{"mine":7,"x-mq-attempts":2,"x-mq-error-class":"RuntimeException","x-mq-error-message":"always p1","x-mq-original-exchange":"IN","x-mq-original-routing-key":"incoming"}
left in the work queue: 0
counters: {"handled":0,"retried":1,"exhausted":1,"skipped":0}
republish, first routing key: retried@NULL, republished@2
republished: p2 with routing key first-key
requeue: retried@NULL, retried@2, requeued@3, requeued@4, requeued@5
gaps after attempts 3 and 4 >= 400 ms: yes
counters: {"handled":0,"retried":2,"exhausted":3,"skipped":0}
back again: q1 attempts=6
no policy: retried@NULL
a RetryPolicy with its default retryOn: rejected@2
