--TEST--
AMQP: a connection made without its constructor (a PHPUnit mock with disableOriginalConstructor(), newInstanceWithoutConstructor()) answers what needs no broker as php-amqplib's does: library properties, not connected, not blocked, no heartbeat, no server properties, not writing, no channel id, connection or IO object, no pending methods
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPStreamConnection;

class MyConnection extends AMQPStreamConnection {}

foreach ([AMQPStreamConnection::class, MyConnection::class] as $class) {
    $c = (new ReflectionClass($class))->newInstanceWithoutConstructor();
    echo $class, "\n";
    echo "  library properties: ", implode(',', array_keys($c->getLibraryProperties())), "\n";
    echo "  isConnected: ", var_export($c->isConnected(), true), ", isBlocked: ", var_export($c->isBlocked(), true),
        ", getHeartbeat: ", var_export($c->getHeartbeat(), true), ", getServerProperties: ",
        var_export($c->getServerProperties(), true), ", isWriting: ", var_export($c->isWriting(), true), "\n";
    echo "  getChannelId: ", var_export($c->getChannelId(), true), ", getConnection: ", var_export($c->getConnection(), true),
        ", hasPendingMethods: ", var_export($c->hasPendingMethods(), true), ", getIO: ", var_export($c->getIO(), true), "\n";
    try {
        $c->channel();
    } catch (Exception $e) {
        echo "  channel(): ", get_class($e), "\n";
    }
}

// Instance methods still, as php-amqplib declares them.
var_dump((new ReflectionMethod(AMQPStreamConnection::class, 'getLibraryProperties'))->isStatic());
try {
    AMQPStreamConnection::getLibraryProperties();
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}

// A constructed connection: its name among the library properties, the broker's properties, connected.
$config = new AMQPConnectionConfig();
$config->setHost('127.0.0.1');
$config->setPort(amqp_port());
$config->setConnectionName('unconstructed-test');
$c = AMQPConnectionFactory::create($config);
var_dump($c->getLibraryProperties()['connection_name'], $c->isConnected(), $c->isBlocked(), $c->isWriting());
var_dump($c->getServerProperties()['product'], is_int($c->getHeartbeat()));
$c->close();
var_dump($c->isConnected());
?>
--EXPECT--
PhpAmqpLib\Connection\AMQPStreamConnection
  library properties: product,platform,version,information,copyright,capabilities
  isConnected: false, isBlocked: false, getHeartbeat: NULL, getServerProperties: NULL, isWriting: false
  getChannelId: NULL, getConnection: NULL, hasPendingMethods: false, getIO: NULL
  channel(): Exception
MyConnection
  library properties: product,platform,version,information,copyright,capabilities
  isConnected: false, isBlocked: false, getHeartbeat: NULL, getServerProperties: NULL, isWriting: false
  getChannelId: NULL, getConnection: NULL, hasPendingMethods: false, getIO: NULL
  channel(): Exception
bool(false)
Non-static method PhpAmqpLib\Connection\AbstractConnection::getLibraryProperties() cannot be called statically
array(2) {
  [0]=>
  string(1) "S"
  [1]=>
  string(18) "unconstructed-test"
}
bool(true)
bool(false)
bool(false)
array(2) {
  [0]=>
  string(1) "S"
  [1]=>
  string(8) "RabbitMQ"
}
bool(true)
bool(false)
