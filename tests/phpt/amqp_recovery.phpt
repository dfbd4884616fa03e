--TEST--
recovery (mq.amqp_recovery=On, unchanged php-amqplib code): a connection the broker closes (320 CONNECTION_FORCED) is reconnected at the next call; exchanges, queues (a server-named one under its new name), bindings, QoS, confirm mode and consumers are declared again; unconfirmed publishes are published again and confirmed; an ack of a delivery from before is dropped, and the broker redelivers it; the recovery handler sees lost then recovered
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
use PhpAmqpLib\Message\AMQPMessage;

$name = fresh_name('mq-recovery');
$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName($name);
$conn = AMQPConnectionFactory::create($config);
$events = [];
$conn->set_connection_recovery_handler(function (string $state, string $reason) use (&$events) {
    $events[] = $state . ($reason === '' ? '' : ' (' . (str_contains($reason, 'CONNECTION_FORCED') ? 'CONNECTION_FORCED' : $reason) . ')');
});

$ch = $conn->channel();
$x = fresh_name('mq-recovery-x');
$durable = fresh_name('mq-recovery-q');
$ch->exchange_declare($x, 'direct', false, false, false);
$ch->queue_declare($durable, false, true, false, false);
$ch->queue_bind($durable, $x, 'k');
[$generated] = $ch->queue_declare('', false, false, true, true);
$ch->queue_bind($generated, $x, 'k');
$ch->basic_qos(0, 1, false);
$ch->confirm_select();
$acked = [];
$ch->set_ack_handler(function (AMQPMessage $m) use (&$acked) { $acked[] = $m->getBody(); });

$got = [];
$autoAck = false;
$ch->basic_consume($durable, 'durable-consumer', false, false, false, false, function (AMQPMessage $m) use (&$got, &$autoAck) {
    $got[] = ['durable', $m->getBody(), $m->getDeliveryTag(), $m->isRedelivered(), $m];
    if ($autoAck) {
        $m->ack();
    }
});
$ch->basic_consume($generated, 'generated-consumer', false, true, false, false, function (AMQPMessage $m) use (&$got) {
    $got[] = ['generated', $m->getBody(), $m->getDeliveryTag(), $m->isRedelivered(), $m];
});

$ch->basic_publish(new AMQPMessage('m1', ['message_id' => 'm1']), $x, 'k');
$ch->wait_for_pending_acks(5);
while (count($got) < 2) {
    $ch->wait(null, false, 5);
}
usort($got, fn ($a, $b) => strcmp($a[0], $b[0]));
[$firstDurable] = $got;
printf("before: %s\n", implode(', ', array_map(fn ($g) => "$g[0] $g[1] tag $g[2]", $got)));

// The durable queue's m1 stays unacked (prefetch 1) while the broker closes the connection.
var_dump(amqp_force_close($name, 'recovery test'));
usleep(500000);
echo "events after the close: ", json_encode($events), "\n";

// The next call recovers; m2 is confirmed on the new connection and reaches both queues again.
$ch->basic_publish(new AMQPMessage('m2', ['message_id' => 'm2']), $x, 'k');
$ch->wait_for_pending_acks(5);
echo "acked: ", implode(', ', $acked), "\n";
echo "events: ", implode(', ', $events), "\n";

// The delivery from before the close: its ack is dropped (no error, the channel stays open).
$firstDurable[4]->ack();
var_dump($ch->is_open());

$got = [];
$autoAck = true;
$deadline = microtime(true) + 10;
while (count($got) < 3 && microtime(true) < $deadline) {
    $ch->wait(null, false, 5);
}
usort($got, fn ($a, $b) => [$a[0], $a[1]] <=> [$b[0], $b[1]]);
foreach ($got as [$queue, $body, $tag, $redelivered]) {
    printf("after: %s %s redelivered=%s tag above the first=%s\n", $queue, $body, var_export($redelivered, true), var_export($tag > $firstDurable[2], true));
}

// Every publish made before a loss is published again: 200 unconfirmed, then the close.
$many = fresh_name('mq-recovery-many');
$ch->queue_declare($many, false, true, false, false);
$acked = [];
for ($i = 0; $i < 200; $i++) {
    $ch->basic_publish(new AMQPMessage("n$i", ['message_id' => "n$i", 'delivery_mode' => 2]), '', $many);
}
var_dump(amqp_force_close($name, 'again'));
usleep(500000);
$ch->wait_for_pending_acks(10);
echo "acked after the second close: ", count(array_unique($acked)), "\n";
$ids = [];
while ($m = $ch->basic_get($many, true)) {
    $ids[$m->getBody()] = true;
}
echo "in the queue: ", count($ids), " distinct of 200\n";
echo "events: ", implode(', ', $events), "\n";
$ch->queue_delete($durable);
$ch->queue_delete($many);
$ch->exchange_delete($x);
$conn->close();
?>
--EXPECTF--
before: durable m1 tag %d, generated m1 tag %d
bool(true)
events after the close: []
acked: m1, m2
events: lost (CONNECTION_FORCED), recovered
bool(true)
after: durable m1 redelivered=true tag above the first=true
after: durable m2 redelivered=false tag above the first=true
after: generated m2 redelivered=false tag above the first=true
bool(true)
acked after the second close: 200
in the queue: 200 distinct of 200
events: lost (CONNECTION_FORCED), recovered, lost (CONNECTION_FORCED), recovered
