<?php
// access_request: old code asks for a ticket first; RabbitMQ answers 1 to any realm. php-amqplib checks
// the realm as a short string, and a closed channel refuses the call. (A realm that is not UTF-8 is
// left out: RabbitMQ closes php-amqplib's connection for it, mq answers 1, README.)
require __DIR__ . '/_prelude.php';

$conn = connect();
$ch = $conn->channel();
show('tutorial call', $ch->access_request('/data', false, false, true, true));
show('defaults', $ch->access_request(''));
foreach (['256 bytes' => str_repeat('x', 256), 'int' => 123, 'null' => null, 'array' => [], 'object' => new stdClass(),
    'float' => 1.5, 'bool' => true, 'NUL byte' => "a\0b"] as $label => $realm) {
    attempt("realm $label", fn() => $ch->access_request($realm));
}
try {
    $ch->access_request();
} catch (ArgumentCountError $e) {
    out('no realm: ' . get_class($e)); // mq words it as for any internal method (README)
}
$q = name('after-ticket');
$ch->queue_declare($q, false, false, false, true);
show('channel usable after', $ch->is_open());
$ch->close();
attempt('closed channel', fn() => $ch->access_request('/data'));
attempt('closed channel, long realm', fn() => $ch->access_request(str_repeat('x', 300)));
$conn->close();
