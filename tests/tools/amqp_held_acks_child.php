<?php
// Child of amqp_acks_held.phpt: consumes QUEUE with a prefetch of 20, acks each message, and after the
// ACKS-th ack ends as MODE says: "sleep" (prints "acked", then sleeps in the callback until killed),
// "exit" (exit() in the callback), "throw" (an uncaught exception from the callback), "return" (stops
// consuming and the script ends without close()).
require __DIR__ . '/brokers.php';
[, $queue, $acks, $mode] = $argv;
$connection = new PhpAmqpLib\Connection\AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$channel = $connection->channel();
$channel->basic_qos(0, 20, false);
$done = 0;
$channel->basic_consume($queue, '', false, false, false, false, function ($message) use (&$done, $acks, $mode) {
    $message->ack();
    if (++$done < (int) $acks) {
        return;
    }
    switch ($mode) {
        case 'sleep':
            echo "acked\n";
            sleep(30);
            break;
        case 'exit':
            exit(0);
        case 'throw':
            throw new RuntimeException('out of the callback');
    }
});
while ($done < (int) $acks) {
    $channel->wait(null, false, 10);
}
