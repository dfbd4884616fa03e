--TEST--
AMQP: the broker closes a consuming channel (406, an ack of an unknown tag) while deliveries are in flight: RabbitMQ still writes deliveries for that channel after its channel.close; they are dropped (as php-amqplib drops frames for a channel it no longer has), and the channel is no longer consuming, the connection lives on: a new channel opens and works, every message is still on the broker or delivered once, the connection closes cleanly (8 rounds: the race needs the deliveries to arrive after our close-ok)
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$outcomes = [];
for ($round = 0; $round < 8; $round++) {
    $connection = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    $channel = $connection->channel();
    $queues = [];
    for ($k = 0; $k < 3; $k++) {
        [$queues[]] = $channel->queue_declare('', false, false, false, false);
        for ($i = 0; $i < 20; $i++) {
            $channel->basic_publish(new AMQPMessage("$i"), '', $queues[$k]);
        }
    }
    $channel->basic_qos(0, 5, false);
    $acked = 0;
    foreach ($queues as $k => $queue) {
        $channel->basic_consume($queue, "c$k", false, false, false, false, function ($m) use (&$acked, $k) {
            $m->ack();
            $acked++;
            if ($k === 0 && $acked >= 3) {
                $m->getChannel()->basic_ack($m->getDeliveryTag()); // twice: PRECONDITION_FAILED
            }
        });
    }
    $outcome = [];
    try {
        for ($i = 0; $i < 100; $i++) {
            $channel->wait(null, false, 2);
        }
    } catch (Throwable $e) {
        $outcome[] = get_class($e) . ' ' . $e->getCode();
    }
    // As php-amqplib's: the close emptied the callbacks, so a while (is_consuming()) loop ends.
    $outcome[] = 'consuming ' . var_export($channel->is_consuming(), true);
    try {
        $second = $connection->channel();
        $left = 0;
        foreach ($queues as $queue) {
            $left += $second->queue_declare($queue, true)[1];
        }
        // The 406 requeued what the closed channel held unacked (acks held back to go out together may
        // not have reached the broker before it closed the channel, so some acked ones come back too):
        // nothing lost, nothing duplicated, once the broker has requeued them.
        $deadline = microtime(true) + 5;
        while ($acked + $left < 60 && microtime(true) < $deadline) {
            usleep(50000);
            $left = 0;
            foreach ($queues as $queue) {
                $left += $second->queue_declare($queue, true)[1];
            }
        }
        $outcome[] = 'new channel works, all accounted for ' . var_export($acked + $left >= 60 && $left <= 60, true);
        foreach ($queues as $queue) {
            $second->queue_delete($queue);
        }
        $second->close();
        $connection->close();
        $outcome[] = 'closed';
    } catch (Throwable $e) {
        $outcome[] = 'after the error: ' . get_class($e) . ': ' . $e->getMessage();
    }
    $outcomes[implode(' | ', $outcome)] = ($outcomes[implode(' | ', $outcome)] ?? 0) + 1;
}
foreach ($outcomes as $outcome => $rounds) {
    echo "$rounds × $outcome\n";
}
?>
--EXPECT--
8 × PhpAmqpLib\Exception\AMQPProtocolChannelException 406 | consuming false | new channel works, all accounted for true | closed
