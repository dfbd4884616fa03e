--TEST--
AMQP: a return listener that publishes again and waits (wait_for_pending_acks_returns inside it): each returned message's listener call comes before its ack, and the ack is handed over by the listener's own wait, as php-amqplib reads basic.return then basic.ack (R1 A1 R2 A2 ..., not every return first and the acks in reverse); without the nested wait, each return still comes before its ack
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$connection = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
foreach ([true, false] as $nested) {
    $channel = $connection->channel();
    $channel->confirm_select();
    $events = [];
    $channel->set_ack_handler(function ($m) use (&$events) { $events[] = 'A' . $m->getBody(); });
    $channel->set_return_listener(function ($code, $text, $exchange, $key, $m) use (&$events, $channel, $nested) {
        $events[] = 'R' . $m->getBody();
        if ((int) $m->getBody() < 5) {
            // Unroutable: the default exchange has no such queue.
            $channel->basic_publish(new AMQPMessage((string) ($m->getBody() + 1)), '', 'mq-test-no-such-queue', true);
            if ($nested) {
                $channel->wait_for_pending_acks_returns(5);
            }
        }
    });
    $channel->basic_publish(new AMQPMessage('1'), '', 'mq-test-no-such-queue', true);
    $channel->wait_for_pending_acks_returns(5);
    $channel->wait_for_pending_acks_returns(5);
    echo $nested ? 'nested: ' : 'not nested: ', implode(' ', $events), "\n";
    $channel->close();
}
$connection->close();
?>
--EXPECT--
nested: R1 A1 R2 A2 R3 A3 R4 A4 R5 A5
not nested: R1 A1 R2 A2 R3 A3 R4 A4 R5 A5
