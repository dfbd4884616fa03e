--TEST--
a closed connection gives back its file descriptors at once (socket and eventfd), with and without a channel, on plain TCP and TLS: a script opening connections in a loop does not run out of them (lapin's heartbeat task held the eventfd up to half the heartbeat interval after the close); so does a connect that fails, however it fails (a worker retrying a refused broker leaked an eventfd per attempt that went through lapin's I/O thread; an attempt that timed out against a peer that accepts and never answers kept its socket, eventfd and I/O thread)
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

// Refused (TLS, and plain without a connection timeout: both connect on lapin's I/O thread; plain with one
// dials first), a TLS handshake a plain AMQP port cannot answer, a refused login.
$fail = [
    'TLS refused' => fn () => new AMQPSSLConnection('127.0.0.1', 1, 'guest', 'guest', '/', ['cafile' => $ca]),
    'plain refused, no timeout' => fn () => new AMQPStreamConnection('127.0.0.1', 1, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 0.0),
    'plain refused' => fn () => new AMQPStreamConnection('127.0.0.1', 1, 'guest', 'guest'),
    'TLS to a plain port' => fn () => new AMQPSSLConnection('localhost', amqp_port(), 'guest', 'guest', '/', ['cafile' => $ca], [], 'AMQPLAIN', null, 'en_US', 1.0, 1.0),
    'login refused' => fn () => new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'not the password'),
];
// A peer that accepts (the kernel completes the handshake; nothing ever reads) and never answers.
$silent = stream_socket_server('tcp://127.0.0.1:0', $errno, $error, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 512]]));
$port = (int) substr(strrchr(stream_socket_get_name($silent, false), ':'), 1);
$fail['plain timed out'] = fn () => new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 0.1, 0.1);
$fail['TLS timed out'] = fn () => new AMQPSSLConnection('127.0.0.1', $port, 'guest', 'guest', '/', ['verify_peer' => false],
    ['connection_timeout' => 0.1, 'read_write_timeout' => 0.1]);
$threads = fn () => count(scandir('/proc/self/task')) - 2;
$threadsBefore = $threads();
foreach ($fail as $kind => $open) {
    $failed = 0;
    for ($i = 0; $i <= 40; $i++) {
        try {
            $open();
        } catch (PhpAmqpLib\Exception\AMQPExceptionInterface $e) {
            $failed++;
        }
        if ($i === 0) {
            $before = fds();
        }
    }
    unset($e);
    usleep(100000);
    printf("%s: %d failures left %s descriptors open\n", $kind, $failed, fds() - $before <= 1 ? 'no' : fds() - $before);
}
printf("threads added: %s\n", $threads() - $threadsBefore <= 1 ? 'none' : $threads() - $threadsBefore);
?>
--EXPECT--
plain, no channel: 40 connections left no descriptors open
plain, a channel: 40 connections left no descriptors open
TLS, no channel: 40 connections left no descriptors open
TLS, a channel: 40 connections left no descriptors open
TLS refused: 41 failures left no descriptors open
plain refused, no timeout: 41 failures left no descriptors open
plain refused: 41 failures left no descriptors open
TLS to a plain port: 41 failures left no descriptors open
login refused: 41 failures left no descriptors open
plain timed out: 41 failures left no descriptors open
TLS timed out: 41 failures left no descriptors open
threads added: none
