<?php
/*
 * Produces --count records to --topic, key "--prefix-N", --bytes of payload, at most --rate a second (0: no
 * limit), to --bootstrap. Records the key of every record whose delivery report succeeded in --dir/delivered
 * and of every failed one (with the error) in --dir/failed.
 * What a php-rdkafka user writes to lose nothing: an idempotent producer (acks=all), a delivery report
 * callback that re-produces what failed, poll() while producing, flush() until nothing is left.
 * Nothing here knows about faults.
 */
require __DIR__ . '/_client.php';

$a = child_args();
$count = (int) $a['count'];
$rate = (float) $a['rate'];
$payload = str_repeat('x', (int) $a['bytes']);
$deliveredLog = record_file("{$a['dir']}/delivered");
$failedLog = record_file("{$a['dir']}/failed");

$sent = $delivered = 0;
$again = [];   // key => payload: failed deliveries, produced again
counters(function () use (&$sent, &$delivered) {
    return [$sent, $delivered];
});

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', $a['bootstrap']);
$conf->set('enable.idempotence', 'true');
$conf->set('acks', 'all');
$conf->set('linger.ms', '5');
$conf->setDrMsgCb(function (RdKafka\Producer $producer, RdKafka\Message $message) use ($deliveredLog, $failedLog, &$delivered, &$again) {
    if ($message->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
        fwrite($deliveredLog, "$message->key\n");
        $delivered++;
    } else {
        fwrite($failedLog, "$message->key " . str_replace(' ', '_', $message->errstr()) . "\n");
        $again[$message->key] = $message->payload;
    }
});
$conf->setErrorCb(function ($kafka, int $err, string $reason) {
    fwrite(STDERR, sprintf("error_cb %s: %s\n", rd_kafka_err2name($err), $reason));
});
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($a['topic']);

/** Produces one record, waiting (polling) while the local queue is full. */
$produce = function (string $key, string $value) use ($producer, $topic): void {
    while (true) {
        try {
            $topic->produce(RD_KAFKA_PARTITION_UA, 0, $value, $key);
            return;
        } catch (RdKafka\Exception $e) {
            if ($e->getCode() !== RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                throw $e;
            }
            $producer->poll(100);
        }
    }
};

$start = microtime(true);
for ($i = 0; $i < $count; $i++) {
    $produce("{$a['prefix']}-$i", $payload);
    $sent++;
    if ($i % 1000 === 999) {
        $producer->poll(0);
        foreach ($again as $key => $value) {
            unset($again[$key]);
            $produce((string) $key, $value);
        }
        progress($sent, $delivered);
        if ($rate > 0 && ($ahead = $sent / $rate - (microtime(true) - $start)) > 0) {
            usleep((int) ($ahead * 1e6));
        }
    }
}
while ($producer->getOutQLen() > 0 || $again !== []) {
    foreach ($again as $key => $value) {
        unset($again[$key]);
        $produce((string) $key, $value);
    }
    $producer->flush(100);
    progress($sent, $delivered);
}
emit('done', (string) $sent, (string) $delivered);
