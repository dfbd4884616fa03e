--TEST--
AMQP: a consumer that acks in its callback and stops at its first non-blocking wait() that hands nothing over (a drain-then-exit worker, vyuldashev's --stop-when-empty) drains a queue longer than its prefetch window: the acks held back go out at that wait, which then gives the broker's next deliveries a moment to come
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
$ch = $c->channel();
[$q] = $ch->queue_declare('', false, false, true);
for ($i = 0; $i < 200; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
$ch->queue_declare($q, true); // a round trip: the publishes are in the queue
$ch->basic_qos(0, 10, false);
$handled = 0;
$ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$handled) {
    $handled++;
    $m->ack();
});
$t0 = microtime(true);
do {
    $before = $handled;
    $ch->wait(null, true);
} while ($handled > $before && microtime(true) - $t0 < 30);
// Before, every run stopped after the first window of 10; under load a slow broker may stop it later.
var_dump($handled > 10);
$c->close();
?>
--EXPECT--
bool(true)
