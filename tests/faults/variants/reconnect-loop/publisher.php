<?php
/*
 * The unchanged publisher (same arguments, same records) with the recovery php-amqplib users write by hand:
 * on a connection error, reconnect after a second (retrying for --reconnect-for seconds, 120 by default) and publish again
 * every message not confirmed yet. Shows that a client which recovers passes the scenarios.
 */
require __DIR__ . '/../_child.php';
require __DIR__ . '/../_connect.php';

use PhpAmqpLib\Channel\AMQPChannel;
use PhpAmqpLib\Exception\AMQPIOException;
use PhpAmqpLib\Exception\AMQPRuntimeException;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$a = child_args();
$count = (int) $a['count'];
$batch = (int) $a['batch'];
$rate = (float) $a['rate'];
$queue = $a['queue'];
$body = str_repeat('x', (int) $a['bytes']);
$confirmedLog = record_file("{$a['dir']}/confirmed");
$nackedLog = record_file("{$a['dir']}/nacked");
$sent = $confirmed = 0;
counters(function () use (&$sent, &$confirmed) {
    return [$sent, $confirmed];
});
/** @var array<string, AMQPMessage> published, not confirmed yet */
$unconfirmed = [];
$connection = null;

$open = function () use ($a, $queue, $confirmedLog, $nackedLog, &$confirmed, &$unconfirmed, &$connection): AMQPChannel {
    $give_up = microtime(true) + (float) ($a['reconnect-for'] ?? 120);
    while (true) {
        try {
            $connection = connect(child_hosts($a), $a['name']);
            $channel = $connection->channel();
            $channel->queue_declare($queue, false, true, false, false, false, new AMQPTable(['x-queue-type' => $a['queue-type']]));
            $channel->confirm_select();
            $channel->set_ack_handler(function (AMQPMessage $message) use ($confirmedLog, &$confirmed, &$unconfirmed) {
                fwrite($confirmedLog, $message->get('message_id') . "\n");
                unset($unconfirmed[$message->get('message_id')]);
                $confirmed++;
            });
            $channel->set_nack_handler(function (AMQPMessage $message) use ($nackedLog, &$unconfirmed) {
                fwrite($nackedLog, $message->get('message_id') . "\n");
                unset($unconfirmed[$message->get('message_id')]);
            });
            return $channel;
        } catch (AMQPIOException | AMQPRuntimeException $e) {
            if (microtime(true) > $give_up) {
                throw $e;
            }
            usleep(500000);
        }
    }
};

$channel = $open();
$start = microtime(true);
$i = 0;
while ($i < $count || $unconfirmed !== []) {
    try {
        if ($i < $count) {
            $message = new AMQPMessage($body, [
                'message_id' => "{$a['prefix']}-$i",
                'delivery_mode' => AMQPMessage::DELIVERY_MODE_PERSISTENT,
            ]);
            $unconfirmed["{$a['prefix']}-$i"] = $message;
            $i++;
            $sent++;
            $channel->basic_publish($message, '', $queue);
        }
        if ($sent % $batch === 0 || $i === $count) {
            $channel->wait_for_pending_acks(60);
            progress($sent, $confirmed);
            if ($rate > 0 && ($ahead = $sent / $rate - (microtime(true) - $start)) > 0) {
                usleep((int) ($ahead * 1e6));
            }
        }
    } catch (AMQPIOException | AMQPRuntimeException $e) {
        emit('reconnecting', get_class($e));
        // Not at once: a quorum queue whose leader just died needs a moment to elect another, and a channel
        // opened before that gets every publish nacked (RabbitMQ 3.10).
        usleep(1000000);
        $channel = $open();
        foreach ($unconfirmed as $message) {
            $channel->basic_publish($message, '', $queue);
        }
        $channel->wait_for_pending_acks(60);
    }
}
emit('done', (string) $sent, (string) $confirmed);
$channel->close();
$connection->close();
