<?php
// Exclusive queues and consumers seen from a second connection; a connection-level error.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$owner = connect();
$och = $owner->channel();
$q = name('exclusive');
$och->queue_declare($q, false, false, true, false);
$other = connect();
$ch = $other->channel();
attempt('declare from another connection', fn() => $ch->queue_declare($q, false, false, true, false));
$ch = $other->channel();
attempt('passive declare from another connection', fn() => $ch->queue_declare($q, true));
$ch = $other->channel();
attempt('basic_get from another connection', fn() => $ch->basic_get($q));

$shared = name('shared');
$och->queue_declare($shared, false, false, false, false);
$och->basic_consume($shared, 'excl', false, false, true, false, fn() => null);
$ch = $other->channel();
attempt('consume while an exclusive consumer exists', fn() => $ch->basic_consume($shared, '', false, false, false, false, fn() => null));
$ch = $other->channel();
$och->basic_cancel('excl');
$tag = attempt('consume after the exclusive consumer left', fn() => $ch->basic_consume($shared, 'second', false, false, false, false, fn() => null));
attempt('exclusive consume while another consumer exists', fn() => $och->basic_consume($shared, '', false, false, true, false, fn() => null));
show('owner channel open', $och->is_open());

// An unknown exchange type is a connection error: the whole connection goes.
$och = $owner->channel();
try {
    $och->exchange_declare(name('badtype'), 'no-such-type', false, false, false);
    out('declared?!');
} catch (Throwable $e) {
    show('unknown exchange type', get_class($e));
    show('code', $e->getCode());
    show('message', $e->getMessage());
}
show('owner connected', $owner->isConnected());
show('owner channel open', $och->is_open());
// The broker deletes the exclusive queue shortly after its connection is gone.
$last = null;
for ($i = 0; $i < 100; $i++) {
    $ch = $other->channel();
    try {
        $ch->queue_declare($q, true);
        usleep(20000);
    } catch (Throwable $e) {
        $last = $e;
        if ($e->getCode() === 404) {
            break;
        }
        usleep(20000);
    }
}
show('exclusive queue gone with its connection', $last);
$ch = $other->channel();
show('delete shared', $ch->queue_delete($shared));
$other->close();
