<?php
// A signal during wait(): its handler runs, then wait() without a timeout returns null and wait() with
// one throws its timeout at once (php-amqplib #1094: misleading, but consumers stop on it), whether
// PHP dispatches signals asynchronously or not.
require __DIR__ . '/_prelude.php';

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
        show('  handler ran', $handled);
        show('  ended within a second of the signal', microtime(true) - $t0 < 1.3);
    }
}
show('is_consuming', $ch->is_consuming());

$ch->queue_delete($q);
$conn->close();
