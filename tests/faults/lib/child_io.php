<?php
/*
 * The child side of the fault suites (every client a scenario starts includes it): arguments, the lines
 * the runner reads (lib/Child.php), append-only record files.
 *
 * Lines on stdout, one per event: "EVENT MICROTIME FIELDS...":
 *   start T ...          the child runs (what follows is the suite's: see variants/_child.php, kafka/clients/_client.php)
 *   progress T A B       two counters: publisher/producer: A sent, B confirmed/delivered; consumer: A
 *                        deliveries processed, B distinct ids
 *   stalled T            consumer: stopped on purpose mid-batch (--stall-at), waiting to be killed
 *   assigned T P,P       Kafka consumer: its whole assignment after a rebalance
 *   done T A B           finished; the same counters
 *   error T CLASS: MSG   an exception ended the child (exit 70), after a last "progress" line with the
 *                        counters given to counters()
 */

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
    emit('error', get_class($e) . ': ' . str_replace("\n", ' ', $e->getMessage()) . ' (' . basename($e->getFile()) . ':' . $e->getLine() . ')');
    exit(70);
});
