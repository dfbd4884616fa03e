<?php
// Work queues, producer: php new_task.php [count] — durable queue, persistent messages.
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$count = (int) ($argv[1] ?? 10);
$connection = new AMQPStreamConnection('127.0.0.1', (int) (getenv('MQ_AMQP_PORT') ?: 5672), 'guest', 'guest');
$channel = $connection->channel();
$channel->queue_declare('task_queue', false, true, false, false);
for ($i = 1; $i <= $count; $i++) {
    $task = "task $i" . str_repeat('.', $i % 3);
    $channel->basic_publish(new AMQPMessage($task, ['delivery_mode' => AMQPMessage::DELIVERY_MODE_PERSISTENT]), '', 'task_queue');
}
echo "[x] sent $count tasks\n";
$channel->close();
$connection->close();
