--TEST--
close() right after a publish the broker refuses (a missing exchange): our channel.close crosses the broker's; close() throws the broker's 404 as php-amqplib's does (also when the broker's close came first), and the connection, its other channel and every publish made on it go on (lapin answered the crossing close twice and ended the connection: the other channel's publishes were lost)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$q = fresh_name('crossing');
$c->channel()->queue_declare($q, false, false, false, false);
$published = 0;
foreach ([0, 50, 0, 50, 0] as $round => $before) {
    $a = $c->channel();
    $b = $c->channel();
    for ($i = 0; $i < $before; $i++) {
        $a->basic_publish(new AMQPMessage(str_repeat('a', 4096)), '', $q);
        $published++;
    }
    $a->basic_publish(new AMQPMessage('bad'), "missing-$q", 'k');
    try {
        $a->close();
        $closed = 'returned';
    } catch (Throwable $e) {
        $closed = get_class($e) . ' ' . $e->getCode() . ': ' . preg_replace("/'[^']*'/", "'X'", $e->getMessage());
    }
    for ($i = 0; $i < 100; $i++) {
        $b->basic_publish(new AMQPMessage(str_repeat('b', 4096)), '', $q);
        $published++;
    }
    [, $count] = $b->queue_declare($q, true);
    echo "round $round: close(): $closed; channel B open: ", var_export($b->is_open(), true),
        "; connected: ", var_export($c->isConnected(), true), "\n";
    $b->close();
}
// Not crossing: the broker's channel.close has arrived before close() is called. php-amqplib's close()
// reads it and throws it; so does mq's (it returned as if nothing had happened).
$a = $c->channel();
$a->basic_publish(new AMQPMessage('bad'), "missing-$q", 'k');
usleep(200000);
try {
    $a->close();
    echo "close() after the broker's close: returned\n";
} catch (Throwable $e) {
    echo "close() after the broker's close: ", get_class($e), ' ', $e->getCode(), "\n";
}
usleep(200000);
[, $count] = $c->channel()->queue_declare($q, true);
echo "every publish is in the queue: ", $count === $published ? 'yes' : "no ($count of $published)", "\n";
$c->channel()->queue_delete($q);
$c->close();
?>
--EXPECT--
round 0: close(): PhpAmqpLib\Exception\AMQPProtocolChannelException 404: NOT_FOUND - no exchange 'X' in vhost 'X'; channel B open: true; connected: true
round 1: close(): PhpAmqpLib\Exception\AMQPProtocolChannelException 404: NOT_FOUND - no exchange 'X' in vhost 'X'; channel B open: true; connected: true
round 2: close(): PhpAmqpLib\Exception\AMQPProtocolChannelException 404: NOT_FOUND - no exchange 'X' in vhost 'X'; channel B open: true; connected: true
round 3: close(): PhpAmqpLib\Exception\AMQPProtocolChannelException 404: NOT_FOUND - no exchange 'X' in vhost 'X'; channel B open: true; connected: true
round 4: close(): PhpAmqpLib\Exception\AMQPProtocolChannelException 404: NOT_FOUND - no exchange 'X' in vhost 'X'; channel B open: true; connected: true
close() after the broker's close: PhpAmqpLib\Exception\AMQPProtocolChannelException 404
every publish is in the queue: yes
