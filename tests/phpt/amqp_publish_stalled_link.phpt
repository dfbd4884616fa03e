--TEST--
a link that stops taking data fails basic_publish with php-amqplib's AMQPTimeoutException ("Error sending data. Connection timed out.") once nothing was written for the write timeout, instead of blocking for ever (without heartbeats nothing else ends the wait); a slow link that keeps taking data does not fail, however long the publishes wait (eight 1 MB bodies at 1.5 MB/s with a 1 s timeout)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

function proxy(): array
{
    $proxy = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
        [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    return [$proxy, $pipes, (int) fgets($pipes[1])];
}

$admin = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$q = fresh_name('stalled');
$admin->channel()->queue_declare($q, false, false, false, false, false, ['x-expires' => ['I', 60000]]);

// Stalled: the proxy freezes (forwards nothing) after 5 publishes.
[$proxy, $pipes, $port] = proxy();
$c = new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 1.0);
$ch = $c->channel();
$body = str_repeat('s', 65536);
$t = microtime(true);
try {
    for ($i = 0; $i < 3000; $i++) {
        if ($i === 5) {
            proc_terminate($proxy, 10); // SIGUSR1: freeze
        }
        $ch->basic_publish(new AMQPMessage($body), '', $q);
    }
    echo "stalled: all published?!\n";
} catch (Throwable $e) {
    printf("stalled: %s: %s (timeout %s); within 10 s: %s\n", get_class($e), $e->getMessage(), $e->getTimeout(), var_export(microtime(true) - $t < 10, true));
}
proc_terminate($proxy, 9);
proc_close($proxy);

// Slow but moving: 1.5 MB/s, eight 1 MB bodies (more than the socket buffers hold, so publishes wait
// for the link), write timeout 1 s.
[$proxy, $pipes, $port] = proxy();
fwrite($pipes[0], "rate 1500000\n");
usleep(200000);
$c = new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 1.0);
$ch = $c->channel();
$slow = fresh_name('slow');
$admin->channel()->queue_declare($slow, false, false, false, false, false, ['x-expires' => ['I', 60000]]);
$t = microtime(true);
try {
    for ($i = 0; $i < 8; $i++) {
        $ch->basic_publish(new AMQPMessage(str_repeat('m', 1000000)), '', $slow);
    }
    printf("slow: published; the publishes waited longer than the timeout: %s\n", var_export(microtime(true) - $t > 1.5, true));
} catch (Throwable $e) {
    echo "slow: ", get_class($e), ': ', $e->getMessage(), "\n";
}
$count = 0;
for ($i = 0; $i < 200 && $count < 8; $i++) {
    usleep(100000);
    [, $count] = $admin->channel()->queue_declare($slow, true);
}
echo "slow: $count in the queue\n";
$c->close();
$admin->channel()->queue_delete($slow);
$admin->channel()->queue_delete($q);
$admin->close();
fclose($pipes[0]);
proc_close($proxy);
?>
--EXPECT--
stalled: PhpAmqpLib\Exception\AMQPTimeoutException: Error sending data. Connection timed out. (timeout 1); within 10 s: true
slow: published; the publishes waited longer than the timeout: true
slow: 8 in the queue
