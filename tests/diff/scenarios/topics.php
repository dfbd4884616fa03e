<?php
// Tutorial 5: a topic exchange with "*" and "#" bindings.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Exchange\AMQPExchangeType;
use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$x = name('topic_logs');
$ch->exchange_declare($x, AMQPExchangeType::TOPIC, false, false, false);
$q1 = name('orange');
$q2 = name('rabbit_lazy');
$q3 = name('everything');
foreach ([$q1, $q2, $q3] as $q) {
    $ch->queue_declare($q, false, false, false, false);
}
$ch->queue_bind($q1, $x, '*.orange.*');
$ch->queue_bind($q2, $x, '*.*.rabbit');
$ch->queue_bind($q2, $x, 'lazy.#');
$ch->queue_bind($q3, $x, '#');
$keys = ['quick.orange.rabbit', 'lazy.orange.elephant', 'quick.orange.fox', 'lazy.brown.fox', 'lazy.pink.rabbit',
    'quick.brown.fox', 'orange', 'quick.orange.male.rabbit', 'lazy.orange.male.rabbit', 'lazy', ''];
foreach ($keys as $k) {
    $ch->basic_publish(new AMQPMessage("msg[$k]"), $x, $k);
}
show('*.orange.*', drain($ch, $q1, 3));
show('*.*.rabbit + lazy.#', drain($ch, $q2, 6));
show('#', drain($ch, $q3, count($keys)));
foreach ([$q1, $q2, $q3] as $q) {
    show('left', $ch->queue_declare($q, true));
    $ch->queue_delete($q);
}
$ch->exchange_delete($x);
$ch->close();
$conn->close();
