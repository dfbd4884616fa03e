<?php
// The broker closes a connection (here from the management API with a reason, `amqp_force_close()` in
// tests/tools/brokers.php, as an operator or a node shutdown does): the next call that reads (channel() too) reports the broker's connection.close, as
// AMQPConnectionClosedException "CONNECTION_FORCED - <reason>(0, 0)" with code 320; the calls after find
// the channel closed (its callbacks gone), the connection's other channels find it gone, and it says it is
// not connected, and channel() then connects anew. select() finds the lost connection readable until a
// call reports the close, then throws. Channels say they are open until a call reports their close. Then a channel the broker closes: its callbacks go too.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Message\AMQPMessage;

$calls = [
    'wait' => fn ($ch, $q) => $ch->wait(null, false, 2),
    // A consumer loop on the connection's select(): its dead socket is readable (1), and the wait()
    // after reports the close.
    'select' => fn ($ch, $q, $conn) => [$conn->select(1), $conn->select(1)],
    // Code that reconnects when channel() throws (vyuldashev's ReconnectTrait) relies on this one.
    'channel()' => fn ($ch, $q, $conn) => $conn->channel()->getChannelId(),
    'queue_declare' => fn ($ch, $q) => $ch->queue_declare($q, true),
    'basic_get' => fn ($ch, $q) => $ch->basic_get($q),
    'wait_for_pending_acks' => function ($ch, $q) {
        $ch->basic_publish(new AMQPMessage('late'), '', $q);
        return $ch->wait_for_pending_acks(2);
    },
];
foreach ($calls as $call => $f) {
    $config = new AMQPConnectionConfig();
    $config->setPort(amqp_port());
    $config->setConnectionName(name('forced'));
    $conn = AMQPConnectionFactory::create($config);
    $ch = $conn->channel();
    [$q] = $ch->queue_declare('', false, false, true);
    if ($call === 'wait_for_pending_acks') {
        $ch->confirm_select();
    }
    $ch->basic_consume($q, '', false, true, false, false, fn () => null);
    $other = $conn->channel();
    show("$call: closed by the broker", amqp_force_close($config->getConnectionName(), 'maintenance window'));
    usleep(500000);
    // php-amqplib's channels stay open until a read reports the close.
    show('  is_open, another channel', [$ch->is_open(), $other->is_open()]);
    try {
        show("  $call", $f($ch, $q, $conn));
    } catch (Exception $e) {
        out("  $call: threw " . exc($e) . " (code {$e->getCode()})");
    }
    // The consumer loop of php-amqplib's README: the closed channel has no callbacks left, so it ends.
    show('  callbacks left', count($ch->callbacks));
    show('  is_open then, another channel', [$ch->is_open(), $other->is_open()]);
    attempt('  then queue_declare', fn () => $ch->queue_declare($q, true));
    attempt('  another channel', fn () => $other->queue_declare($q, true));
    attempt('  another channel again', fn () => $other->basic_get($q));
    show('  isConnected', $conn->isConnected());
    attempt('  channel() connects anew', fn () => $conn->channel()->queue_declare('', false, false, true)[1] === 0);
    show('  isConnected then', $conn->isConnected());
    show('  channels then', array_keys($conn->channels));
    attempt('  close', fn () => $conn->close());
}

// reconnect() after the broker's close, before any call reported it: it closes the old channels, so a
// call on one finds it closed (not the old connection's close again), and new channels work.
$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName(name('forced'));
$conn = AMQPConnectionFactory::create($config);
$old = $conn->channel();
show('closed by the broker', amqp_force_close($config->getConnectionName(), 'maintenance window'));
usleep(500000);
attempt('reconnect', fn () => $conn->reconnect());
attempt('old channel', fn () => $old->queue_declare('', false, false, true));
attempt('new channel', fn () => $conn->channel()->queue_declare('', false, false, true)[1]);
show('channels', array_keys($conn->channels));
$conn->close();

// A channel error (an ack of a tag never delivered) surfaces in wait(): the channel is closed, and a
// `while (count($channel->callbacks))` loop around wait() ends after it.
$conn = connect();
$ch = $conn->channel();
[$q] = $ch->queue_declare('', false, false, true);
$ch->basic_consume($q, '', false, false, false, false, fn () => null);
$ch->basic_ack(999);
usleep(200000);
show('is_open before a call reads the close', $ch->is_open());
$rounds = 0;
while (count($ch->callbacks) && $rounds++ < 5) {
    try {
        $ch->wait(null, false, 2);
    } catch (Exception $e) {
        out("round $rounds: " . exc($e));
    }
}
show('rounds of the consumer loop', $rounds);
show('is_consuming', $ch->is_consuming());
$conn->close();
