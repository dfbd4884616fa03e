<?php
// What php-amqplib's constructors take without checking (negative heartbeat and timeouts, an empty
// locale), what they refuse (a login method other than PLAIN/AMQPLAIN with credentials), the checks of
// AMQPConnectionConfig's setters, a lazy connection's $channels, and the order of a message's fields.
// Not compared: getHeartbeat() (mq keeps the broker's interval for 0, see heartbeat_default.php).
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPLazyConnection;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$defaults = ['127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 3.0, null, false, 0, 0.0];
$cases = [
    'heartbeat -1' => [13 => -1],
    'connection timeout -1' => [9 => -1],
    'read/write timeout -1, channel RPC timeout -2' => [10 => -1.0, 14 => -2.0],
    'channel RPC timeout -1' => [14 => -1.0],
    'empty locale' => [8 => ''],
    'PLAIN' => [6 => 'PLAIN'],
    'login method FOO with credentials' => [6 => 'FOO'],
    'EXTERNAL with credentials' => [6 => 'EXTERNAL'],
    'channel RPC timeout above read/write timeout' => [14 => 5.0],
];
foreach ($cases as $label => $args) {
    attempt($label, function () use ($defaults, $args) {
        $conn = new AMQPStreamConnection(...array_replace($defaults, $args));
        $q = $conn->channel()->queue_declare('', false, false, true, true)[0];
        $conn->close();
        return $q !== '' ? 'connected, declared a queue' : 'no queue';
    });
}

$config = new AMQPConnectionConfig();
$setters = [
    'setVhost' => [''], 'setVhost ' => ['0'], 'setLocale' => [' '], 'setNetworkProtocol' => [''],
    'setConnectionTimeout' => [-1.0], 'setReadTimeout' => [-1.0], 'setWriteTimeout' => [-1.0],
    'setChannelRPCTimeout' => [-1.0], 'setHeartbeat' => [-1], 'setSendBufferSize' => [-1],
];
foreach ($setters as $method => $args) {
    attempt("config $method(" . var_export($args[0], true) . ')', fn() => $config->{trim($method)}(...$args));
}
show('getConnectionTimeout after -1', $config->getConnectionTimeout());

$lazy = new AMQPLazyConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
show('lazy $channels before use', array_keys($lazy->channels));
$lazy->channel();
show('lazy $channels after channel()', array_keys($lazy->channels));
$lazy->close();
show('lazy $channels after close()', array_keys($lazy->channels));

$fields = array_map(fn($k) => str_replace("\0", '|', $k), array_keys((array) new AMQPMessage('x')));
show('AMQPMessage fields in order', $fields);

$unused = new AMQPLazyConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$unused->close();
show('lazy $channels after close() without use', array_keys($unused->channels));
