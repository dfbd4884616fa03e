--TEST--
Mq\Publisher with recovery on (mq.amqp_recovery=On): the broker closes the connection between send() and waitForAll(); recovery publishes the unconfirmed messages again and every outcome is ACKED; all are in the queue (by message_id)
--EXTENSIONS--
mq
--INI--
mq.amqp_recovery=On
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use Mq\Publisher;
use Mq\PublishOutcome;
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Message\AMQPMessage;

$name = fresh_name('mq-publisher-recovery');
$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName($name);
$conn = AMQPConnectionFactory::create($config);
$events = [];
$conn->set_connection_recovery_handler(function (string $state) use (&$events) { $events[] = $state; });
$ch = $conn->channel();
$q = fresh_name('mq-publisher-recovery-q');
$ch->queue_declare($q, false, true, false, false);

$publisher = new Publisher($ch);
for ($i = 0; $i < 200; $i++) {
    $publisher->send(new AMQPMessage("m$i", ['delivery_mode' => 2]), '', $q);
}
var_dump(amqp_force_close($name, 'publisher recovery test'));
usleep(500000);
$outcomes = $publisher->waitForAll(10);
echo count($outcomes), ' outcomes: ', json_encode(array_count_values(array_map(fn (PublishOutcome $o) => $o->getStatus(), $outcomes))), "\n";
echo 'in send order: ', var_export(array_map(fn (PublishOutcome $o) => $o->getMessage()->getBody(), $outcomes) === array_map(fn ($i) => "m$i", range(0, 199)), true), "\n";
echo 'events: ', implode(', ', $events), "\n";
$counters = $publisher->getCounters();
echo "pending {$counters['pending']}, acked {$counters['acked']}, republished by the Publisher {$counters['republished']}\n";

$ids = [];
while ($m = $ch->basic_get($q, true)) {
    $ids[$m->get('message_id')] = true;
}
$missing = array_filter($outcomes, fn (PublishOutcome $o) => !isset($ids[$o->getMessage()->get('message_id')]));
echo 'missing from the queue: ', count($missing), "\n";
$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
bool(true)
200 outcomes: {"acked":200}
in send order: true
events: lost, recovered
pending 0, acked 200, republished by the Publisher 0
missing from the queue: 0
