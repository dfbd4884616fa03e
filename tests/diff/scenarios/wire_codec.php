<?php
// php-amqplib's wire helpers, which its own tests and some users call: AMQPWriter's bytes and range
// checks, AMQPBufferReader reading them back (past the end too), a message's properties serialised and
// loaded again, and MiscHelper. No broker needed.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Helper\MiscHelper;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPArray;
use PhpAmqpLib\Wire\AMQPBufferReader;
use PhpAmqpLib\Wire\AMQPDecimal;
use PhpAmqpLib\Wire\AMQPTable;
use PhpAmqpLib\Wire\AMQPWriter;

$writes = [
    ['octet', 0], ['octet', 255], ['octet', 256], ['octet', -1],
    ['signed_octet', -128], ['signed_octet', 128],
    ['short', 65535], ['short', 65536], ['signed_short', -32768],
    ['long', 4294967295], ['long', -1], ['long', '4294967296'],
    ['longlong', PHP_INT_MAX], ['longlong', '18446744073709551615'], ['longlong', -1],
    ['signed_longlong', PHP_INT_MIN], ['signed_longlong', '-9223372036854775808'],
    ['shortstr', 'abc'], ['shortstr', str_repeat('s', 256)], ['shortstr', "\xff\xfe"],
    ['longstr', ''], ['longstr', "caf\xc3\xa9"], ['timestamp', 1700000000],
];
foreach ($writes as [$type, $value]) {
    attempt("write_$type(" . repr($value) . ')', fn() => bin2hex((new AMQPWriter())->{"write_$type"}($value)->getvalue()));
}
attempt('write_bits', fn() => bin2hex((new AMQPWriter())->write_bits([true, false, true, true, false, false, false, false, true])->getvalue()));
attempt('write_bit x9 then octet', function () {
    $w = new AMQPWriter();
    foreach ([1, 0, 1, 1, 0, 0, 0, 1, 1] as $b) {
        $w->write_bit($b);
    }
    return bin2hex($w->write_octet(7)->getvalue());
});

// Type letters as RabbitMQ reads them (php-amqplib's default protocol).
$table = [
    'str' => ['S', 'bar'], 'arr' => ['A', ['baz', 42, true]], 'int' => ['I', -42], 'bool' => ['t', false],
    'b' => ['b', -5], 's' => ['s', -1024], 'x' => ['x', "\x00\x01"], 'l' => ['l', PHP_INT_MIN],
    'D' => ['D', new AMQPDecimal(12345, 2)], 'T' => ['T', 1700000000],
    'V' => ['V', null], 'nested' => ['F', ['k' => ['S', 'v']]],
];
$bytes = attempt('write_table', fn() => bin2hex((new AMQPWriter())->write_table($table)->getvalue()));
attempt('write_table bad type', fn() => (new AMQPWriter())->write_table(['k' => ['_', 'v']]));
attempt('write_table double (read, never written)', fn() => (new AMQPWriter())->write_table(['k' => ['d', 1.5]]));
attempt('write_table type of AMQP 0-9-1 only', fn() => (new AMQPWriter())->write_table(['k' => ['U', 1]]));
$collection = new AMQPTable(['a' => 1, 'b' => 'two', 'c' => [1, 2], 'd' => ['x' => 1.5], 'e' => null, 'f' => true]);
$collectionBytes = attempt('write_table AMQPTable', fn() => bin2hex((new AMQPWriter())->write_table($collection)->getvalue()));
attempt('write_array AMQPArray', fn() => bin2hex((new AMQPWriter())->write_array(new AMQPArray(['a', 1, false]))->getvalue()));

foreach (['table' => $bytes, 'AMQPTable' => $collectionBytes] as $label => $hex) {
    attempt("read_table($label)", fn() => (new AMQPBufferReader(hex2bin($hex)))->read_table());
    attempt("read_table($label, true)", fn() => (new AMQPBufferReader(hex2bin($hex)))->read_table(true));
}

$reader = new AMQPBufferReader(hex2bin('05ff80ff7fffffffff7fffffffffffffff0361626300000003646566') . "\x0d");
foreach (['read_bit', 'read_octet', 'read_signed_octet', 'read_signed_short', 'read_long', 'read_longlong', 'read_shortstr', 'read_longstr', 'read_bit', 'read_octet', 'read_short'] as $read) {
    attempt($read, fn() => $reader->$read());
}
attempt('read past the end', fn() => (new AMQPBufferReader("\x00\x01"))->read_long());
attempt('unsigned 64 bits above PHP_INT_MAX', fn() => (new AMQPBufferReader(str_repeat("\xff", 8)))->read_longlong());

$props = [
    'content_type' => 'text/plain', 'content_encoding' => 'gzip', 'delivery_mode' => 2, 'priority' => 5,
    'correlation_id' => 'c1', 'reply_to' => 'r', 'expiration' => '1000', 'message_id' => 'm1',
    'timestamp' => 1700000000, 'type' => 't', 'user_id' => 'guest', 'app_id' => 'a', 'cluster_id' => 'cl',
    'application_headers' => new AMQPTable(['x-foo' => 'bar', 'x-n' => 7]),
];
foreach (['all' => $props, 'some' => ['priority' => 0, 'message_id' => 0], 'none' => []] as $label => $p) {
    $m = new AMQPMessage('body', $p);
    $serialized = $m->serialize_properties();
    show("serialize_properties($label)", bin2hex($serialized));
    $loaded = (new AMQPMessage(''))->load_properties(new AMQPBufferReader($serialized));
    show("load_properties($label)", $loaded->get_properties());
}

show('methodSig', [MiscHelper::methodSig([60, 40]), MiscHelper::methodSig('10,20')]);
show('splitSecondsMicroseconds', [MiscHelper::splitSecondsMicroseconds(2.5), MiscHelper::splitSecondsMicroseconds(3)]);
show('hexdump', MiscHelper::hexdump("AMQP\x00\x00\x09\x01 twenty bytes long!", false, false, true));
