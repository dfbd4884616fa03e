--TEST--
publisher confirms: 50 000 confirmed publishes with no wait in between cost under 600 bytes each outside PHP's own memory (the message objects, which the php-amqplib API keeps until their ack), and every one is acked, in delivery-tag order, with its own message
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

const N = 50000;
/** Resident memory outside PHP's allocator (its chunks are counted by memory_get_usage(true)). */
function outside_php(): int
{
    return (int) explode(' ', file_get_contents('/proc/self/statm'))[1] * 4096 - memory_get_usage(true);
}

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('confirm-memory');
$ch->queue_declare($q, false, false, false, false, false, ['x-expires' => ['I', 60000]]);
$ch->confirm_select();
$next = 1;
$out_of_order = 0;
$ch->set_ack_handler(function (AMQPMessage $m) use (&$next, &$out_of_order) {
    if ($m->getDeliveryTag() !== $next++ || $m->getBody() !== "m{$m->getDeliveryTag()}") {
        $out_of_order++;
    }
});
$ch->set_nack_handler(fn() => throw new RuntimeException('nacked'));
// A first burst and its wait, untimed: the I/O buffers and allocator arenas are warm afterwards.
for ($i = 1; $i <= 10000; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
$ch->wait_for_pending_acks(30);

$before = outside_php();
for ($i = 10001; $i <= 10000 + N; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
usleep(300000); // the broker's acks arrive meanwhile, unread
$per_message = (outside_php() - $before) / N;
echo $per_message < 600 ? "small\n" : "$per_message bytes per pending confirm outside PHP\n";

$ch->wait_for_pending_acks(60);
var_dump($next - 1, $out_of_order);
var_dump($ch->queue_declare($q, true)[1]);
$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
small
int(60000)
int(0)
int(60000)
