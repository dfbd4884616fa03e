--TEST--
the PHP thread reads the socket itself while it waits: a peer that keeps sending (a flood of heartbeats) holds off neither a wait's timeout nor a signal handler, in wait(), wait_for_pending_acks() and an RPC; a connection reset met while PHP reads is reported with the OS error, as when lapin's I/O thread meets it
--EXTENSIONS--
mq
pcntl
posix
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

function proxy(): array
{
    $p = proc_open([PHP_BINARY, '-n', '-d', 'extension=sockets', dirname(__DIR__) . '/tools/amqp_toggle_proxy.php'],
        [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    return [$p, $pipes, proc_get_status($p)['pid'], (int) fgets($pipes[1])];
}

function connect(int $port): AMQPStreamConnection
{
    return new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 10.0);
}

function outcome(callable $call): string
{
    try {
        $call();
        return 'returned';
    } catch (Throwable $e) {
        // A lost socket's errno says it was reset (104), where the words are php-amqplib's.
        return get_class($e) . ': ' . $e->getMessage() . ($e instanceof PhpAmqpLib\Exception\AMQPConnectionClosedException ? " ({$e->getCode()})" : '');
    }
}

pcntl_async_signals(true);
$alarm = null;
pcntl_signal(SIGALRM, function () use (&$alarm) { $alarm = microtime(true); });

echo "-- a flood of heartbeats\n";
[$proc, $pipes, $pid, $port] = proxy();
$c = connect($port);
$ch = $c->channel();
$q = fresh_name('socket-reader');
$ch->queue_declare($q, false, false, false, true);
$ch->basic_consume($q, '', false, true, false, false, function () {});
$flood = function () use ($pid) {
    posix_kill($pid, SIGHUP);
    usleep(200000);
};

$flood();
$t = microtime(true);
$r = outcome(fn () => $ch->wait(null, false, 1));
printf("wait(timeout 1): %s, on time: %s\n", $r, var_export(microtime(true) - $t < 1.5, true));
sleep(3);

$flood();
$t = microtime(true);
pcntl_alarm(1);
$r = outcome(fn () => $ch->wait());
printf("wait() and SIGALRM after 1 s: %s, handler on time: %s\n", $r, var_export($alarm !== null && $alarm - $t < 1.5, true));
sleep(3);

$p = $c->channel();
$p->confirm_select();
posix_kill($pid, SIGUSR1); // frozen: the confirm cannot come
usleep(100000);
$p->basic_publish(new AMQPMessage('x'), '', $q);
$flood();
$t = microtime(true);
$r = outcome(fn () => $p->wait_for_pending_acks(1));
printf("wait_for_pending_acks(1): %s, on time: %s\n", preg_replace('/ after.*/', '', $r), var_export(microtime(true) - $t < 1.5, true));
sleep(3);
posix_kill($pid, SIGUSR1);
printf("connection alive after the floods: %s\n", var_export($c->isConnected(), true));
fclose($pipes[0]);
proc_close($proc);

echo "-- a reset while PHP reads\n";
foreach (['wait()', 'wait_for_pending_acks()', 'queue_declare()'] as $case) {
    [$proc, $pipes, $pid, $port] = proxy();
    $c = connect($port);
    $ch = $c->channel();
    $ch->queue_declare($q, false, false, false, true);
    // The proxy resets the connection a second into the wait (a signal would end a wait() itself).
    $reset = function () use ($pipes) { fwrite($pipes[0], "after 1000 rst\n"); fflush($pipes[0]); };
    $r = outcome(function () use ($case, $c, $ch, $q, $pid, $reset) {
        if ($case === 'wait()') {
            $ch->basic_consume($q, '', false, true, false, false, function () {});
            $reset();
            $ch->wait(null, false, 5);
        } elseif ($case === 'wait_for_pending_acks()') {
            $ch->confirm_select();
            posix_kill($pid, SIGUSR1);
            usleep(100000);
            $ch->basic_publish(new AMQPMessage('x'), '', $q);
            $reset();
            $ch->wait_for_pending_acks(5);
        } else {
            posix_kill($pid, SIGUSR1);
            usleep(100000);
            $reset();
            $ch->queue_declare(fresh_name('socket-reader'), false, false, false, true);
        }
    });
    echo "$case: $r\n";
    fclose($pipes[0]);
    proc_close($proc);
}
$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$c->channel()->queue_delete($q);
$c->close();
?>
--EXPECTF--
-- a flood of heartbeats
wait(timeout 1): PhpAmqpLib\Exception\AMQPTimeoutException: %s, on time: true
wait() and SIGALRM after 1 s: returned, handler on time: true
wait_for_pending_acks(1): PhpAmqpLib\Exception\AMQPTimeoutException: %s, on time: true
connection alive after the floods: true
-- a reset while PHP reads
wait(): PhpAmqpLib\Exception\AMQPConnectionClosedException: Broken pipe or closed connection (104)
wait_for_pending_acks(): PhpAmqpLib\Exception\AMQPConnectionClosedException: Broken pipe or closed connection (104)
queue_declare(): PhpAmqpLib\Exception\AMQPConnectionClosedException: Broken pipe or closed connection (104)
