--TEST--
recovery's edges, from an adversarial review: the first RPC after an idle loss works; publishes confirmed before the loss are not published again; a transaction the broker rolled back makes tx_commit throw and commits nothing of it; publish_batch keeps what the replay buffer refused; the channel id stays the same; an auto-delete queue whose last consumer the program cancelled is not declared again; per-consumer prefetch is replayed per consumer; a recovery made by basic_get reaches the recovery handler; select() after a loss recovers the connection's channels
--EXTENSIONS--
mq
--INI--
mq.amqp_recovery=On
mq.amqp_recovery_interval_ms=100
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Message\AMQPMessage;

$name = fresh_name('mq-recovery-edges');
$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName($name);
$conn = AMQPConnectionFactory::create($config);
function lose(): void
{
    global $name;
    amqp_force_close($name, 'edges') || print("connection not found\n");
    usleep(300000);
}
function count_in(string $queue): int
{
    global $ch;
    return $ch->queue_declare($queue, true)[1];
}

$ch = $conn->channel();
$id = $ch->getChannelId();
$q = fresh_name('mq-edges-q');

echo "-- the first RPC after an idle loss\n";
lose();
var_dump($ch->queue_declare($q, false, true, false, false)[0] === $q);
echo "channel id kept: ", var_export($ch->getChannelId() === $id && isset($conn->channels[$id]), true), "\n";

echo "-- confirmed publishes are not published again\n";
$ch->confirm_select();
for ($i = 0; $i < 50; $i++) {
    $ch->basic_publish(new AMQPMessage("c$i"), '', $q);
}
usleep(300000); // the acks arrive, unhandled
lose();
$ch->wait_for_pending_acks(10);
echo "in the queue: ", count_in($q), "\n";
$ch->queue_purge($q);

echo "-- a transaction cut by the loss\n";
$tx = $conn->channel();
$tx->tx_select();
$tx->basic_publish(new AMQPMessage('a'), '', $q);
lose();
$tx->basic_publish(new AMQPMessage('b'), '', $q);
try {
    $tx->tx_commit();
    echo "committed\n";
} catch (Exception $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
echo "in the queue: ", count_in($q), "\n";
$tx->basic_publish(new AMQPMessage('again'), '', $q);
$tx->tx_commit();
echo "after a new commit: ", count_in($q), "\n";
$ch->queue_purge($q);

echo "-- publish_batch at the replay limit\n";
ini_set('mq.amqp_replay_buffer', '10');
for ($i = 0; $i < 25; $i++) {
    $ch->batch_basic_publish(new AMQPMessage("b$i"), '', $q);
}
while (true) {
    try {
        $ch->publish_batch();
        break;
    } catch (PhpAmqpLib\Exception\AMQPRuntimeException $e) {
        $ch->wait_for_pending_acks(10);
    }
}
$ch->wait_for_pending_acks(10);
echo "in the queue: ", count_in($q), "\n";
ini_restore('mq.amqp_replay_buffer');

echo "-- an auto-delete queue, and prefetch per consumer\n";
$auto = fresh_name('mq-edges-auto');
$ch->queue_declare($auto, false, false, false, true);
$tag = $ch->basic_consume($auto, '', false, true, false, false, function () {});
$ch->basic_cancel($tag);
$c = $conn->channel();
$one = fresh_name('mq-edges-one');
$fifty = fresh_name('mq-edges-fifty');
$c->queue_declare($one, false, false, false, false);
$c->queue_declare($fifty, false, false, false, false);
$c->basic_qos(0, 1, false);
$c->basic_consume($one, 'one', false, false, false, false, function () {});
$c->basic_qos(0, 50, false);
$c->basic_consume($fifty, 'fifty', false, false, false, false, function () {});
lose();
$c->basic_qos(0, 50, false); // recovers this channel
$ch->queue_declare(fresh_name('mq-edges-x'), false, false, true, true); // and this one
try {
    $ch->queue_declare($auto, true);
    echo "the auto-delete queue was declared again\n";
} catch (PhpAmqpLib\Exception\AMQPProtocolChannelException $e) {
    echo "the auto-delete queue stays gone: ", $e->getCode(), "\n";
    $ch = $conn->channel();
}
// Five unacked messages for each consumer: prefetch 1 lets one through, prefetch 50 all five.
$got = ['one' => 0, 'fifty' => 0];
$c->callbacks['one'] = function () use (&$got) { $got['one']++; };
$c->callbacks['fifty'] = function () use (&$got) { $got['fifty']++; };
for ($i = 0; $i < 5; $i++) {
    $ch->basic_publish(new AMQPMessage('p'), '', $one);
    $ch->basic_publish(new AMQPMessage('p'), '', $fifty);
}
try {
    while (true) {
        $c->wait(null, false, 1);
    }
} catch (PhpAmqpLib\Exception\AMQPTimeoutException $e) {
}
echo "delivered unacked: ", json_encode($got), "\n";
echo "-- a polling worker's basic_get tells the recovery handler\n";
$events = [];
$conn->set_connection_recovery_handler(function (string $state) use (&$events) { $events[] = $state; });
$polled = fresh_name('mq-edges-polled');
$ch->queue_declare($polled, false, false, false, false);
lose();
var_dump($ch->basic_get($polled) === null);
echo "events: ", implode(', ', $events), "\n";
echo "-- a consumer loop on select(): select() recovers the channels, whose consumers deliver again\n";
$seen = [];
$ch->basic_consume($polled, '', false, true, false, false, function (AMQPMessage $m) use (&$seen) { $seen[] = $m->getBody(); });
lose();
// The other channel's consumers get their unacked messages again: something to wait() for.
var_dump($conn->select(1));
$ch->wait(null, true);
$ch->basic_publish(new AMQPMessage('after select'), '', $polled);
for ($t = microtime(true); !$seen && microtime(true) - $t < 5;) {
    if ($conn->select(0, 100000)) {
        $ch->wait(null, true);
    }
}
echo "consumed: ", json_encode($seen), "\n";
foreach ([$q, $one, $fifty, $polled] as $queue) {
    $ch->queue_delete($queue);
}
$conn->close();
?>
--EXPECT--
-- the first RPC after an idle loss
bool(true)
channel id kept: true
-- confirmed publishes are not published again
in the queue: 50
-- a transaction cut by the loss
PhpAmqpLib\Exception\AMQPConnectionClosedException: The connection was lost during the transaction and the broker rolled it back: nothing of it was committed; publish it again
in the queue: 0
after a new commit: 1
-- publish_batch at the replay limit
in the queue: 25
-- an auto-delete queue, and prefetch per consumer
the auto-delete queue stays gone: 404
delivered unacked: {"one":1,"fifty":5}
-- a polling worker's basic_get tells the recovery handler
bool(true)
events: lost, recovered
-- a consumer loop on select(): select() recovers the channels, whose consumers deliver again
int(1)
consumed: ["after select"]
