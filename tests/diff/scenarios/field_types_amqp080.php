<?php
// AMQPTable/AMQPArray under the AMQP 0-8 field types, chosen as code written for php-amqplib does:
// by setting AMQPAbstractCollection's private static $protocol (named by Wire\Constants080::VERSION).
// 0-8 has no booleans, voids, 64-bit integers or arrays, so those fall back to ints, strings and tables.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Wire\AMQPAbstractCollection;
use PhpAmqpLib\Wire\AMQPArray;
use PhpAmqpLib\Wire\AMQPTable;
use PhpAmqpLib\Wire\Constants080;
use PhpAmqpLib\Wire\Constants091;

function use_protocol(string $proto): void
{
    $r = new ReflectionProperty(AMQPAbstractCollection::class, 'protocol');
    $r->setAccessible(true);
    $r->setValue(null, $proto);
}

/** The collection's [symbol, value] pairs, nested collections unfolded. */
function typed(AMQPAbstractCollection $c): array
{
    $out = [];
    foreach ($c as $key => [$type, $value]) {
        $out[$key] = [
            AMQPAbstractCollection::getSymbolForDataType($type),
            $value instanceof AMQPAbstractCollection ? typed($value) : $value,
        ];
    }
    return $out;
}

show('versions', [Constants080::VERSION, Constants091::VERSION]);
show('default protocol', AMQPAbstractCollection::getProtocol());
$data = ['int' => 7, 'big' => 3000000000, 'yes' => true, 'no' => false, 'none' => null,
    'list' => [1, 'two'], 'map' => ['k' => 'v'], 'float' => 1.5, 'when' => new DateTime('@1234567890')];

foreach ([Constants080::VERSION, Constants091::VERSION, AMQPAbstractCollection::PROTOCOL_RBT] as $proto) {
    use_protocol($proto);
    show("$proto getProtocol", AMQPAbstractCollection::getProtocol());
    show("$proto supported", AMQPAbstractCollection::getSupportedDataTypes());
    show("$proto table", typed(new AMQPTable($data)));
    show("$proto array native", (new AMQPArray(array_values($data)))->getNativeData());
    attempt("$proto push longlong", fn() => (new AMQPArray())->push(1, AMQPArray::T_INT_LONGLONG));
    attempt("$proto symbol for L", fn() => AMQPAbstractCollection::getDataTypeForSymbol('L'));
}
use_protocol('9.9');
attempt('unknown protocol', fn() => AMQPAbstractCollection::getSupportedDataTypes());
