--TEST--
queue arguments as AMQPTable and as legacy [type, value] arrays: quorum, stream (qos + x-stream-offset first, manual ack), lazy, x-max-priority, drop-head dead-lettering, x-message-ttl
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

function get_one($ch, string $q, int $tries = 150): ?AMQPMessage
{
    for ($i = 0; $i < $tries; $i++) {
        if (($m = $ch->basic_get($q, true)) !== null) {
            return $m;
        }
        usleep(20000);
    }
    return null;
}

function wait_count($ch, string $q, int $n): int
{
    for ($i = 0; $i < 150; $i++) {
        [, $count] = $ch->queue_declare($q, true);
        if ($count >= $n) {
            break;
        }
        usleep(20000);
    }
    return $count;
}

/** type and arguments of a queue as the broker's management API sees them */
function broker_queue(string $q): string
{
    $json = shell_exec('curl -s -u guest:guest http://127.0.0.1:15672/api/queues/%2F/' . rawurlencode($q));
    $info = json_decode((string) $json, true) ?: [];
    $args = $info['arguments'] ?? [];
    ksort($args);
    return ($info['type'] ?? '?') . ' ' . json_encode($args);
}

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$base = fresh_name('qtypes');
$deleteLater = [];

// Quorum (AMQPTable).
$q = $deleteLater[] = "$base-quorum";
$ch->queue_declare($q, false, true, false, false, false, new AMQPTable(['x-queue-type' => 'quorum']));
echo 'quorum: ', broker_queue($q), "\n";
$ch->basic_publish(new AMQPMessage('to quorum'), '', $q);
echo 'quorum got: ', get_one($ch, $q)?->getBody(), "\n";

// Stream (legacy array), consumed from the first offset with a prefetch and manual acks.
$q = $deleteLater[] = "$base-stream";
$ch->queue_declare($q, false, true, false, false, false, ['x-queue-type' => ['S', 'stream']]);
echo 'stream: ', broker_queue($q), "\n";
$ch->confirm_select();
foreach (['s0', 's1', 's2'] as $body) {
    $ch->basic_publish(new AMQPMessage($body), '', $q);
}
$ch->wait_for_pending_acks(5);
$sch = $conn->channel();
$sch->basic_qos(0, 10, false);
$got = [];
$tag = $sch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$got) {
    $got[] = $m->getBody() . '@' . $m->get('application_headers')->getNativeData()['x-stream-offset'];
    $m->ack();
}, null, new AMQPTable(['x-stream-offset' => 'first']));
$deadline = microtime(true) + 10;
while (count($got) < 3 && microtime(true) < $deadline) {
    $sch->wait(null, false, 5);
}
echo 'stream got: ', implode(' ', $got), "\n";
$sch->basic_cancel($tag);

// Lazy classic queue (legacy array).
$q = $deleteLater[] = "$base-lazy";
$ch->queue_declare($q, false, false, false, false, false, ['x-queue-mode' => ['S', 'lazy']]);
echo 'lazy: ', broker_queue($q), "\n";
$ch->basic_publish(new AMQPMessage('to lazy'), '', $q);
echo 'lazy got: ', get_one($ch, $q)?->getBody(), "\n";

// Priorities (AMQPTable): the highest priority comes out first.
$q = $deleteLater[] = "$base-prio";
$ch->queue_declare($q, false, false, false, false, false, new AMQPTable(['x-max-priority' => 10]));
echo 'priority: ', broker_queue($q), "\n";
foreach ([1, 9, 5, 0] as $p) {
    $ch->basic_publish(new AMQPMessage("p$p", ['priority' => $p]), '', $q);
}
wait_count($ch, $q, 4);
$order = [];
while (($m = $ch->basic_get($q, true)) !== null) {
    $order[] = $m->getBody() . '/' . ($m->has('priority') ? $m->get('priority') : '-');
}
echo 'priority got: ', implode(' ', $order), "\n";

// x-max-length 2 with the default overflow (drop-head): the oldest message is dead-lettered (legacy array).
$dlq = $deleteLater[] = "$base-dlq";
$ch->queue_declare($dlq, false, false, false, false);
$q = $deleteLater[] = "$base-bounded";
$ch->queue_declare($q, false, false, false, false, false, [
    'x-max-length' => ['I', 2],
    'x-dead-letter-exchange' => ['S', ''],
    'x-dead-letter-routing-key' => ['S', $dlq],
]);
echo 'bounded: ', broker_queue($q), "\n";
foreach (['m1', 'm2', 'm3'] as $body) {
    $ch->basic_publish(new AMQPMessage($body), '', $q);
}
$dead = get_one($ch, $dlq);
$death = $dead?->get('application_headers')->getNativeData()['x-death'][0] ?? [];
echo 'dead-lettered: ', $dead?->getBody(), ' reason=', $death['reason'] ?? '?', ' queue=', ($death['queue'] ?? '') === $q ? 'bounded' : '?', "\n";
wait_count($ch, $q, 2);
echo 'bounded keeps: ', get_one($ch, $q)?->getBody(), ' ', get_one($ch, $q)?->getBody(), "\n";

// x-message-ttl (AMQPTable): the message expires, and is dead-lettered as expired.
$q = $deleteLater[] = "$base-ttl";
$ch->queue_declare($q, false, false, false, false, false, new AMQPTable([
    'x-message-ttl' => 200,
    'x-dead-letter-exchange' => '',
    'x-dead-letter-routing-key' => $dlq,
]));
echo 'ttl: ', broker_queue($q), "\n";
$t = microtime(true);
$ch->basic_publish(new AMQPMessage('short-lived'), '', $q);
$dead = get_one($ch, $dlq);
$death = $dead?->get('application_headers')->getNativeData()['x-death'][0] ?? [];
echo 'expired: ', $dead?->getBody(), ' reason=', $death['reason'] ?? '?', ' after>=0.15s=', var_export(microtime(true) - $t >= 0.15, true), "\n";
var_dump($ch->basic_get($q, true));

foreach ($deleteLater as $q) {
    $ch->queue_delete($q);
}
$conn->close();
?>
--EXPECTF--
quorum: quorum {"x-queue-type":"quorum"}
quorum got: to quorum
stream: stream {"x-queue-type":"stream"}
stream got: s0@0 s1@1 s2@2
lazy: classic {"x-queue-mode":"lazy"}
lazy got: to lazy
priority: classic {"x-max-priority":10}
priority got: p9/9 p5/5 p1/1 p0/0
bounded: classic {"x-dead-letter-exchange":"","x-dead-letter-routing-key":"%s","x-max-length":2}
dead-lettered: m1 reason=maxlen queue=bounded
bounded keeps: m2 m3
ttl: classic {"x-dead-letter-exchange":"","x-dead-letter-routing-key":"%s","x-message-ttl":200}
expired: short-lived reason=expired after>=0.15s=true
NULL
