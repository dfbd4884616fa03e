<?php
// create_connection() over a host list, without a retry policy: the first host that accepts, hosts
// checked as they are reached, the last host's exception when none does. Printed: the class and code
// (php-amqplib words a refused socket as PHP's stream_socket_client() does, mq as the OS does).
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPStreamConnection;

$good = ['host' => '127.0.0.1', 'port' => amqp_port(), 'user' => 'guest', 'password' => 'guest'];
$refused = ['host' => '127.0.0.1', 'port' => 1, 'user' => 'guest', 'password' => 'guest'];

function outcome(string $label, array $hosts): void
{
    try {
        $conn = AMQPStreamConnection::create_connection($hosts, ['connection_timeout' => 3.0]);
        out("$label: " . get_class($conn) . ', connected ' . json_encode($conn->isConnected()));
        $conn->close();
    } catch (Throwable $e) {
        out("$label: threw " . get_class($e) . ' (' . $e->getCode() . ')'
            . ($e instanceof InvalidArgumentException ? ': ' . $e->getMessage() : ''));
    }
}

outcome('first host', [$good, $refused]);
outcome('refused, then good', [$refused, $good]);
outcome('wrong password, then good', [['password' => 'nope'] + $good, $good]);
outcome('missing vhost, then good', [['vhost' => name('no-such-vhost')] + $good, $good]);
outcome('good, then invalid', [$good, ['host' => '127.0.0.1']]);
outcome('refused, then invalid', [$refused, ['host' => '127.0.0.1', 'port' => 1]]);
outcome('invalid first', [['port' => 1], $good]);
outcome('all refused', [$refused, ['port' => 2] + $refused]);
outcome('refused, then wrong password', [$refused, ['password' => 'nope'] + $good]);
outcome('empty list', []);
