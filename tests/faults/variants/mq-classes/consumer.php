<?php
/*
 * The unchanged variant's consumer written with mq's own classes: Mq\RetryingConsumer runs a handler per
 * message of --queue (prefetch --prefetch) and acks each one when the handler returns, until --expect
 * distinct message_ids were seen; records each delivery as "message_id redelivered(0|1)" in --dir/received
 * and, as each handler starts, "ack N" for the N deliveries acknowledged before it (the consumer acks one
 * message before it hands over the next). --stall-at=K: stops in the handler of delivery K, as a handler
 * stuck mid-job (the runner kills it there). --idle=S: gives up after S seconds without a delivery.
 * --pace-us=U: U microseconds of work per message.
 */
require __DIR__ . '/../_child.php';
require __DIR__ . '/../_connect.php';

use Mq\RetryingConsumer;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$a = child_args();
$expect = (int) $a['expect'];
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
$consumer = null;
$handler = function (AMQPMessage $message) use ($received, $expect, $stallAt, $pace, &$seen, &$processed, &$consumer) {
    if ($processed > 0) {
        fwrite($received, "ack $processed\n");
    }
    $id = $message->get('message_id');
    fwrite($received, $id . ' ' . ($message->isRedelivered() ? 1 : 0) . "\n");
    $seen[$id] = true;
    $processed++;
    if ($processed === $stallAt) {
        emit('stalled');
        sleep(3600);
    }
    usleep($pace);
    progress($processed, count($seen));
    if (count($seen) >= $expect) {
        $consumer->stop();
    }
};
$consumer = new RetryingConsumer($channel, $a['queue'], $handler, prefetch: (int) $a['prefetch']);
$idle = (float) $a['idle'];
do {
    $before = $processed;
    $consumer->consume($idle);
} while (count($seen) < $expect && $processed > $before);
fwrite($received, "ack $processed\n");
if (count($seen) < $expect) {
    throw new RuntimeException("no delivery for $idle s");
}
emit('done', (string) $processed, (string) count($seen));
$channel->close();
$connection->close();
