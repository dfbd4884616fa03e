--TEST--
AMQP: acks held back to go out together still reach the broker: within a few ms while the callback that acked goes on (the worker then killed), and when the script ends by exit(), an uncaught exception or its end without close()
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
require __DIR__ . '/../tools/child_php.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$connection = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$channel = $connection->channel();

/** Ready messages once the broker has requeued what the child held unacked (up to 10 s). */
function ready_after(AMQPStreamConnection $connection, string $queue, int $expected): int
{
    $deadline = microtime(true) + 10;
    do {
        $channel = $connection->channel();
        [, $ready] = $channel->queue_declare($queue, true);
        $channel->close();
        if ($ready === $expected) {
            return $ready;
        }
        usleep(50000);
    } while (microtime(true) < $deadline);
    return $ready;
}

foreach (['sleep', 'exit', 'throw', 'return'] as $mode) {
    $queue = fresh_name('mq-held-acks');
    $channel->queue_declare($queue, false, false, false, false);
    $channel->confirm_select();
    for ($i = 0; $i < 20; $i++) {
        $channel->basic_publish(new AMQPMessage("m$i"), '', $queue);
    }
    $channel->wait_for_pending_acks(5);
    $child = proc_open('exec ' . mq_child_php(escapeshellarg(__DIR__ . '/../tools/amqp_held_acks_child.php') . " $queue 5 $mode"),
        [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    if ($mode === 'sleep') {
        $line = fgets($pipes[1]);
        usleep(200000); // the callback goes on sleeping: nothing of the PHP thread writes the acks
        proc_terminate($child, SIGKILL);
    } else {
        $line = '';
    }
    stream_get_contents($pipes[2]);
    proc_close($child);
    printf("%s: %s, %d ready of 20\n", $mode, trim($line) ?: 'ended', ready_after($connection, $queue, 15));
    $channel->queue_delete($queue);
}
?>
--EXPECT--
sleep: acked, 15 ready of 20
exit: ended, 15 ready of 20
throw: ended, 15 ready of 20
return: ended, 15 ready of 20
