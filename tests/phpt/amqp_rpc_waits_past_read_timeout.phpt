--TEST--
a channel RPC waits for the broker's answer beyond the read/write timeout unless channel_rpc_timeout is set, as php-amqplib's (its read timeout bounds only a frame it has begun to read): a purge answered after 2.5 s with a 1 s read/write timeout returns, and with a channel_rpc_timeout of 1 s it is php-amqplib's AMQPTimeoutException
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;

$proxy = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
$pid = proc_get_status($proxy)['pid'];
$q = fresh_name('slow-rpc');

/** Freezes the proxy now and thaws it after $seconds (SIGUSR1 toggles), from a child: this process waits. */
function freeze_for($proxy, int $pid, float $seconds): void
{
    proc_terminate($proxy, 10); // SIGUSR1
    exec(sprintf('(sleep %s; kill -USR1 %d) > /dev/null 2>&1 &', $seconds, $pid));
}

foreach ([0.0, 1.0] as $rpcTimeout) {
    $c = new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 1.0, null, false, 0, $rpcTimeout);
    $ch = $c->channel();
    $ch->queue_declare($q, false, false, false, false, false, ['x-expires' => ['I', 60000]]);
    freeze_for($proxy, $pid, 2.5);
    $t = microtime(true);
    try {
        $purged = $ch->queue_purge($q);
        printf("channel_rpc_timeout %s: purge returned %s after more than the read/write timeout: %s\n", $rpcTimeout, var_export($purged, true), var_export(microtime(true) - $t > 2.0, true));
    } catch (AMQPTimeoutException $e) {
        printf("channel_rpc_timeout %s: %s: %s\n", $rpcTimeout, get_class($e), $e->getMessage());
    }
    usleep(2_000_000);
    $c->close();
}
fclose($pipes[0]);
proc_terminate($proxy, 9);
proc_close($proxy);
?>
--EXPECT--
channel_rpc_timeout 0: purge returned 0 after more than the read/write timeout: true
channel_rpc_timeout 1: PhpAmqpLib\Exception\AMQPTimeoutException: The connection timed out after 1 sec while awaiting incoming data
