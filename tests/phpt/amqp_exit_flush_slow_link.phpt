--TEST--
over a slow link (8 MB/s), 300 publishes of 64 KiB without confirms all reach the broker when the script ends without close(), with mq.amqp_destruct_flush_ms at 500: basic_publish waits once 64 KiB of bodies are unwritten, as php-amqplib's blocking writes hold the script back (the window was 1 024 publishes: 19 MB waited in the client and the 500 ms flush dropped most of them)
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

const N = 300;
$proxy = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
fwrite($pipes[0], "rate 8000000\n");

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
foreach (['end of script', 'exit()'] as $how) {
    $q = fresh_name('slow-exit');
    $ch->queue_declare($q, false, false, false, false, false, ['x-expires' => ['I', 60000]]);
    $args = implode(' ', array_map('escapeshellarg', [dirname(__DIR__) . '/tools/amqp_exit_flush_child.php', $how, $q, N, 65536]));
    $r = run_with_deadline('env MQ_AMQP_PORT=' . $port . ' ' . mq_child_php("-d mq.amqp_destruct_flush_ms=500 $args"), 30);
    // What the proxy still holds goes on after the child is gone: wait until the count settles.
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
