--TEST--
A closed channel's number is handed out again at once, as php-amqplib hands it out, also after a close of ours that crossed the broker's (a publish to a missing exchange, then close()): channel() and channel($id) get that number, the new channel works and the connection lives on (the close-ok owed to the broker went out after the new channel.open, and the broker ended the connection with 504 "second 'channel.open' seen", or the new channel failed with the old one's reason)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$keep = $c->channel();
[$q] = $keep->queue_declare('', false, false, true, false);
$failures = [];
$numbers = [];
$published = 0;
for ($round = 0; $round < 150; $round++) {
    $explicit = $round % 2 === 1;
    $a = $explicit ? $c->channel(7) : $c->channel();
    $number = $a->getChannelId();
    $a->basic_publish(new AMQPMessage('lost'), fresh_name('missing'), 'k');
    try {
        $a->close();
    } catch (Throwable $e) {
    }
    try {
        $b = $explicit ? $c->channel(7) : $c->channel();
        $numbers[$b->getChannelId() === $number ? 'same number' : 'another number'] = true;
        $b->queue_declare($q, true);
        $b->basic_publish(new AMQPMessage('kept'), '', $q);
        $published++;
        $b->close();
    } catch (Throwable $e) {
        $failures[] = "round $round: " . get_class($e) . ': ' . $e->getMessage();
        if (!$c->isConnected()) {
            break;
        }
    }
}
echo "failures: ", $failures ? implode("\n", $failures) : 'none', "\n";
echo "numbers: ", implode(', ', array_keys($numbers)), "\n";
echo "connected: ", var_export($c->isConnected(), true), "\n";
echo "every kept publish in the queue: ", var_export($keep->queue_declare($q, true)[1] === $published && $published === 150, true), "\n";
$c->close();
?>
--EXPECT--
failures: none
numbers: same number
connected: true
every kept publish in the queue: true
