<?php
// A peer that accepts the TCP connection and never answers the protocol header (a hung broker, a port
// forwarded to nothing): the connect fails at the connection timeout with php-amqplib's
// AMQPTimeoutException, which retry code catches, for the stream and the socket connection.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPSocketConnection;
use PhpAmqpLib\Connection\AMQPStreamConnection;

$silent = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($silent, false), ':'), 1);
attempt('stream connection', fn () => new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 0.5, 1.5));
attempt('socket connection', fn () => new AMQPSocketConnection('127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 0.5, false, 0.5));
fclose($silent);
