<?php
// php-amqplib's Wait091 names methods for wait($allowed_methods), as its own basic_cancel.php example
// does: a consumer whose queue is deleted gets the broker's basic.cancel as AMQPBasicCancelException.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Exception\AMQPBasicCancelException;
use PhpAmqpLib\Helper\Protocol\Wait091;

$waitHelper = new Wait091();
show('signatures', array_map(fn($m) => $waitHelper->get_wait($m), ['basic.cancel', 'basic.deliver', 'queue.declare_ok', 'confirm.select_ok', 'exchange.unbind_ok']));
$conn = connect();
$ch = $conn->channel();
$q = name('cancelled');
$ch->queue_declare($q, false, false, false, false);
$ch->basic_consume($q, 'consumer');
$ch->queue_delete($q);
try {
    $ch->wait([$waitHelper->get_wait('basic.cancel')], false, 5);
    out('no cancel');
} catch (AMQPBasicCancelException $e) {
    out('basic.cancel: ' . exc($e) . ', consumer tag ' . $e->getConsumerTag());
}
$conn->close();
