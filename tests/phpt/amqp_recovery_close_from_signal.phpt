--TEST--
recovery during an outage ends when a signal handler closes the connection (a worker's SIGTERM handler): the blocked wait() throws within about a second, no connection is made after it, it stays closed (recovery went on until mq.amqp_recovery_deadline_ms before)
--EXTENSIONS--
mq
pcntl
posix
--INI--
mq.amqp_recovery=On
mq.amqp_recovery_interval_ms=50
mq.amqp_recovery_deadline_ms=20000
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;

$proxy = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
$pid = proc_get_status($proxy)['pid'];

$config = new AMQPConnectionConfig();
$config->setPort($port);
$conn = AMQPConnectionFactory::create($config);
$notices = [];
$conn->set_connection_recovery_handler(function (string $state) use (&$notices) { $notices[] = $state; });
$ch = $conn->channel();
[$q] = $ch->queue_declare('', false, false, true, true);
$ch->basic_consume($q, '', false, true, false, false, function () {});

posix_kill($pid, SIGKILL); // the proxy's port refuses from now on: an outage
proc_close($proxy);
pcntl_signal(SIGALRM, function () use ($conn) { $conn->close(); });
pcntl_alarm(1);
$t = microtime(true);
try {
    $ch->wait(null, false, 30);
    echo "wait() returned\n";
} catch (Throwable $e) {
    echo "wait(): ", get_class($e), "\n";
}
printf("ended within 3 s: %s\n", var_export(microtime(true) - $t < 3, true));
printf("connected: %s, notices: %s\n", var_export($conn->isConnected(), true), implode(', ', $notices));
?>
--EXPECT--
wait(): PhpAmqpLib\Exception\AMQPConnectionClosedException
ended within 3 s: true
connected: false, notices: lost
