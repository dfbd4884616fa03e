--TEST--
recovery's replay buffer is bounded: with mq.amqp_replay_buffer=5 a sixth unconfirmed publish throws AMQPRuntimeException (the message is not published), and once the confirms are in, publishing goes on; without recovery there is no bound; ini_set() reads On/Off as PHP does
--EXTENSIONS--
mq
--INI--
mq.amqp_recovery=On
mq.amqp_replay_buffer=5
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

function run(): void
{
    $conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    $ch = $conn->channel();
    [$queue] = $ch->queue_declare('', false, false, true, true);
    $ch->confirm_select();
    $published = 0;
    for ($i = 0; $i < 8; $i++) {
        try {
            $ch->basic_publish(new AMQPMessage("m$i"), '', $queue);
            $published++;
        } catch (Exception $e) {
            echo get_class($e), ": ", $e->getMessage(), "\n";
            break;
        }
    }
    $ch->wait_for_pending_acks(5);
    $ch->basic_publish(new AMQPMessage('after'), '', $queue);
    $ch->wait_for_pending_acks(5);
    [, $count] = $ch->queue_declare($queue, true);
    echo "published $published, then 1; in the queue: $count\n";
    $conn->close();
}

run();
ini_set('mq.amqp_recovery', 'Off');
run();
ini_set('mq.amqp_recovery', 'yes');
run();
?>
--EXPECT--
PhpAmqpLib\Exception\AMQPRuntimeException: 5 publishes are waiting for their confirm, as many as mq.amqp_replay_buffer keeps to publish again after a reconnect: wait for confirms (wait_for_pending_acks) before publishing more
published 5, then 1; in the queue: 6
published 8, then 1; in the queue: 9
PhpAmqpLib\Exception\AMQPRuntimeException: 5 publishes are waiting for their confirm, as many as mq.amqp_replay_buffer keeps to publish again after a reconnect: wait for confirms (wait_for_pending_acks) before publishing more
published 5, then 1; in the queue: 6
