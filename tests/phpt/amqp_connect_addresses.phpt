--TEST--
connecting by host name and by IP address (resolved and connected on lapin's I/O thread): both reach the broker and close; a name that does not resolve and a refused port fail with AMQPIOException, code 0
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPIOException;

foreach (['localhost', '127.0.0.1'] as $host) {
    $conn = new AMQPStreamConnection($host, amqp_port(), 'guest', 'guest');
    $ch = $conn->channel();
    [$queue] = $ch->queue_declare('', false, false, true, true);
    echo "$host: ", $conn->isConnected() ? 'connected' : 'not connected', ', server-named queue: ',
        str_starts_with($queue, 'amq.gen-') ? 'yes' : $queue, "\n";
    $ch->close();
    $conn->close();
    var_dump($conn->isConnected());
}

foreach ([['no-such-host.invalid', amqp_port()], ['127.0.0.1', 1]] as [$host, $port]) {
    try {
        new AMQPStreamConnection($host, $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 2.0);
        echo "$host:$port connected\n";
    } catch (AMQPIOException $e) {
        echo "$host:$port: ", get_class($e), ' (', $e->getCode(), ') ', $e->getMessage(), "\n";
    }
}
?>
--EXPECTF--
localhost: connected, server-named queue: yes
bool(false)
127.0.0.1: connected, server-named queue: yes
bool(false)
no-such-host.invalid:%d: PhpAmqpLib\Exception\AMQPIOException (0) IO error: failed to lookup address information: %s
127.0.0.1:1: PhpAmqpLib\Exception\AMQPIOException (0) IO error: Connection refused (os error 111)
