--TEST--
in confirm mode over a slow link (2 MB/s), 100 publishes of 64 KiB whose acks the script never waits for all reach the broker when it ends without close(), with mq.amqp_destruct_flush_ms at 500: the flush at the end goes on while bytes still move (the budget counts time without progress), and the connection closes cleanly, so the broker's unread acks do not reset the socket and drop what the kernel still had to send
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/child_php.php';
require dirname(__DIR__) . '/tools/run_child.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;

const N = 100;
$proxy = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
fwrite($pipes[0], "rate 2000000\n");

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
foreach (['end of script', 'exit()'] as $how) {
    $q = fresh_name('slow-exit-confirms');
    $ch->queue_declare($q, false, false, false, false, false, ['x-expires' => ['I', 60000]]);
    $args = implode(' ', array_map('escapeshellarg', [dirname(__DIR__) . '/tools/amqp_exit_flush_child.php', $how, $q, N, 65536, 'confirm']));
    $r = run_with_deadline('env MQ_AMQP_PORT=' . $port . ' ' . mq_child_php("-d mq.amqp_destruct_flush_ms=500 $args"), 30);
    // Whatever the proxy still holds goes on after the child is gone: wait until the count settles.
    $count = -1;
    for ($i = 0, $same = 0; $i < 100 && $same < 5 && $count < N; $i++) {
        usleep(100000);
        [, $now] = $ch->queue_declare($q, true);
        $same = $now === $count ? $same + 1 : 0;
        $count = $now;
    }
    printf("%s: status %s, %s, %s\n", $how, $r['status'], $count === N ? 'every message' : "$count messages (lost " . (N - $count) . ')', trim($r['out']));
    $ch->queue_delete($q);
}
$conn->close();
fclose($pipes[0]);
proc_close($proxy);
?>
--EXPECT--
end of script: status 0, every message, published
exit(): status 3, every message, published
