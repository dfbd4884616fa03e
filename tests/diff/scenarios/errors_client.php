<?php
// Errors raised by the client itself: connection refused, a non-callable consume callback, the legacy
// plain-array arguments trap, a duplicate consumer tag, nowait without a tag.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Wire\AMQPTable;

// A port nothing listens on: bind an ephemeral port, close it, connect to it.
$s = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
fclose($s);
try {
    new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest');
    out('connected?!');
} catch (Throwable $e) {
    show('connection refused class', get_class($e));
    show('connection refused message', str_replace((string) $port, 'PORT', $e->getMessage()));
    show('is AMQPRuntimeException', $e instanceof PhpAmqpLib\Exception\AMQPRuntimeException);
}
attempt('unresolvable host', fn () => new AMQPStreamConnection('no-such-host.invalid', amqp_port(), 'guest', 'guest'));
// Port 0 goes to the socket as given (AMQPConnectionConfig::setPort would refuse it).
attempt('port 0', fn () => new AMQPStreamConnection('127.0.0.1', 0, 'guest', 'guest'));
// ext-sockets' connection words these its own way, the errno as code.
try {
    new PhpAmqpLib\Connection\AMQPSocketConnection('127.0.0.1', $port, 'guest', 'guest');
    out('connected?!');
} catch (Throwable $e) {
    show('socket connection refused', get_class($e) . ' [' . $e->getCode() . '] ' . $e->getMessage());
}
attempt('socket connection, unresolvable host', fn () => new PhpAmqpLib\Connection\AMQPSocketConnection('no-such-host.invalid', amqp_port(), 'guest', 'guest'));
// Something that is no AMQP broker: a server answering with HTTP.
$http = proc_open([PHP_BINARY, '-n', '-r', '$s = stream_socket_server("tcp://127.0.0.1:0");
    echo parse_url("tcp://" . stream_socket_get_name($s, false), PHP_URL_PORT), "\n";
    for ($i = 0; $i < 2 && ($c = stream_socket_accept($s, 10)); $i++) {
        fread($c, 100);
        fwrite($c, "HTTP/1.1 400 Bad Request\r\n\r\n");
        usleep(100000);
        fclose($c);
    }'], [1 => ['pipe', 'w']], $pipes);
$httpPort = (int) fgets($pipes[1]);
attempt('stream connection to an HTTP server', fn () => new AMQPStreamConnection('127.0.0.1', $httpPort, 'guest', 'guest'));
attempt('socket connection to an HTTP server', fn () => new PhpAmqpLib\Connection\AMQPSocketConnection('127.0.0.1', $httpPort, 'guest', 'guest'));
proc_close($http);
try {
    new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'wrong-password');
    out('connected?!');
} catch (Throwable $e) {
    show('bad password class', get_class($e));
    show('bad password code', $e->getCode());
    show('bad password message', $e->getMessage());
}
attempt('rpc timeout above read/write timeout', fn() => new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest',
    '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 3.0, null, false, 0, 5.0));

$conn = connect();
$ch = $conn->channel();
$q = name('errs');
$ch->queue_declare($q, false, false, false, false);
attempt('basic_consume with a non-callable callback', fn() => $ch->basic_consume($q, '', false, false, false, false, 'no_such_function'));
show('channel still open', $ch->is_open());
attempt('basic_consume nowait without a tag', fn() => $ch->basic_consume($q, '', false, false, false, true, fn() => null));
attempt('first consumer', fn() => $ch->basic_consume($q, 'dup', false, false, false, false, fn() => null));
attempt('duplicate consumer tag', fn() => $ch->basic_consume($q, 'dup', false, false, false, false, fn() => null));
attempt('basic_cancel', fn() => $ch->basic_cancel('dup'));

$legacy = name('legacy');
attempt('arguments [x-max-length => 10]', fn() => $ch->queue_declare($legacy, false, false, false, false, false, ['x-max-length' => 10]));
show('channel open after the trap', $ch->is_open());
attempt('arguments [x-max-length => [I, 10]]', fn() => $ch->queue_declare($legacy, false, false, false, false, false, ['x-max-length' => ['I', 10]]));
attempt('arguments as AMQPTable', fn() => $ch->queue_declare($legacy, false, false, false, false, false, new AMQPTable(['x-max-length' => 10])));
attempt('inequivalent x-max-length', fn() => $ch->queue_declare($legacy, false, false, false, false, false, new AMQPTable(['x-max-length' => 11])));
$ch = $conn->channel();
attempt('AMQPTable constructor, key too long', fn() => count((new AMQPTable([str_repeat('k', 129) => 1]))->getNativeData()));
attempt('AMQPTable::set, key too long', fn() => (new AMQPTable())->set(str_repeat('k', 129), 1));
attempt('AMQPTable::set, empty key', fn() => (new AMQPTable())->set('', 1));
attempt('AMQPTable T_ARRAY with a plain array', function () {
    $t = new AMQPTable();
    $t->set('a', [1], AMQPTable::T_ARRAY);
    return $t;
});
show('delete', $ch->queue_delete($q));
show('delete legacy', $ch->queue_delete($legacy));
$ch->close();
$conn->close();
