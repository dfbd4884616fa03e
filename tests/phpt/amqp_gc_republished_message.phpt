--TEST--
a received message republished in confirm mode, then dropped with its channel and connection before the confirm, is collected by gc_collect_cycles() (message -> channel -> held message); the publish still reaches the broker, and a message held by a channel still in use is not freed by a collection
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$admin = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$control = $admin->channel();
$queue = 'mq_gc_republished_' . getmypid();
$control->queue_declare($queue, false, false, false, false);
$control->basic_publish(new AMQPMessage('body'), '', $queue);

function republish(string $queue, bool $batched): array
{
    $connection = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    $channel = $connection->channel();
    $message = null;
    for ($i = 0; $i < 100 && $message === null; $i++) {
        $message = $channel->basic_get($queue, true) ?? usleep(10000);
    }
    $channel->confirm_select();
    if ($batched) {
        $channel->batch_basic_publish($message, '', $queue);
        $channel->publish_batch();
    } else {
        $channel->basic_publish($message, '', $queue);
    }
    $refs = [
        'message' => WeakReference::create($message),
        'channel' => WeakReference::create($channel),
        'connection' => WeakReference::create($connection),
    ];
    unset($message, $channel, $connection);
    gc_collect_cycles();
    return array_map(fn (WeakReference $r) => $r->get() === null ? 'collected' : 'ALIVE', $refs);
}

foreach ([false, true, false] as $batched) {
    echo $batched ? 'publish_batch' : 'basic_publish', ': ', json_encode(republish($queue, $batched)), "\n";
}

// Held messages of a channel still in use survive collections while their confirms are awaited.
$channel = $admin->channel();
$channel->confirm_select();
$acked = [];
$channel->set_ack_handler(function (AMQPMessage $m) use (&$acked) { $acked[] = $m->getBody(); });
for ($i = 0; $i < 200; $i++) {
    $channel->basic_publish(new AMQPMessage("m$i"), '', $queue);
    if ($i % 50 === 0) {
        gc_collect_cycles();
    }
}
gc_collect_cycles();
$channel->wait_for_pending_acks(5);
echo 'acked intact: ', count($acked) === 200 && $acked[199] === 'm199' ? 'yes' : json_encode(array_slice($acked, -3)), "\n";

[, $count] = $control->queue_declare($queue, true);
echo "on the broker: $count\n";
$control->queue_delete($queue);
$admin->close();
?>
--EXPECT--
basic_publish: {"message":"collected","channel":"collected","connection":"collected"}
publish_batch: {"message":"collected","channel":"collected","connection":"collected"}
basic_publish: {"message":"collected","channel":"collected","connection":"collected"}
acked intact: yes
on the broker: 201
