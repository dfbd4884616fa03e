--TEST--
connecting by host name and by IP address (resolved and connected on lapin's I/O thread): both reach the broker and close; a name that does not resolve and a refused port fail with AMQPIOException, code 0, and php-amqplib's stream_socket_client() text (with and without a connection timeout; ssl:// for TLS)
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

$attempts = [
    ['no-such-host.invalid', amqp_port(), 2.0],
    ['127.0.0.1', 1, 2.0],
    ['no-such-host.invalid', amqp_port(), 0.0],
    ['127.0.0.1', 1, 0.0],
    ['[::1]', 1, 2.0], // an IPv6 literal as PHP's stream URLs write it, resolved without its brackets
];
foreach ($attempts as [$host, $port, $timeout]) {
    try {
        new AMQPStreamConnection($host, $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', $timeout);
        echo "$host:$port connected\n";
    } catch (AMQPIOException $e) {
        echo "$host:$port: ", get_class($e), ' (', $e->getCode(), ') ', $e->getMessage(), "\n";
    }
}
try {
    new PhpAmqpLib\Connection\AMQPSSLConnection('127.0.0.1', 1, 'guest', 'guest', '/', ['verify_peer' => false]);
} catch (AMQPIOException $e) {
    echo "TLS: ", get_class($e), ' (', $e->getCode(), ') ', $e->getMessage(), "\n";
}
?>
--EXPECTF--
localhost: connected, server-named queue: yes
bool(false)
127.0.0.1: connected, server-named queue: yes
bool(false)
no-such-host.invalid:%d: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://no-such-host.invalid:%d (php_network_getaddresses: getaddrinfo for no-such-host.invalid failed: %s)
127.0.0.1:1: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
no-such-host.invalid:%d: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://no-such-host.invalid:%d (php_network_getaddresses: getaddrinfo for no-such-host.invalid failed: %s)
127.0.0.1:1: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
[::1]:1: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://[::1]:1 (Connection refused)
TLS: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to ssl://127.0.0.1:1 (Connection refused)
