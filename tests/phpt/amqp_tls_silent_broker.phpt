--TEST--
a TLS peer that completes the TLS handshake and then never sends connection.start: the connect fails at the connection timeout with php-amqplib's AMQPTimeoutException, as the plain case does (it was AMQPIOException "Connection to ... timed out"), which retry code catches
--EXTENSIONS--
mq
--FILE--
<?php
use PhpAmqpLib\Connection\AMQPSSLConnection;

$certs = (getenv('MQ_STATE_DIR') ?: dirname(__DIR__, 2) . '/.state') . '/rabbitmq/certs';
// Accepts, sets up TLS with the broker's certificate, then says nothing.
$server = proc_open([PHP_BINARY, '-n', '-r', '
    [$cert, $key] = [$argv[1], $argv[2]];
    $s = stream_socket_server("tcp://127.0.0.1:0", $no, $error, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
        stream_context_create(["ssl" => ["local_cert" => $cert, "local_pk" => $key]]));
    echo parse_url("tcp://" . stream_socket_get_name($s, false), PHP_URL_PORT), "\n";
    $held = [];
    while ($c = @stream_socket_accept($s, 10)) {
        stream_set_blocking($c, true);
        @stream_socket_enable_crypto($c, true, STREAM_CRYPTO_METHOD_TLS_SERVER);
        $held[] = $c;
    }', '--', "$certs/server.pem", "$certs/server.key"], [1 => ['pipe', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
$t = microtime(true);
try {
    new AMQPSSLConnection('127.0.0.1', $port, 'guest', 'guest', '/', ['verify_peer' => false, 'verify_peer_name' => false],
        ['connection_timeout' => 0.5, 'read_write_timeout' => 0.5]);
    echo "connected\n";
} catch (Throwable $e) {
    printf("%s: %s; within 3 s: %s\n", get_class($e), $e->getMessage(), var_export(microtime(true) - $t < 3, true));
}
proc_terminate($server);
proc_close($server);
?>
--EXPECT--
PhpAmqpLib\Exception\AMQPTimeoutException: The connection timed out after 0.5 sec while awaiting incoming data; within 3 s: true
