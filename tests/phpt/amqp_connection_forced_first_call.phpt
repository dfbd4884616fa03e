--TEST--
a connection the broker closes while channels open and RPCs run on it: the first call to fail reports the broker's close (AMQPConnectionClosedException 320 CONNECTION_FORCED), as php-amqplib's first read does, whichever call it is (channel(), an RPC on an open channel); it used to be AMQPChannelClosedException "Channel connection is closed." in about one kill in twenty, when the call found its channel closing before lapin had recorded why
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;

// Connections named for the management API; each is closed from there at a random moment while its
// loop runs, so the close lands between and inside the calls.
$conns = [];
for ($i = 0; $i < 60; $i++) {
    $config = new AMQPConnectionConfig();
    $config->setPort(amqp_port());
    $config->setConnectionName($name = fresh_name('mq-forced-first'));
    $conns[$name] = AMQPConnectionFactory::create($config);
}
$api = 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672) . '/api/connections';
$listed = [];
for ($i = 0; $i < 100 && count($listed) < count($conns); $i++) { // the API lists new connections after a moment
    foreach (json_decode((string) shell_exec("curl -s -u guest:guest '$api?columns=name,client_properties'"), true) ?: [] as $c) {
        $name = $c['client_properties']['connection_name'] ?? null;
        if (isset($conns[$name])) {
            $listed[$name] = $c['name'];
        }
    }
    count($listed) < count($conns) && usleep(200000);
}
echo count($listed), " connections listed\n";

$first = [];
foreach ($conns as $name => $conn) {
    $keep = $conn->channel();
    $url = escapeshellarg("$api/" . rawurlencode($listed[$name]));
    exec(sprintf('(sleep %.3f; curl -s -u guest:guest -X DELETE %s) >/dev/null 2>&1 &', mt_rand(0, 50) / 1000, $url));
    $deadline = microtime(true) + 10;
    try {
        while (microtime(true) < $deadline) {
            $step = 'channel()';
            $ch = $conn->channel();
            $step = 'close()';
            $ch->close();
            $step = 'queue_declare()';
            $keep->queue_declare('', false, false, true, true);
        }
        $seen = 'no exception within 10 s';
    } catch (Throwable $e) {
        $seen = sprintf('%s %d %s', get_class($e), $e->getCode(), $e->getMessage());
    }
    $key = $seen === 'PhpAmqpLib\Exception\AMQPConnectionClosedException 320 CONNECTION_FORCED - Closed via management plugin(0, 0)'
        ? 'the broker\'s close' : "$step: $seen";
    $first[$key] = ($first[$key] ?? 0) + 1;
    $conn->close();
}
ksort($first);
print_r($first);
?>
--EXPECT--
60 connections listed
Array
(
    [the broker's close] => 60
)
