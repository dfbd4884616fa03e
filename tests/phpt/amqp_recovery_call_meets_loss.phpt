--TEST--
recovery when the call itself meets the loss (a proxy resets the connection as the call's method reaches it, before lapin's I/O thread has noticed): queue_declare, queue_bind, basic_get, basic_consume, channel() and a confirmed publish recover and complete on the new connection, once each; tx_commit and tx_rollback throw (the broker rolled the transaction back) and the next transaction commits; a no_ack basic_get throws; confirmed publishes whose publishing again is reset too are all confirmed once; a call reset on every attempt throws after recovery's deadline; without recovery the call throws as php-amqplib's
--EXTENSIONS--
mq
--INI--
mq.amqp_recovery_interval_ms=50
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$proxy = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
// The next connection through the proxy that sends this method is reset instead of forwarding it.
function reset_on(string $method, int $times = 1): void
{
    global $pipes;
    fwrite($pipes[0], "rst-on $method $times\n");
    fflush($pipes[0]);
    usleep(100000);
}
function connect(bool $recovery): AMQPStreamConnection
{
    global $port;
    $config = new AMQPConnectionConfig();
    $config->setPort($port);
    $config->setAutomaticRecovery($recovery);
    return AMQPConnectionFactory::create($config);
}

$direct = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$dc = $direct->channel();
$q = fresh_name('mq-meets-loss');
$dc->queue_declare($q, false, false, false, false);
$count = fn () => $dc->queue_declare($q, true)[1];

$conn = connect(true);
$states = [];
$conn->set_connection_recovery_handler(function (string $state) use (&$states) { $states[] = $state; });
$ch = $conn->channel();

echo "-- queue.declare\n";
reset_on('50 10');
var_dump($ch->queue_declare($q, false, false, false, false)[0] === $q);

echo "-- queue.bind\n";
reset_on('50 20');
var_dump($ch->queue_bind($q, 'amq.direct', $q));
$dc->basic_publish(new AMQPMessage('routed'), 'amq.direct', $q);
usleep(100000);
var_dump($count());

echo "-- basic.get\n";
reset_on('60 70');
$m = $ch->basic_get($q);
var_dump($m->getBody());
$m->ack();
usleep(100000);
var_dump($count());

echo "-- basic.consume\n";
reset_on('60 20');
$got = [];
$tag = $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$got) { $got[] = $m->getBody(); $m->ack(); });
$dc->basic_publish(new AMQPMessage('consumed'), '', $q);
$ch->wait(null, false, 5);
var_dump($got);
$ch->basic_cancel($tag);

echo "-- channel.open\n";
reset_on('20 10');
$other = $conn->channel();
var_dump($other->queue_declare($q, true)[0] === $q);

echo "-- a confirmed publish\n";
$ch->confirm_select();
$acked = 0;
$ch->set_ack_handler(function () use (&$acked) { $acked++; });
reset_on('60 40');
$ch->basic_publish(new AMQPMessage('confirmed'), '', $q);
$ch->wait_for_pending_acks(5);
var_dump($acked, $count());
$dc->queue_purge($q);

echo "-- tx.commit\n";
$tx = $conn->channel();
$tx->tx_select();
$tx->basic_publish(new AMQPMessage('in a transaction'), '', $q);
reset_on('90 20');
try {
    $tx->tx_commit();
    echo "committed\n";
} catch (Throwable $e) {
    echo get_class($e), "\n";
}
var_dump($count());
$tx->basic_publish(new AMQPMessage('again'), '', $q);
$tx->tx_commit();
usleep(100000);
var_dump($count());
$dc->queue_purge($q);

echo "-- tx.rollback: throws, and the next transaction commits\n";
reset_on('90 30');
try {
    $tx->tx_rollback();
    echo "rolled back\n";
} catch (Throwable $e) {
    echo get_class($e), "\n";
}
$tx->basic_publish(new AMQPMessage('next'), '', $q);
$tx->tx_commit();
usleep(100000);
var_dump($count());
$dc->queue_purge($q);

echo "-- an RPC that meets the loss between two transactions: the next one commits (nothing was lost)\n";
reset_on('50 10');
$tx->queue_declare($q, false, false, false, false);
$tx->basic_publish(new AMQPMessage('between'), '', $q);
$tx->tx_commit();
usleep(100000);
var_dump($count());
$dc->queue_purge($q);

echo "-- a no_ack basic.get: throws (what a lost answer took is gone), the next one gets the message\n";
$dc->basic_publish(new AMQPMessage('no_ack'), '', $q);
usleep(100000);
reset_on('60 70');
try {
    $ch->basic_get($q, true);
    echo "got\n";
} catch (Throwable $e) {
    echo get_class($e), "\n";
}
var_dump($ch->basic_get($q, true)->getBody());

echo "-- publishes in confirm mode whose publishing again is reset too: all confirmed, none twice\n";
reset_on('60 40', 3);
for ($i = 0; $i < 50; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
$ch->wait_for_pending_acks(10);
usleep(100000);
var_dump($acked, $count());
$dc->queue_purge($q);

echo "-- the recovery handler, at the next wait\n";
$ch->wait(null, true);
echo implode(',', array_unique($states)), "\n";
$conn->close();

echo "-- a call reset on every attempt: throws once recovery's deadline has passed\n";
ini_set('mq.amqp_recovery_deadline_ms', '1500');
$doomed = connect(true);
$dch = $doomed->channel();
reset_on('50 10', 1000);
$t = microtime(true);
try {
    $dch->queue_declare($q, false, false, false, false);
    echo "declared\n";
} catch (Throwable $e) {
    echo get_class($e), "\n";
}
$took = microtime(true) - $t;
echo $took >= 1.5 && $took < 10 ? "after the deadline\n" : "after $took s\n";
reset_on('50 10', 0);

echo "-- without recovery\n";
$plain = connect(false);
$pc = $plain->channel();
reset_on('50 10');
try {
    $pc->queue_declare($q, false, false, false, false);
    echo "declared\n";
} catch (Throwable $e) {
    echo get_class($e), "\n";
}

$dc->queue_delete($q);
$direct->close();
fclose($pipes[0]);
proc_close($proxy);
?>
--EXPECT--
-- queue.declare
bool(true)
-- queue.bind
NULL
int(1)
-- basic.get
string(6) "routed"
int(0)
-- basic.consume
array(1) {
  [0]=>
  string(8) "consumed"
}
-- channel.open
bool(true)
-- a confirmed publish
int(1)
int(1)
-- tx.commit
PhpAmqpLib\Exception\AMQPConnectionClosedException
int(0)
int(1)
-- tx.rollback: throws, and the next transaction commits
PhpAmqpLib\Exception\AMQPConnectionClosedException
int(1)
-- an RPC that meets the loss between two transactions: the next one commits (nothing was lost)
int(1)
-- a no_ack basic.get: throws (what a lost answer took is gone), the next one gets the message
PhpAmqpLib\Exception\AMQPConnectionClosedException
string(6) "no_ack"
-- publishes in confirm mode whose publishing again is reset too: all confirmed, none twice
int(51)
int(50)
-- the recovery handler, at the next wait
lost,recovered
-- a call reset on every attempt: throws once recovery's deadline has passed
PhpAmqpLib\Exception\AMQPConnectionClosedException
after the deadline
-- without recovery
PhpAmqpLib\Exception\AMQPConnectionClosedException
