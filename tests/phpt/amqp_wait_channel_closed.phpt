--TEST--
AMQP: wait() on a channel with no consumer that the broker closes (an ack of an unknown tag) ends with the close's AMQPProtocolChannelException at once, with a timeout or without one, as php-amqplib's wait() does (it hung, or waited out its timeout); the connection goes on
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;

$connection = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
foreach ([[], [null, false, 5]] as $arguments) {
    $channel = $connection->channel();
    $channel->basic_ack(999);
    $started = microtime(true);
    try {
        $channel->wait(...$arguments);
        echo "returned\n";
    } catch (Throwable $e) {
        echo get_class($e), ' ', $e->getCode(), ' ', $e->getMessage(), "\n";
    }
    echo 'within 2 s: ', var_export(microtime(true) - $started < 2, true), ', open: ', var_export($channel->is_open(), true), "\n";
}
$channel = $connection->channel();
[$queue] = $channel->queue_declare('', false, false, true, true);
echo "a new channel works: ", var_export(str_starts_with($queue, 'amq.gen-'), true), "\n";
$connection->close();
?>
--EXPECT--
PhpAmqpLib\Exception\AMQPProtocolChannelException 406 PRECONDITION_FAILED - unknown delivery tag 999
within 2 s: true, open: false
PhpAmqpLib\Exception\AMQPProtocolChannelException 406 PRECONDITION_FAILED - unknown delivery tag 999
within 2 s: true, open: false
a new channel works: true
