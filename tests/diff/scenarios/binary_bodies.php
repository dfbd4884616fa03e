<?php
// Bodies are bytes: all 256 byte values incl. NUL, the empty body, and a 1 MiB body (many frames).
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('binary');
$ch->queue_declare($q, false, false, false, false);

$all = implode('', array_map('chr', range(0, 255)));
$mib = '';
for ($i = 0; strlen($mib) < 1048576; $i++) {
    $mib .= md5((string) $i, true);
}
$bodies = [
    '256 byte values' => $all,
    'empty' => '',
    'one NUL' => "\0",
    'utf-8' => "h\u{e9}llo w\u{f6}rld \u{2603}",
    '1 MiB' => $mib,
];
foreach ($bodies as $label => $b) {
    $ch->basic_publish(new AMQPMessage($b), '', $q);
}
foreach ($bodies as $label => $b) {
    $m = $ch->basic_get($q, true);
    $got = $m->getBody();
    show("get $label", [strlen($got), md5($got), $got === $b, $m->getBodySize(), $m->isTruncated()]);
}
foreach ($bodies as $label => $b) {
    $ch->basic_publish(new AMQPMessage($b), '', $q);
}
$got = drain($ch, $q, count($bodies));
foreach (array_keys($bodies) as $i => $label) {
    show("consume $label", [strlen($got[$i] ?? ''), md5($got[$i] ?? ''), ($got[$i] ?? null) === $bodies[$label]]);
}
show('delete', $ch->queue_delete($q));
$ch->close();
$conn->close();
