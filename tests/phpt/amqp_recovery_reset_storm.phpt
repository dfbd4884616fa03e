--TEST--
recovery under a network that keeps dropping connections: a recovered connection reset while recovery declares the topology on it, or while the consumer's channel is reopened on it, is replaced again (recovery went on no further before); a consumer whose connection a proxy resets every 150 ms for 5 s recovers each time; no exception, every message published meanwhile consumed
--EXTENSIONS--
mq
posix
--INI--
mq.amqp_recovery=On
mq.amqp_recovery_interval_ms=50
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
$pid = proc_get_status($proxy)['pid'];

$q = fresh_name('recovery-storm');
$publisher = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$pc = $publisher->channel();
$pc->queue_declare($q, false, true, false, false);
$pc->confirm_select();

$config = new AMQPConnectionConfig();
$config->setPort($port);
$consumer = AMQPConnectionFactory::create($config);
$recoveries = 0;
$consumer->set_connection_recovery_handler(function (string $state) use (&$recoveries) {
    $recoveries += $state === 'recovered';
});
$cc = $consumer->channel();
$cc->queue_declare($q, false, true, false, false); // replayed on every reconnect
$seen = [];
$cc->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$seen) {
    $seen[$m->getBody()] = true;
    $m->ack();
});

// $what: reset every new connection that sends the method CLASS METHOD, twice, then reset the consumer's.
$recoveredAfter = function (string $what, string $method) use (&$recoveries, &$seen, $pipes, $pc, $cc, $q): void {
    $before = $recoveries;
    fwrite($pipes[0], "rst-on $method 2\nrst\n");
    fflush($pipes[0]);
    usleep(100000);
    $body = "after $what";
    $pc->basic_publish(new AMQPMessage($body), '', $q);
    $t = microtime(true);
    $error = 'none';
    while (!isset($seen[$body]) && microtime(true) - $t < 20) {
        try {
            $cc->wait(null, false, 0.2);
        } catch (AMQPTimeoutException $e) {
        } catch (Throwable $e) {
            $error = get_class($e) . ': ' . $e->getMessage();
            break;
        }
    }
    printf("%s reset twice: error %s, consumed the next message: %s, recoveries: %d\n", $what, $error,
        var_export(isset($seen[$body]), true), $recoveries - $before);
};
$recoveredAfter('topology replay (queue.declare)', '50 10');
$recoveredAfter('channel reopen (basic.consume)', '60 20');

$seen = [];
exec("(for i in \$(seq 1 33); do sleep 0.15; kill -USR2 $pid; done) >/dev/null 2>&1 &");
$errors = [];
$sent = 0;
$t = microtime(true);
while (microtime(true) - $t < 5) {
    $pc->basic_publish(new AMQPMessage('m' . $sent++), '', $q);
    if ($sent % 20 === 0) {
        $pc->wait_for_pending_acks(10);
    }
    try {
        $cc->wait(null, false, 0.002);
    } catch (AMQPTimeoutException $e) {
    } catch (Throwable $e) {
        $errors[get_class($e) . ': ' . $e->getMessage()] = true;
    }
}
$pc->wait_for_pending_acks(10);
usleep(300000); // the storm's last resets
$t = microtime(true);
while (count($seen) < $sent && microtime(true) - $t < 20) {
    try {
        $cc->wait(null, false, 0.2);
    } catch (AMQPTimeoutException $e) {
    } catch (Throwable $e) {
        $errors['after the storm: ' . get_class($e) . ': ' . $e->getMessage()] = true;
        usleep(100000);
    }
}
echo "errors: ", $errors ? implode(' | ', array_keys($errors)) : 'none', "\n";
echo "recovered more than 5 times: ", var_export($recoveries > 5, true), "\n";
echo "every published message consumed: ", var_export(count($seen) === $sent, true), "\n";
$pc->queue_delete($q);
$publisher->close();
$consumer->close();
fclose($pipes[0]);
proc_close($proxy);
?>
--EXPECT--
topology replay (queue.declare) reset twice: error none, consumed the next message: true, recoveries: 1
channel reopen (basic.consume) reset twice: error none, consumed the next message: true, recoveries: 3
errors: none
recovered more than 5 times: true
every published message consumed: true
