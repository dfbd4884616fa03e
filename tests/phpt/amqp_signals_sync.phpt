--TEST--
signals without pcntl_async_signals, as php-amqplib handles them: wait() without a timeout and the connection's select(null) run the handler and return null / 0; select() with a timeout returns 0, or 1 once a delivery waits; consume() runs the handler and goes on until a handler calls stopConsume(); mq's I/O threads block process signals, so they reach the PHP thread
--EXTENSIONS--
mq
pcntl
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

var_dump(pcntl_async_signals());
$fired = 0;
$stopAt = 0;
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
pcntl_signal(SIGALRM, function () use (&$fired, &$stopAt, $ch) {
    $fired++;
    if ($fired === $stopAt) {
        $ch->stopConsume();
    } elseif ($stopAt) {
        pcntl_alarm(1);
    }
});
$q = fresh_name('sigsync');
$ch->queue_declare($q, false, false, false, true);
$received = [];
$ch->basic_consume($q, '', false, true, false, false, function (AMQPMessage $m) use (&$received) { $received[] = $m->getBody(); });

echo "-- wait()\n";
$t0 = microtime(true);
pcntl_alarm(1);
var_dump($ch->wait(), $fired); // the handler ran inside wait(), without pcntl_signal_dispatch()
var_dump(microtime(true) - $t0 > 0.8);

echo "-- select(null)\n";
pcntl_alarm(1);
var_dump($conn->select(null), $fired);

echo "-- select() with a timeout\n";
$t0 = microtime(true);
var_dump($conn->select(0, 200000));
var_dump(microtime(true) - $t0 > 0.15);
$conn->channel()->basic_publish(new AMQPMessage('hello'), '', $q);
var_dump($conn->select(5), $received); // a delivery is waiting: wait() hands it over
$ch->wait(null, true);
var_dump($received);

echo "-- consume()\n";
$fired = 0;
$stopAt = 2;
$t0 = microtime(true);
pcntl_alarm(1);
$ch->consume(10);
var_dump($fired, microtime(true) - $t0 > 1.8);

echo "-- which threads block signals\n";
$blocking = [];
foreach (glob('/proc/self/task/*/status') as $status) {
    preg_match('/^SigBlk:\s*([0-9a-f]+)/m', file_get_contents($status), $m);
    $mask = hexdec(substr($m[1], -8));
    $blocking[basename(dirname($status)) == getmypid() ? 'php' : 'other'][] = ($mask >> (SIGALRM - 1)) & 1 && ($mask >> (SIGTERM - 1)) & 1;
}
var_dump($blocking['php'], count($blocking['other']) >= 2, !in_array(false, $blocking['other'], true));

$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
bool(false)
-- wait()
NULL
int(1)
bool(true)
-- select(null)
int(0)
int(2)
-- select() with a timeout
int(0)
bool(true)
int(1)
array(0) {
}
array(1) {
  [0]=>
  string(5) "hello"
}
-- consume()
int(2)
bool(true)
-- which threads block signals
array(1) {
  [0]=>
  bool(false)
}
bool(true)
bool(true)
