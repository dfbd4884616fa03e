<?php
// Every basic property survives the round trip; application_headers come back as an AMQPTable.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPArray;
use PhpAmqpLib\Wire\AMQPTable;

$conn = connect();
$ch = $conn->channel();
$q = name('props');
$ch->queue_declare($q, false, false, false, false);

$headers = new AMQPTable([
    'int' => 42,
    'negative' => -7,
    'big' => 5000000000,
    'string' => 'hello',
    'empty' => '',
    'true' => true,
    'false' => false,
    'null' => null,
    'float' => 1.5,
    'list' => [1, 'two', true],
    'nested' => ['a' => 1, 'b' => ['c' => 'deep', 'd' => [1, 2]]],
]);
$headers->set('explicit_array', new AMQPArray(['x', 'y']), AMQPTable::T_ARRAY);
$headers->set('explicit_short', 7, AMQPTable::T_INT_SHORT);
$headers->set('explicit_long_string', 'long', AMQPTable::T_STRING_LONG);
$headers->set('explicit_bool', 1, AMQPTable::T_BOOL);
$headers->set('timestamp', 1700000000, AMQPTable::T_TIMESTAMP);
$props = [
    'content_type' => 'application/json',
    'content_encoding' => 'gzip',
    'application_headers' => $headers,
    'delivery_mode' => AMQPMessage::DELIVERY_MODE_PERSISTENT,
    'priority' => 5,
    'correlation_id' => 'corr-1',
    'reply_to' => 'reply-queue',
    'expiration' => '60000',
    'message_id' => 'msg-1',
    'timestamp' => 1700000000,
    'type' => 'order.created',
    'user_id' => 'guest',
    'app_id' => 'mq-diff',
    'cluster_id' => 'cluster-1',
];
$sent = new AMQPMessage('{"a":1}', $props);
show('sent', $sent);
$ch->basic_publish($sent, '', $q);
$m = $ch->basic_get($q, true);
// AMQP field tables are maps: mq does not keep their key order on the wire (README, compatibility),
// so received tables are compared sorted by key.
$h = $m->get('application_headers');
$sortedProps = $m->get_properties();
$sortedProps['application_headers'] = sorted_table($h->getNativeData());
ksort($sortedProps);
show('received body', $m->getBody());
show('received properties', $sortedProps);
show('headers class', get_class($h));
show('headers native', sorted_table($h->getNativeData()));
$types = [];
foreach ($h as $k => $pair) {
    $types[$k] = "$k=" . repr($pair[0]);
}
ksort($types);
show('headers iterated (key=type)', array_values($types));
show('headers offsetGet int', $h['int']);
show('headers offsetExists', [isset($h['int']), isset($h['nope'])]);
show('getContentEncoding', $m->getContentEncoding());
foreach (array_keys($props) as $p) {
    if ($p !== 'application_headers') {
        show("get $p", $m->get($p));
    }
}

function sorted_table(array $table): array
{
    ksort($table);
    return array_map(fn($v) => is_array($v) && array_keys($v) !== range(0, count($v) - 1) ? sorted_table($v) : $v, $table);
}

// Legacy plain-array headers with symbol/value pairs, and a message with no properties at all.
$ch->basic_publish(new AMQPMessage('legacy', ['application_headers' => ['x-a' => ['S', 'b'], 'x-n' => ['I', 3]]]), '', $q);
$m = $ch->basic_get($q, true);
show('legacy headers', $m->get('application_headers')->getNativeData());
$ch->basic_publish(new AMQPMessage('bare'), '', $q);
$m = $ch->basic_get($q, true);
show('bare', $m);
show('delete', $ch->queue_delete($q));
$ch->close();
$conn->close();
