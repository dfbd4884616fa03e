--TEST--
Mq\RetryingConsumer::consume(): stop() from the handler returns after that message; the consumer stays registered, so the messages already prefetched are handled by the next consume() (none stuck unacked), in order; a timeout returns when nothing comes; stop() from a signal handler ends a consume() without timeout; a consumer dropped is freed at once and cancels its consumer
--EXTENSIONS--
mq
pcntl
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use Mq\RetryingConsumer;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('retry-loop');
$ch->queue_declare($q, false, false, false, false);

$handled = [];
$stopAt = 2;
$consumer = new RetryingConsumer($ch, $q, function (AMQPMessage $m) use (&$handled, &$stopAt, &$consumer) {
    $handled[] = $m->getBody();
    if (count($handled) === $stopAt) {
        $consumer->stop();
    }
}, prefetch: 4);
for ($i = 1; $i <= 6; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
$consumer->consume(20.0);
echo 'first consume(): ', implode(' ', $handled), "\n";
$stopAt = 6;
$consumer->consume(20.0);
echo 'second consume(): ', implode(' ', $handled), "\n";
$started = microtime(true);
$consumer->consume(0.5);
printf("nothing left: returned after the timeout: %s\n", microtime(true) - $started >= 0.5 ? 'yes' : 'no');
pcntl_async_signals(true);
pcntl_signal(SIGALRM, fn() => $consumer->stop());
pcntl_alarm(1);
$consumer->consume();
pcntl_signal(SIGALRM, SIG_DFL);
echo "stopped by a signal handler\n";
echo json_encode($consumer->getCounters()), "\n";
echo 'consumers on the channel: ', count($ch->callbacks), "\n";
// Dropped, the consumer is freed at once (the channel's callback and the publishing channel's handlers do
// not hold it) and cancels its consumer. The test's handler holds it through $consumer, set to null here.
$gone = WeakReference::create($consumer);
$consumer = null;
echo 'dropped: ', $gone->get() === null ? 'freed' : 'ALIVE', ', consumers on the channel: ', count($ch->callbacks), "\n";
$ch->close();
// Every message was acked: nothing comes back once the channel is gone.
$ch = $conn->channel();
[, $left] = $ch->queue_declare($q, true);
echo "left in the queue: $left\n";
$ch->queue_delete($q);
foreach ([100, 200, 400, 800] as $ms) {
    $ch->queue_delete("$q.retry.$ms");
}
$conn->close();
?>
--EXPECT--
first consume(): m1 m2
second consume(): m1 m2 m3 m4 m5 m6
nothing left: returned after the timeout: yes
stopped by a signal handler
{"handled":6,"retried":0,"exhausted":0,"skipped":0}
consumers on the channel: 1
dropped: freed, consumers on the channel: 0
left in the queue: 0
