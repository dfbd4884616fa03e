--TEST--
a script ending with several connections whose links froze (no byte moves) ends after about one mq.amqp_destruct_flush_ms, not one per connection: once a connection has used up the budget, the next ones get 100 ms each without progress; a healthy connection closed after them still delivers its message (the end-of-request closes run one after another)
--EXTENSIONS--
mq
posix
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/child_php.php';
require dirname(__DIR__) . '/tools/run_child.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;

const FROZEN = 4;
$proxy = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
$pid = proc_get_status($proxy)['pid'];

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('exit-frozen');
$ch->queue_declare($q, false, false, false, false, false, ['x-expires' => ['I', 60000]]);
$args = implode(' ', array_map('escapeshellarg', [dirname(__DIR__) . '/tools/amqp_exit_frozen_child.php', $pid, FROZEN, $q]));
$r = run_with_deadline('env MQ_AMQP_PORT=' . $port . ' MQ_BROKER_PORT=' . amqp_port() . ' '
    . mq_child_php("-d extension=posix -d mq.amqp_destruct_flush_ms=1000 $args"), 60);
$ended = microtime(true);
preg_match('/ending at ([\d.]+)/', $r['out'], $m);
$exit = $ended - (float) ($m[1] ?? 0);
// One budget (1 s) and 100 ms for each of the others, give or take the polling; one budget each was 4 s.
printf("status %s, exit %s\n", $r['status'], $exit >= 0.9 && $exit < 2.5 ? 'after about one budget' : sprintf('after %.1f s', $exit));
posix_kill($pid, SIGUSR1);   // thawed: what the frozen links held may go on now
usleep(500000);
[, $count] = $ch->queue_declare($q, true);
// The healthy connection's message at least; the frozen ones' were in before the freeze.
echo $count === FROZEN + 1 ? "every message\n" : "$count of " . (FROZEN + 1) . " messages\n";
$ch->queue_delete($q);
$conn->close();
fclose($pipes[0]);
proc_close($proxy);
?>
--EXPECT--
status 0, exit after about one budget
every message
