<?php
/*
 * The unchanged variant's publisher written with mq's own classes: Mq\Publisher sends --count persistent
 * messages to --queue (message_id "--prefix-N") and waits for the outcomes every --batch messages, at most
 * --rate messages a second (0: no limit). A nacked or timed-out message is published again by its
 * Mq\RetryPolicy. Records every acked message_id in --dir/confirmed and every finally nacked one in
 * --dir/nacked. Recovery comes from php.ini (mq.amqp_recovery=On), as for the unchanged variant.
 */
require __DIR__ . '/../_child.php';
require __DIR__ . '/../_connect.php';

use Mq\Publisher;
use Mq\PublishOutcome;
use Mq\RetryPolicy;
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
$publisher = new Publisher($channel, new RetryPolicy(maxAttempts: 5, initialDelay: 0.5), mandatory: true);
$sent = $confirmed = 0;
counters(function () use (&$sent, &$confirmed) {
    return [$sent, $confirmed];
});

$start = microtime(true);
for ($i = 0; $i < $count; $i++) {
    $publisher->send(new AMQPMessage($body, [
        'message_id' => "{$a['prefix']}-$i",
        'delivery_mode' => AMQPMessage::DELIVERY_MODE_PERSISTENT,
    ]), '', $queue);
    $sent++;
    if ($sent % $batch === 0 || $sent === $count) {
        foreach ($publisher->waitForAll(60) as $outcome) {
            $id = $outcome->getMessage()->get('message_id');
            if ($outcome->isConfirmed()) {
                fwrite($confirmedLog, "$id\n");
                $confirmed++;
            } elseif ($outcome->getStatus() === PublishOutcome::NACKED) {
                fwrite($nackedLog, "$id\n");
            }
        }
        progress($sent, $confirmed);
        if ($rate > 0 && ($ahead = $sent / $rate - (microtime(true) - $start)) > 0) {
            usleep((int) ($ahead * 1e6));
        }
    }
}
emit('done', (string) $sent, (string) $confirmed);
$channel->close();
$connection->close();
