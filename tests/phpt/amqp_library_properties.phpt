--TEST--
AbstractConnection::$LIBRARY_PROPERTIES: php-amqplib's static holds the client properties (product mq, platform PHP, capabilities); what code assigns to it through any connection class (a connection_name, a typed entry) is what the next connection sends and the broker shows, and what getLibraryProperties() returns, the config's connection_name over it
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AbstractConnection;
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPStreamConnection;

/** The client properties the broker got from the connection named $name. */
function seen(string $name): ?array
{
    $api = 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672) . '/api/connections';
    for ($i = 0; $i < 100; $i++) {
        foreach (json_decode((string) shell_exec("curl -s -u guest:guest $api"), true) ?: [] as $c) {
            if (($c['client_properties']['connection_name'] ?? null) === $name) {
                return $c['client_properties'];
            }
        }
        usleep(100000);
    }
    return null;
}

$defaults = AbstractConnection::$LIBRARY_PROPERTIES;
echo implode(',', array_keys($defaults)), "\n";
var_dump($defaults['product'], $defaults['platform'][1], $defaults['capabilities'][0], $defaults['capabilities'][1]['publisher_confirms']);
var_dump(AMQPStreamConnection::$LIBRARY_PROPERTIES === $defaults);    // one static, shared by the subclasses

$name = fresh_name('library-properties');
AMQPStreamConnection::$LIBRARY_PROPERTIES['connection_name'] = ['S', $name];
AbstractConnection::$LIBRARY_PROPERTIES['x-build'] = ['I', 42];
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$props = $conn->getLibraryProperties();
var_dump($props['connection_name'][1] === $name, $props['x-build']);
$seen = seen($name);
var_dump($seen['connection_name'] === $name, $seen['x-build'], $seen['product'], $seen['platform']);
$conn->close();

// The config's connection name wins over the static's in getLibraryProperties() and on the wire.
$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName($configured = fresh_name('configured'));
$conn = AMQPConnectionFactory::create($config);
var_dump($conn->getLibraryProperties()['connection_name'][1] === $configured, seen($configured)['x-build']);
$conn->close();

// An entry no field table can hold fails the constructor, before anything is sent.
AbstractConnection::$LIBRARY_PROPERTIES['bad'] = ['Q', 1];
try {
    new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    echo "connected\n";
} catch (Throwable $e) {
    echo get_class($e), "\n";
}
?>
--EXPECT--
product,platform,version,information,copyright,capabilities
array(2) {
  [0]=>
  string(1) "S"
  [1]=>
  string(2) "mq"
}
string(3) "PHP"
string(1) "F"
array(2) {
  [0]=>
  string(1) "t"
  [1]=>
  bool(true)
}
bool(true)
bool(true)
array(2) {
  [0]=>
  string(1) "I"
  [1]=>
  int(42)
}
bool(true)
int(42)
string(2) "mq"
string(3) "PHP"
bool(true)
int(42)
PhpAmqpLib\Exception\AMQPOutOfRangeException
