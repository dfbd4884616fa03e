<?php
// What every Kafka client script shares: options, the broker address and the JSON result line.
//
//   php <client flags> clients/<client>.php --op=produce|consume --topic=NAME --count=N [--body=BYTES]
//       [--group=NAME] [--rss-at=N] [--queue-kb=KB]
//
// produce: N messages of --body bytes with acks=all, timed until all are acknowledged (flush).
// consume: a consumer group member reads N messages of a pre-filled topic from the beginning, timed from
//          subscribe to the N-th message (so group join counts, for every client alike).
// Output as the AMQP clients: count, seconds, cpu_s, maxrss_kb; consume with --rss-at also reports the
// process RSS after every that many messages and at the end (rss_kb: [N, 2N, ..., end]). --queue-kb
// bounds librdkafka's fetch queue (queued.max.messages.kbytes; the clients on librdkafka's API).

declare(strict_types=1);

require_once __DIR__ . '/common.php';
require_once __DIR__ . '/../lib/system.php';

/** The body every client sends: $bytes printable bytes without a newline (kcat reads lines). */
function bench_kafka_body(int $bytes): string
{
    return substr(str_repeat('0123456789abcdef', intdiv($bytes, 16) + 1), 0, $bytes);
}

/** Runs an external client (kcat, java) as a child; its wall time, CPU and peak RSS; stdout and stderr. */
function bench_kafka_child(array $cmd, ?string $stdinFile = null): array
{
    $cpu0 = bench_children_cpu();
    $t0 = hrtime(true);
    $proc = proc_open($cmd, [0 => $stdinFile ? ['file', $stdinFile, 'r'] : ['file', '/dev/null', 'r'],
        1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $status = proc_close($proc);
    $seconds = (hrtime(true) - $t0) / 1e9;
    if ($status !== 0) {
        throw new RuntimeException(basename($cmd[0]) . " exited with $status: " . trim($err ?: $out));
    }
    $usage = getrusage(1); // RUSAGE_CHILDREN
    return ['seconds' => $seconds, 'cpu_s' => bench_children_cpu() - $cpu0, 'maxrss_kb' => $usage['ru_maxrss'],
        'stdout' => $out, 'stderr' => $err];
}

/**
 * Runs $run(op, topic, count, options) and prints its result (maxrss_kb filled in unless the op measured
 * a child's).
 */
function bench_kafka_main(callable $run): void
{
    $o = bench_options();
    try {
        $topic = $o['topic'] ?? throw new InvalidArgumentException('--topic is required');
        $result = $run($o['op'] ?? '', $topic, (int) ($o['count'] ?? 1), $o);
    } catch (Throwable $e) {
        fwrite(STDERR, get_class($e) . ': ' . $e->getMessage() . "\n");
        exit(1);
    }
    $result['maxrss_kb'] ??= getrusage()['ru_maxrss'];
    echo json_encode($result), "\n";
}
