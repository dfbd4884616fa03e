--TEST--
a broker whose connection.tune offers frame_max 4096 (AMQP's minimum; the proxy rewrites RabbitMQ's tune) gets a tune-ok of 4096, not 8192 (which such a broker refuses), and a 20 000-byte message goes through and back whole
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
fwrite($pipes[0], "frame-max 4096\n");
usleep(200000);

$c = new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest');
echo trim(fgets($pipes[1])), "\n";
$ch = $c->channel();
$q = fresh_name('fm4096');
$ch->queue_declare($q, false, false, false, false);
$body = '';
for ($i = 0; strlen($body) < 20000; $i++) {
    $body .= "$i,";
}
$body = substr($body, 0, 20000);
$ch->basic_publish(new AMQPMessage($body, ['application_headers' => new PhpAmqpLib\Wire\AMQPTable(['k' => str_repeat('h', 3000)])]), '', $q);
$got = null;
for ($i = 0; $i < 50 && $got === null; $i++) {
    $got = $ch->basic_get($q, true);
    $got ?? usleep(20000);
}
echo "back whole: ", var_export($got !== null && $got->getBody() === $body && strlen($got->get('application_headers')->getNativeData()['k']) === 3000, true), "\n";
$ch->queue_delete($q);
$c->close();
fclose($pipes[0]);
proc_close($proxy);
?>
--EXPECT--
tune-ok frame_max 4096
back whole: true
