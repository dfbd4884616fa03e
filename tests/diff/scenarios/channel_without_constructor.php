<?php
// A channel made without its constructor (what a PHPUnit partial mock with disableOriginalConstructor()
// is): its lifecycle methods answer as php-amqplib's do with nothing set.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Channel\AMQPChannel;

$double = new class extends AMQPChannel {
    public function __construct()
    {
    }
};
foreach (['getChannelId', 'getConnection', 'is_open', 'is_consuming', 'close'] as $method) {
    attempt("$method()", fn() => $double->$method());
}
show('callbacks after close()', $double->callbacks);
