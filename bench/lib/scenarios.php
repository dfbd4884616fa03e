<?php
// Scenario registry. One entry per scenario; the driver runs each for every body size, every round, every
// client of its broker.
//
//   op       what the client script does (see clients/*.php); 'oneshot' runs one process per message
//   count    messages (or processes) at --scale=1; 'smoke' is the count --smoke uses
//   args     extra options handed to the client script unchanged (same for every client)
//   metric   'throughput' (msg/s, higher is better; ratio = mq / anchor),
//            'latency' (p50 ms of one operation, lower is better; ratio = mq / anchor),
//            'time' (wall ms per process, lower is better; ratio = mq / anchor)
//   targets  anchor => [comparison, bound] on that ratio
//   limit    [comparison, bound] on the subject's own value, for scenarios without anchors
//   clients  only these clients (default: every client of the broker)
//   rss_after  the client reports its RSS after this fraction of the messages, after every further such
//            fraction, and at the end; the growth is read off the least-squares line through the samples
//            (report.php, bench_rss_growth_kb)
//   prefill  Kafka: the topic is filled once per body size (untimed, by kcat) and every run reads it with a
//            consumer group of its own

declare(strict_types=1);

function bench_scenarios(): array
{
    $both = [100, 4096];
    return [
        'publish' => [
            'title' => '1 publish, no confirms', 'broker' => 'amqp', 'op' => 'publish',
            'count' => 200000, 'smoke' => 500, 'bodies' => $both, 'args' => ['confirm' => 0],
            'metric' => 'throughput', 'targets' => ['php-amqplib' => ['>=', 1.5], 'php-amqp' => ['>=', 1.0]],
        ],
        'confirm-end' => [
            'title' => '2a publish, one confirm wait at the end', 'broker' => 'amqp', 'op' => 'publish',
            'count' => 200000, 'smoke' => 500, 'bodies' => $both, 'args' => ['confirm' => 'end'],
            'metric' => 'throughput', 'targets' => ['php-amqplib' => ['>=', 4.0], 'php-amqp' => ['>=', 1.1]],
        ],
        'confirm-1000' => [
            'title' => '2b publish, confirm wait every 1000', 'broker' => 'amqp', 'op' => 'publish',
            'count' => 200000, 'smoke' => 500, 'bodies' => $both, 'args' => ['confirm' => 1000],
            'metric' => 'throughput', 'targets' => ['php-amqplib' => ['>=', 1.5], 'php-amqp' => ['>=', 1.1]],
        ],
        'confirm-each' => [
            'title' => '3 publish + confirm wait per message', 'broker' => 'amqp', 'op' => 'publish',
            'count' => 5000, 'smoke' => 100, 'bodies' => $both, 'args' => ['confirm' => 1],
            'metric' => 'latency', 'targets' => ['php-amqplib' => ['<=', 0.8], 'php-amqp' => ['<=', 1.0]],
        ],
        'consume-p100' => [
            'title' => '4a basic_consume + ack, prefetch 100', 'broker' => 'amqp', 'op' => 'consume',
            'count' => 100000, 'smoke' => 500, 'bodies' => $both, 'args' => ['prefetch' => 100],
            'metric' => 'throughput', 'targets' => ['php-amqplib' => ['>=', 3.0], 'php-amqp' => ['>=', 1.0]],
        ],
        'consume-p1000' => [
            'title' => '4b basic_consume + ack, prefetch 1000', 'broker' => 'amqp', 'op' => 'consume',
            'count' => 100000, 'smoke' => 500, 'bodies' => $both, 'args' => ['prefetch' => 1000],
            'metric' => 'throughput', 'targets' => ['php-amqplib' => ['>=', 3.0], 'php-amqp' => ['>=', 1.0]],
        ],
        'get' => [
            'title' => '5 basic_get + ack loop', 'broker' => 'amqp', 'op' => 'get',
            'count' => 20000, 'smoke' => 200, 'bodies' => $both, 'args' => [],
            'metric' => 'throughput', 'targets' => [],
        ],
        'short-lived' => [
            'title' => '6 process: connect, channel, publish 1, close', 'broker' => 'amqp', 'op' => 'oneshot',
            'count' => 1000, 'smoke' => 5, 'bodies' => [100], 'args' => [],
            'metric' => 'time', 'targets' => ['php-amqplib' => ['<=', 0.5], 'php-amqp' => ['<=', 1.0]],
        ],
        'kafka-produce' => [
            'title' => '7 Kafka produce, acks=all, flush', 'broker' => 'kafka', 'op' => 'produce',
            'count' => 1000000, 'smoke' => 2000, 'bodies' => $both, 'args' => [],
            'metric' => 'throughput', 'targets' => ['kcat' => ['>=', 0.8]],
        ],
        'kafka-consume' => [
            'title' => '8 Kafka consume, KafkaConsumer in a group', 'broker' => 'kafka', 'op' => 'consume',
            'count' => 1000000, 'smoke' => 2000, 'bodies' => $both, 'args' => [], 'prefill' => true,
            'metric' => 'throughput', 'targets' => ['kcat' => ['>=', 0.8]],
        ],
        'kafka-memory' => [
            // librdkafka's fetch queue bounded at 4 MiB: with its default (64 MiB, 100 000 messages) RSS swung
            // by 22 MB from sample to sample with how full that queue once was (glibc keeps what it freed), by
            // 12 MB bounded; the growth is read off the line through all the samples (report.php).
            'title' => '9 Kafka consume: RSS growth 100k -> all', 'broker' => 'kafka', 'op' => 'consume',
            'count' => 1000000, 'smoke' => 2000, 'bodies' => [100], 'args' => ['queue-kb' => 4096],
            'rss_after' => 0.1, 'prefill' => true,
            'clients' => ['mq'], 'metric' => 'rss-growth', 'limit' => ['<=', 5.0], 'targets' => [],
        ],
        'amqp-memory' => [
            // The queue is filled by the same process first (untimed): the samples start once a tenth is consumed.
            'title' => '10 AMQP consume + ack: RSS growth 100k -> all', 'broker' => 'amqp', 'op' => 'consume',
            'count' => 1000000, 'smoke' => 2000, 'bodies' => [100], 'args' => ['prefetch' => 100],
            'rss_after' => 0.1,
            'clients' => ['mq'], 'metric' => 'rss-growth', 'limit' => ['<=', 5.0], 'targets' => [],
        ],
    ];
}
