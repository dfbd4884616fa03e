--TEST--
a connection reset (RST) is reported once, by the first call after it (channel() included), and the next channel() connects anew with an empty $channels, as php-amqplib's connect() leaves it: channel(1) opens a live channel, and the lost channels hold no socket
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;

$p = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
$fds = fn() => count(scandir('/proc/self/fd'));

foreach (['channel()', 'queue_declare()'] as $first) {
    $c = new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest');
    $ch = $c->channel();
    $ch->queue_declare('', false, false, true);
    $before = $fds();
    fwrite($pipes[0], "rst\n");
    fflush($pipes[0]);
    usleep(300000);
    $calls = [
        [$first, $first === 'channel()' ? fn() => $c->channel() : fn() => $ch->queue_declare('', false, false, true)],
        ['channel()', fn() => $c->channel()],
    ];
    foreach ($calls as [$label, $call]) {
        try {
            $call();
            echo "$first then $label: returned\n";
        } catch (Exception $e) {
            echo "$first then $label: ", get_class($e), "\n";
        }
    }
    var_dump(array_keys($c->channels), $c->channel(1)->is_open(), $c->isConnected());
    unset($ch, $calls);
    gc_collect_cycles();
    var_dump($fds() <= $before); // the lost connection's socket is gone with its channels
    $c->close();
}
fclose($pipes[0]);
proc_close($p);
?>
--EXPECT--
channel() then channel(): PhpAmqpLib\Exception\AMQPConnectionClosedException
channel() then channel(): returned
array(2) {
  [0]=>
  int(0)
  [1]=>
  int(1)
}
bool(true)
bool(true)
bool(true)
queue_declare() then queue_declare(): PhpAmqpLib\Exception\AMQPConnectionClosedException
queue_declare() then channel(): returned
array(2) {
  [0]=>
  int(0)
  [1]=>
  int(1)
}
bool(true)
bool(true)
bool(true)
