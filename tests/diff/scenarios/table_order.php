<?php
// Field tables keep their order, as php-amqplib's do: headers as sent (nested tables and tables in
// arrays too), a key set again keeps its place, and a received table published again keeps it.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$conn = connect();
$ch = $conn->channel();
$q = name('q');
$ch->queue_declare($q, false, false, false, false);

$headers = new AMQPTable(['zeta' => 1, 'alpha' => 'a', 'mid' => ['z' => 1, 'a' => 2], 'list' => [['y' => 1, 'b' => 2]], '10' => 'ten', '2' => 'two']);
$headers->set('zeta', 3);
$ch->basic_publish(new AMQPMessage('x', ['application_headers' => $headers]), '', $q);
$m = $ch->basic_get($q, true);
$got = $m->get('application_headers')->getNativeData();
show('received keys', array_keys($got));
show('nested keys', array_keys($got['mid']));
show('keys of the table in the array', array_keys($got['list'][0]));
show('received headers', $got);
show('equal to what was sent, order included', $got === $headers->getNativeData());

// A received message published again as it is.
$ch->basic_publish($m, '', $q);
$again = $ch->basic_get($q, true);
show('published again, keys', array_keys($again->get('application_headers')->getNativeData()));

$ch->queue_delete($q);
$conn->close();
