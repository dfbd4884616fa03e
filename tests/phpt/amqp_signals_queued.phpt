--TEST--
signals that arrive while PHP code runs (a consumer callback), without pcntl_async_signals, have their handlers run by the next wait(), consume(), wait_for_pending_acks() or RPC, as php-amqplib's select dispatches them: a worker stops on SIGTERM instead of ignoring it; and a publish the broker refused, followed at once by an RPC, reports the broker's reason every time
--EXTENSIONS--
mq
pcntl
posix
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

var_dump(pcntl_async_signals());
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();

echo "-- wait() loop: SIGTERM sent from a callback\n";
$q = fresh_name('sig-queued');
$ch->queue_declare($q, false, false, false, false);
for ($i = 0; $i < 5; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
$stop = false;
pcntl_signal(SIGTERM, function () use (&$stop) { $stop = true; });
$handled = 0;
$tag = $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$handled) {
    if (++$handled === 1) {
        posix_kill(getmypid(), SIGTERM); // pcntl queues it: PHP code is running
    }
    $m->ack();
});
$t = microtime(true);
while (!$stop && microtime(true) - $t < 10) {
    try {
        $ch->wait(null, false, 1);
    } catch (PhpAmqpLib\Exception\AMQPTimeoutException $e) {
    }
}
// The next message may already be read when the handler runs (php-amqplib's too): never all five.
printf("stopped %s before the last message: %s\n", var_export($stop, true), var_export($handled < 5, true));
$ch->basic_cancel($tag);

echo "-- consume(): the handler cancels the consumer\n";
for ($i = 0; $i < 20; $i++) {
    $ch->basic_publish(new AMQPMessage("c$i"), '', $q);
}
$ch->basic_qos(0, 1, false);
$handled = 0;
$tag = null;
pcntl_signal(SIGTERM, function () use ($ch, &$tag) { $ch->basic_cancel($tag); });
$tag = $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$handled) {
    if (++$handled === 1) {
        posix_kill(getmypid(), SIGTERM);
    }
    $m->ack();
});
$t = microtime(true);
$ch->consume(5.0);
printf("consume() returned within 3 s: %s, after %d message(s)\n", var_export(microtime(true) - $t < 3, true), $handled);

echo "-- wait_for_pending_acks(): SIGTERM sent from an ack handler\n";
$ch->queue_purge($q);
$ch->confirm_select();
$ran = 0;
pcntl_signal(SIGTERM, function () use (&$ran) { $ran++; });
$acked = 0;
$ch->set_ack_handler(function () use (&$acked) {
    if (++$acked === 1) {
        posix_kill(getmypid(), SIGTERM);
    }
});
$ch->basic_publish(new AMQPMessage('a'), '', $q);
$ch->wait_for_pending_acks(5);
$ch->basic_publish(new AMQPMessage('b'), '', $q);
$ch->wait_for_pending_acks(5);
printf("handler ran %d time(s), %d ack(s)\n", $ran, $acked);

echo "-- an RPC: SIGTERM queued before it\n";
$ran = 0;
posix_kill(getmypid(), SIGTERM);
$ch->queue_declare($q, true);
printf("handler ran %d time(s)\n", $ran);
$ch->queue_delete($q);

echo "-- a refused publish, then an RPC at once (100 times)\n";
$tally = [];
for ($i = 0; $i < 100; $i++) {
    $c = $conn->channel();
    $c->basic_publish(new AMQPMessage('x'), fresh_name('no-such-exchange'), 'rk');
    try {
        $c->queue_declare('', false, false, true, true);
        $r = 'no exception';
    } catch (Throwable $e) {
        $r = get_class($e) . '(' . $e->getCode() . ')';
    }
    $tally[$r] = ($tally[$r] ?? 0) + 1;
}
foreach ($tally as $r => $n) {
    echo "$n x $r\n";
}
$conn->close();
?>
--EXPECT--
bool(false)
-- wait() loop: SIGTERM sent from a callback
stopped true before the last message: true
-- consume(): the handler cancels the consumer
consume() returned within 3 s: true, after 1 message(s)
-- wait_for_pending_acks(): SIGTERM sent from an ack handler
handler ran 1 time(s), 2 ack(s)
-- an RPC: SIGTERM queued before it
handler ran 1 time(s)
-- a refused publish, then an RPC at once (100 times)
100 x PhpAmqpLib\Exception\AMQPProtocolChannelException(404)
