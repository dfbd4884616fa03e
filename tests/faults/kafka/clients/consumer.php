<?php
/*
 * Consumes --topic (--partitions partitions) in group --group under group.protocol --protocol (classic or
 * consumer), auto-commit off: processes each record (records "KEY PARTITION OFFSET" in --dir/received, then
 * sleeps --work-us microseconds, the work), and commits the offsets after every --batch records, and what
 * it has processed when partitions are taken away. Lines "assigned T P,P" (its whole assignment after each
 * rebalance) and "commit T P:OFFSET,..." (after a commit returned) go to the same file.
 * --stall-at=N: stops after the Nth record ("stalled" line) and waits to be killed. Finishes ("done") when
 * it holds all the partitions, has read each to its end, and the file --release exists.
 * Plain php-rdkafka code, but for the stall and the end condition, which are the test's.
 */
require __DIR__ . '/_client.php';

$a = child_args();
$batch = (int) $a['batch'];
$stallAt = (int) ($a['stall-at'] ?? 0);
$workUs = (int) ($a['work-us'] ?? 0);
$partitions = (int) $a['partitions'];
$received = record_file("{$a['dir']}/received");

$processed = 0;
$distinct = [];
$pending = [];     // partition => next offset, processed but not committed
$assigned = [];    // partition => true
$atEnd = [];       // partition => true: read to its end, no record since (kept across rebalances: the
                   // end offset is reported once, not again to the next owner or after an assign)
counters(function () use (&$processed, &$distinct) {
    return [$processed, count($distinct)];
});

$commit = function (RdKafka\KafkaConsumer $consumer) use (&$pending, $received, $a): void {
    if ($pending === []) {
        return;
    }
    $offsets = [];
    foreach ($pending as $partition => $offset) {
        $offsets[] = new RdKafka\TopicPartition($a['topic'], $partition, $offset);
    }
    try {
        $consumer->commit($offsets);
    } catch (RdKafka\Exception $e) {
        // A commit refused during a rebalance: these records are processed again by the next owner.
        fwrite(STDERR, "commit failed: {$e->getMessage()}\n");
        $pending = [];
        return;
    }
    fwrite($received, sprintf("commit %.6f %s\n", microtime(true),
        implode(',', array_map(fn ($p, $o) => "$p:$o", array_keys($pending), $pending))));
    $pending = [];
};
$noteAssignment = function () use (&$assigned, $received): void {
    ksort($assigned);
    $list = implode(',', array_keys($assigned));
    fwrite($received, sprintf("assigned %.6f %s\n", microtime(true), $list));
    emit('assigned', $list);
};

$conf = group_conf($a);
$conf->set('enable.auto.commit', 'false');
$conf->set('enable.partition.eof', 'true');
$conf->setRebalanceCb(function (RdKafka\KafkaConsumer $consumer, int $err, array $partitions) use ($a, $commit, $noteAssignment, &$assigned) {
    $incremental = $a['protocol'] === 'consumer';   // KIP-848 rebalances are incremental: assign() is refused
    if ($err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        $incremental ? $consumer->incrementalAssign($partitions) : $consumer->assign($partitions);
        foreach ($partitions as $p) {
            $assigned[$p->getPartition()] = true;
        }
    } else {
        $commit($consumer);
        $incremental ? $consumer->incrementalUnassign($partitions) : $consumer->assign(null);
        foreach ($partitions as $p) {
            unset($assigned[$p->getPartition()]);
        }
    }
    $noteAssignment();
});
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->subscribe([$a['topic']]);

while (!(count($assigned) === $partitions && count($atEnd) === $partitions && is_file($a['release']))) {
    $message = $consumer->consume(200);
    switch ($message->err) {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            fwrite($received, "$message->key $message->partition $message->offset\n");
            unset($atEnd[$message->partition]);
            $processed++;
            $distinct[$message->key] = true;
            $pending[$message->partition] = $message->offset + 1;
            if ($workUs > 0) {
                usleep($workUs);
            }
            if ($processed === $stallAt) {
                emit('progress', (string) $processed, (string) count($distinct));
                emit('stalled');
                sleep(600);
            }
            if ($processed % $batch === 0) {
                $commit($consumer);
            }
            break;
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            $atEnd[$message->partition] = true;
            fwrite($received, sprintf("eof %.6f %d\n", microtime(true), $message->partition));
            break;
        case RD_KAFKA_RESP_ERR__TIMED_OUT:
            break;
        default:
            fwrite(STDERR, "consume: {$message->errstr()}\n");
    }
    progress($processed, count($distinct));
}
$commit($consumer);
emit('done', (string) $processed, (string) count($distinct));
$consumer->close();
