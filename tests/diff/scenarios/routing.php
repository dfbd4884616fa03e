<?php
// Tutorial 4: a direct exchange; one queue for errors only, one for info/warning/error.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Exchange\AMQPExchangeType;
use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$x = name('direct_logs');
$ch->exchange_declare($x, AMQPExchangeType::DIRECT, false, false, false);
$errors = name('errors');
$all = name('all');
$ch->queue_declare($errors, false, false, false, false);
$ch->queue_declare($all, false, false, false, false);
$ch->queue_bind($errors, $x, 'error');
foreach (['info', 'warning', 'error'] as $sev) {
    $ch->queue_bind($all, $x, $sev);
}
foreach (['info', 'warning', 'error', 'debug', 'error'] as $i => $sev) {
    $ch->basic_publish(new AMQPMessage("$sev #$i"), $x, $sev);
}
show('errors got', drain($ch, $errors, 2));
show('all got', drain($ch, $all, 4));
show('errors left', $ch->queue_declare($errors, true));
show('all left', $ch->queue_declare($all, true));
$ch->queue_unbind($all, $x, 'info');
$ch->basic_publish(new AMQPMessage('info after unbind'), $x, 'info');
$ch->basic_publish(new AMQPMessage('warning after unbind'), $x, 'warning');
show('all got after unbind', drain($ch, $all, 1));
show('delete errors', $ch->queue_delete($errors));
show('delete all', $ch->queue_delete($all));
$ch->exchange_delete($x);
$ch->close();
$conn->close();
