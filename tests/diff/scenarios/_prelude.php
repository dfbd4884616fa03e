<?php
/*
 * Shared by every scenario (require __DIR__ . '/_prelude.php';). Not a scenario itself.
 * Under MQ_DIFF_CLIENT=amqplib it loads php-amqplib's autoloader; under mq the classes come from mq.so.
 * Everything printed through out()/show() has the real queue/exchange names made by name() replaced by
 * their logical names, so both clients print the same text.
 * No strict_types: the scenarios call the API the way ordinary (non-strict) user code does.
 */

use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPAbstractCollection;

require_once __DIR__ . '/../../tools/brokers.php';
require_once dirname(__DIR__) . '/_names.php';

function client(): string
{
    // Set by run.php; by hand, whichever client is there.
    return getenv('MQ_DIFF_CLIENT') ?: (extension_loaded('mq') ? 'mq' : 'amqplib');
}

if (client() === 'amqplib') {
    require_once getenv('MQ_DIFF_AMQPLIB') ?: '/usr/share/php/PhpAmqpLib/autoload.php';
}

function connect(): AMQPStreamConnection
{
    return new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
}

/**
 * A fresh queue/exchange name, never printed: out() and show() print $prefix instead.
 * The names are recorded so run.php can delete leftovers of a scenario that died halfway.
 */
function name(string $prefix): string
{
    $real = 'mqdiff-' . $prefix . '-' . getmypid() . '-' . bin2hex(random_bytes(4));
    return remember($real, $prefix);
}

/** A stable one-value representation (var_export-like, one line except for messages). */
function repr($v, int $depth = 0): string
{
    if ($v === null || is_bool($v) || is_int($v) || is_float($v)) {
        return var_export($v, true);
    }
    if (is_string($v)) {
        return str_repr($v);
    }
    if (is_array($v)) {
        $list = array_is_list($v);
        $items = [];
        foreach ($v as $k => $x) {
            $items[] = ($list ? '' : var_export($k, true) . ' => ') . repr($x, $depth + 1);
        }
        return '[' . implode(', ', $items) . ']';
    }
    if ($v instanceof AMQPMessage) {
        return message_repr($v, $depth);
    }
    if ($v instanceof AMQPAbstractCollection) {
        return short_class($v) . '(' . repr($v->getNativeData(), $depth + 1) . ')';
    }
    if ($v instanceof DateTimeInterface) {
        return short_class($v) . '(' . $v->format('Y-m-d H:i:s') . ')';
    }
    if ($v instanceof Throwable) {
        return exc($v);
    }
    if (is_object($v)) {
        return 'object(' . get_class($v) . ')';
    }
    return get_debug_type($v);
}

function str_repr(string $s): string
{
    if (strlen($s) <= 200 && preg_match('/^[\x20-\x7e]*$/', $s)) {
        return var_export($s, true);
    }
    if (strlen($s) <= 32) {
        return 'hex(' . bin2hex($s) . ')';
    }
    return sprintf('<%d bytes md5 %s>', strlen($s), md5($s));
}

function short_class(object $o): string
{
    $c = get_class($o);
    return substr($c, (int) strrpos('\\' . $c, '\\'));
}

/** Body, properties (sorted, headers as native data) and delivery info without the channel. */
function message_repr(AMQPMessage $m, int $depth = 0): string
{
    $pad = str_repeat('  ', $depth);
    $props = $m->get_properties();
    ksort($props);
    $info = $m->delivery_info;
    unset($info['channel']);
    ksort($info);
    return "AMQPMessage {\n"
        . "$pad  body: " . str_repr($m->getBody()) . "\n"
        . "$pad  properties: " . repr($props, $depth + 1) . "\n"
        . "$pad  delivery_info: " . repr($info, $depth + 1) . "\n"
        . "$pad}";
}

/** "Class: message" of an exception (fully qualified class, names replaced). */
function exc(Throwable $e): string
{
    return get_class($e) . ': ' . logical($e->getMessage());
}

/**
 * Consumes (no_ack) from a fresh queue on a fresh connection and, with async signals off then on, for a
 * wait() without and with a timeout, has SIGUSR1 sent to this process 0.3 s into the wait: prints how each
 * wait ended and whether within a second of the signal, then calls $report with a function that tells how
 * often the SIGUSR1 handler has run since that wait began.
 */
function waits_through_a_signal(callable $report): void
{
    $conn = connect();
    $ch = $conn->channel();
    $q = name('q');
    $ch->queue_declare($q, false, false, false, false);
    $ch->basic_consume($q, '', false, true, false, false, fn() => out('message'));
    $handled = 0;
    pcntl_signal(SIGUSR1, function () use (&$handled) { $handled++; });
    foreach ([false, true] as $async) {
        pcntl_async_signals($async);
        foreach ([0, 5] as $timeout) {
            $handled = 0;
            $t0 = microtime(true);
            exec(sprintf('(sleep 0.3; kill -USR1 %d) > /dev/null 2>&1 &', getmypid()));
            attempt(($async ? 'async' : 'sync') . " wait(null, false, $timeout)", fn() => $ch->wait(null, false, $timeout));
            show('  ended within a second of the signal', microtime(true) - $t0 < 1.3);
            $report(function () use (&$handled) { return $handled; });
        }
    }
    show('is_consuming after the signals', $ch->is_consuming());
    $ch->queue_delete($q);
    $conn->close();
}

/** Runs $f, prints "label: <result>" or "label: threw Class: message". Returns the result or null. */
function attempt(string $label, callable $f)
{
    try {
        $r = $f();
        show($label, $r);
        return $r;
    } catch (Throwable $e) {
        out("$label: threw " . exc($e));
        return null;
    }
}

/**
 * Consumes up to $n messages from $queue (basic_consume, then wait() until $n arrived or $timeout seconds
 * passed), acks them unless $ack is false, cancels the consumer and returns the bodies in arrival order.
 */
function drain($ch, string $queue, int $n, float $timeout = 3.0, bool $ack = true): array
{
    $bodies = [];
    $tag = $ch->basic_consume($queue, '', false, false, false, false,
        function (AMQPMessage $m) use (&$bodies, $ack): void {
            $bodies[] = $m->getBody();
            if ($ack) {
                $m->ack();
            }
        });
    $deadline = microtime(true) + $timeout;
    while (count($bodies) < $n) {
        $left = $deadline - microtime(true);
        if ($left <= 0) {
            break;
        }
        try {
            $ch->wait(null, false, $left);
        } catch (AMQPTimeoutException $e) {
            break;
        }
    }
    $ch->basic_cancel($tag);
    return $bodies;
}
