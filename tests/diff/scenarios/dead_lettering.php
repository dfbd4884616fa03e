<?php
// Dead-lettering: per-message TTL (expiration) and reject without requeue both route into a DLX.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$conn = connect();
$ch = $conn->channel();
$dlx = name('dlx');
$dlq = name('dead');
$work = name('work');
$ch->exchange_declare($dlx, 'fanout', false, false, false);
$ch->queue_declare($dlq, false, false, false, false);
$ch->queue_bind($dlq, $dlx);
$ch->queue_declare($work, false, false, false, false, false, new AMQPTable([
    'x-dead-letter-exchange' => $dlx,
]));

/** The stable part of a dead-lettered message. */
function dead(AMQPMessage $m): array
{
    $h = $m->get('application_headers')->getNativeData();
    $death = $h['x-death'][0];
    return [
        'body' => $m->getBody(),
        'expiration kept' => $m->has('expiration'),
        'x-first-death-reason' => $h['x-first-death-reason'],
        'x-first-death-queue' => $h['x-first-death-queue'],
        'x-first-death-exchange' => $h['x-first-death-exchange'],
        'x-death count' => $death['count'],
        'x-death reason' => $death['reason'],
        'x-death queue' => $death['queue'],
        'x-death exchange' => $death['exchange'],
        'x-death routing-keys' => $death['routing-keys'],
        'x-death original-expiration' => $death['original-expiration'] ?? null,
        'x-death time class' => get_class($death['time']),
        'routing key' => $m->getRoutingKey(),
        'exchange is the dlx' => $m->getExchange() === $GLOBALS['dlx'],
    ];
}

$ch->basic_publish(new AMQPMessage('expires', ['expiration' => '50']), '', $work);
$got = null;
$tag = $ch->basic_consume($dlq, '', false, true, false, false, function (AMQPMessage $m) use (&$got) {
    $got = $m;
});
try {
    $ch->wait(null, false, 5);
} catch (Throwable $e) {
    out('wait threw', exc($e));
}
$ch->basic_cancel($tag);
show('expired', $got ? dead($got) : null);

$ch->basic_publish(new AMQPMessage('rejected'), '', $work);
$m = null;
for ($i = 0; $i < 100 && $m === null; $i++) {
    $m = $ch->basic_get($work);
    $m ?? usleep(10000);
}
$m->reject(false);
$got = null;
for ($i = 0; $i < 100 && $got === null; $i++) {
    $got = $ch->basic_get($dlq, true);
    $got ?? usleep(10000);
}
show('rejected', $got ? dead($got) : null);

$ch->basic_publish(new AMQPMessage('nacked'), '', $work);
$m = null;
for ($i = 0; $i < 100 && $m === null; $i++) {
    $m = $ch->basic_get($work);
    $m ?? usleep(10000);
}
$m->nack(false);
$got = null;
for ($i = 0; $i < 100 && $got === null; $i++) {
    $got = $ch->basic_get($dlq, true);
    $got ?? usleep(10000);
}
show('nacked', $got ? dead($got) : null);
show('work left', $ch->queue_declare($work, true));
show('delete work', $ch->queue_delete($work));
show('delete dead', $ch->queue_delete($dlq));
$ch->exchange_delete($dlx);
$ch->close();
$conn->close();
