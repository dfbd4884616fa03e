--TEST--
AMQP: a consumer that acks (nacks, rejects) in its callback and stops at its first non-blocking wait() that hands nothing over (a drain-then-exit worker, vyuldashev's --stop-when-empty) drains a queue longer than its prefetch window: the acks held back go out at that wait, which then gives the broker's next deliveries a moment to come
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$settles = [
    'ack' => fn(AMQPMessage $m) => $m->ack(),
    'nack' => fn(AMQPMessage $m) => $m->nack(false),
    'reject' => fn(AMQPMessage $m) => $m->reject(false),
];
foreach ($settles as $how => $settle) {
    $ch = $c->channel();
    [$q] = $ch->queue_declare('', false, false, true);
    for ($i = 0; $i < 200; $i++) {
        $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
    }
    $ch->queue_declare($q, true); // a round trip: the publishes are in the queue
    $ch->basic_qos(0, 10, false);
    $handled = 0;
    $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$handled, $settle) {
        $handled++;
        $settle($m);
    });
    $t0 = microtime(true);
    do {
        $before = $handled;
        $ch->wait(null, true);
    } while ($handled > $before && microtime(true) - $t0 < 30);
    // Before, every run stopped after the first window of 10; under load a slow broker may stop it later.
    echo "$how: ", $handled > 10 ? 'more than one window' : "stopped at $handled", "\n";
    $ch->close();
}

// A channel that settled nothing does not wait at all: polling an empty one while another acks.
$idle = $c->channel();
[$empty] = $idle->queue_declare('', false, false, true);
$idle->basic_consume($empty, '', false, false, false, false, fn() => null);
$t0 = hrtime(true);
for ($i = 0; $i < 100; $i++) {
    $idle->wait(null, true);
}
echo 'idle channel: ', (hrtime(true) - $t0) / 1e6 < 100 ? 'no refill wait' : 'waited', "\n";
$c->close();
?>
--EXPECT--
ack: more than one window
nack: more than one window
reject: more than one window
idle channel: no refill wait
