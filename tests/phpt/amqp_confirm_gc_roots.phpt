--TEST--
messages awaiting their confirm are not left in PHP's cycle-collector root buffer (each filled it: a collection every 10 000 publishes scanned them all), and still reach the ack handler, whether published one by one or with publish_batch(); a message in a reference cycle is collected once confirmed; one published twice stays intact
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

class Cyclic extends AMQPMessage
{
    public $self;
}

$connection = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$channel = $connection->channel();
[$queue] = $channel->queue_declare('', false, false, true);
$acked = 0;
$channel->set_ack_handler(function (AMQPMessage $message) use (&$acked) {
    $acked += $message->getBody() === 'x' ? 1 : 0;
});
$channel->confirm_select();
gc_collect_cycles();
$before = gc_status();
for ($i = 0; $i < 25000; $i++) {
    $channel->basic_publish(new AMQPMessage('x'), '', $queue);
}
$during = gc_status();
// A few roots come from elsewhere (the handler's closure, arrays); one per message did before.
echo 'roots added while awaiting confirms: ', $during['roots'] - $before['roots'] < 100 ? 'a few' : $during['roots'] - $before['roots'], "\n";
echo 'collections run: ', $during['runs'] - $before['runs'], "\n";
$channel->wait_for_pending_acks();
echo "acked: $acked\n";

// Batched, then published with publish_batch(): the same.
gc_collect_cycles();
$before = gc_status();
for ($i = 0; $i < 25000; $i++) {
    $channel->batch_basic_publish(new AMQPMessage('x'), '', $queue);
}
$channel->publish_batch();
$during = gc_status();
echo 'roots added by a batch awaiting confirms: ', $during['roots'] - $before['roots'] < 100 ? 'a few' : $during['roots'] - $before['roots'], "\n";
$channel->wait_for_pending_acks();
echo "acked: $acked\n";

// A cycle through a published message: garbage once mq lets it go.
$message = new Cyclic('x');
$message->self = $message;
$channel->basic_publish($message, '', $queue);
unset($message);
echo 'collected while held: ', gc_collect_cycles(), "\n";
$channel->wait_for_pending_acks();
echo 'collected once confirmed: ', gc_collect_cycles() > 0 ? 'yes' : 'no', "\n";

// The same object published twice, then reused.
$again = new AMQPMessage('x');
$channel->basic_publish($again, '', $queue);
$channel->basic_publish($again, '', $queue);
$channel->wait_for_pending_acks();
$again->setBody('y');
echo "acked: $acked, reused body: ", $again->getBody(), "\n";
[, $count] = $channel->queue_declare($queue, true);
echo "on the broker: $count\n";
$connection->close();
?>
--EXPECT--
roots added while awaiting confirms: a few
collections run: 0
acked: 25000
roots added by a batch awaiting confirms: a few
acked: 50000
collected while held: 0
collected once confirmed: yes
acked: 50003, reused body: y
on the broker: 50003
