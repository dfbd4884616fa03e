--TEST--
publisher confirms the broker sent before it closed the channel (a publish to a missing exchange) or the connection reach the ack handlers before the close is thrown, as php-amqplib reads them off the socket in that order; with every publish acked, wait_for_pending_acks() returns; timeouts too large to add to the clock mean no limit (no panic)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

function confirmed_channel(AMQPStreamConnection $c, string $q, array &$events) {
    $ch = $c->channel();
    $ch->queue_declare($q, false, false, false, true);
    $ch->confirm_select();
    $ch->set_ack_handler(function (AMQPMessage $m) use (&$events) { $events[] = 'A' . $m->getBody(); });
    $ch->set_nack_handler(function (AMQPMessage $m) use (&$events) { $events[] = 'N' . $m->getBody(); });
    return $ch;
}

// The channel closed by the broker after it acked five publishes.
$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$events = [];
$q = fresh_name('confirms-close');
$ch = confirmed_channel($c, $q, $events);
for ($i = 0; $i < 5; $i++) {
    $ch->basic_publish(new AMQPMessage((string) $i), '', $q);
}
usleep(300_000); // the acks are on their way back
$ch->basic_publish(new AMQPMessage('bad'), 'missing-' . $q, 'x');
usleep(300_000); // and the channel.close after them
try {
    $ch->wait_for_pending_acks(5);
    echo "wait returned\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', explode(' - ', $e->getMessage())[0], "\n";
}
echo 'handlers: ', implode(' ', $events), "\n";

// The connection closed by the broker after every publish was acked: nothing is pending, the wait returns.
$name = fresh_name('confirms-kill');
$config = new PhpAmqpLib\Connection\AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName($name);
$c = PhpAmqpLib\Connection\AMQPConnectionFactory::create($config);
$events = [];
$q = fresh_name('confirms-kill');
$ch = confirmed_channel($c, $q, $events);
for ($i = 0; $i < 100; $i++) {
    $ch->basic_publish(new AMQPMessage((string) $i), '', $q);
}
usleep(500_000);
var_dump(amqp_force_close($name, 'test')); // it waits for the management API to list the connection
usleep(300_000);
try {
    $ch->wait_for_pending_acks(5);
    echo "wait returned\n";
} catch (Throwable $e) {
    echo get_class($e), "\n";
}
echo 'acked: ', count(array_filter($events, fn ($e) => $e[0] === 'A')), "\n";

// Timeouts too large to add to the clock: no limit.
$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$events = [];
$ch = confirmed_channel($c, fresh_name('confirms-huge'), $events);
$ch->basic_publish(new AMQPMessage('x'), '', fresh_name('nowhere'));
foreach ([PHP_INT_MAX, 1e19, 1e300] as $timeout) {
    $ch->basic_publish(new AMQPMessage('y'), '', 'amq.rabbitmq.reply-to-nowhere');
    $ch->wait_for_pending_acks($timeout);
}
echo 'huge timeouts: ', count($events), " answers\n";
$c->close();
?>
--EXPECT--
PhpAmqpLib\Exception\AMQPProtocolChannelException: NOT_FOUND
handlers: A0 A1 A2 A3 A4
bool(true)
wait returned
acked: 100
huge timeouts: 4 answers
