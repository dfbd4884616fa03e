--TEST--
recovery goes on when the broker refuses part of the replayed topology: a queue redeclared meanwhile by another client with other arguments (406) is reported to the recovery handler as refused, and the rest (an exchange, another queue, its binding, a consumer) is declared again and works
--EXTENSIONS--
mq
--INI--
mq.amqp_recovery=On
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$name = fresh_name('mq-recovery-refused');
$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName($name);
$conn = AMQPConnectionFactory::create($config);
$events = [];
$conn->set_connection_recovery_handler(function (string $state, string $reason) use (&$events) {
    $events[] = $state === 'refused' ? 'refused: ' . (str_contains($reason, 'PRECONDITION_FAILED') ? 'PRECONDITION_FAILED' : $reason) : $state;
});
$ch = $conn->channel();
$x = fresh_name('mq-recovery-refused-x');
$changed = fresh_name('mq-recovery-changed');
$kept = fresh_name('mq-recovery-kept');
$ch->exchange_declare($x, 'fanout', false, false, false);
$ch->queue_declare($changed, false, true, false, false);
$ch->queue_declare($kept, false, true, false, false);
$ch->queue_bind($kept, $x);
$got = [];
$ch->basic_consume($kept, '', false, true, false, false, function (AMQPMessage $m) use (&$got) { $got[] = $m->getBody(); });

// Another client replaces one queue with an inequivalent one, then the broker closes our connection.
$other = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$och = $other->channel();
$och->queue_delete($changed);
$och->queue_declare($changed, false, true, false, false, false, new AMQPTable(['x-max-length' => 10]));
var_dump(amqp_force_close($name, 'refused test'));
usleep(500000);

$ch->basic_publish(new AMQPMessage('through the exchange'), $x);
while (!$got) {
    $ch->wait(null, false, 5);
}
echo "got: ", implode(', ', $got), "\n";
echo "events: ", implode(', ', $events), "\n";
$och->queue_delete($changed);
$och->queue_delete($kept);
$och->exchange_delete($x);
$other->close();
$conn->close();
?>
--EXPECT--
bool(true)
got: through the exchange
events: lost, refused: PRECONDITION_FAILED, recovered
