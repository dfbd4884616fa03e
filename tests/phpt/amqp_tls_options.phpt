--TEST--
TLS options as PHP's ssl context takes them: verify_peer off (no CA needed; the name is still checked), verify_peer_name off, peer_name, peer_fingerprint, verify_depth, capath, a client certificate (local_cert, local_pk, passphrase) that the broker sees; bad files or ciphers fail the connect (a lazy connection's first use)
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPLazySSLConnection;
use PhpAmqpLib\Connection\AMQPSSLConnection;
use PhpAmqpLib\Message\AMQPMessage;

$certs = (getenv('MQ_STATE_DIR') ?: dirname(__DIR__, 2) . '/.state') . '/rabbitmq/certs';
$slow = getenv('MQ_VALGRIND') ? 10 : 1;
$options = ['connection_timeout' => 3 * $slow, 'read_write_timeout' => 3 * $slow];
$dir = sys_get_temp_dir() . '/' . fresh_name('tls-options');
mkdir($dir);

function attempt(string $host, array $ssl): string
{
    global $options;
    try {
        $conn = new AMQPSSLConnection($host, amqps_port(), 'guest', 'guest', '/', $ssl, $options);
    } catch (Throwable $e) {
        return get_class($e) . ': ' . strtok($e->getMessage(), "\n");
    }
    $ch = $conn->channel();
    [$q] = $ch->queue_declare('', false, false, true, true);
    $ch->basic_publish(new AMQPMessage('tls'), '', $q);
    for ($i = 0; $i < 150 && ($m = $ch->basic_get($q, true)) === null; $i++) {
        usleep(20000);
    }
    $conn->close();
    return $m !== null && $m->getBody() === 'tls' ? 'connected' : 'connected, but the message did not come back';
}

/** The subject of the client certificate the broker got on the connection named $name ('' for none). */
function peer_subject(string $name): ?string
{
    $api = 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672) . '/api/connections';
    for ($i = 0; $i < 100; $i++) {
        foreach (json_decode((string) shell_exec("curl -s -u guest:guest $api"), true) ?: [] as $c) {
            if (($c['client_properties']['connection_name'] ?? null) === $name && isset($c['ssl'])) {
                return (string) ($c['peer_cert_subject'] ?? '');
            }
        }
        usleep(100000);
    }
    return null;
}

function via_config(array $set): array
{
    global $slow;
    $config = new AMQPConnectionConfig();
    $config->setIsSecure(true);
    $config->setNetworkProtocol('ssl');
    $config->setHost('localhost');
    $config->setPort(amqps_port());
    $config->setUser('guest');
    $config->setPassword('guest');
    $config->setConnectionTimeout(3 * $slow);
    $config->setSslCaCert($GLOBALS['certs'] . '/ca.pem');
    $name = fresh_name('tls-client');
    $config->setConnectionName($name);
    foreach ($set as $method => $value) {
        $config->$method($value);
    }
    try {
        $conn = AMQPConnectionFactory::create($config);
    } catch (Throwable $e) {
        return [get_class($e) . ': ' . strtok($e->getMessage(), "\n"), null];
    }
    $subject = peer_subject($name);
    $conn->close();
    return ['connected', $subject];
}

echo "1. peer verification\n";
echo attempt('localhost', ['verify_peer' => true]), "\n";              // the test CA is no system root
echo attempt('localhost', ['verify_peer' => false]), "\n";
echo attempt('127.1', ['verify_peer' => false]), "\n";                 // the name is still checked, as in PHP
echo attempt('127.1', ['verify_peer' => false, 'verify_peer_name' => false]), "\n";
echo attempt('127.1', ['verify_peer' => null, 'verify_peer_name' => null]), "\n";  // present as null: off, as PHP reads them

echo "2. name verification\n";
echo attempt('127.1', ['cafile' => "$certs/ca.pem"]), "\n";            // 127.0.0.1, a name the certificate does not list
echo attempt('127.1', ['cafile' => "$certs/ca.pem", 'verify_peer_name' => false]), "\n";
echo attempt('127.0.0.1', ['cafile' => "$certs/ca.pem", 'verify_peer_name' => true]), "\n";
echo attempt('127.1', ['cafile' => "$certs/ca.pem", 'peer_name' => 'localhost']), "\n";
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'peer_name' => 'other.example']), "\n";

echo "2b. fingerprint and depth\n";
$server = file_get_contents("$certs/server.pem");
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'peer_fingerprint' => openssl_x509_fingerprint($server, 'sha1')]), "\n";
echo attempt('127.1', ['verify_peer' => false, 'verify_peer_name' => false, 'peer_fingerprint' => ['sha256' => openssl_x509_fingerprint($server, 'sha256')]]), "\n";
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'peer_fingerprint' => str_repeat('0', 40)]), "\n";
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'peer_fingerprint' => 42]), "\n";
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'verify_depth' => 0]), "\n";  // the CA is one deeper
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'verify_depth' => 1]), "\n";

echo "3. capath\n";
mkdir("$dir/cas");
copy("$certs/ca.pem", "$dir/cas/ca.pem");
exec('openssl rehash ' . escapeshellarg("$dir/cas") . ' 2>&1', $out, $rc);
var_dump($rc);
echo attempt('localhost', ['capath' => "$dir/cas"]), "\n";
echo attempt('localhost', ['capath' => $dir]), "\n";                   // no CA there

echo "4. client certificate\n";
[$result, $subject] = via_config([]);
echo $result, ', broker saw: ', var_export($subject, true), "\n";
[$result, $subject] = via_config(['setSslCert' => "$certs/client.pem", 'setSslKey' => "$certs/client.key"]);
echo $result, ', broker saw: ', var_export($subject, true), "\n";
file_put_contents("$dir/both.pem", file_get_contents("$certs/client.pem") . file_get_contents("$certs/client.key"));
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'local_cert' => "$dir/both.pem"]), "\n";
exec('openssl pkey -in ' . escapeshellarg("$certs/client.key") . ' -aes256 -passout pass:s3cret -out '
    . escapeshellarg("$dir/encrypted.key") . ' 2>&1', $out, $rc);
var_dump($rc);
[$result, $subject] = via_config(['setSslCert' => "$certs/client.pem", 'setSslKey' => "$dir/encrypted.key", 'setSslPassPhrase' => 's3cret']);
echo $result, ', broker saw: ', var_export($subject, true), "\n";
$encrypted = ['cafile' => "$certs/ca.pem", 'local_cert' => "$certs/client.pem", 'local_pk' => "$dir/encrypted.key"];
echo attempt('localhost', $encrypted + ['passphrase' => 's3cret']), "\n";
echo attempt('localhost', $encrypted + ['passphrase' => 'wrong']), "\n";
echo attempt('localhost', $encrypted), "\n";                           // an encrypted key and no passphrase: no prompt

echo "5. refused when connecting\n";
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'local_cert' => "$dir/missing.pem"]), "\n";
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'local_cert' => "$certs/client.pem", 'local_pk' => "$certs/server.key"]), "\n";
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'ciphers' => 'NO-SUCH-CIPHER']), "\n";
echo attempt('localhost', ['cafile' => "$dir/missing-ca.pem"]), "\n";
echo attempt('localhost', ['cafile' => "$certs/ca.pem", 'ciphers' => 'HIGH:!aNULL', 'security_level' => 1]), "\n";
$lazy = new AMQPLazySSLConnection('localhost', amqps_port(), 'guest', 'guest', '/', ['cafile' => "$dir/missing-ca.pem"], $options);
echo "lazy constructed\n";
try {
    $lazy->channel();
} catch (Throwable $e) {
    echo get_class($e), ': ', strtok($e->getMessage(), "\n"), "\n";
}

foreach (["$dir/cas/ca.pem", "$dir/both.pem", "$dir/encrypted.key"] as $f) {
    unlink($f);
}
array_map('unlink', glob("$dir/cas/*"));
rmdir("$dir/cas");
rmdir($dir);
?>
--EXPECTF--
1. peer verification
PhpAmqpLib\Exception\AMQPIOException: stream_socket_client(): Unable to connect to ssl://%s:%d (%scertificate verify failed%s)
connected
PhpAmqpLib\Exception\AMQPIOException: stream_socket_client(): Unable to connect to ssl://127.1:%d (Peer certificate did not match expected name `127.1')
connected
connected
2. name verification
PhpAmqpLib\Exception\AMQPIOException: stream_socket_client(): Unable to connect to ssl://127.1:%d (Peer certificate did not match expected name `127.1')
connected
connected
connected
PhpAmqpLib\Exception\AMQPIOException: stream_socket_client(): Unable to connect to ssl://localhost:%d (Peer certificate did not match expected name `other.example')
2b. fingerprint and depth
connected
connected
PhpAmqpLib\Exception\AMQPIOException: stream_socket_client(): Unable to connect to ssl://localhost:%d (peer_fingerprint match failure)
PhpAmqpLib\Exception\AMQPIOException: stream_socket_client(): Unable to connect to ssl://localhost:%d (Expected peer fingerprint must be a string or an array)
PhpAmqpLib\Exception\AMQPIOException: stream_socket_client(): Unable to connect to ssl://localhost:%d (%scertificate verify failed%s)
connected
3. capath
int(0)
connected
PhpAmqpLib\Exception\AMQPIOException: stream_socket_client(): Unable to connect to ssl://%s:%d (%scertificate verify failed%s)
4. client certificate
connected, broker saw: ''
connected, broker saw: 'CN=mq-test-client'
connected
int(0)
connected, broker saw: 'CN=mq-test-client'
connected
PhpAmqpLib\Exception\AMQPIOException: Unable to set private key file `%s/encrypted.key'; %s
PhpAmqpLib\Exception\AMQPIOException: Unable to set private key file `%s/encrypted.key'; %s
5. refused when connecting
PhpAmqpLib\Exception\AMQPIOException: Unable to set local cert chain file `%s/missing.pem'; No such file or directory (os error 2)
PhpAmqpLib\Exception\AMQPIOException: Unable to set private key file `%s/server.key'; %skey values mismatch%s
PhpAmqpLib\Exception\AMQPIOException: Failed setting cipher list: NO-SUCH-CIPHER: %s
PhpAmqpLib\Exception\AMQPIOException: Unable to read the CA file %s/missing-ca.pem: No such file or directory (os error 2)
connected
lazy constructed
PhpAmqpLib\Exception\AMQPIOException: Unable to read the CA file %s/missing-ca.pem: No such file or directory (os error 2)
