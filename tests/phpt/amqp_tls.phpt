--TEST--
TLS: AMQPSSLConnection with the broker's CA (peer and name verified) publishes and gets; a wrong CA fails fast with an exception; AMQPConnectionConfig + AMQPConnectionFactory::create with setIsSecure(true)
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPSSLConnection;
use PhpAmqpLib\Exception\AMQPExceptionInterface;
use PhpAmqpLib\Exception\AMQPIOException;
use PhpAmqpLib\Message\AMQPMessage;

$ca = (getenv('MQ_STATE_DIR') ?: dirname(__DIR__, 2) . '/.state') . '/rabbitmq/certs/ca.pem';
// A TLS handshake under Valgrind (scripts/valgrind.sh) takes seconds: ten times the time there.
$slow = getenv('MQ_VALGRIND') ? 10 : 1;
var_dump(is_file($ca));

function roundtrip($conn): string
{
    $ch = $conn->channel();
    [$q] = $ch->queue_declare('', false, false, true, true);
    $body = random_bytes(32);
    $ch->basic_publish(new AMQPMessage($body), '', $q);
    for ($i = 0; $i < 150; $i++) {
        if (($m = $ch->basic_get($q, true)) !== null) {
            return $m->getBody() === $body ? 'roundtrip ok' : 'roundtrip: wrong body';
        }
        usleep(20000);
    }
    return 'roundtrip: nothing';
}

// 1. The broker's CA, peer and host name verified.
$conn = new AMQPSSLConnection('localhost', amqps_port(), 'guest', 'guest', '/',
    ['cafile' => $ca, 'verify_peer' => true, 'verify_peer_name' => true], ['connection_timeout' => 3 * $slow]);
var_dump(get_class($conn), $conn->isConnected());
echo roundtrip($conn), "\n";
$conn->close();
var_dump($conn->isConnected());

// 2. A CA that did not sign the broker's certificate: an exception, quickly, no hang.
$dir = sys_get_temp_dir() . '/' . fresh_name('wrong-ca');
mkdir($dir);
exec('openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=mq-wrong-ca'
    . ' -keyout ' . escapeshellarg("$dir/ca.key") . ' -out ' . escapeshellarg("$dir/ca.pem") . ' 2>/dev/null', $out, $rc);
var_dump($rc, is_file("$dir/ca.pem"));
$t = microtime(true);
try {
    new AMQPSSLConnection('localhost', amqps_port(), 'guest', 'guest', '/',
        ['cafile' => "$dir/ca.pem", 'verify_peer' => true, 'verify_peer_name' => true],
        ['connection_timeout' => 3 * $slow, 'read_write_timeout' => 3 * $slow]);
    echo "connected with the wrong CA\n";
} catch (Throwable $e) {
    echo get_class($e), "\n";
    var_dump($e instanceof AMQPIOException || $e instanceof AMQPExceptionInterface);
}
var_dump(microtime(true) - $t < 5 * $slow);
unlink("$dir/ca.key");
unlink("$dir/ca.pem");
rmdir($dir);

// 3. The same through AMQPConnectionConfig and AMQPConnectionFactory.
$config = new AMQPConnectionConfig();
$config->setIsSecure(true);
// php-amqplib 3.5 still dials tcp:// unless the network protocol says ssl (its factory passes it as $ssl_protocol).
$config->setNetworkProtocol('ssl');
$config->setSslCaCert($ca);
$config->setSslVerify(true);
$config->setSslVerifyName(true);
$config->setConnectionTimeout(3 * $slow);
$config->setHost('localhost');
$config->setPort(amqps_port());
$config->setUser('guest');
$config->setPassword('guest');
$conn = AMQPConnectionFactory::create($config);
var_dump(get_class($conn), $conn->isConnected());   // php-amqplib's factory builds an AMQPSSLConnection when secure
echo roundtrip($conn), "\n";
$conn->close();
?>
--EXPECTF--
bool(true)
string(39) "PhpAmqpLib\Connection\AMQPSSLConnection"
bool(true)
roundtrip ok
bool(false)
int(0)
bool(true)
PhpAmqpLib\Exception\%s
bool(true)
bool(true)
string(39) "PhpAmqpLib\Connection\AMQPSSLConnection"
bool(true)
roundtrip ok
