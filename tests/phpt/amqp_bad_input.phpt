--TEST--
bad input never panics nor crashes: over-long short strings ("String too long"), names of the wrong type (mb_strlen TypeError), php-amqplib's range checks, tables nested deeper than 128 (and 128 exactly round-trips), self-referencing arrays, non-finite and non-numeric timeouts, wait() on a closed channel or connection, a NUL in the vhost, and every public method with wrong arguments
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/child_php.php';
require dirname(__DIR__) . '/tools/run_child.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPAbstractCollection;
use PhpAmqpLib\Wire\AMQPTable;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('bad-input');
$ch->queue_declare($q, false, false, true, false);

/** Runs $f, prints its outcome as "label: class: message" (or "label: ok"), reopens what it closed. */
function outcome(string $label, callable $f): void
{
    global $conn, $ch;
    try {
        $r = $f();
        echo "$label: ok", is_string($r) ? " $r" : '', "\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
    if (!$conn->isConnected()) {
        $conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    }
    if (!$ch->is_open()) {
        $ch = $conn->channel();
    }
}

function get_one(string $q): ?AMQPMessage
{
    global $ch;
    for ($i = 0; $i < 100; $i++) {
        if (($m = $ch->basic_get($q, true)) !== null) {
            return $m;
        }
        usleep(20000);
    }
    return null;
}

/** AMQPTable nested $n levels deep (the outer table counts as one), and the legacy ['F', [...]] form. */
function deep_table(int $n): AMQPTable
{
    $t = new AMQPTable(['leaf' => 1]);
    for ($i = 1; $i < $n; $i++) {
        $t = new AMQPTable(['k' => $t]);
    }
    return $t;
}
function deep_legacy(int $n): array
{
    $t = ['leaf' => ['I', 1]];
    for ($i = 1; $i < $n; $i++) {
        $t = ['k' => ['F', $t]];
    }
    return $t;
}
function depth($v): int
{
    for ($d = 0; is_array($v); $d++) {
        $v = $v['k'] ?? $v['leaf'];
    }
    return $d;
}

echo "-- short strings over 255 bytes\n";
$long = str_repeat('a', 256);
outcome('queue 255', fn () => $ch->queue_declare(str_repeat('q', 255), false, false, true, true)[0] === str_repeat('q', 255) ? 'same name' : 'other name');
outcome('queue', fn () => $ch->queue_declare($long));
outcome('exchange', fn () => $ch->exchange_declare($long, 'direct'));
outcome('exchange type', fn () => $ch->exchange_declare(fresh_name('x'), $long));
outcome('routing key', fn () => $ch->basic_publish(new AMQPMessage('x'), '', $long));
outcome('bind routing key', fn () => $ch->queue_bind($q, 'amq.direct', $long));
outcome('consumer tag', fn () => $ch->basic_consume($q, $long));
outcome('cancel consumer tag', fn () => $ch->basic_cancel($long));
outcome('basic_get queue', fn () => $ch->basic_get($long));
outcome('table key', fn () => $ch->queue_declare('', false, false, true, true, false, new AMQPTable([$long => 1])));
outcome('legacy table key', fn () => $ch->queue_declare('', false, false, true, true, false, [$long => ['I', 1]]));
outcome('header name', fn () => $ch->basic_publish(new AMQPMessage('x', ['application_headers' => new AMQPTable([$long => 'v'])]), '', $q));
foreach (['content_type', 'content_encoding', 'message_id', 'correlation_id', 'reply_to', 'expiration', 'type', 'user_id', 'app_id', 'cluster_id'] as $prop) {
    outcome($prop, fn () => $ch->basic_publish(new AMQPMessage('x', [$prop => $long]), '', $q));
}
outcome('vhost', fn () => new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', $long));
outcome('locale', fn () => new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'AMQPLAIN', null, $long));

echo "-- names of the wrong type\n";
outcome('queue array', fn () => $ch->queue_declare([1]));
outcome('queue stdClass', fn () => $ch->queue_declare(new stdClass()));
outcome('exchange array', fn () => $ch->exchange_declare([1], 'direct'));
outcome('exchange type stdClass', fn () => $ch->exchange_declare(fresh_name('x'), new stdClass()));
outcome('routing key array', fn () => $ch->basic_publish(new AMQPMessage('x'), '', [1]));
outcome('consumer tag array', fn () => $ch->basic_consume($q, [1]));
outcome('body array', fn () => $ch->basic_publish(new AMQPMessage([1, 2]), '', $q));
outcome('body int', function () use ($q) {
    $GLOBALS['ch']->basic_publish(new AMQPMessage(42), '', $q);
    return var_export(get_one($q)?->getBody(), true);
});
outcome('message_id array', fn () => $ch->basic_publish(new AMQPMessage('x', ['message_id' => [1]]), '', $q));
outcome('timestamp DateTime', fn () => $ch->basic_publish(new AMQPMessage('x', ['timestamp' => new DateTime()]), '', $q));

echo "-- php-amqplib's range checks\n";
outcome('timestamp -5', fn () => $ch->basic_publish(new AMQPMessage('x', ['timestamp' => -5]), '', $q));
outcome('priority 300', fn () => $ch->basic_publish(new AMQPMessage('x', ['priority' => 300]), '', $q));
outcome('priority -1', fn () => $ch->basic_publish(new AMQPMessage('x', ['priority' => -1]), '', $q));
outcome('qos 70000', fn () => $ch->basic_qos(0, 70000, false));
outcome('AMQPTable shortshort 300', function () {
    $t = new AMQPTable();
    $t->set('x', 300, AMQPAbstractCollection::T_INT_SHORTSHORT);
    $GLOBALS['ch']->queue_declare('', false, false, true, true, false, $t);
});
outcome('legacy b 300', fn () => $ch->queue_declare('', false, false, true, true, false, ['x' => ['b', 300]]));
outcome('basic_ack(-1)', fn () => $ch->basic_ack(-1));

echo "-- nesting\n";
outcome('arguments AMQPTable 129', fn () => $ch->queue_declare('', false, false, true, true, false, deep_table(129)));
outcome('arguments legacy 129', fn () => $ch->queue_declare('', false, false, true, true, false, deep_legacy(129)));
outcome('headers AMQPTable 129', fn () => $ch->basic_publish(new AMQPMessage('x', ['application_headers' => deep_table(129)]), '', $q));
outcome('headers legacy 129', fn () => $ch->basic_publish(new AMQPMessage('x', ['application_headers' => deep_legacy(129)]), '', $q));
outcome('arguments AMQPTable 128', fn () => is_array($ch->queue_declare('', false, false, true, true, false, deep_table(128))) ? 'declared' : 'no');
outcome('arguments legacy 128', fn () => is_array($ch->queue_declare('', false, false, true, true, false, deep_legacy(128))) ? 'declared' : 'no');
outcome('headers AMQPTable 128 round trip', function () use ($q) {
    $GLOBALS['ch']->basic_publish(new AMQPMessage('deep', ['application_headers' => deep_table(128)]), '', $q);
    $m = get_one($q);
    return $m->getBody() . ' depth ' . depth($m->get('application_headers')->getNativeData());
});
outcome('headers legacy 128 round trip', function () use ($q) {
    $GLOBALS['ch']->basic_publish(new AMQPMessage('deep', ['application_headers' => deep_legacy(128)]), '', $q);
    $m = get_one($q);
    return $m->getBody() . ' depth ' . depth($m->get('application_headers')->getNativeData());
});
$self = ['x' => 1];
$self['self'] = &$self;
outcome('self-referencing arguments', fn () => $ch->queue_declare('', false, false, true, true, false, $self));
$legacySelf = ['k' => null];
$legacySelf['k'] = ['F', &$legacySelf];
outcome('self-referencing legacy arguments', fn () => $ch->queue_declare('', false, false, true, true, false, $legacySelf));
outcome('self-referencing headers array', fn () => $ch->basic_publish(new AMQPMessage('x', ['application_headers' => $self]), '', $q));
// Collected now: PHP runs no cycle collection at exit, and scripts/valgrind.sh would report them as leaks.
unset($self, $legacySelf);
gc_collect_cycles();
// Building an AMQPTable/AMQPArray from one recurses in PHP: php-amqplib ends with "Allowed memory size
// exhausted", mq must not do worse (no segfault); a child process, since the end may be fatal.
foreach ([
    'new AMQPTable(self-referencing)' => 'new PhpAmqpLib\Wire\AMQPTable($a);',
    'new AMQPArray(self-referencing)' => 'new PhpAmqpLib\Wire\AMQPArray([$a]);',
    'AMQPTable->set(self-referencing)' => '(new PhpAmqpLib\Wire\AMQPTable())->set("s", $a);',
] as $label => $code) {
    $r = run_with_deadline(mq_child_php_limited('128M', '-r ' . escapeshellarg('$a = ["x" => 1]; $a["self"] = &$a; try { ' . $code . ' echo "built\n"; } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }')), 20);
    printf("%s: %s\n", $label, is_int($r['status']) && preg_match('/Allowed memory size|128|built/', $r['out']) && !preg_match('/panic/i', $r['out'])
        ? 'no crash' : "status {$r['status']}, output " . json_encode(substr($r['out'], 0, 300)));
}

echo "-- timeouts\n";
foreach (['INF' => INF, '1e300' => 1e300] as $label => $timeout) {
    outcome("wait(null, false, $label) with a message queued", function () use ($q, $timeout) {
        $ch = $GLOBALS['ch'];
        $ch->basic_publish(new AMQPMessage('queued'), '', $q);
        $got = null;
        $tag = $ch->basic_consume($q, '', false, true, false, false, function (AMQPMessage $m) use (&$got) {
            $got = $m->getBody();
        });
        $ch->wait(null, false, $timeout);
        $ch->basic_cancel($tag);
        return "got $got";
    });
}
outcome('wait(null, false, NAN)', fn () => $ch->wait(null, false, NAN));
outcome('wait(null, false, "abc")', fn () => $ch->wait(null, false, 'abc'));
outcome('wait(null, false, [])', fn () => $ch->wait(null, false, []));
outcome('consume(INF)', function () use ($q) {
    $ch = $GLOBALS['ch'];
    $ch->basic_publish(new AMQPMessage('queued'), '', $q);
    $got = null;
    $ch->basic_consume($q, '', false, true, false, false, function (AMQPMessage $m) use (&$got) {
        $got = $m->getBody();
        $m->getChannel()->basic_cancel($m->getConsumerTag());
    });
    $ch->consume(INF);
    return "got $got";
});
// php-amqplib's `float $maximumPoll`: a numeric string is converted, anything else is PHP's TypeError.
outcome('consume("0.5")', function () use ($q) {
    $ch = $GLOBALS['ch'];
    $ch->basic_publish(new AMQPMessage('numeric string'), '', $q);
    $got = null;
    $ch->basic_consume($q, '', false, true, false, false, function (AMQPMessage $m) use (&$got) {
        $got = $m->getBody();
        $m->getChannel()->basic_cancel($m->getConsumerTag());
    });
    $ch->consume('0.5');
    return "got $got";
});
outcome('consume("abc")', fn () => $ch->consume('abc'));
outcome('consume(NAN)', fn () => $ch->consume(NAN));
outcome('wait_for_pending_acks(INF), nothing pending', function () {
    $c = $GLOBALS['conn']->channel();
    $c->confirm_select();
    $c->wait_for_pending_acks(INF);
    $c->close();
    return 'returned';
});

echo "-- wait() on what is closed, without timeout (a child, in case it hangs)\n";
$child = <<<'PHP'
    require $argv[1];
    $conn = new PhpAmqpLib\Connection\AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    $ch = $conn->channel();
    $ch->queue_declare($argv[3], false, false, false, false, false, ['x-expires' => ['I', 10000]]);
    switch ($argv[2]) {
        case 'close': $ch->close(); break;
        case '406': try { $ch->queue_declare($argv[3], false, true, false, false, false, ['x-expires' => ['I', 10000]]); } catch (Throwable $e) { echo get_class($e), ", "; } break;
        case 'connection close': $conn->close(); break;
    }
    $t = microtime(true);
    try { $ch->wait(); echo "returned"; } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(); }
    echo microtime(true) - $t < 2 ? ", fast\n" : ", slow\n";
    PHP;
file_put_contents($script = sys_get_temp_dir() . '/' . fresh_name('mq-wait-closed') . '.php', "<?php\n$child");
foreach (['close', '406', 'connection close'] as $how) {
    $r = run_with_deadline(mq_child_php(implode(' ', array_map('escapeshellarg', [$script, dirname(__DIR__) . '/tools/brokers.php', $how, fresh_name('wait-closed')]))), 10);
    echo "after $how: ", $r['status'] === 0 ? $r['out'] : "status {$r['status']}, output " . json_encode($r['out']) . "\n";
}
unlink($script);

echo "-- a NUL byte in the vhost\n";
try {
    new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', "a\0b");
} catch (Throwable $e) {
    // php-amqplib's message has the NUL itself; mq may show it as \0 (never "cannot throw").
    echo get_class($e), ': ', preg_match('/^NOT_ALLOWED - vhost a(\0|\\\\0)b not found/', $e->getMessage()) ? 'shows the vhost' : $e->getMessage(), "\n";
}

echo "-- every public method with bad arguments (a child: a crash must not take this test down)\n";
$r = run_with_deadline(mq_child_php('-d error_reporting=' . (E_ALL & ~E_WARNING & ~E_NOTICE & ~E_DEPRECATED) . ' ' . escapeshellarg(dirname(__DIR__) . '/tools/amqp_fuzz_child.php')), 60);
$done = preg_match('/^done (\d+) calls, 0 panics$/m', $r['out'], $m) && $m[1] > 2000;
// The summary line itself says "0 panics": look for "panic" in everything else.
echo $r['status'] === 0 && $done && stripos(preg_replace('/^done \d+ calls, 0 panics$/m', '', $r['out']), 'panic') === false
    ? "no panic, no crash\n"
    : "status {$r['status']}, output:\n" . implode("\n", array_filter(explode("\n", $r['out']), fn ($l) => $l !== '' && $l[0] !== ' ')) . "\n";

$ch->queue_delete($q);
$conn->close();

--EXPECTF--
-- short strings over 255 bytes
queue 255: ok same name
queue: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
exchange: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
exchange type: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
routing key: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
bind routing key: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
consumer tag: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
cancel consumer tag: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
basic_get queue: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
table key: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
legacy table key: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
header name: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
content_type: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
content_encoding: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
message_id: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
correlation_id: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
reply_to: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
expiration: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
type: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
user_id: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
app_id: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
cluster_id: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
vhost: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
locale: PhpAmqpLib\Exception\AMQPInvalidArgumentException: String too long
-- names of the wrong type
queue array: TypeError: mb_strlen(): Argument #1 ($string) must be of type string, array given
queue stdClass: TypeError: mb_strlen(): Argument #1 ($string) must be of type string, stdClass given
exchange array: TypeError: mb_strlen(): Argument #1 ($string) must be of type string, array given
exchange type stdClass: TypeError: mb_strlen(): Argument #1 ($string) must be of type string, stdClass given
routing key array: TypeError: mb_strlen(): Argument #1 ($string) must be of type string, array given
consumer tag array: TypeError: mb_strlen(): Argument #1 ($string) must be of type string, array given
body array: TypeError: mb_strlen(): Argument #1 ($string) must be of type string, array given
body int: ok '42'
message_id array: TypeError: mb_strlen(): Argument #1 ($string) must be of type string, array given
timestamp DateTime: TypeError: %s
-- php-amqplib's range checks
timestamp -5: PhpAmqpLib\Exception\AMQPOutOfRangeException: Longlong out of range: -5
priority 300: PhpAmqpLib\Exception\AMQPInvalidArgumentException: Octet out of range: 300
priority -1: PhpAmqpLib\Exception\AMQPInvalidArgumentException: Octet out of range: -1
qos 70000: PhpAmqpLib\Exception\AMQPInvalidArgumentException: Short out of range: 70000
AMQPTable shortshort 300: PhpAmqpLib\Exception\AMQPInvalidArgumentException: Signed octet out of range: 300
legacy b 300: PhpAmqpLib\Exception\AMQPInvalidArgumentException: Signed octet out of range: 300
basic_ack(-1): PhpAmqpLib\Exception\AMQPOutOfRangeException: Longlong out of range: -1
-- nesting
arguments AMQPTable 129: PhpAmqpLib\Exception\AMQPInvalidArgumentException: %s128%s
arguments legacy 129: PhpAmqpLib\Exception\AMQPInvalidArgumentException: %s128%s
headers AMQPTable 129: PhpAmqpLib\Exception\AMQPInvalidArgumentException: %s128%s
headers legacy 129: PhpAmqpLib\Exception\AMQPInvalidArgumentException: %s128%s
arguments AMQPTable 128: ok declared
arguments legacy 128: ok declared
headers AMQPTable 128 round trip: ok deep depth 128
headers legacy 128 round trip: ok deep depth 128
self-referencing arguments: PhpAmqpLib\Exception\AMQPOutOfRangeException: AMQP-rabbit doesn't define data of type []
self-referencing legacy arguments: PhpAmqpLib\Exception\AMQPInvalidArgumentException: %s128%s
self-referencing headers array: PhpAmqpLib\Exception\AMQPOutOfRangeException: AMQP-rabbit doesn't define data of type []
new AMQPTable(self-referencing): no crash
new AMQPArray(self-referencing): no crash
AMQPTable->set(self-referencing): no crash
-- timeouts
wait(null, false, INF) with a message queued: ok got queued
wait(null, false, 1e300) with a message queued: ok got queued
wait(null, false, NAN): PhpAmqpLib\Exception\AMQPInvalidArgumentException: %s
wait(null, false, "abc"): TypeError: %s
wait(null, false, []): TypeError: %s
consume(INF): ok got queued
consume("0.5"): ok got numeric string
consume("abc"): TypeError: PhpAmqpLib\Channel\AMQPChannel::consume(): Argument #1 ($maximumPoll) must be of type int|float, string given
consume(NAN): PhpAmqpLib\Exception\AMQPInvalidArgumentException: %s
wait_for_pending_acks(INF), nothing pending: ok returned
-- wait() on what is closed, without timeout (a child, in case it hangs)
after close: PhpAmqpLib\Exception\AMQPChannelClosedException: %s, fast
after 406: PhpAmqpLib\Exception\AMQPProtocolChannelException, PhpAmqpLib\Exception\AMQPChannelClosedException: %s, fast
after connection close: PhpAmqpLib\Exception\AMQPChannelClosedException: %s, fast
-- a NUL byte in the vhost
PhpAmqpLib\Exception\AMQPConnectionClosedException: shows the vhost
-- every public method with bad arguments (a child: a crash must not take this test down)
no panic, no crash
