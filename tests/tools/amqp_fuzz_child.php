<?php
// Child of tests/phpt/amqp_bad_input.phpt: calls every public method of AMQPChannel and of the
// connection with, in turn, each parameter replaced by a bad value (wrong types, over-long, invalid UTF-8
// and NUL-byte strings, out-of-range and non-finite numbers, objects made without their constructor),
// and methods of objects made without constructor. Every call may throw; none may panic or crash.
// Prints one line per call whose outcome mentions a panic, then "done <calls> calls".
require __DIR__ . '/brokers.php';
use PhpAmqpLib\Channel\AMQPChannel;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$trace = ($argv[1] ?? '') === 'trace';
$port = amqp_port();
$connect = fn () => new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 2.0, 2.0);
$conn = $connect();
$ch = $conn->channel();
$q = fresh_name('fuzz');
$x = fresh_name('fuzz-x');
$ch->queue_declare($q, false, false, true, false);
$ch->exchange_declare($x, 'fanout', false, false, true);
$ch->exchange_declare("$x-2", 'fanout', false, false, true);

$bare = fn (string $class) => (new ReflectionClass($class))->newInstanceWithoutConstructor();
$bad = [
    'array' => [1],
    'stdClass' => new stdClass(),
    'long string' => str_repeat('x', 256),
    'very long string' => str_repeat('y', 70000),
    'invalid UTF-8' => "\xff\xfe",
    'NUL byte' => "a\0b",
    'empty string' => '',
    'numeric string' => '12',
    '-1' => -1,
    'PHP_INT_MAX' => PHP_INT_MAX,
    'PHP_INT_MIN' => PHP_INT_MIN,
    'NAN' => NAN,
    'INF' => INF,
    '-INF' => -INF,
    '1e300' => 1e300,
    'true' => true,
    'null' => null,
    'closure' => fn () => null,
    'bare AMQPChannel' => $bare(AMQPChannel::class),
    'bare connection' => $bare(AMQPStreamConnection::class),
    'bare AMQPMessage' => $bare(AMQPMessage::class),
    'bare AMQPTable' => $bare(AMQPTable::class),
    'table with bad key' => ["\xff" => ['S', "\0"]],
];
// Values that would make a call wait without limit (a timeout of none, or an infinite one) are not
// bad input but a long wait: timeouts only get the others.
$blocking = ['null', 'INF', '1e300', 'PHP_INT_MAX', 'true', 'empty string', 'numeric string', '-1', 'stdClass', 'closure', 'bare AMQPChannel', 'bare connection', 'bare AMQPMessage', 'bare AMQPTable', 'array', 'table with bad key', 'long string', 'very long string', 'invalid UTF-8', 'NUL byte'];
$timeoutBad = ['array', 'stdClass', 'invalid UTF-8', 'NAN', '-INF', 'PHP_INT_MIN', 'closure'];

function good(string $param, $conn, string $q, string $x)
{
    return match ($param) {
        'queue' => $q,
        'exchange', 'source' => $x,
        'destination' => "$x-2",
        'type' => 'fanout',
        'routing_key' => 'rk',
        'consumer_tag' => 'ctag',
        'msg', 'message' => new AMQPMessage('m'),
        'delivery_tag' => 1,
        'callback' => fn () => null,
        'active' => true,
        'max_bytes' => 100000,
        'reply_code' => 0,
        'reply_text' => '',
        'method_sig' => [0, 0],
        'prefetch_size' => 0,
        'prefetch_count' => 10,
        'timeout', 'maximum_poll' => 0.05,
        'sec' => 0,
        'usec' => 50000,
        'non_blocking' => true,
        'passive', 'durable', 'internal', 'nowait', 'if_unused', 'if_empty', 'mandatory', 'immediate',
        'no_local', 'multiple', 'requeue', 'noreturn', 'a_global' => false,
        'auto_delete', 'exclusive', 'no_ack', 'close', 'auto_decode' => true,
        'arguments' => [],
        'connection' => $conn,
        'channel_rpc_timeout' => 0.0,
        default => null,
    };
}

$calls = 0;
$panics = [];
function attempt(string $what, callable $f): void
{
    global $calls, $panics, $trace;
    $calls++;
    if ($trace) {
        fwrite(STDERR, "$what\n");
    }
    try {
        $f();
        $outcome = 'ok';
    } catch (Throwable $e) {
        $outcome = get_class($e) . ': ' . $e->getMessage();
    }
    if (preg_match('/panic|ShortString|cannot throw|RUST_BACKTRACE/i', $outcome)) {
        $panics[] = "$what -> $outcome";
        echo "$what -> $outcome\n";
    }
}

function fresh_objects(): void
{
    global $conn, $ch, $connect;
    if (!$conn->isConnected()) {
        $conn = $connect();
    }
    if (!$ch->is_open()) {
        $ch = $conn->channel();
    }
}

$skip = ['close', 'wait', 'consume']; // covered below with arguments that return
$targets = [
    'channel' => [AMQPChannel::class, fn () => $ch],
    'connection' => [AMQPStreamConnection::class, fn () => $conn],
];
foreach ($targets as $label => [$class, $obj]) {
    foreach ((new ReflectionClass($class))->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
        $name = $m->getName();
        if ($m->isStatic() || in_array($name, ['__construct', 'reconnect', 'close', 'connectOnConstruct'], true)) {
            continue;
        }
        $params = $m->getParameters();
        foreach ($params as $i => $p) {
            foreach ($bad as $valueName => $value) {
                $isTimeout = in_array($p->getName(), ['timeout', 'maximum_poll', 'sec', 'usec'], true);
                if ($isTimeout && !in_array($valueName, $timeoutBad, true)) {
                    continue;
                }
                if (in_array($name, ['wait', 'consume'], true) && $p->getName() === 'non_blocking' && in_array($valueName, ['null', 'array', 'empty string'], true)) {
                    continue; // blocks until the timeout: fine, but slow
                }
                fresh_objects();
                $args = [];
                foreach ($params as $j => $pp) {
                    $args[] = $j === $i ? $value : good($pp->getName(), $conn, $q, $x);
                }
                $target = $obj();
                attempt("$label->$name(#$i {$p->getName()} = $valueName)", fn () => $target->$name(...$args));
            }
        }
        if ($params === []) {
            fresh_objects();
            $target = $obj();
            attempt("$label->$name()", fn () => $target->$name());
        }
    }
}

// Closing with bad arguments, then everything on the closed objects.
foreach (['channel' => fn () => $ch, 'connection' => fn () => $conn] as $label => $obj) {
    foreach ([[-1, "\xff", [1]], [PHP_INT_MAX, str_repeat('z', 300), 'x'], [[1], new stdClass(), null], ['a', "a\0b", [PHP_INT_MAX, -1]]] as $k => $args) {
        fresh_objects();
        $target = $obj();
        attempt("$label->close(set $k)", fn () => $target->close(...$args));
    }
}
fresh_objects();
$ch->close();
$conn->close();
foreach ((new ReflectionClass(AMQPChannel::class))->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
    if (!$m->isStatic() && $m->getName() !== '__construct') {
        $args = array_map(fn ($p) => good($p->getName(), $conn, $q, $x), $m->getParameters());
        attempt("closed channel->{$m->getName()}", fn () => $ch->{$m->getName()}(...$args));
        attempt("closed connection->channel", fn () => $conn->channel());
    }
}

// Objects made without their constructor: every method, with good arguments.
$conn = $connect();
$ch = $conn->channel();
foreach ([AMQPChannel::class, AMQPStreamConnection::class, AMQPMessage::class, AMQPTable::class] as $class) {
    foreach ((new ReflectionClass($class))->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
        if ($m->isStatic() || $m->getName() === '__construct') {
            continue;
        }
        $o = $bare($class);
        $args = array_map(fn ($p) => $p->isOptional() ? $p->getDefaultValue() : good($p->getName(), $conn, $q, $x) ?? 'k', $m->getParameters());
        attempt("bare $class->{$m->getName()}", fn () => $o->{$m->getName()}(...$args));
    }
    // and passed where the real thing is expected
    $o = $bare($class);
    attempt("basic_publish(bare $class)", fn () => $ch->basic_publish($o, '', $q));
    fresh_objects();
    attempt("new AMQPChannel(bare $class)", fn () => new AMQPChannel($o));
    attempt("bare $class as table", fn () => $ch->queue_declare('', false, false, true, true, false, ['t' => ['F', $o]]));
    fresh_objects();
    attempt("bare $class in headers", fn () => $ch->basic_publish(new AMQPMessage('m', ['application_headers' => new AMQPTable(['t' => $o])]), '', $q));
    fresh_objects();
}
// The constructors, with each bad value.
foreach ($bad as $valueName => $value) {
    attempt("new AMQPChannel(\$conn, $valueName)", fn () => new AMQPChannel($conn, $value));
    fresh_objects();
    attempt("new AMQPChannel($valueName)", fn () => new AMQPChannel($value));
    attempt("new AMQPMessage($valueName) published", fn () => $ch->basic_publish(new AMQPMessage($value), '', $q));
    fresh_objects();
    attempt("new AMQPMessage('', $valueName)", fn () => $ch->basic_publish(new AMQPMessage('', is_array($value) ? $value : ['content_type' => $value]), '', $q));
    fresh_objects();
    foreach (['content_type', 'content_encoding', 'application_headers', 'delivery_mode', 'priority', 'correlation_id', 'reply_to', 'expiration', 'message_id', 'timestamp', 'type', 'user_id', 'app_id', 'cluster_id'] as $prop) {
        attempt("AMQPMessage $prop = $valueName", fn () => $ch->basic_publish(new AMQPMessage('', [$prop => $value]), '', $q));
        fresh_objects();
    }
    foreach (['user' => 2, 'password' => 3, 'vhost' => 4, 'login_method' => 6, 'locale' => 8, 'connection_timeout' => 9, 'read_write_timeout' => 10, 'heartbeat' => 13, 'channel_rpc_timeout' => 14] as $param => $pos) {
        if (in_array($param, ['connection_timeout', 'read_write_timeout'], true) && in_array($valueName, ['INF', '1e300', 'PHP_INT_MAX'], true)) {
            continue;
        }
        $args = ['127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 2.0, 2.0, null, false, 0, 0.0];
        $args[$pos] = $value;
        attempt("new AMQPStreamConnection($param = $valueName)", function () use ($args) {
            $c = new AMQPStreamConnection(...$args);
            $c->channel()->basic_qos(0, 1, false);
            $c->close();
        });
    }
}
fresh_objects();
// What the over-long and odd names created, if anything.
foreach ($bad as $value) {
    if (is_string($value) && strlen($value) < 256) {
        attempt('cleanup', fn () => $ch->exchange_delete($value));
        fresh_objects();
    }
}
$ch->queue_delete($q);
$ch->exchange_delete($x);
$ch->exchange_delete("$x-2");
$conn->close();
// Connections replaced along the way still hold their channels, which hold them (as in php-amqplib): PHP
// runs no cycle collection at exit, and scripts/valgrind.sh would report them as leaks.
unset($conn, $ch, $target, $targets, $obj, $o);
gc_collect_cycles();
echo "done $calls calls, ", count($panics), " panics\n";
