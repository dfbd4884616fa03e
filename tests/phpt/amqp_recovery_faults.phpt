--TEST--
recovery from the failures that happen on networks, through a proxy between mq and the broker: the proxy goes silent (mq notices the missed heartbeats) and later resets the connection; each time a publisher in confirm mode reconnects, publishes its unconfirmed messages again, and every message is in the queue
--EXTENSIONS--
mq
pcntl
posix
--INI--
mq.amqp_recovery=On
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Message\AMQPMessage;

$proxy = proc_open([PHP_BINARY, '-n', dirname(__DIR__) . '/tools/amqp_freezing_proxy.php'], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
$pid = proc_get_status($proxy)['pid'];

$config = new AMQPConnectionConfig();
$config->setPort($port);
$config->setHeartbeat(1);
$config->setReadTimeout(2);
$config->setWriteTimeout(2);
$conn = AMQPConnectionFactory::create($config);
$events = [];
$conn->set_connection_recovery_handler(function (string $state, string $reason) use (&$events) {
    $events[] = $state . ($reason === '' ? '' : ": $reason");
});
$ch = $conn->channel();
$queue = fresh_name('mq-recovery-faults');
$ch->queue_declare($queue, false, true, false, false);
$ch->confirm_select();
$acked = [];
$ch->set_ack_handler(function (AMQPMessage $m) use (&$acked) { $acked[$m->get('message_id')] = true; });

$sent = 0;
function publish(int $count): void
{
    global $ch, $queue, $sent;
    for ($i = 0; $i < $count; $i++, $sent++) {
        $ch->basic_publish(new AMQPMessage("m$sent", ['message_id' => "m$sent", 'delivery_mode' => 2]), '', $queue);
    }
}

publish(50);
$ch->wait_for_pending_acks(5);
echo "acked before any fault: ", count($acked), "\n";

foreach (['silence' => SIGUSR1, 'reset' => SIGUSR2] as $fault => $signal) {
    posix_kill($pid, $signal);
    usleep(100000);
    publish(50);
    $started = microtime(true);
    $ch->wait_for_pending_acks(30);
    printf("after the %s: acked %d of %d, recovered within 30 s: %s\n", $fault, count($acked), $sent, var_export(microtime(true) - $started < 30, true));
}
foreach ($events as $e) {
    echo preg_replace(['/^lost: .*heartbeat.*/i', '/^lost: .*(reset|broken pipe|eof|closed|IO error).*/i'], ['lost: missed heartbeats', 'lost: socket failed'], $e), "\n";
}

$ids = [];
while ($m = $ch->basic_get($queue, true)) {
    $ids[$m->get('message_id')] = true;
}
echo "distinct messages in the queue: ", count($ids), " of $sent\n";
$ch->queue_delete($queue);
$conn->close();
fclose($pipes[0]);
proc_close($proxy);
?>
--EXPECT--
acked before any fault: 50
after the silence: acked 100 of 100, recovered within 30 s: true
after the reset: acked 150 of 150, recovered within 30 s: true
lost: missed heartbeats
recovered
lost: socket failed
recovered
distinct messages in the queue: 150 of 150
