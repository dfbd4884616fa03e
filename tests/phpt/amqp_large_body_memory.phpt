--TEST--
a 100 MiB publish copies its body once (peak RSS grows by under 2.5 bodies: the PHP string and lapin's frames), and the broker gets the body as it was when basic_publish returned
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

const MIB = 100;
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('big-body');
$ch->queue_declare($q, false, false, false, false, false, ['x-expires' => ['I', 60000]]);

$r = run_with_deadline(mq_child_php(implode(' ', array_map('escapeshellarg', [dirname(__DIR__) . '/tools/amqp_big_publish_child.php', $q, MIB]))), 60);
echo preg_match('/^acked (\d+)$/m', $r['out'], $m) ? "acked $m[1]\n" : "child: {$r['status']}\n{$r['out']}\n";
if (preg_match('/^peak growth ([\d.]+) bodies$/m', $r['out'], $m)) {
    echo (float) $m[1] < 2.5 ? "copied once\n" : "peak grew by $m[1] bodies\n";
}

$got = $ch->basic_get($q, true);
var_dump($got !== null && $got->getBodySize() === MIB * 1024 * 1024);
var_dump($got !== null && substr($got->getBody(), -2) === 'mq' && strspn($got->getBody(), 'm') === MIB * 1024 * 1024 - 1);
$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
acked 1
copied once
bool(true)
bool(true)
