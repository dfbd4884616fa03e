--TEST--
pcntl_fork right after 5000 publishes in confirm mode: in the child, wait_for_pending_acks(1) on the inherited channel throws the "opened by a parent process" AMQPConnectionClosedException at once, never hangs (five times); the parent's confirms all arrive
--EXTENSIONS--
mq
pcntl
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPConnectionClosedException;
use PhpAmqpLib\Message\AMQPMessage;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('fork-pending');
$ch->queue_declare($q, false, false, true, false);
$ch->confirm_select();
$acked = 0;
$ch->set_ack_handler(function () use (&$acked) {
    $acked++;
});

$reports = [];
for ($round = 1; $round <= 5; $round++) {
    for ($i = 0; $i < 5000; $i++) {
        $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
    }
    $pipe = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
    $pid = pcntl_fork();
    if ($pid === 0) {
        fclose($pipe[0]);
        pcntl_alarm(10);   // a hang ends the child (the parent reports it), never the test run
        $t = microtime(true);
        try {
            $ch->wait_for_pending_acks(1);
            $report = 'no exception';
        } catch (Throwable $e) {
            $report = get_class($e) . ': ' . $e->getMessage();
        }
        $report .= microtime(true) - $t < 0.9 ? ', at once' : sprintf(', after %.1f s', microtime(true) - $t);
        fwrite($pipe[1], $report);
        fclose($pipe[1]);
        exit(0);
    }
    fclose($pipe[1]);
    stream_set_timeout($pipe[0], 15);
    $report = stream_get_contents($pipe[0]);
    $deadline = microtime(true) + 10;
    while (($w = pcntl_waitpid($pid, $status, WNOHANG)) === 0 && microtime(true) < $deadline) {
        usleep(20000);
    }
    if ($w === 0) {
        exec('kill -9 ' . (int) $pid);
        pcntl_waitpid($pid, $status);
        $report .= ', child hung at exit';
    }
    $report .= pcntl_wifexited($status) ? ', exit ' . pcntl_wexitstatus($status) : ', signal ' . pcntl_wtermsig($status);
    $reports[] = preg_match('/AMQPConnectionClosedException: .*opened by a parent process/', $report)
        ? preg_replace('/: .*opened by a parent process[^,]*/', ': ...opened by a parent process...', $report)
        : $report;
    // The parent's own confirms are unaffected.
    $ch->wait_for_pending_acks(10);
}
foreach (array_count_values($reports) as $report => $times) {
    echo "$times children: $report\n";
}
var_dump($acked, $ch->queue_declare($q, true)[1]);
$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
5 children: PhpAmqpLib\Exception\AMQPConnectionClosedException: ...opened by a parent process..., at once, exit 0
int(25000)
int(25000)
