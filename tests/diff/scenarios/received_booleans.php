<?php
// A received boolean in a field table or array reads as php-amqplib's reader keeps it: the octet, int 1 or
// 0, through ArrayAccess and iteration; getNativeData() makes it a bool.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPArray;
use PhpAmqpLib\Wire\AMQPTable;

$conn = connect();
$ch = $conn->channel();
$q = name('bools');
$ch->queue_declare($q, false, false, false, true);
$ch->basic_publish(new AMQPMessage('x', ['application_headers' => new AMQPTable([
    'flag' => true, 'off' => false, 'list' => [true, false], 'nested' => ['inner' => true],
])]), '', $q);
$h = $ch->basic_get($q, true)->get('application_headers');
show('ArrayAccess', [$h['flag'], $h['off']]);
$pairs = [];
foreach ($h as $key => $pair) {
    $pairs[$key] = $pair[1] instanceof AMQPArray || $pair[1] instanceof AMQPTable ? [$pair[0], iterator_to_array($pair[1])] : $pair;
}
ksort($pairs);
show('iterated pairs', $pairs);
$native = $h->getNativeData();
ksort($native);
show('getNativeData()', $native);
$conn->close();
