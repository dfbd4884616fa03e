<?php
// kcat (librdkafka's own command-line client) as the native reference: the same produce and consume runs,
// timed around the kcat process.

declare(strict_types=1);

require __DIR__ . '/kafka-common.php';

bench_kafka_main(function (string $op, string $topic, int $count, array $o): array {
    $kcat = getenv('MQ_BENCH_KCAT') ?: 'kcat';
    return match ($op) {
        'produce' => bench_kcat_produce($kcat, $topic, $count, bench_kafka_body((int) ($o['body'] ?? 100))),
        'consume' => bench_kcat_consume($kcat, $topic, $count, $o['group'] ?? "bench-$topic"),
        default => throw new InvalidArgumentException('unknown --op'),
    };
});

function bench_kcat_produce(string $kcat, string $topic, int $count, string $body): array
{
    // Untimed: the input file, one message per line.
    $file = tempnam(sys_get_temp_dir(), 'mq-bench-kcat');
    $out = fopen($file, 'w');
    $chunk = str_repeat("$body\n", 1000);
    for ($i = 0; $i < intdiv($count, 1000); $i++) {
        fwrite($out, $chunk);
    }
    fwrite($out, str_repeat("$body\n", $count % 1000));
    fclose($out);
    exec('sync'); // written to disk before the clock starts, not while kcat reads it
    try {
        $run = bench_kafka_child([$kcat, '-P', '-b', bench_kafka_bootstrap(), '-t', $topic, '-X', 'acks=all'], $file);
    } finally {
        unlink($file);
    }
    // Untimed: kcat -Q with timestamp -1 answers the end offset of the partition.
    $end = bench_kafka_child([$kcat, '-Q', '-b', bench_kafka_bootstrap(), '-t', "$topic:0:-1"]);
    if (!preg_match('/offset (\d+)/', $end['stdout'], $m) || (int) $m[1] !== $count) {
        throw new RuntimeException("the topic holds " . trim($end['stdout']) . ", not $count messages");
    }
    return ['count' => $count, 'seconds' => $run['seconds'], 'cpu_s' => $run['cpu_s'], 'maxrss_kb' => $run['maxrss_kb']];
}

function bench_kcat_consume(string $kcat, string $topic, int $count, string $group): array
{
    // -G: a balanced consumer group member, as KafkaConsumer; -c: exit after N messages; -f '.': one byte
    // per message (kcat has no silent mode), counted to check that none was missed.
    $run = bench_kafka_child([$kcat, '-C', '-b', bench_kafka_bootstrap(), '-G', $group, '-X',
        'auto.offset.reset=earliest', '-c', (string) $count, '-q', '-f', '.', $topic]);
    if (strlen($run['stdout']) !== $count) {
        throw new RuntimeException('kcat read ' . strlen($run['stdout']) . " of $count messages: " . trim($run['stderr']));
    }
    return ['count' => $count, 'seconds' => $run['seconds'], 'cpu_s' => $run['cpu_s'], 'maxrss_kb' => $run['maxrss_kb']];
}
