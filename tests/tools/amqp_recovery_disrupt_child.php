<?php
// Run by amqp_recovery_consumer.phpt while its parent waits: closes the parent's connection through the
// management API (CONNECTION_FORCED), then publishes the messages the parent must still receive.
require __DIR__ . '/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

[, $connectionName, $queue, $count] = $argv;
usleep(500000);
echo amqp_force_close($connectionName, 'recovery under a consumer') ? "closed\n" : "not found\n";
usleep(500000);
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$ch->confirm_select();
for ($i = 0; $i < (int) $count; $i++) {
    $ch->basic_publish(new AMQPMessage("after-$i", ['message_id' => "after-$i"]), '', $queue);
}
$ch->wait_for_pending_acks(5);
$conn->close();
echo "published $count\n";
