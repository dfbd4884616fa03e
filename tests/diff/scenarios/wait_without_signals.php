<?php
// With php-amqplib's AMQP_WITHOUT_SIGNALS true (RabbitMqBundle's --without-signals), a signal still
// ends a wait, but its handler runs only when the script dispatches (or PHP does, with async signals).
define('AMQP_WITHOUT_SIGNALS', true);
require __DIR__ . '/_prelude.php';

waits_through_a_signal(function (callable $handled) {
    show('  handler ran in the wait', $handled());
    pcntl_signal_dispatch();
    show('  handler ran by pcntl_signal_dispatch()', $handled());
});
