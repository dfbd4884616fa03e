<?php
/*
 * Consume-transform-produce, exactly once: reads --topic (--partitions partitions) in group --group
 * (group.protocol --protocol, auto-commit off, read_committed) and, per batch of at most --batch records,
 * produces one output record per input to --output (same key, the payload upper-cased) and commits the
 * batch's input offsets in the same transaction (transactional.id --tx-id, sendOffsetsToTransaction()).
 * Records "KEY PARTITION OFFSET" per input transformed in --dir/transformed, and "commit T N" after each
 * committed transaction of N inputs.
 * --stall-at-batch=N: after producing the Nth batch (flushed: the outputs are on the brokers, inside the
 * open transaction) and sending its offsets, and before commitTransaction(), prints "stalled T SIZE" and
 * waits to be killed. Finishes ("done") when the group's committed offsets reach the end of every partition.
 * php-rdkafka code but for sendOffsetsToTransaction() (an mq addition: php-rdkafka 6 has none), and for the
 * stall and the end condition, which are the test's.
 */
require __DIR__ . '/_client.php';

$a = child_args();
$batchSize = (int) $a['batch'];
$stallAt = (int) ($a['stall-at-batch'] ?? 0);
$partitions = (int) $a['partitions'];
$timeoutMs = 30000;
$transformed = record_file("{$a['dir']}/transformed");

$committed = 0;   // inputs whose transaction committed
$batches = 0;
counters(function () use (&$committed, &$batches) {
    return [$committed, $batches];
});

$pconf = new RdKafka\Conf();
$pconf->set('bootstrap.servers', $a['bootstrap']);
$pconf->set('transactional.id', $a['tx-id']);
// What librdkafka says about a failed transaction ("TXNERR"), for the record files.
$pconf->setErrorCb(function ($kafka, int $err, string $reason) {
    emit('kafka-error', (string) $err, $reason);
});
$pconf->setLogCb(function ($kafka, int $level, string $facility, string $message) {
    if ($level <= LOG_WARNING) {
        emit('kafka-log', (string) $level, $facility, $message);
    }
});
$producer = new RdKafka\Producer($pconf);
// First: fences a previous producer of this transactional.id and aborts its open transaction, whose
// pending offsets would otherwise hold up the consumer's committed-offset fetch (require_stable).
$producer->initTransactions($timeoutMs);
$output = $producer->newTopic($a['output']);

$conf = group_conf($a);
$conf->set('enable.auto.commit', 'false');
$conf->set('isolation.level', 'read_committed');
$conf->setRebalanceCb(function (RdKafka\KafkaConsumer $consumer, int $err, array $parts) use ($a) {
    $incremental = $a['protocol'] === 'consumer';   // KIP-848 rebalances are incremental: assign() is refused
    if ($err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        $incremental ? $consumer->incrementalAssign($parts) : $consumer->assign($parts);
    } else {
        $incremental ? $consumer->incrementalUnassign($parts) : $consumer->assign(null);
    }
    emit('assigned', implode(',', array_map(fn ($p) => $p->getPartition(), $consumer->getAssignment())));
});
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->subscribe([$a['topic']]);

/** True when the group's committed offsets are at the end of every partition of the input. */
$finished = function () use ($consumer, $a, $partitions, $timeoutMs): bool {
    $all = [];
    for ($p = 0; $p < $partitions; $p++) {
        $all[] = new RdKafka\TopicPartition($a['topic'], $p);
    }
    foreach ($consumer->getCommittedOffsets($all, $timeoutMs) as $tp) {
        $low = $high = 0;
        $consumer->queryWatermarkOffsets($a['topic'], $tp->getPartition(), $low, $high, $timeoutMs);
        if ($tp->getOffset() < $high) {
            return false;
        }
    }
    return true;
};

while (true) {
    $messages = [];
    $until = microtime(true) + 0.5;
    while (count($messages) < $batchSize && microtime(true) < $until) {
        $message = $consumer->consume(100);
        if ($message->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
            $messages[] = $message;
        } elseif ($message->err !== RD_KAFKA_RESP_ERR__TIMED_OUT && $message->err !== RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            fwrite(STDERR, "consume: {$message->errstr()}\n");
        }
    }
    if ($messages === []) {
        if ($finished()) {
            break;
        }
        continue;
    }
    $producer->beginTransaction();
    $next = [];
    foreach ($messages as $m) {
        $output->producev(RD_KAFKA_PARTITION_UA, 0, strtoupper((string) $m->payload), $m->key);
        fwrite($transformed, "$m->key $m->partition $m->offset\n");
        $next[$m->partition] = new RdKafka\TopicPartition($m->topic_name, $m->partition, $m->offset + 1);
    }
    $producer->flush($timeoutMs);
    $producer->sendOffsetsToTransaction(array_values($next), $consumer, $timeoutMs);
    if (++$batches === $stallAt) {
        emit('stalled', (string) count($messages));
        sleep(600);
    }
    $producer->commitTransaction($timeoutMs);
    $committed += count($messages);
    fwrite($transformed, sprintf("commit %.6f %d\n", microtime(true), count($messages)));
    progress($committed, $batches);
}
emit('done', (string) $committed, (string) $batches);
$consumer->close();
