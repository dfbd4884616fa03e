<?php
// The php-rdkafka API, run under mq (RdKafka\... from mq.so): what php-rdkafka users write.

declare(strict_types=1);

require __DIR__ . '/kafka-common.php';

bench_kafka_main(function (string $op, string $topic, int $count, array $o): array {
    return match ($op) {
        'produce' => bench_rdkafka_produce($topic, $count, bench_kafka_body((int) ($o['body'] ?? 100))),
        'consume' => bench_rdkafka_consume($topic, $count, $o['group'] ?? "bench-$topic", (int) ($o['rss-at'] ?? 0), (int) ($o['queue-kb'] ?? 0)),
        default => throw new InvalidArgumentException('unknown --op'),
    };
});

function bench_rdkafka_produce(string $topicName, int $count, string $body): array
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', bench_kafka_bootstrap());
    $conf->set('acks', 'all');
    $producer = new RdKafka\Producer($conf);
    $topic = $producer->newTopic($topicName);
    $cpu = bench_cpu_seconds();
    $t0 = hrtime(true);
    for ($i = 0; $i < $count; $i++) {
        try {
            $topic->produce(RD_KAFKA_PARTITION_UA, 0, $body);
        } catch (RdKafka\Exception $e) {
            if ($e->getCode() !== RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                throw $e;
            }
            $producer->poll(10); // the local queue is full: let deliveries drain it
            $i--;
            continue;
        }
        $producer->poll(0); // after every produce(), as php-rdkafka's README teaches
    }
    while (($err = $producer->flush(10000)) !== RD_KAFKA_RESP_ERR_NO_ERROR) {
        if ($err !== RD_KAFKA_RESP_ERR__TIMED_OUT) {
            throw new RuntimeException('flush: ' . rd_kafka_err2str($err));
        }
    }
    $seconds = (hrtime(true) - $t0) / 1e9;
    $cpu = bench_cpu_seconds() - $cpu;
    // Untimed: every message reached the partition (delivery failures would leave the high watermark short).
    $low = $high = 0;
    $producer->queryWatermarkOffsets($topicName, 0, $low, $high, 10000);
    if ($high - $low !== $count) {
        throw new RuntimeException("the topic holds " . ($high - $low) . " of $count messages");
    }
    return ['count' => $count, 'seconds' => $seconds, 'cpu_s' => $cpu];
}

/** $rssAt: RSS sampled every $rssAt messages and at the end; $queueKb: librdkafka's fetch queue bound (0: its default). */
function bench_rdkafka_consume(string $topicName, int $count, string $group, int $rssAt, int $queueKb): array
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', bench_kafka_bootstrap());
    $conf->set('group.id', $group);
    $conf->set('auto.offset.reset', 'earliest');
    if ($queueKb > 0) {
        $conf->set('queued.max.messages.kbytes', (string) $queueKb);
    }
    $consumer = new RdKafka\KafkaConsumer($conf);
    $rss = [];
    $cpu = bench_cpu_seconds();
    $t0 = hrtime(true);
    $consumer->subscribe([$topicName]);
    $received = 0;
    $deadline = microtime(true) + 300;
    while ($received < $count) {
        $message = $consumer->consume(1000);
        if ($message->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
            bench_rss_sample($rss, ++$received, $rssAt, $count);
        } elseif ($message->err !== RD_KAFKA_RESP_ERR__TIMED_OUT && $message->err !== RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            throw new RuntimeException('consume: ' . $message->errstr());
        } elseif (microtime(true) > $deadline) {
            throw new RuntimeException("only $received of $count messages within 300 s");
        }
    }
    $seconds = (hrtime(true) - $t0) / 1e9;
    $cpu = bench_cpu_seconds() - $cpu;
    if ($rssAt) {
        $rss[] = bench_rss_kb();
    }
    $consumer->close();
    return ['count' => $count, 'seconds' => $seconds, 'cpu_s' => $cpu] + ($rss ? ['rss_kb' => $rss] : []);
}
