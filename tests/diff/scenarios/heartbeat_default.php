<?php
// mq-fixes: heartbeat 0 does not disable heartbeats. php-amqplib can only send heartbeats from inside its
// own calls, so it turns them off when asked for 0 and a dead peer goes unnoticed (php-amqplib #725,
// #792, #1003); mq sends them from its I/O threads and keeps the broker's proposed interval (60 s on a
// default RabbitMQ). An explicit interval is negotiated the same way by both.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPStreamConnection;

$conn = connect();
show('heartbeat when 0 is asked for', $conn->getHeartbeat());
$conn->close();

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 3.0, null, false, 10);
show('heartbeat when 10 is asked for', $conn->getHeartbeat());
$conn->close();
