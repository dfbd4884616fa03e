<?php
/*
 * The harness around a variant's publisher/consumer code (not part of what a variant shows): arguments,
 * the lines the runner reads, the record files. Under mq.so the PhpAmqpLib classes come from the extension;
 * without it (run.php --client=php-amqplib) from Debian's php-amqplib.
 *
 * Lines on stdout, one per event: "EVENT MICROTIME FIELDS...":
 *   start T RECOVERY     the child runs; RECOVERY is ini_get('mq.amqp_recovery') ("missing" if mq has no such entry)
 *   progress T A B       publisher: A sent, B confirmed; consumer: A deliveries processed, B distinct ids
 *   stalled T            consumer: stopped on purpose mid-batch (--stall-at), waiting to be killed
 *   done T A B           finished; the same counters
 *   error T CLASS: MSG   an exception ended the child (exit 70), after a last "progress" line with the
 *                        counters given to counters()
 */

if (!extension_loaded('mq')) {
    require_once getenv('MQ_FAULTS_AMQPLIB') ?: '/usr/share/php/PhpAmqpLib/autoload.php';
}

/** --key=value arguments. */
function child_args(): array
{
    $args = [];
    foreach (array_slice($GLOBALS['argv'], 1) as $arg) {
        if (preg_match('/^--([a-z-]+)=(.*)$/s', $arg, $m)) {
            $args[$m[1]] = $m[2];
        }
    }
    return $args;
}

function emit(string $event, string ...$fields): void
{
    echo $event, ' ', sprintf('%.6f', microtime(true)), $fields ? ' ' . implode(' ', $fields) : '', "\n";
}

/** Prints "progress A B" at most every 50 ms (and always on the first call after a quiet spell). */
function progress(int $a, int $b): void
{
    static $last = 0.0;
    $now = microtime(true);
    if ($now - $last >= 0.05) {
        emit('progress', (string) $a, (string) $b);
        $last = $now;
    }
}

/** An append-only record file: every line is written at once (no PHP buffering), so a SIGKILL loses none. */
function record_file(string $path)
{
    return fopen($path, 'a');
}

/**
 * The hosts to connect to, in php-amqplib's create_connection() form: --ports=5681,5682,5683.
 * @return list<array{host: string, port: int, user: string, password: string}>
 */
function child_hosts(array $args): array
{
    return array_map(fn ($p) => ['host' => '127.0.0.1', 'port' => (int) $p, 'user' => 'guest', 'password' => 'guest'],
        explode(',', $args['ports']));
}

/** What reports the child's counters [A, B] when an exception ends it (progress() lines may lag by 50 ms). */
function counters(?callable $report = null): ?callable
{
    static $counters = null;
    return $counters = $report ?? $counters;
}

set_exception_handler(function (Throwable $e): void {
    if (($report = counters()) !== null) {
        emit('progress', ...array_map('strval', $report()));
    }
    emit('error', get_class($e) . ': ' . str_replace("\n", ' ', $e->getMessage()));
    exit(70);
});
emit('start', extension_loaded('mq') ? (ini_get('mq.amqp_recovery') === false ? 'missing' : (string) ini_get('mq.amqp_recovery')) : 'php-amqplib');
