<?php
// Channel errors from the server: 404 on a passive declare, 406 on an inequivalent redeclare, an
// asynchronous 404 after publishing to a missing exchange; the channel is closed afterwards. A prefetch
// size, which RabbitMQ answers by closing the connection.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$missing = name('missing');
try {
    $ch->queue_declare($missing, true);
    out('no exception');
} catch (Throwable $e) {
    show('class', get_class($e));
    show('parents', array_values(class_parents($e)));
    show('is AMQPExceptionInterface', $e instanceof PhpAmqpLib\Exception\AMQPExceptionInterface);
    show('getCode', $e->getCode());
    show('getMessage', $e->getMessage());
    show('amqp_reply_code', $e->amqp_reply_code);
    show('amqp_reply_text', $e->amqp_reply_text);
    show('amqp_method_sig', $e->amqp_method_sig);
}
show('is_open after 404', $ch->is_open());
attempt('queue_declare on the closed channel', fn() => $ch->queue_declare(name('after')));
show('connection still connected', $conn->isConnected());

$ch = $conn->channel();
$q = name('inequivalent');
$ch->queue_declare($q, false, false, false, false);
try {
    $ch->queue_declare($q, false, true, false, false);
} catch (Throwable $e) {
    show('406 class', get_class($e));
    show('406 code', $e->getCode());
    show('406 message', $e->getMessage());
    show('406 method sig', $e->amqp_method_sig);
}
show('is_open after 406', $ch->is_open());

$ch = $conn->channel();
$x = name('x');
$ch->exchange_declare($x, 'direct', false, false, false);
attempt('exchange redeclared with another type', fn() => $ch->exchange_declare($x, 'fanout', false, false, false));
$ch = $conn->channel();
attempt('passive declare of a missing exchange', fn() => $ch->exchange_declare(name('nox'), 'direct', true));
$ch = $conn->channel();
attempt('bind to a missing exchange', fn() => $ch->queue_bind($q, name('nox2')));

$ch = $conn->channel();
attempt('declare reserved amq. name', fn() => $ch->queue_declare('amq.mqdiff-reserved', false, false, false, false));
$ch = $conn->channel();
show('delete', $ch->queue_delete($q));
$ch->exchange_delete($x);
$ch->close();
$conn->close();
show('connection closed', $conn->isConnected());

// A prefetch window in bytes: sent as given, and RabbitMQ, which implements none, closes the connection.
$conn = connect();
$ch = $conn->channel();
attempt('basic_qos with a prefetch size', fn() => $ch->basic_qos(65536, 10, false));
show('connected after it', $conn->isConnected());
attempt('next call', fn() => $ch->queue_declare('', false, false, true));
attempt('basic_qos prefetch size out of range', fn() => $conn->channel()->basic_qos(-1, 10, false));
