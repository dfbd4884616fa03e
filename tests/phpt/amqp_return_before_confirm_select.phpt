--TEST--
AMQP: a mandatory publish the broker returns, made before confirm_select(): wait_for_pending_acks_returns() hands its return to the return listener before the acks behind it, as php-amqplib's confirm wait reads it (it was left for a later wait())
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

foreach ([0, 300000] as $pause) {
    $connection = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    $channel = $connection->channel();
    $nowhere = 'mq-nowhere-' . getmypid() . '-' . bin2hex(random_bytes(4));
    $channel->set_return_listener(function ($code, $text, $exchange, $routingKey, $message) {
        echo "return ", $message->getBody(), " ($code $text)\n";
    });
    $channel->set_ack_handler(function ($message) {
        echo "ack ", $message->getBody(), "\n";
    });
    $channel->basic_publish(new AMQPMessage('before confirm mode'), '', $nowhere, true);
    usleep($pause); // the return read before or after confirm.select-ok
    $channel->confirm_select();
    $channel->basic_publish(new AMQPMessage('in confirm mode'), '', $nowhere, true);
    $channel->wait_for_pending_acks_returns(5);
    echo "confirm wait done\n";
    try {
        $channel->wait(null, false, 0.5);
    } catch (PhpAmqpLib\Exception\AMQPTimeoutException $e) {
        echo "nothing left for wait()\n";
    }
    $connection->close();
}
?>
--EXPECT--
return before confirm mode (312 NO_ROUTE)
return in confirm mode (312 NO_ROUTE)
ack in confirm mode
confirm wait done
nothing left for wait()
return before confirm mode (312 NO_ROUTE)
return in confirm mode (312 NO_ROUTE)
ack in confirm mode
confirm wait done
nothing left for wait()
