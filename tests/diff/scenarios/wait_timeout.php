<?php
// wait() with a timeout on an idle channel (the message prints the timeout as PHP prints the float),
// non-blocking wait, and consume() with stopConsume().
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('idle');
$ch->queue_declare($q, false, false, false, false);
$ch->basic_consume($q, 'c1', false, true, false, false, function (AMQPMessage $m) {
    out('  callback got', $m->getBody());
});
foreach ([0.5, 1, 1.25, 1e-5] as $t) {
    $start = microtime(true);
    try {
        $r = $ch->wait(null, false, $t);
        show("wait($t) returned", $r);
    } catch (AMQPTimeoutException $e) {
        $took = microtime(true) - $start;
        show("wait($t) class", get_class($e));
        show("wait($t) message", $e->getMessage());
        show("wait($t) getTimeout", $e->getTimeout());
        show("wait($t) getCode", $e->getCode());
        show("wait($t) took about the timeout", $took >= $t * 0.9 && $took < $t + 1.5);
    }
}
show('channel open after timeouts', $ch->is_open());
show('non-blocking wait on an idle channel', $ch->wait(null, true));
$ch->basic_publish(new AMQPMessage('hello'), '', $q);
show('wait with a message', $ch->wait(null, false, 5));

// consume() returns once a callback calls stopConsume().
$ch2 = $conn->channel();
$ch2->basic_qos(null, 10, null);
$n = 0;
$ch2->basic_consume($q, 'c2', false, false, false, false, function (AMQPMessage $m) use (&$n, $ch2) {
    $n++;
    out('  c2 got', $m->getBody());
    $m->ack();
    if ($n === 3) {
        $ch2->stopConsume();
    }
});
$ch->basic_cancel('c1');
foreach (['x', 'y', 'z'] as $b) {
    $ch->basic_publish(new AMQPMessage($b), '', $q);
}
$ch2->consume(5);
show('consume() returned after', $n);
show('is_consuming after stopConsume', $ch2->is_consuming());
show('delete', $ch->queue_delete($q));
$ch2->close();
$ch->close();
$conn->close();
