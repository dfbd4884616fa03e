--TEST--
a connection the broker closes (forced from the management API): isConnected() turns false, closeIfDisconnected() closes the channel, whose calls then throw AMQPChannelClosedException, the first channel() reports the close and the next reconnects; the connection name reaches the broker
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;

$name = fresh_name('mq-lost');
$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName($name);
$conn = AMQPConnectionFactory::create($config);
$ch = $conn->channel();
var_dump($ch->closeIfDisconnected());

$api = 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672) . '/api/connections';
$found = null;
for ($i = 0; $i < 50 && $found === null; $i++) { // the management API lists connections after a moment
    foreach (json_decode((string) shell_exec("curl -s -u guest:guest $api"), true) ?: [] as $c) {
        if (($c['client_properties']['connection_name'] ?? null) === $name) {
            $found = $c['name'];
        }
    }
    $found ?? usleep(200000);
}
var_dump($found !== null);
shell_exec('curl -s -u guest:guest -X DELETE ' . escapeshellarg("$api/" . rawurlencode((string) $found)));
for ($i = 0; $i < 50 && $conn->isConnected(); $i++) {
    usleep(100000);
}
var_dump($conn->isConnected(), $ch->closeIfDisconnected(), $ch->is_open());
// As in php-amqplib, the first channel() reports the broker's close; the one after reconnects.
foreach ([1, 2] as $attempt) {
    try {
        $conn->channel()->queue_declare('', false, false, true);
        echo "channel() $attempt reconnects\n";
    } catch (Exception $e) {
        echo "channel() $attempt: ", get_class($e), ' ', $e->getCode(), "\n";
    }
}
try {
    $ch->queue_declare('', false, false, true);
} catch (PhpAmqpLib\Exception\AMQPRuntimeException $e) {
    echo get_class($e), "\n";
}
$conn->close();
?>
--EXPECT--
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
channel() 1: PhpAmqpLib\Exception\AMQPConnectionClosedException 320
channel() 2 reconnects
PhpAmqpLib\Exception\AMQPChannelClosedException
