--TEST--
AMQP: deliveries the broker sent before it closed the channel (an ack of an unknown tag: 406) reach the callbacks before the close's exception, in order, as php-amqplib reads them: a no_ack consumer's are off the queue already, and were lost (wait() threw the close first); wait() and consume() alike; so do messages it returned before the close (outside confirm mode)
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$connection = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
foreach (['wait', 'consume'] as $how) {
    $setup = $connection->channel();
    [$queue] = $setup->queue_declare('', false, false, true, false);
    for ($i = 0; $i < 100; $i++) {
        $setup->basic_publish(new AMQPMessage("$i"), '', $queue);
    }
    $setup->queue_declare($queue, true); // a round trip: the publishes are in the queue
    $channel = $connection->channel();
    $got = [];
    $channel->basic_consume($queue, '', false, true, false, false, function ($m) use (&$got) { $got[] = (int) $m->getBody(); });
    usleep(300000); // every delivery is in our socket
    $channel->basic_ack(999999);
    usleep(300000); // and the broker's close behind them
    $errors = [];
    for ($n = 0; $channel->is_consuming() && $n < 200; $n++) {
        try {
            $how === 'wait' ? $channel->wait(null, false, 2) : $channel->consume(2);
        } catch (Throwable $e) {
            $errors[] = get_class($e) . ' ' . $e->getCode();
        }
    }
    echo "$how: ", count($got), ' delivered, in order ', var_export($got === range(0, 99), true), ', ', json_encode($errors),
        ', left on the queue ', $setup->queue_declare($queue, true)[1], "\n";
    $setup->queue_delete($queue);
    $setup->close();
}
$channel = $connection->channel();
$returned = [];
$channel->set_return_listener(function ($code, $text, $exchange, $key, $m) use (&$returned) { $returned[] = $m->getBody(); });
for ($i = 0; $i < 5; $i++) {
    $channel->basic_publish(new AMQPMessage("r$i"), 'amq.direct', 'mq-test-nowhere', true);
}
$channel->basic_ack(999);
usleep(300000);
$errors = [];
for ($n = 0; $n < 10 && !$errors; $n++) {
    try {
        $channel->wait(null, false, 2);
    } catch (Throwable $e) {
        $errors[] = get_class($e) . ' ' . $e->getCode();
    }
}
echo 'returned: ', implode(',', $returned), ', ', json_encode($errors), "\n";
$connection->close();
?>
--EXPECT--
wait: 100 delivered, in order true, ["PhpAmqpLib\\Exception\\AMQPProtocolChannelException 406"], left on the queue 0
consume: 100 delivered, in order true, ["PhpAmqpLib\\Exception\\AMQPProtocolChannelException 406"], left on the queue 0
returned: r0,r1,r2,r3,r4, ["PhpAmqpLib\\Exception\\AMQPProtocolChannelException 406"]
