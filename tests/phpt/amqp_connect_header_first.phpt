--TEST--
the protocol header goes out once per connection whether the PHP thread sends it (a connection timeout set: before the I/O thread starts) or lapin does (no connection timeout); a server that hangs up instead of answering fails the connect as before; 300 connections in a row all complete the handshake (the broker's answer may arrive before lapin's I/O thread runs)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

use PhpAmqpLib\Connection\AMQPSocketConnection;
use PhpAmqpLib\Connection\AMQPStreamConnection;

// Reads what each client sends before it hangs up, reports the bytes, and hangs up.
$server = proc_open([PHP_BINARY, '-n', '-r', '
    $s = stream_socket_server("tcp://127.0.0.1:0");
    echo parse_url("tcp://" . stream_socket_get_name($s, false), PHP_URL_PORT), "\n";
    for ($i = 0; $i < 3; $i++) {
        $c = stream_socket_accept($s, 10);
        usleep(200000);
        stream_set_blocking($c, false);
        echo bin2hex((string) fread($c, 100)), "\n";
        fclose($c);
    }'], [1 => ['pipe', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
foreach ([[AMQPStreamConnection::class, 3.0], [AMQPStreamConnection::class, 0.0], [AMQPSocketConnection::class, 3.0]] as [$class, $timeout]) {
    try {
        new $class('127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', $timeout);
        echo "connected\n";
    } catch (Throwable $e) {
        printf("%s, timeout %.0f: %s; the server got %s\n", substr(strrchr($class, '\\'), 1), $timeout,
            get_class($e), trim(fgets($pipes[1])));
    }
}
proc_close($server);

$failed = 0;
for ($i = 0; $i < 300; $i++) {
    try {
        $conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
        $failed += $conn->isConnected() ? 0 : 1;
        $conn->close();
    } catch (Throwable $e) {
        $failed++;
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
echo "300 connections, $failed failed\n";
?>
--EXPECT--
AMQPStreamConnection, timeout 3: PhpAmqpLib\Exception\AMQPIOException; the server got 414d515000000901
AMQPStreamConnection, timeout 0: PhpAmqpLib\Exception\AMQPIOException; the server got 414d515000000901
AMQPSocketConnection, timeout 3: PhpAmqpLib\Exception\AMQPIOException; the server got 414d515000000901
300 connections, 0 failed
