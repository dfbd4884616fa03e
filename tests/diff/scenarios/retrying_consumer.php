<?php
// Mq\RetryingConsumer (mq's own, compiled into mq.so) on php-amqplib's public API: under php-amqplib its
// source file is loaded as plain PHP, and both clients must give the same retries, outcomes and headers.
require __DIR__ . '/_prelude.php';
// Under php-amqplib there is no Mq\RetryPolicy: a stand-in with the methods the consumer calls.
require_once __DIR__ . '/../retry_policy_standin.php';
if (client() === 'amqplib') {
    require_once __DIR__ . '/../../../src/amqp/php/RetryingConsumer.php';
}

use Mq\RetryingConsumer;
use Mq\RetryPolicy;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$conn = connect();
$ch = $conn->channel();
$work = name('work');
$work2 = name('work2');
$dlx = name('dlx');
$dead = name('dead');
$park = name('park');
$parked = name('parked');
$ch->exchange_declare($dlx, 'fanout', false, false, false);
$ch->queue_declare($dead, false, false, false, false);
$ch->queue_bind($dead, $dlx);
$ch->exchange_declare($park, 'direct', false, false, false);
$ch->queue_declare($parked, false, false, false, false);
$ch->queue_bind($parked, $park, 'failed');
$ch->queue_declare($work, false, false, false, false);
$ch->queue_declare($work2, false, false, false, false, false, new AMQPTable(['x-dead-letter-exchange' => $dlx]));
$policy = new RetryPolicy(maxAttempts: 3, initialDelay: 0.1, multiplier: 2.0, retryOn: [RuntimeException::class]);

function headers(AMQPMessage $m): array
{
    $h = $m->has('application_headers') ? $m->get('application_headers')->getNativeData() : [];
    return array_intersect_key($h, array_flip(['x-mq-attempts', 'x-mq-error-class', 'x-mq-error-message',
        'x-mq-original-exchange', 'x-mq-original-routing-key', 'mine']));
}

// consume(): fails twice, then succeeds; a duplicate message_id is skipped.
$seenIds = [];
$consumer = new RetryingConsumer($ch, $work, function (AMQPMessage $m) use (&$consumer) {
    $h = headers($m);
    show('handler got ' . $m->getBody(), $h);
    if (($h['x-mq-attempts'] ?? 1) < 3) {
        throw new RuntimeException('not yet');
    }
    $consumer->stop();
}, $policy, firstSeen: function (string $id) use (&$seenIds): bool {
    out("firstSeen($id)");
    return !isset($seenIds[$id]) && $seenIds[$id] = true;
});
$ch->basic_publish(new AMQPMessage('flaky', ['message_id' => 'f-1', 'application_headers' => new AMQPTable(['mine' => 'x'])]), '', $work);
$ch->basic_publish(new AMQPMessage('duplicate', ['message_id' => 'f-1']), '', $work);
$consumer->consume(10.0);
show('counters', $consumer->getCounters());

// process() from the user's own loop, on another queue (the consumer above stays registered on $work):
// reject (to the DLX), then republish (to the parking exchange).
$fail = fn(AMQPMessage $m) => throw new RuntimeException('always ' . $m->getBody());
$rejecting = new RetryingConsumer($ch, $work2, $fail, $policy);
$republishing = new RetryingConsumer($ch, $work2, $fail, $policy, RetryingConsumer::EXHAUSTED_REPUBLISH, $park, 'failed');
$ch2 = $conn->channel();
foreach (['rejected' => $rejecting, 'republished' => $republishing] as $body => $c) {
    $ch2->basic_publish(new AMQPMessage($body), '', $work2);
    $outcomes = [];
    $tag = $ch2->basic_consume($work2, '', false, false, false, false, function (AMQPMessage $m) use ($c, &$outcomes) {
        $outcomes[] = $c->process($m);
    });
    while (count($outcomes) < 3) {
        $ch2->wait(null, false, 10);
    }
    $ch2->basic_cancel($tag);
    show($body, $outcomes);
}
$m = drain($ch, $dead, 1);
show('dead-lettered', $m);
$got = null;
for ($i = 0; $i < 250 && ($got = $ch->basic_get($parked, true)) === null; $i++) {
    usleep(20000);
}
show('parked', [$got->getBody(), headers($got)]);

foreach ([$work, $work2, $dead, $parked, "$work.retry.100", "$work.retry.200", "$work2.retry.100", "$work2.retry.200"] as $q) {
    $ch->queue_delete($q);
}
$ch->exchange_delete($dlx);
$ch->exchange_delete($park);
