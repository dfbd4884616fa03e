<?php
/*
 * Consumes --queue with manual acks (prefetch --prefetch), acknowledging every --batch messages at once
 * (ack with multiple), until it has seen --expect distinct message_ids; records each delivery as
 * "message_id redelivered(0|1)" in --dir/received and each ack as "ack N" (N deliveries acknowledged so far).
 * --stall-at=K: stops after recording delivery K without acking, as a handler stuck mid-batch (the runner
 * kills it there). --idle=S: gives up (AMQPTimeoutException) after S seconds without a delivery.
 * --pace-us=U: U microseconds of work per message.
 * Ordinary php-amqplib code: nothing here knows about faults or recovery.
 */
require __DIR__ . '/../_child.php';
require __DIR__ . '/../_connect.php';

use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$a = child_args();
$expect = (int) $a['expect'];
$batch = (int) $a['batch'];
$stallAt = (int) ($a['stall-at'] ?? 0);
$pace = (int) ($a['pace-us'] ?? 0);
$received = record_file("{$a['dir']}/received");
$seen = [];
$processed = 0;
counters(function () use (&$processed, &$seen) {
    return [$processed, count($seen)];
});

$connection = connect(child_hosts($a), $a['name']);
$channel = $connection->channel();
$channel->queue_declare($a['queue'], false, true, false, false, false, new AMQPTable(['x-queue-type' => $a['queue-type']]));
$channel->basic_qos(null, (int) $a['prefetch'], null);
$handler = function (AMQPMessage $message) use ($received, $expect, $batch, $stallAt, $pace, &$seen, &$processed) {
    $id = $message->get('message_id');
    fwrite($received, $id . ' ' . ($message->isRedelivered() ? 1 : 0) . "\n");
    $seen[$id] = true;
    $processed++;
    if ($processed === $stallAt) {
        emit('stalled');
        sleep(3600);
    }
    usleep($pace);
    $finished = count($seen) >= $expect;
    if ($processed % $batch === 0 || $finished) {
        $message->ack(true);
        fwrite($received, "ack $processed\n");
    }
    progress($processed, count($seen));
    if ($finished) {
        $message->getChannel()->basic_cancel($message->getConsumerTag());
    }
};
$channel->basic_consume($a['queue'], '', false, false, false, false, $handler);
while ($channel->is_consuming()) {
    $channel->wait(null, false, (float) $a['idle']);
}
emit('done', (string) $processed, (string) count($seen));
$channel->close();
$connection->close();
