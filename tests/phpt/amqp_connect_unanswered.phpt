--TEST--
connecting to a host that never answers the TCP connect (its accept queue full): a signal that arrives meanwhile has its pcntl handler run once the connect gives up, as php-amqplib's, and the handler's exception is what the constructor throws; a connection timeout under 1 ms still bounds the connect
--EXTENSIONS--
mq
pcntl
--FILE--
<?php
use PhpAmqpLib\Connection\AMQPStreamConnection;

// A listener with a backlog of 0 whose queue is filled and never accepted: the kernel drops later SYNs.
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $error, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 0]]));
$port = parse_url('tcp://' . stream_socket_get_name($server, false), PHP_URL_PORT);
$fill = [];
for ($i = 0; $i < 8; $i++) {
    $fill[] = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $error, 0.2, STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT);
}

$connect = fn(float $timeout) => new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', $timeout);

foreach ([true, false] as $async) {
    pcntl_async_signals($async);
    $ran = 0;
    pcntl_signal(SIGALRM, function () use (&$ran) {
        $ran++;
        throw new RuntimeException('handler');
    });
    pcntl_alarm(1);
    $began = microtime(true);
    try {
        $connect(2.0);
        echo "connected\n";
    } catch (Throwable $e) {
        printf("async %s: %s (%s) after the connect gave up: %s; handler ran %d time(s)\n", var_export($async, true),
            get_class($e), $e->getMessage(), var_export(microtime(true) - $began > 1.5, true), $ran);
    }
}

$began = microtime(true);
try {
    $connect(0.0005);
} catch (Throwable $e) {
    printf("0.5 ms: %s at once: %s\n", get_class($e), var_export(microtime(true) - $began < 1, true));
}
?>
--EXPECTF--
async true: RuntimeException (handler) after the connect gave up: true; handler ran 1 time(s)
async false: RuntimeException (handler) after the connect gave up: true; handler ran 1 time(s)
0.5 ms: PhpAmqpLib\Exception\AMQPIOException at once: true
