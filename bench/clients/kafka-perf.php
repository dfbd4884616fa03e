<?php
// Kafka's own perf-test tools (org.apache.kafka.tools.ProducerPerformance / ConsumerPerformance, the classes
// behind kafka-producer-perf-test.sh / kafka-consumer-perf-test.sh) as the broker-side reference: the Java
// client on the same broker. Their own timing is used (it leaves out the JVM's start), CPU and RSS are the
// whole JVM's.

declare(strict_types=1);

require __DIR__ . '/kafka-common.php';

bench_kafka_main(function (string $op, string $topic, int $count, array $o): array {
    $java = ['java', '-Xms512m', '-Xmx1g', '-cp', (getenv('MQ_KAFKA_LIBS') ?: '.') . '/*',
        // Kafka 3.x logs through log4j 1 (reload4j), 4.x through log4j2: each reads its own file.
        '-Dlog4j.configuration=file:' . __DIR__ . '/kafka-perf-log4j.properties',
        '-Dlog4j2.configurationFile=' . __DIR__ . '/kafka-perf-log4j2.properties'];
    return match ($op) {
        'produce' => bench_perf_produce($java, $topic, $count, (int) ($o['body'] ?? 100)),
        'consume' => bench_perf_consume($java, $topic, $count, $o['group'] ?? "bench-$topic"),
        default => throw new InvalidArgumentException('unknown --op'),
    };
});

function bench_perf_produce(array $java, string $topic, int $count, int $body): array
{
    $run = bench_kafka_child([...$java, 'org.apache.kafka.tools.ProducerPerformance', '--topic', $topic,
        '--num-records', (string) $count, '--record-size', (string) $body, '--throughput', '-1',
        '--producer-props', 'bootstrap.servers=' . bench_kafka_bootstrap(), 'acks=all']);
    // Progress lines every 5 s, then the summary line, all "N records sent, R records/sec (M MB/sec), …".
    preg_match_all('/^(\d+) records sent, ([\d.]+) records\/sec/m', $run['stdout'], $all, PREG_SET_ORDER);
    $m = end($all);
    if (!$m || (int) $m[1] !== $count) {
        throw new RuntimeException('unexpected ProducerPerformance output: ' . trim($run['stdout'] . $run['stderr']));
    }
    return ['count' => $count, 'seconds' => $count / (float) $m[2], 'cpu_s' => $run['cpu_s'], 'maxrss_kb' => $run['maxrss_kb']];
}

function bench_perf_consume(array $java, string $topic, int $count, string $group): array
{
    $run = bench_kafka_child([...$java, 'org.apache.kafka.tools.ConsumerPerformance', '--bootstrap-server',
        bench_kafka_bootstrap(), '--topic', $topic, '--messages', (string) $count, '--group', $group]);
    // Header "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, …", then
    // one CSV line; the window runs from before the group join to the last message, as for the others.
    $lines = array_values(array_filter(explode("\n", $run['stdout']), fn($l) => str_contains($l, ',')));
    $header = array_map('trim', explode(',', $lines[0] ?? ''));
    $values = array_map('trim', explode(',', $lines[1] ?? ''));
    $row = count($header) === count($values) ? array_combine($header, $values) : [];
    $got = (int) ($row['data.consumed.in.nMsg'] ?? 0);
    if ($got < $count || ($row['nMsg.sec'] ?? 0) <= 0) {
        throw new RuntimeException('unexpected ConsumerPerformance output: ' . trim($run['stdout'] . $run['stderr']));
    }
    return ['count' => $count, 'seconds' => $got / (float) $row['nMsg.sec'], 'cpu_s' => $run['cpu_s'], 'maxrss_kb' => $run['maxrss_kb']];
}
