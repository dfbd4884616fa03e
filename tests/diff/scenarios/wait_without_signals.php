<?php
// With php-amqplib's AMQP_WITHOUT_SIGNALS true (RabbitMqBundle's --without-signals), a signal still
// ends a wait, but its handler runs only when the script dispatches (or PHP does, with async signals).
define('AMQP_WITHOUT_SIGNALS', true);
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
        show('  ended within a second of the signal', microtime(true) - $t0 < 1.3);
        show('  handler ran in the wait', $handled);
        pcntl_signal_dispatch();
        show('  handler ran by pcntl_signal_dispatch()', $handled);
    }
}

$ch->queue_delete($q);
$conn->close();
