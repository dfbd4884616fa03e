<?php
// Runs php-amqplib itself (never in a process with mq loaded), as "another client" for the mq tests:
//   publish <queue> <kind>...   publishes one message per kind (see $kinds)
//   get <queue>                 basic_get with ack, prints what arrived as JSON (binary fields in hex)
require '/usr/share/php/PhpAmqpLib/autoload.php';
require __DIR__ . '/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

if (extension_loaded('mq')) {
    fwrite(STDERR, "amqplib_child.php must run without mq\n");
    exit(2);
}
function nested(int $levels): AMQPTable
{
    $t = new AMQPTable(['leaf' => 'x']);
    for ($i = 1; $i < $levels; $i++) {
        $t = new AMQPTable(['k' => $t]);
    }
    return $t;
}
$kinds = [
    'deep1500' => fn () => new AMQPMessage('deep1500', ['application_headers' => nested(1500)]),
    'deep100' => fn () => new AMQPMessage('deep100', ['application_headers' => nested(100)]),
    'normal' => fn () => new AMQPMessage('normal'),
    'binary' => fn () => new AMQPMessage('binary', ['content_type' => "\xff\xfe", 'application_headers' => new AMQPTable(["k\xff" => "v\xfe"])]),
];
[, $cmd, $q] = $argv;
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
if ($cmd === 'publish') {
    $ch->confirm_select();
    foreach (array_slice($argv, 3) as $kind) {
        $ch->basic_publish($kinds[$kind](), '', $q);
    }
    $ch->wait_for_pending_acks(5);
    echo "published\n";
} elseif ($cmd === 'get') {
    $m = null;
    for ($i = 0; $i < 100 && $m === null; $i++) {
        $m = $ch->basic_get($q, true) ?? usleep(20000);
    }
    if ($m === null) {
        echo "null\n";
    } else {
        $headers = $m->has('application_headers') ? $m->get('application_headers')->getNativeData() : [];
        echo json_encode([
            'body' => $m->getBody(),
            'content_type' => $m->has('content_type') ? bin2hex($m->get('content_type')) : null,
            'headers' => array_map(fn ($k, $v) => bin2hex($k) . '=' . (is_string($v) ? bin2hex($v) : gettype($v)), array_keys($headers), $headers),
        ]), "\n";
    }
}
$ch->close();
$conn->close();
