<?php
// Work queues, consumer: php worker.php NAME — fair dispatch (prefetch 1) and manual acks; a dot in a
// task is a tenth of a second of work. Exits after 2 idle seconds.
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;

$name = $argv[1] ?? 'worker';
$connection = new AMQPStreamConnection('127.0.0.1', (int) (getenv('MQ_AMQP_PORT') ?: 5672), 'guest', 'guest');
$channel = $connection->channel();
$channel->queue_declare('task_queue', false, true, false, false);
$channel->basic_qos(null, 1, null);
$done = 0;
$channel->basic_consume('task_queue', '', false, false, false, false, function ($msg) use (&$done) {
    usleep(substr_count($msg->getBody(), '.') * 100000);
    $msg->ack();
    $done++;
});
try {
    while ($channel->is_consuming()) {
        $channel->wait(null, false, 2);
    }
} catch (AMQPTimeoutException $idle) {
}
echo "[$name] done $done tasks\n";
$channel->close();
$connection->close();
