--TEST--
recovery when the call itself meets the loss (a proxy resets the connection as the call's method reaches it, before lapin's I/O thread has noticed): queue_declare, queue_bind, basic_get, basic_consume, channel() and a confirmed publish recover and complete on the new connection, once each; tx_commit throws (the broker rolled the transaction back) and the next transaction commits; without recovery the call throws as php-amqplib's
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
function reset_on(string $method): void
{
    global $pipes;
    fwrite($pipes[0], "rst-on $method 1\n");
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
$tag = $ch->basic_consume($q, '', false, true, false, false, function (AMQPMessage $m) use (&$got) { $got[] = $m->getBody(); });
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

echo "-- the recovery handler, at the next wait\n";
$ch->wait(null, true);
echo implode(',', array_unique($states)), "\n";
$conn->close();

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
-- the recovery handler, at the next wait
lost,recovered
-- without recovery
PhpAmqpLib\Exception\AMQPConnectionClosedException
