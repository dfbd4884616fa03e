--TEST--
bytes from the peer that are no AMQP frame (an unknown frame type, a bad frame-end octet), met while PHP waits or between calls: AMQPInvalidFrameException (an AMQPRuntimeException) with php-amqplib's text ("Invalid frame type 9", "Framing error, unexpected byte: 0"), the connection closed, no hang; a frame header announcing more than frame_max closes the connection with FRAME_ERROR at once (its bytes used to fill the buffer and stall the connection for good)
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPRuntimeException;

$q = fresh_name('bad-frame');
$cases = [
    'unknown frame type' => '09000000000000CE',
    'bad frame-end octet' => '0800000000000000',
    'a frame announcing 2 GB' => '0300017FFFFFF0616263', // refused from its header, not awaited
];
foreach ($cases as $what => $hex) {
    foreach (['during wait()', 'between calls'] as $when) {
        $proxy = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
            [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        $port = (int) fgets($pipes[1]);
        $c = new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest');
        $ch = $c->channel();
        $ch->queue_declare($q, false, false, false, true);
        $ch->basic_consume($q, '', false, true, false, false, function () {});
        $inject = function (int $ms) use ($pipes, $hex) { fwrite($pipes[0], "after $ms inject $hex\n"); fflush($pipes[0]); };
        $t = microtime(true);
        try {
            if ($when === 'during wait()') {
                $inject(1000);
                $ch->wait(null, false, 5);
            } else {
                $inject(0);
                usleep(500000);
                $ch->queue_declare($q, true);
            }
            $r = 'no exception';
        } catch (Throwable $e) {
            $r = get_class($e) . ($e instanceof AMQPRuntimeException ? ' (an AMQPRuntimeException)' : '') . ': ' . $e->getMessage();
        }
        printf("%s, %s: %s; in time: %s; connected: %s\n", $what, $when, $r,
            var_export(microtime(true) - $t < 3, true), var_export($c->isConnected(), true));
        fclose($pipes[0]);
        proc_close($proxy);
    }
}
$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$c->channel()->queue_delete($q);
$c->close();
?>
--EXPECT--
unknown frame type, during wait(): PhpAmqpLib\Exception\AMQPInvalidFrameException (an AMQPRuntimeException): Invalid frame type 9; in time: true; connected: false
unknown frame type, between calls: PhpAmqpLib\Exception\AMQPInvalidFrameException (an AMQPRuntimeException): Invalid frame type 9; in time: true; connected: false
bad frame-end octet, during wait(): PhpAmqpLib\Exception\AMQPInvalidFrameException (an AMQPRuntimeException): Framing error, unexpected byte: 0; in time: true; connected: false
bad frame-end octet, between calls: PhpAmqpLib\Exception\AMQPInvalidFrameException (an AMQPRuntimeException): Framing error, unexpected byte: 0; in time: true; connected: false
a frame announcing 2 GB, during wait(): PhpAmqpLib\Exception\AMQPConnectionClosedException (an AMQPRuntimeException): frame too large: 2147483640 bytes(0, 0); in time: true; connected: false
a frame announcing 2 GB, between calls: PhpAmqpLib\Exception\AMQPConnectionClosedException (an AMQPRuntimeException): frame too large: 2147483640 bytes(0, 0); in time: true; connected: false
