--TEST--
php-amqplib's protected connection properties hold what its constructor sets (its AbstractConnectionTest reads $login_response by reflection); AMQPSocketConnection extends AbstractConnection, not AMQPStreamConnection, and still connects, fails over through create_connection() and stays lazy when asked
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

use PhpAmqpLib\Connection\AbstractConnection;
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPLazySocketConnection;
use PhpAmqpLib\Connection\AMQPSocketConnection;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Wire\IO\StreamIO;

function show(AbstractConnection $connection): void
{
    $names = ['config', 'construct_params', 'vhost', 'insist', 'login_method', 'login_response', 'locale',
        'heartbeat', 'connection_timeout'];
    foreach ($names as $name) {
        $property = new ReflectionProperty(AbstractConnection::class, $name);
        $property->setAccessible(true);
        $value = $property->getValue($connection);
        echo "  $name: ", is_object($value) ? get_class($value) : json_encode($value), "\n";
    }
}

// php-amqplib's AbstractConnectionTest::connection_login_method_external.
$config = new AMQPConnectionConfig();
$config->setIsLazy(true);
$config->setUser('');
$config->setPassword('');
$config->setLoginMethod(AMQPConnectionConfig::AUTH_EXTERNAL);
$config->setLoginResponse('response');
$property = (new ReflectionClass($lazy = AMQPConnectionFactory::create($config)))->getProperty('login_response');
$property->setAccessible(true);
var_dump($property->getValue($lazy));

echo "stream, AMQPLAIN:\n";
$stream = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 2.5);
show($stream);
$stream->close();

echo "socket, PLAIN, a config:\n";
$socket = new AMQPSocketConnection('127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'PLAIN', null, 'en_US', 3, false, 3, 0, 0.0, $given = new AMQPConnectionConfig());
show($socket);
var_dump(get_parent_class($socket), $socket instanceof AMQPStreamConnection);
[$queue] = $socket->channel()->queue_declare('', false, false, true);
var_dump(strncmp($queue, 'amq.gen-', 8) === 0);
$socket->close();

echo "a subclass of AbstractConnection with a StreamIO:\n";
$custom = new class(new StreamIO('127.0.0.1', amqp_port(), 3.0, 3.0, null, false, 0)) extends AbstractConnection {
    public function __construct($io)
    {
        parent::__construct('guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', $io);
    }
};
show($custom);
$custom->close();

echo "lazy: EXTERNAL without credentials keeps its response, PLAIN without a password has none:\n";
$lazyConfig = new AMQPConnectionConfig();
$lazyConfig->setIsLazy(true);
foreach ([['', '', 'EXTERNAL', 'resp'], ['guest', '', 'PLAIN', 'ignored']] as [$user, $password, $method, $response]) {
    $lazy = new AMQPStreamConnection('127.0.0.1', amqp_port(), $user, $password, '/', false, $method, $response, 'en_US', 3.0, 3.0, null, false, 0, 0.0, null, $lazyConfig);
    $property = new ReflectionProperty(AbstractConnection::class, 'login_response');
    $property->setAccessible(true);
    var_dump($property->getValue($lazy), $lazy->isConnected());
}

echo "a direct subclass keeps a clone of its config:\n";
$config = new AMQPConnectionConfig();
$kept = new class(new StreamIO('127.0.0.1', amqp_port(), 3.0, 3.0, null, false, 0), $config) extends AbstractConnection {
    public function __construct($io, $config)
    {
        parent::__construct('guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', $io, 0, 0, 0.0, $config);
    }

    public function config()
    {
        return $this->config;
    }
};
var_dump($kept->config() instanceof AMQPConnectionConfig, $kept->config() === $config);
$kept->close();

echo "socket connections through create_connection():\n";
$hosts = [
    ['host' => '127.0.0.1', 'port' => 1, 'user' => 'nobody', 'password' => 'guest'],
    ['host' => '127.0.0.1', 'port' => amqp_port(), 'user' => 'guest', 'password' => 'guest'],
];
$failover = AMQPSocketConnection::create_connection($hosts, ['read_timeout' => 2]);
var_dump(get_class($failover), $failover->isConnected());
// The login response of the broker reached, as php-amqplib's connection made for that host has.
$property = new ReflectionProperty(AbstractConnection::class, 'login_response');
$property->setAccessible(true);
var_dump(strpos($property->getValue($failover), 'guest') !== false, strpos($property->getValue($failover), 'nobody'));
$failover->close();
$lazySocket = AMQPLazySocketConnection::create_connection([$hosts[1]]);
var_dump($lazySocket->isConnected());
$lazySocket->channel();
var_dump($lazySocket->isConnected());
$lazySocket->close();
try {
    AMQPLazySocketConnection::create_connection($hosts);
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
--EXPECT--
string(8) "response"
stream, AMQPLAIN:
  config: null
  construct_params: ["127.0.0.1",5672,"guest","guest","\/",false,"AMQPLAIN",null,"en_US",2.5]
  vhost: "\/"
  insist: false
  login_method: "AMQPLAIN"
  login_response: "\u0005LOGINS\u0000\u0000\u0000\u0005guest\bPASSWORDS\u0000\u0000\u0000\u0005guest"
  locale: "en_US"
  heartbeat: 0
  connection_timeout: 2.5
socket, PLAIN, a config:
  config: PhpAmqpLib\Connection\AMQPConnectionConfig
  construct_params: ["guest","guest","\/",false,"PLAIN",null,"en_US",null,0,3,0,{}]
  vhost: "\/"
  insist: false
  login_method: "PLAIN"
  login_response: "\u0000guest\u0000guest"
  locale: "en_US"
  heartbeat: 0
  connection_timeout: 3
string(40) "PhpAmqpLib\Connection\AbstractConnection"
bool(false)
bool(true)
a subclass of AbstractConnection with a StreamIO:
  config: null
  construct_params: ["guest","guest","\/",false,"AMQPLAIN",null,"en_US",{}]
  vhost: "\/"
  insist: false
  login_method: "AMQPLAIN"
  login_response: "\u0005LOGINS\u0000\u0000\u0000\u0005guest\bPASSWORDS\u0000\u0000\u0000\u0005guest"
  locale: "en_US"
  heartbeat: 0
  connection_timeout: 0
lazy: EXTERNAL without credentials keeps its response, PLAIN without a password has none:
string(4) "resp"
bool(false)
NULL
bool(false)
a direct subclass keeps a clone of its config:
bool(true)
bool(false)
socket connections through create_connection():
string(42) "PhpAmqpLib\Connection\AMQPSocketConnection"
bool(true)
bool(true)
bool(false)
bool(false)
bool(true)
RuntimeException: Lazy connection does not support multiple hosts
