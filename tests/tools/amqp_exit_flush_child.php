<?php
// Child of tests/phpt/amqp_exit_flush.phpt, amqp_exit_flush_slow_link.phpt and
// amqp_exit_flush_confirms.phpt: publishes $argv[3] messages of $argv[4] bytes (default 100) to queue
// $argv[2] without close() (in confirm mode, without waiting for the acks, when $argv[5] is "confirm";
// else without confirms), then ends the way $argv[1] says. Every message must still reach the broker.
require __DIR__ . '/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

[, $how, $q, $n] = $argv;
$size = (int) ($argv[4] ?? 100);
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
if (($argv[5] ?? '') === 'confirm') {
    $ch->confirm_select();
}
if ($how === 'no close on destruct') {
    $conn->set_close_on_destruct(false);
}
$body = str_repeat('b', $size);
for ($i = 0; $i < $n; $i++) {
    $ch->basic_publish(new AMQPMessage($body), '', $q);
}
echo "published\n";
switch ($how) {
    case 'end of script':
    case 'no close on destruct':
        break;
    case 'exit()':
        exit(3);
    case 'fatal error':
        undefined_function_for_the_test();
        break;
    case 'uncaught exception':
        throw new RuntimeException('uncaught');
    case 'memory exhausted':
        $hog = [];
        while (true) {
            $hog[] = str_repeat('x', 1 << 20);
        }
    case 'dropped mid-script':
        $conn = $ch = null;
        gc_collect_cycles();
        echo "dropped\n";
        usleep(200000);
        echo "still running\n";
        break;
}
