<?php
// getServerProperties() of a lazy connection: null before its first use (no handshake yet, and no other
// connection opened to ask), the broker's after it, and still after close().
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPLazyConnection;

$conn = new AMQPLazyConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
show('before first use', $conn->getServerProperties());
show('isConnected', $conn->isConnected());
$conn->channel();
show('product once connected', $conn->getServerProperties()['product'] ?? null);
$conn->close();
show('product after close', $conn->getServerProperties()['product'] ?? null);
