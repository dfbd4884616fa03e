<?php
/*
 * Publishes --count persistent messages to --queue with publisher confirms, message_id "--prefix-N",
 * waiting for the confirms every --batch messages, at most --rate messages a second (0: no limit).
 * Records every confirmed message_id in --dir/confirmed and every nacked one in --dir/nacked.
 * Ordinary php-amqplib code: nothing here knows about faults or recovery.
 */
require __DIR__ . '/../_child.php';
require __DIR__ . '/../_connect.php';

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

$connection = connect(child_hosts($a), $a['name']);
$channel = $connection->channel();
$channel->queue_declare($queue, false, true, false, false, false, new AMQPTable(['x-queue-type' => $a['queue-type']]));
$channel->confirm_select();
$sent = $confirmed = 0;
counters(function () use (&$sent, &$confirmed) {
    return [$sent, $confirmed];
});
$channel->set_ack_handler(function (AMQPMessage $message) use ($confirmedLog, &$confirmed) {
    fwrite($confirmedLog, $message->get('message_id') . "\n");
    $confirmed++;
});
$channel->set_nack_handler(function (AMQPMessage $message) use ($nackedLog) {
    fwrite($nackedLog, $message->get('message_id') . "\n");
});

$start = microtime(true);
for ($i = 0; $i < $count; $i++) {
    $message = new AMQPMessage($body, [
        'message_id' => "{$a['prefix']}-$i",
        'delivery_mode' => AMQPMessage::DELIVERY_MODE_PERSISTENT,
    ]);
    $channel->basic_publish($message, '', $queue);
    $sent++;
    if ($sent % $batch === 0 || $sent === $count) {
        $channel->wait_for_pending_acks(60);
        progress($sent, $confirmed);
        if ($rate > 0 && ($ahead = $sent / $rate - (microtime(true) - $start)) > 0) {
            usleep((int) ($ahead * 1e6));
        }
    }
}
emit('done', (string) $sent, (string) $confirmed);
$channel->close();
$connection->close();
