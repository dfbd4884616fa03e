--TEST--
Mq\RetryingConsumer: a handler that fails twice then succeeds is handled on the third delivery, after at least each configured delay, through one durable retry queue per delay; the copies keep body, properties (not a per-message expiration, which would cut the delay short) and headers and carry the attempt and the failure
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
$q = fresh_name('retry-succeed');
$ch->queue_declare($q, false, false, false, false);

$seen = [];
$handler = function (AMQPMessage $m) use (&$seen, &$consumer) {
    $headers = $m->get('application_headers')->getNativeData();
    $seen[] = ['at' => microtime(true), 'headers' => $headers, 'body' => $m->getBody(),
        'id' => $m->get('message_id'), 'type' => $m->get('content_type')];
    if (count($seen) <= 2) {
        throw new RuntimeException('fail ' . count($seen));
    }
    $consumer->stop();
};
$consumer = new RetryingConsumer($ch, $q, $handler,
    new RetryPolicy(maxAttempts: 4, initialDelay: 0.3, multiplier: 2.0, retryOn: [RuntimeException::class]));

$ch->basic_publish(new AMQPMessage('payload', ['message_id' => 'm-1', 'content_type' => 'text/plain',
    'application_headers' => new AMQPTable(['custom' => 'kept'])]), '', $q);
$consumer->consume(20.0);

echo count($seen), " deliveries\n";
foreach ($seen as $i => $s) {
    printf("delivery %d: body=%s id=%s type=%s custom=%s attempts=%s error=%s: %s from=%s/%s\n", $i + 1, $s['body'],
        $s['id'], $s['type'], $s['headers']['custom'], var_export($s['headers']['x-mq-attempts'] ?? null, true),
        $s['headers']['x-mq-error-class'] ?? '-', $s['headers']['x-mq-error-message'] ?? '-',
        $s['headers']['x-mq-original-exchange'] ?? '-', isset($s['headers']['x-mq-original-routing-key']) ? ($s['headers']['x-mq-original-routing-key'] === $q ? 'queue' : 'other') : '-');
}
// The policy's delays after attempts 1 and 2: 0.3 s and 0.6 s.
printf("gap 1 >= 300 ms: %s\n", $seen[1]['at'] - $seen[0]['at'] >= 0.3 ? 'yes' : 'no');
printf("gap 2 >= 600 ms: %s\n", $seen[2]['at'] - $seen[1]['at'] >= 0.6 ? 'yes' : 'no');
echo json_encode($consumer->getCounters()), "\n";

// One durable queue per delay (attempts 1 to 3 of 4): x-message-ttl, dead-lettered back to the work queue.
foreach ([300, 600, 1200] as $ms) {
    $info = json_decode((string) shell_exec('curl -s -u guest:guest http://127.0.0.1:15672/api/queues/%2F/' . rawurlencode("$q.retry.$ms")), true) ?: [];
    $args = $info['arguments'] ?? [];
    ksort($args);
    printf("retry queue %d ms: durable=%s %s\n", $ms, var_export($info['durable'] ?? null, true),
        str_replace($q, 'Q', json_encode($args)));
}
[, $left] = $ch->queue_declare($q, true);
echo "left in the work queue: $left\n";

// A message with a per-message TTL (1 s) shorter than the delay (2 s): the copy comes back after the delay.
$ch2 = $conn->channel();
$q2 = "$q-expiring";
$ch2->queue_declare($q2, false, false, false, false);
$times = [];
$expiring = new RetryingConsumer($ch2, $q2, function (AMQPMessage $m) use (&$times, &$expiring) {
    $times[] = [microtime(true), $m->has('expiration') ? $m->get('expiration') : 'none'];
    if (count($times) === 1) {
        throw new RuntimeException('once');
    }
    $expiring->stop();
}, new RetryPolicy(maxAttempts: 2, initialDelay: 2.0, retryOn: [RuntimeException::class]));
$ch2->basic_publish(new AMQPMessage('expiring', ['expiration' => '1000']), '', $q2);
$expiring->consume(20.0);
printf("expiration: %s then %s, gap >= 2 s: %s\n", $times[0][1], $times[1][1], $times[1][0] - $times[0][0] >= 2.0 ? 'yes' : 'no');
$ch2->queue_delete($q2);
$ch2->queue_delete("$q2.retry.2000");
// Delays are whole milliseconds rounded up, from the float the policy gives: 0.1 s * 3 is
// 0.30000000000000004 s, a 300 ms queue (not 301).
$rounding = new RetryingConsumer($ch2, $q2, fn() => null, new RetryPolicy(maxAttempts: 3, initialDelay: 0.1, multiplier: 3.0));
$rounding->declareRetryQueues();
foreach ([100, 300, 301] as $ms) {
    $probe = $conn->channel();
    try {
        $probe->queue_declare("$q2.retry.$ms", true);
        echo "$ms ms queue: declared\n";
        $probe->queue_delete("$q2.retry.$ms");
        $probe->close();
    } catch (PhpAmqpLib\Exception\AMQPProtocolChannelException $e) {
        echo "$ms ms queue: ", $e->getCode(), "\n";
    }
}

// The handlers hold their consumers (to stop them): let go, so nothing is left in a cycle at exit.
$consumer = $expiring = null;
foreach ([300, 600, 1200] as $ms) {
    $ch->queue_delete("$q.retry.$ms");
}
$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
3 deliveries
delivery 1: body=payload id=m-1 type=text/plain custom=kept attempts=NULL error=-: - from=-/-
delivery 2: body=payload id=m-1 type=text/plain custom=kept attempts=2 error=RuntimeException: fail 1 from=/queue
delivery 3: body=payload id=m-1 type=text/plain custom=kept attempts=3 error=RuntimeException: fail 2 from=/queue
gap 1 >= 300 ms: yes
gap 2 >= 600 ms: yes
{"handled":1,"retried":2,"exhausted":0,"skipped":0}
retry queue 300 ms: durable=true {"x-dead-letter-exchange":"","x-dead-letter-routing-key":"Q","x-message-ttl":300}
retry queue 600 ms: durable=true {"x-dead-letter-exchange":"","x-dead-letter-routing-key":"Q","x-message-ttl":600}
retry queue 1200 ms: durable=true {"x-dead-letter-exchange":"","x-dead-letter-routing-key":"Q","x-message-ttl":1200}
left in the work queue: 0
expiration: 1000 then none, gap >= 2 s: yes
100 ms queue: declared
300 ms queue: declared
301 ms queue: 404
