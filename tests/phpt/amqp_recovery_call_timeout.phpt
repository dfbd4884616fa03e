--TEST--
recovery bounded by the timeout of the call that makes it: with the broker unreachable, wait_for_pending_acks($timeout) and wait($timeout) throw AMQPTimeoutException at their timeout instead of reconnecting until recovery's deadline; the next call resumes the same recovery (one "lost"); once the broker is back, the publish held back is published again and confirmed once, and the consumer delivers again
--EXTENSIONS--
mq
--INI--
mq.amqp_recovery=On
mq.amqp_recovery_interval_ms=100
mq.amqp_recovery_deadline_ms=20000
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;

$proxy = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
function proxy(string $line): void
{
    global $pipes;
    fwrite($pipes[0], "$line\n");
    fflush($pipes[0]);
    usleep(100000);
}
// How the call ended and whether it took about its timeout (not recovery's 20 s deadline).
function timed(float $timeout, callable $call): string
{
    $t0 = microtime(true);
    try {
        $call();
        return 'returned';
    } catch (AMQPTimeoutException $e) {
        $how = 'AMQPTimeoutException';
    } catch (Throwable $e) {
        $how = get_class($e) . ': ' . $e->getMessage();
    }
    $took = microtime(true) - $t0;
    return $how . ($took >= $timeout - 0.05 && $took < $timeout + 1.5 ? ' at its timeout' : sprintf(' after %.1f s', $took));
}

$direct = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$dc = $direct->channel();
$q = fresh_name('mq-call-timeout');
$dc->queue_declare($q, false, false, false, false);

$config = new AMQPConnectionConfig();
$config->setPort($port);
$conn = AMQPConnectionFactory::create($config);
$states = [];
$conn->set_connection_recovery_handler(function (string $state) use (&$states) { $states[] = $state; });
$ch = $conn->channel();
$ch->confirm_select();
$acked = 0;
$ch->set_ack_handler(function () use (&$acked) { $acked++; });

echo "-- wait_for_pending_acks\n";
proxy('freeze');                // the publish stays in the proxy
$ch->basic_publish(new AMQPMessage('held'), '', $q);
proxy('refuse on');
proxy('rst');
proxy('freeze');
echo timed(1.0, fn () => $ch->wait_for_pending_acks(1.0)), "\n";
echo timed(0.5, fn () => $ch->wait_for_pending_acks(0.5)), "\n";
echo 'states: ', implode(',', $states), "\n";
proxy('refuse off');
echo timed(5.0, fn () => $ch->wait_for_pending_acks(5.0)), ", acked $acked\n";
echo 'states: ', implode(',', $states), "\n";
usleep(200000);
echo 'in the queue: ', $dc->queue_declare($q, true)[1], "\n";

echo "-- wait\n";
$got = [];
$ch->basic_consume($q, '', false, true, false, false, function (AMQPMessage $m) use (&$got) { $got[] = $m->getBody(); });
$ch->wait(null, false, 2.0);
$states = [];
proxy('refuse on');
proxy('rst');
echo timed(1.0, fn () => $ch->wait(null, false, 1.0)), "\n";
echo timed(0.5, fn () => $ch->wait(null, false, 0.5)), "\n";
echo 'states: ', implode(',', $states), "\n";
proxy('refuse off');
$dc->basic_publish(new AMQPMessage('after'), '', $q);
for ($i = 0; $i < 20 && count($got) < 2; $i++) {
    try {
        $ch->wait(null, false, 0.5);
    } catch (AMQPTimeoutException $e) {
    }
}
echo 'delivered: ', implode(',', $got), "\n";
echo 'states: ', implode(',', $states), "\n";

$conn->close();
$dc->queue_delete($q);
$direct->close();
fclose($pipes[0]);
proc_close($proxy);
?>
--EXPECT--
-- wait_for_pending_acks
AMQPTimeoutException at its timeout
AMQPTimeoutException at its timeout
states: lost
returned, acked 1
states: lost,recovered
in the queue: 1
-- wait
AMQPTimeoutException at its timeout
AMQPTimeoutException at its timeout
states: lost
delivered: held,after
states: lost,recovered
