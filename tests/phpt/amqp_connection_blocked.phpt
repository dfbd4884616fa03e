--TEST--
a broker resource alarm blocks the connection: block handler with the reason, isBlocked(), publishing (one message or a batch, which is kept) throws AMQPConnectionBlockedException; unblock handler when it clears
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPConnectionBlockedException;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;

$ctl = dirname(__DIR__, 2) . '/scripts/rabbitmq.sh ctl';
$alarm = fn(string $watermark) => shell_exec("$ctl set_vm_memory_high_watermark $watermark 2>&1");
register_shutdown_function($alarm, '0.4');

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$events = [];
$conn->set_connection_block_handler(function ($reason) use (&$events) { $events[] = "blocked: $reason"; });
$conn->set_connection_unblock_handler(function () use (&$events) { $events[] = 'unblocked'; });
$ch = $conn->channel();
[$q] = $ch->queue_declare('', false, false, true, true);
$seen = [];
$ch->basic_consume($q, '', false, true, false, false, function ($m) use (&$seen) { $seen[] = $m->getBody(); });

$waitFor = function (int $count) use ($ch, &$events) {
    for ($i = 0; $i < 40 && count($events) < $count; $i++) {
        try {
            $ch->wait(null, false, 0.5);
        } catch (AMQPTimeoutException $e) {
        }
    }
};
$alarm('0.0000001');
usleep(500000);
$ch->basic_publish(new AMQPMessage('trigger'), '', $q); // an alarm blocks a connection when it next publishes
$waitFor(1);
var_dump($events, $conn->isBlocked());
try {
    $ch->basic_publish(new AMQPMessage('while blocked'), '', $q);
    echo "published while blocked\n";
} catch (AMQPConnectionBlockedException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// A batch is refused whole and kept, as php-amqplib's publish_batch(): it goes out once unblocked.
$ch->batch_basic_publish(new AMQPMessage('batched'), '', $q);
try {
    $ch->publish_batch();
    echo "batch published while blocked\n";
} catch (AMQPConnectionBlockedException $e) {
    echo 'batch: ', get_class($e), "\n";
}
$alarm('0.4');
$waitFor(2);
var_dump($events[1] ?? null, $conn->isBlocked());
$ch->basic_publish(new AMQPMessage('after'), '', $q);
$ch->publish_batch();
$ch->basic_publish(new AMQPMessage('last'), '', $q);
for ($i = 0; $i < 20 && !in_array('last', $seen, true); $i++) {
    try {
        $ch->wait(null, false, 0.5);
    } catch (AMQPTimeoutException $e) {
    }
}
echo 'the batch went out once unblocked: ', var_export(in_array('batched', $seen, true), true), "\n";
$conn->close();
echo "done\n";
?>
--EXPECTF--
array(1) {
  [0]=>
  string(%d) "blocked: low on memory"
}
bool(true)
PhpAmqpLib\Exception\AMQPConnectionBlockedException: Connection is blocked due to low resources
batch: PhpAmqpLib\Exception\AMQPConnectionBlockedException
string(9) "unblocked"
bool(false)
the batch went out once unblocked: true
done
