<?php
// Child of tests/phpt/amqp_exit_frozen_links.phpt: opens $argv[2] connections through the toggle proxy
// (MQ_AMQP_PORT is its port) and one straight to the broker, publishes a message on each to queue
// $argv[3], freezes the proxy (SIGUSR1 to pid $argv[1]) and ends without close(), printing when.
require __DIR__ . '/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

[, $proxy, $frozen, $q] = $argv;
$conns = [];
for ($i = 0; $i < $frozen; $i++) {
    $conns[] = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
}
$direct = (int) getenv('MQ_BROKER_PORT');
$conns[] = new AMQPStreamConnection('127.0.0.1', $direct, 'guest', 'guest');
$channels = [];
foreach ($conns as $conn) {
    $channels[] = $ch = $conn->channel();
    $ch->basic_publish(new AMQPMessage('m'), '', $q);
}
usleep(300000);   // the publishes through the proxy reach the broker first
posix_kill((int) $proxy, SIGUSR1);
usleep(200000);
printf("ending at %.3f\n", microtime(true));
