--TEST--
connecting to a server that is no AMQP broker (it answers the protocol header with an HTTP response): AMQPInvalidFrameException "Invalid frame type 72" (the "H"), as php-amqplib words it, at once
--EXTENSIONS--
mq
--FILE--
<?php
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Connection\AMQPSocketConnection;

// A one-shot HTTP-ish server: reads whatever comes, answers 400, closes; twice.
$server = proc_open([PHP_BINARY, '-n', '-r', '
    $s = stream_socket_server("tcp://127.0.0.1:0");
    echo parse_url("tcp://" . stream_socket_get_name($s, false), PHP_URL_PORT), "\n";
    for ($i = 0; $i < 2; $i++) {
        $c = stream_socket_accept($s, 10);
        fread($c, 100);
        fwrite($c, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        usleep(100000);
        fclose($c);
    }'], [1 => ['pipe', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
foreach ([AMQPStreamConnection::class, AMQPSocketConnection::class] as $class) {
    $t = microtime(true);
    try {
        new $class('127.0.0.1', $port, 'guest', 'guest');
        echo "connected\n";
    } catch (Throwable $e) {
        printf("%s: %s [%d] %s; at once: %s\n", substr(strrchr($class, '\\'), 1), get_class($e), $e->getCode(), $e->getMessage(), var_export(microtime(true) - $t < 2, true));
    }
}
proc_close($server);
?>
--EXPECT--
AMQPStreamConnection: PhpAmqpLib\Exception\AMQPInvalidFrameException [0] Invalid frame type 72; at once: true
AMQPSocketConnection: PhpAmqpLib\Exception\AMQPInvalidFrameException [0] Invalid frame type 72; at once: true
