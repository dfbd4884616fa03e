<?php
/*
 * Shared by every Kafka scenario (require __DIR__ . '/_prelude.php';). Not a scenario itself.
 * The RdKafka classes come from the reference php-rdkafka extension or from mq.so, whichever run.php loaded.
 * Everything printed through out()/show()/attempt()/dumped() has the real topic and group names made by
 * name() replaced by their logical names, so both sides print the same text.
 * No strict_types: the scenarios call the API the way ordinary (non-strict) user code does.
 */

require_once __DIR__ . '/../../tools/brokers.php';
require_once dirname(__DIR__) . '/_names.php';

function client(): string
{
    // Set by run.php; by hand, whichever extension is there.
    return getenv('MQ_DIFF_CLIENT') ?: (extension_loaded('mq') ? 'mq' : 'rdkafka');
}

/**
 * A fresh topic (or group) name, never printed: out() and friends print $logical instead. Names start with
 * run.php's token for this run, so run.php deletes the topics in one call at the end.
 */
function name(string $logical): string
{
    // By hand, a token as wide as run.php's: var_dump() prints the length of the real name.
    static $token = null;
    $token ??= getenv('MQ_DIFF_RUN') ?: sprintf('kdiff-%07d-%s', 0, bin2hex(random_bytes(3)));
    $real = $token . '-' . $logical . '-' . bin2hex(random_bytes(4));
    return remember($real, $logical);
}

/** Runs $f, prints "label: <result>" or "label: threw Class(code): message". Returns the result or null. */
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

/** Prints "-- $label" and under it what $f prints (var_dump, print_r...), names replaced. */
function dumped(string $label, callable $f): void
{
    echo "-- $label\n";
    ob_start();
    try {
        $f();
    } catch (Throwable $e) {
        echo 'threw ', exc($e), "\n";
    }
    echo logical(ob_get_clean());
}

/** "Class(code): message" of an exception. */
function exc(Throwable $e): string
{
    return get_class($e) . '(' . $e->getCode() . '): ' . logical($e->getMessage());
}

/** A stable one-line representation (var_export-like). */
function repr($v): string
{
    if ($v === null || is_bool($v) || is_int($v) || is_float($v)) {
        return var_export($v, true);
    }
    if (is_string($v)) {
        if (strlen($v) <= 300 && preg_match('/^[\x20-\x7e]*$/', $v)) {
            return var_export($v, true);
        }
        return strlen($v) <= 32 ? 'hex(' . bin2hex($v) . ')' : sprintf('<%d bytes md5 %s>', strlen($v), md5($v));
    }
    if (is_array($v)) {
        $list = array_is_list($v);
        $items = [];
        foreach ($v as $k => $x) {
            $items[] = ($list ? '' : var_export($k, true) . ' => ') . repr($x);
        }
        return '[' . implode(', ', $items) . ']';
    }
    if ($v instanceof RdKafka\Message) {
        return message_repr($v);
    }
    if ($v instanceof RdKafka\TopicPartition) {
        return sprintf('TopicPartition(%s, %d, %d, err %s)', repr($v->getTopic()), $v->getPartition(), $v->getOffset(),
            repr($v->getErr()));
    }
    if ($v instanceof Throwable) {
        return exc($v);
    }
    if (is_object($v)) {
        return 'object(' . get_class($v) . ')';
    }
    return get_debug_type($v);
}

/**
 * Every property of a Message. A timestamp within a day of now (the producer's clock) reads "now"; scenarios
 * that print Messages raw (var_dump...) produce with a fixed timestamp instead.
 */
function message_repr(RdKafka\Message $m): string
{
    $ts = $m->timestamp;
    if (is_int($ts) && abs($ts - (int) (microtime(true) * 1000)) < 86400000) {
        $ts = 'now';
    }
    return sprintf('Message(err %s, topic %s, partition %s, offset %s, payload %s, len %s, key %s, timestamp %s, headers %s, opaque %s)',
        repr($m->err), repr($m->topic_name), repr($m->partition), repr($m->offset), repr($m->payload), repr($m->len),
        repr($m->key), $ts === 'now' ? 'now' : repr($ts), repr($m->headers), repr($m->opaque));
}

/** A Conf for the local broker, with $settings on top. */
function conf(array $settings = []): RdKafka\Conf
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    foreach ($settings as $k => $v) {
        $conf->set($k, $v);
    }
    return $conf;
}

/**
 * Produces $payloads to partition 0 of $topic (creating it: the broker auto-creates topics with one
 * partition) and waits until they are delivered. Returns the producer.
 */
function produce_all(string $topic, array $payloads, array $settings = []): RdKafka\Producer
{
    $p = new RdKafka\Producer(conf($settings));
    $t = $p->newTopic($topic);
    foreach ($payloads as $i => $payload) {
        $t->produce(0, 0, $payload, "k$i");
    }
    $rc = $p->flush(10000);
    if ($rc !== RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw new RuntimeException("produce_all: flush returned $rc");
    }
    return $p;
}

/**
 * A KafkaConsumer in a fresh group, reading from the beginning and reporting partition ends, with
 * $settings on top.
 */
function kafka_consumer(array $settings = []): RdKafka\KafkaConsumer
{
    return new RdKafka\KafkaConsumer(conf($settings + [
        'group.id' => name('group'),
        'auto.offset.reset' => 'earliest',
        'enable.partition.eof' => 'true',
    ]));
}

/**
 * Consumes with $c until $n messages with a payload arrived or $timeout seconds passed (a partition's end
 * and timeouts are skipped); returns them.
 */
function consume_n(RdKafka\KafkaConsumer $c, int $n, float $timeout = 20.0): array
{
    $got = [];
    $deadline = microtime(true) + $timeout;
    while (count($got) < $n && microtime(true) < $deadline) {
        $m = $c->consume(500);
        if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
            $got[] = $m;
        } elseif ($m->err !== RD_KAFKA_RESP_ERR__PARTITION_EOF && $m->err !== RD_KAFKA_RESP_ERR__TIMED_OUT) {
            out('consume_n: unexpected ' . repr($m));
        }
    }
    return $got;
}

/**
 * Runs $code (PHP statements, with this prelude loaded) in a child PHP with the same extension, for what
 * must not take the scenario down: a crash, a hang at exit. Returns "exit N" or "killed after S s (hung)",
 * followed by the child's stdout; its stderr (a crash's dump) is summed up by its first line.
 */
function in_child(string $code, float $timeout = 10.0): string
{
    $cmd = json_decode(getenv('MQ_DIFF_PHP') ?: 'null', true) ?: [PHP_BINARY, '-n'];
    $file = tempnam(sys_get_temp_dir(), 'kdiff-child');
    file_put_contents($file, "<?php\nrequire " . var_export(__DIR__ . '/_prelude.php', true) . ";\n$code\n");
    $p = proc_open([...$cmd, $file], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    stream_set_blocking($pipes[1], false);
    stream_set_blocking($pipes[2], false);
    $out = $err = '';
    $deadline = microtime(true) + $timeout;
    $status = null;
    while (microtime(true) < $deadline) {
        $out .= stream_get_contents($pipes[1]);
        $err .= stream_get_contents($pipes[2]);
        $st = proc_get_status($p);
        if (!$st['running']) {
            $status = $st['signaled'] ? 'killed by signal ' . $st['termsig'] : 'exit ' . $st['exitcode'];
            break;
        }
        usleep(20000);
    }
    if ($status === null) {
        proc_terminate($p, 9);
        $status = sprintf('killed after %g s (hung)', $timeout);
    }
    $out .= stream_get_contents($pipes[1]);
    $err .= stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    proc_close($p);
    unlink($file);
    $firstErr = strtok(trim($err), "\n");
    // The child's uncaught-exception line names its client; the two sides must print the same.
    $out = preg_replace('/ \[client \w+\]$/m', '', logical($out));
    return $status . ($firstErr ? ', stderr starts ' . repr(logical($firstErr)) : '') . "\n" . $out;
}
