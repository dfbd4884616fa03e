--TEST--
a signal during wait(): without a timeout the handler runs and wait() returns null; with a timeout the handler runs and wait() throws AMQPTimeoutException at once (naming the timeout), as php-amqplib's does
--EXTENSIONS--
mq
pcntl
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;

pcntl_async_signals(true);
$fired = [];
pcntl_signal(SIGALRM, function (int $signo) use (&$fired) {
    $fired[] = microtime(true);
});

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('sig');
$ch->queue_declare($q, false, false, false, true);
$received = 0;
$ch->basic_consume($q, '', false, true, false, false, function () use (&$received) { $received++; });

// 1. No timeout: blocks until the signal, then returns null.
$t0 = microtime(true);
pcntl_alarm(1);
$r = $ch->wait();
$elapsed = microtime(true) - $t0;
var_dump($r, count($fired), $received);
var_dump($elapsed > 0.8 && $elapsed < 3.0);
var_dump($fired[0] - $t0 > 0.8);   // the handler ran before wait() returned

// 2. With a timeout: the handler runs after ~1 s and wait() throws its timeout then, as php-amqplib's
// select ends on the signal (consumers check their stop flags on it).
$fired = [];
$t0 = microtime(true);
pcntl_alarm(1);
try {
    $ch->wait(null, false, 3);
    echo "no exception\n";
} catch (AMQPTimeoutException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$elapsed = microtime(true) - $t0;
var_dump(count($fired), $received);
var_dump($fired[0] - $t0 > 0.8 && $fired[0] - $t0 < 2.0);
var_dump($elapsed > 0.8 && $elapsed < 2.0);

// The channel is still usable.
var_dump($ch->is_open(), $ch->is_consuming());
$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
NULL
int(1)
int(0)
bool(true)
bool(true)
PhpAmqpLib\Exception\AMQPTimeoutException: The connection timed out after 3 sec while awaiting incoming data
int(1)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
