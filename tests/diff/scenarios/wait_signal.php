<?php
// A signal during wait(): its handler runs, then wait() without a timeout returns null and wait() with
// one throws its timeout at once (php-amqplib #1094: misleading, but consumers stop on it), whether
// PHP dispatches signals asynchronously or not.
require __DIR__ . '/_prelude.php';

waits_through_a_signal(function (callable $handled) {
    show('  handler ran', $handled());
});
