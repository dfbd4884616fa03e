--TEST--
bodies round-trip byte-exactly: all 256 byte values (NUL included), and 16 MiB and 20 MiB random bodies (far above frame_max) via basic_get and via basic_consume + wait
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 5.0, 20.0);
$ch = $conn->channel();
$q = fresh_name('bodies');
$ch->queue_declare($q, false, false, false, false);

function get_one($ch, string $q): ?AMQPMessage
{
    for ($i = 0; $i < 250; $i++) {
        $m = $ch->basic_get($q, true);
        if ($m !== null) {
            return $m;
        }
        usleep(20000);
    }
    return null;
}

$all = '';
for ($i = 0; $i < 256; $i++) {
    $all .= chr($i);
}
$bodies = [
    'all bytes' => $all,
    'all bytes reversed' => strrev($all),
    'only NUL' => "\0",
    'NULs' => str_repeat("\0", 1000),
    'empty' => '',
    'invalid UTF-8' => "\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1",
    '16 MiB' => random_bytes(16 * 1024 * 1024),
    '20 MiB' => random_bytes(20 * 1024 * 1024),
];

echo "basic_publish + basic_get\n";
foreach ($bodies as $label => $body) {
    $ch->basic_publish(new AMQPMessage($body), '', $q);
    $m = get_one($ch, $q);
    printf("%s: %s %d\n", $label, $m !== null && md5($m->getBody()) === md5($body) ? 'same' : 'DIFFERENT', $m === null ? -1 : $m->getBodySize());
}

echo "basic_consume + wait\n";
foreach ($bodies as $body) {
    $ch->basic_publish(new AMQPMessage($body), '', $q);
}
$got = [];
$tag = $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$got) {
    $got[] = $m->getBody();
    $m->ack();
});
$deadline = microtime(true) + 30;
while (count($got) < count($bodies) && microtime(true) < $deadline) {
    $ch->wait(null, false, 10);
}
$ch->basic_cancel($tag);
$labels = array_keys($bodies);
foreach (array_values($bodies) as $i => $body) {
    printf("%s: %s\n", $labels[$i], isset($got[$i]) && md5($got[$i]) === md5($body) && strlen($got[$i]) === strlen($body) ? 'same' : 'DIFFERENT');
}
var_dump(count($got));
[, $left] = $ch->queue_declare($q, true);
var_dump($left);
$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
basic_publish + basic_get
all bytes: same 256
all bytes reversed: same 256
only NUL: same 1
NULs: same 1000
empty: same 0
invalid UTF-8: same 9
16 MiB: same 16777216
20 MiB: same 20971520
basic_consume + wait
all bytes: same
all bytes reversed: same
only NUL: same
NULs: same
empty: same
invalid UTF-8: same
16 MiB: same
20 MiB: same
int(8)
int(0)
