--TEST--
a closed connection gives back its file descriptors at once (socket and eventfd), with and without a channel, on plain TCP and TLS: a script opening connections in a loop does not run out of them (lapin's heartbeat task held the eventfd up to half the heartbeat interval after the close)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPSSLConnection;
use PhpAmqpLib\Connection\AMQPStreamConnection;

function fds(): int
{
    return count(scandir('/proc/self/fd')) - 2;
}

$ca = (getenv('MQ_STATE_DIR') ?: dirname(__DIR__, 2) . '/.state') . '/rabbitmq/certs/ca.pem';
$connect = [
    'plain' => fn () => new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest'),
    'TLS' => fn () => new AMQPSSLConnection('localhost', amqps_port(), 'guest', 'guest', '/', ['cafile' => $ca]),
];
foreach ($connect as $kind => $open) {
    foreach (['no channel', 'a channel'] as $use) {
        $open()->close(); // the runtime's own descriptors, made once
        $before = fds();
        for ($i = 0; $i < 40; $i++) {
            $c = $open();
            if ($use === 'a channel') {
                $c->channel()->queue_declare('', false, false, true, true);
            }
            $c->close();
        }
        unset($c);
        usleep(100000); // the I/O threads end
        printf("%s, %s: 40 connections left %s descriptors open\n", $kind, $use, fds() - $before <= 1 ? 'no' : fds() - $before);
    }
}
?>
--EXPECT--
plain, no channel: 40 connections left no descriptors open
plain, a channel: 40 connections left no descriptors open
TLS, no channel: 40 connections left no descriptors open
TLS, a channel: 40 connections left no descriptors open
