--TEST--
channel() with every channel number the broker allows in use (RabbitMQ's channel_max, 2047 by default) throws php-amqplib's AMQPRuntimeException "No free channel ids", as get_free_channel_id() does; the connection stays usable, and a number freed by a close is taken again
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$opened = [];
try {
    for ($i = 0; $i < 70000; $i++) {
        $opened[] = $conn->channel();
    }
    echo "no limit\n";
} catch (PhpAmqpLib\Exception\AMQPRuntimeException $e) {
    printf("%s: %s after %d channels\n", get_class($e), $e->getMessage(), count($opened));
}
try {
    $conn->get_free_channel_id();
} catch (PhpAmqpLib\Exception\AMQPRuntimeException $e) {
    echo "get_free_channel_id(): ", $e->getMessage(), "\n";
}
$opened[99]->close();
$again = $conn->channel();
var_dump($again->getChannelId(), $conn->isConnected());
$conn->close();
?>
--EXPECT--
PhpAmqpLib\Exception\AMQPRuntimeException: No free channel ids after 2047 channels
get_free_channel_id(): No free channel ids
int(100)
bool(true)
