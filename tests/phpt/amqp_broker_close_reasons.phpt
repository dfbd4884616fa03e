--TEST--
the broker's reasons for closing a channel or a connection reach PHP with php-amqplib's class, code and text: at the next publish (where php-amqplib, which does not read there, loses the message silently), in a wait() the close interrupts, and once only (later calls find the channel closed, other channels the connection gone); the differential scenarios async_channel_errors and connection_forced compare the other calls with php-amqplib
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/child_php.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Exception\AMQPProtocolException;
use PhpAmqpLib\Message\AMQPMessage;

function attempt(string $label, callable $f): void
{
    try {
        $f();
        echo "$label: returned\n";
    } catch (Exception $e) {
        $sig = $e instanceof AMQPProtocolException ? ' method ' . implode(',', $e->amqp_method_sig) : '';
        printf("%s: %s [%d%s] %s\n", $label, get_class($e), $e->getCode(), $sig, $e->getMessage());
    }
}

$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName(fresh_name('mq-close-reasons'));
$conn = AMQPConnectionFactory::create($config);
$missing = fresh_name('missing-x');

echo "-- a publish after the broker closed the channel\n";
$ch = $conn->channel();
$ch->basic_publish(new AMQPMessage('lost'), $missing, 'rk');
usleep(300000);
attempt('publish', fn () => $ch->basic_publish(new AMQPMessage('x'), '', 'rk'));
attempt('publish again', fn () => $ch->basic_publish(new AMQPMessage('x'), '', 'rk'));

echo "-- the close arrives during wait()\n";
$ch = $conn->channel();
[$q] = $ch->queue_declare('', false, false, true);
$ch->basic_consume($q, '', false, true, false, false, fn () => null);
$ch->basic_publish(new AMQPMessage('lost'), $missing, 'rk');
attempt('wait', fn () => $ch->wait(null, false, 10));
attempt('wait again', fn () => $ch->wait(null, false, 10));

echo "-- the broker closes the connection during wait()\n";
$ch = $conn->channel();
$other = $conn->channel();
[$q] = $ch->queue_declare('', false, false, true);
$ch->basic_consume($q, '', false, true, false, false, fn () => null);
// Another process asks the broker to close this connection while this one waits.
$closer = sprintf('require %s; amqp_force_close(%s, "going away") or print("not found\n");', var_export(dirname(__DIR__) . '/tools/brokers.php', true), var_export($config->getConnectionName(), true));
$proc = proc_open(mq_child_php('-r ' . escapeshellarg($closer)), [], $pipes);
$t0 = microtime(true);
attempt('wait', fn () => $ch->wait(null, false, 20));
var_dump(microtime(true) - $t0 < 15);
proc_close($proc);
attempt('publish', fn () => $ch->basic_publish(new AMQPMessage('x'), '', $q));
attempt('another channel', fn () => $other->basic_publish(new AMQPMessage('x'), '', $q));
attempt('another channel again', fn () => $other->queue_declare($q, true));
var_dump($conn->isConnected());
[$q] = $conn->channel()->queue_declare('', false, false, true);
echo "channel() connects again\n";
$conn->close();
?>
--EXPECTF--
-- a publish after the broker closed the channel
publish: PhpAmqpLib\Exception\AMQPProtocolChannelException [404 method 60,40] NOT_FOUND - no exchange '%s' in vhost '/'
publish again: PhpAmqpLib\Exception\AMQPChannelClosedException [0] Channel connection is closed.
-- the close arrives during wait()
wait: PhpAmqpLib\Exception\AMQPProtocolChannelException [404 method 60,40] NOT_FOUND - no exchange '%s' in vhost '/'
wait again: PhpAmqpLib\Exception\AMQPChannelClosedException [0] Channel connection is closed.
-- the broker closes the connection during wait()
wait: PhpAmqpLib\Exception\AMQPConnectionClosedException [320] CONNECTION_FORCED - going away(0, 0)
bool(true)
publish: PhpAmqpLib\Exception\AMQPChannelClosedException [0] Channel connection is closed.
another channel: PhpAmqpLib\Exception\AMQPConnectionClosedException [0] Broken pipe or closed connection
another channel again: PhpAmqpLib\Exception\AMQPConnectionClosedException [0] Broken pipe or closed connection
bool(false)
channel() connects again
