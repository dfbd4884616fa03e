<?php
// A headers exchange with x-match all / any bindings; the headers come from application_headers.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Exchange\AMQPExchangeType;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$conn = connect();
$ch = $conn->channel();
$x = name('headers');
$all = name('all');
$any = name('any');
$ch->exchange_declare($x, AMQPExchangeType::HEADERS, false, false, false);
$ch->queue_declare($all, false, false, false, false);
$ch->queue_declare($any, false, false, false, false);
$ch->queue_bind($all, $x, '', false, new AMQPTable(['x-match' => 'all', 'format' => 'pdf', 'type' => 'report']));
$ch->queue_bind($any, $x, '', false, new AMQPTable(['x-match' => 'any', 'format' => 'zip', 'size' => 3]));
$cases = [
    'pdf report' => ['format' => 'pdf', 'type' => 'report'],
    'pdf report big' => ['format' => 'pdf', 'type' => 'report', 'size' => 100],
    'pdf log' => ['format' => 'pdf', 'type' => 'log'],
    'zip' => ['format' => 'zip'],
    'size 3' => ['size' => 3],
    'size "3"' => ['size' => '3'],
    'no headers' => null,
];
foreach ($cases as $body => $h) {
    $props = $h === null ? [] : ['application_headers' => new AMQPTable($h)];
    $ch->basic_publish(new AMQPMessage($body, $props), $x, 'ignored');
}
$ch->basic_publish(new AMQPMessage('end'), '', $all);
$ch->basic_publish(new AMQPMessage('end'), '', $any);
show('x-match all', drain($ch, $all, 3));
show('x-match any', drain($ch, $any, 3));
show('delete all', $ch->queue_delete($all));
show('delete any', $ch->queue_delete($any));
$ch->exchange_delete($x);
$ch->close();
$conn->close();
