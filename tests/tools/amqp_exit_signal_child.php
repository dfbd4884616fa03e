<?php
// Child of tests/phpt/amqp_exit_signal_pending.phpt: publishes $argv[3] messages of 64 KiB to queue
// $argv[2] (in confirm mode, without waiting for the acks, when $argv[4] is "confirm"), then queues a
// signal whose handler throws ($argv[1] "throw") or calls exit(7) ($argv[1] "exit") and ends with exit(3)
// before any wait could dispatch it: the end-of-request close is the first wait after it.
require __DIR__ . '/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

[, $mode, $q, $n] = $argv;
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
if (($argv[4] ?? '') === 'confirm') {
    $ch->confirm_select();
}
$body = str_repeat('s', 65536);
for ($i = 0; $i < $n; $i++) {
    $ch->basic_publish(new AMQPMessage($body), '', $q);
}
pcntl_signal(SIGUSR1, function () use ($mode) {
    echo "handler ran\n";
    if ($mode === 'exit') {
        exit(7);
    }
    throw new RuntimeException('from the handler');
});
posix_kill(getmypid(), SIGUSR1);   // queued: no async signals, nothing dispatches it before the end
echo "ending\n";
exit(3);
