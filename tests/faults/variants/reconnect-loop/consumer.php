<?php
/*
 * The unchanged consumer (same arguments, same records) with the recovery php-amqplib users write by hand:
 * on a connection error, reconnect (retrying for --reconnect-for seconds, 120 by default) and consume again.
 * Deliveries not acknowledged on the lost connection come again from the broker. Shows that a client
 * which recovers passes the scenarios.
 */
require __DIR__ . '/../_child.php';
require __DIR__ . '/../_connect.php';

use PhpAmqpLib\Exception\AMQPIOException;
use PhpAmqpLib\Exception\AMQPRuntimeException;
use PhpAmqpLib\Exception\AMQPTimeoutException;
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

$give_up = null;
while (count($seen) < $expect) {
    try {
        $connection = connect(child_hosts($a), $a['name']);
        $channel = $connection->channel();
        $channel->queue_declare($a['queue'], false, true, false, false, false, new AMQPTable(['x-queue-type' => $a['queue-type']]));
        $channel->basic_qos(null, (int) $a['prefetch'], null);
        $channel->basic_consume($a['queue'], '', false, false, false, false, $handler);
        $give_up = null;
        while ($channel->is_consuming()) {
            $channel->wait(null, false, (float) $a['idle']);
        }
    } catch (AMQPTimeoutException $e) {
        throw $e;   // idle: no reconnect helps
    } catch (AMQPIOException | AMQPRuntimeException $e) {
        $give_up ??= microtime(true) + (float) ($a['reconnect-for'] ?? 120);
        if (microtime(true) > $give_up) {
            throw $e;
        }
        emit('reconnecting', get_class($e));
        usleep(500000);
    }
}
emit('done', (string) $processed, (string) count($seen));
$channel->close();
$connection->close();
