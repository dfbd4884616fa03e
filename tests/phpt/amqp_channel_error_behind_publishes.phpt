--TEST--
the broker closes a channel (a publish to a missing exchange) while later publishes of that channel wait in the client to be written (a slow link: the proxy stops reading the client): the publish reports the channel's 404 as php-amqplib does, the connection and its other channel keep working, every publish made before the bad one is in the queue (the queued publishes followed the channel's close-ok and the broker closed the whole connection with CHANNEL_ERROR before)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$proxy = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);

$c = new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest');
$a = $c->channel();
$b = $c->channel();
$q = fresh_name('behind');
$missing = "missing-$q";
$a->queue_declare($q, false, false, false, false);
// Once the bad publish is through, the proxy reads nothing from us for 1.5 s while the broker's
// channel.close comes back: the burst behind it piles up in the client.
fwrite($pipes[0], 'hold-after ' . bin2hex($missing) . " 1500\n");
usleep(200000);
$body = str_repeat('s', 16384);
for ($i = 0; $i < 200; $i++) {
    $a->basic_publish(new AMQPMessage($body), '', $q);
}
$error = 'none';
try {
    $a->basic_publish(new AMQPMessage('bad'), $missing, 'k');
    for ($i = 0; $i < 3000; $i++) {
        $a->basic_publish(new AMQPMessage($body), '', $q);
    }
    $a->queue_declare($q, true);
} catch (Throwable $e) {
    $error = get_class($e) . ' ' . $e->getCode() . ': ' . preg_replace("/'[^']*'/", "'X'", $e->getMessage());
}
echo "channel A: $error\n";
[, $count] = $b->queue_declare($q, true);
echo "channel B works; the 200 publishes before the bad one are in the queue: ", $count >= 200 ? 'yes' : "no ($count)", "\n";
$c2 = $c->channel();
$c2->basic_publish(new AMQPMessage('after'), '', $q);
echo "a new channel publishes: ", $c2->basic_get($q) !== null ? 'yes' : 'no', "\n";
$b->queue_delete($q);
$c->close();
echo "closed: ", $c->isConnected() ? 'no' : 'yes', "\n";
fclose($pipes[0]);
proc_close($proxy);
?>
--EXPECT--
channel A: PhpAmqpLib\Exception\AMQPProtocolChannelException 404: NOT_FOUND - no exchange 'X' in vhost 'X'
channel B works; the 200 publishes before the bad one are in the queue: yes
a new channel publishes: yes
closed: yes
