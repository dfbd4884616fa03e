--TEST--
AMQP: a consumer cancelled with deliveries still buffered, then started again under the same tag (wait and nowait cancel): as php-amqplib, the buffered deliveries go to the new callback in queue order, no AMQPBasicCancelException, the new consumer keeps consuming, nothing is left on the queue
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

foreach ([false, true] as $nowait) {
    $connection = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    $channel = $connection->channel();
    [$queue] = $channel->queue_declare('', false, false, true, false);
    for ($i = 0; $i < 30; $i++) {
        $channel->basic_publish(new AMQPMessage("$i"), '', $queue);
    }
    $channel->basic_qos(0, 10, false);
    $got = [];
    $channel->basic_consume($queue, 'x', false, false, false, false, function ($m) use (&$got) { $got[] = 'old' . $m->getBody(); $m->ack(); });
    $channel->wait(null, false, 2);
    $channel->wait(null, false, 2);
    usleep(200000); // the rest of the prefetch window arrives and waits in mq's buffer
    $channel->basic_cancel('x', $nowait);
    $channel->basic_consume($queue, 'x', false, false, false, false, function ($m) use (&$got) { $got[] = 'new' . $m->getBody(); $m->ack(); });
    $errors = [];
    $deadline = microtime(true) + 10;
    while (count($got) < 30 && microtime(true) < $deadline) {
        try {
            $channel->wait(null, false, 2);
        } catch (Throwable $e) {
            $errors[] = get_class($e);
        }
    }
    $bodies = array_map(fn($g) => (int) substr($g, 3), $got);
    echo $nowait ? 'nowait' : 'wait', ': ', count($got), ' delivered, in order ', var_export($bodies === range(0, 29), true),
        ', old callback ', count(array_filter($got, fn($g) => str_starts_with($g, 'old'))),
        ', errors ', json_encode($errors), ', consuming ', var_export($channel->is_consuming(), true), "\n";
    $channel->basic_cancel('x');
    [, $left] = $channel->queue_declare($queue, true);
    echo "left on the queue: $left\n";
    $connection->close();
}
?>
--EXPECT--
wait: 30 delivered, in order true, old callback 2, errors [], consuming true
left on the queue: 0
nowait: 30 delivered, in order true, old callback 2, errors [], consuming true
left on the queue: 0
