<?php
// Two consumers on one channel: deliveries are handed over in the order the broker sent them (delivery
// tags only grow), whichever consumer they are for, as php-amqplib reads them frame by frame. A
// `multiple` ack of one consumer's tag settles every lower tag of the channel, the other consumer's
// too: those must have been handed over already, or a crash after the ack loses them.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$a = name('shared-a');
$b = name('shared-b');
$ch->queue_declare($a, false, false, false, false);
$ch->queue_declare($b, false, false, false, false);
for ($i = 0; $i < 60; $i++) {
    $ch->basic_publish(new AMQPMessage("a$i"), '', $a);
    $ch->basic_publish(new AMQPMessage("b$i"), '', $b);
}
$ch->basic_qos(0, 25, false);
$tags = [];
$handled = [];
$unsettled = 0;
$callback = function (AMQPMessage $m) use (&$tags, &$handled, &$unsettled) {
    $tags[] = $m->getDeliveryTag();
    $handled[$m->getBody()] = true;
    // Every tenth message of the channel settles all it has handed over so far.
    if (++$unsettled === 10) {
        $m->ack(true);
        $unsettled = 0;
    }
};
$ch->basic_consume($a, 'ca', false, false, false, false, $callback);
$ch->basic_consume($b, 'cb', false, false, false, false, $callback);
while (count($tags) < 120) {
    $ch->wait(null, false, 5);
}
$sorted = $tags;
sort($sorted);
show('handed over', count($tags));
show('each message once', count($handled));
show('tags in the order the broker sent them', $tags === $sorted);
$ch->basic_cancel('ca');
$ch->basic_cancel('cb');
$ch->close();
$check = $conn->channel();
show('left in the queues', $check->queue_declare($a, true)[1] + $check->queue_declare($b, true)[1]);
$check->queue_delete($a);
$check->queue_delete($b);
$conn->close();
