<?php
// What every AMQP client script shares: the options, the scenario logic (timing, loops, checks) and the one
// JSON line a run prints. A client script only adapts one library to BenchAmqpClient and calls
// bench_amqp_main(), so every client does the same work with the same settings.
//
//   php <client flags> clients/<client>.php --op=publish|consume|get|oneshot|declare|drain --queue=NAME
//       [--count=N] [--body=BYTES] [--confirm=0|1|K|end] [--prefetch=N]
//
// Output: one JSON line. Timed ops report count, seconds, cpu_s (user+system CPU of the whole process, all
// threads, during the timed section), maxrss_kb (peak RSS of the process) and, for --confirm=1, lat_ms p50/p99
// of one publish+confirm. {"na": "why"} when the client cannot express the op. Errors: message on stderr,
// exit status 1.

declare(strict_types=1);

require_once __DIR__ . '/../lib/stats.php';

interface BenchAmqpClient
{
    /** Declares a plain queue (not durable, not exclusive, not auto-delete). */
    public function declareQueue(string $queue): void;

    /** Messages ready in the queue (a passive declare: one broker round trip). */
    public function messageCount(string $queue): int;

    /** Deletes the queue; returns the number of messages it held. */
    public function deleteQueue(string $queue): int;

    /** Puts the channel into confirm mode; a nack makes waitConfirms() throw. */
    public function confirmSelect(): void;

    /** Publishes one message with default properties to the default exchange, routing key $queue. */
    public function publish(string $queue, string $body): void;

    /** Returns once every message published so far is confirmed. */
    public function waitConfirms(): void;

    /**
     * basic_qos(prefetch) + basic_consume with manual ack; returns after $count deliveries are acked, with
     * the process's RSS in KiB after every $rssAt of them (0: none) and at the end.
     */
    public function consume(string $queue, int $prefetch, int $count, int $rssAt = 0): array;

    /** basic_get + ack of one message; false when the queue was empty. */
    public function getAck(string $queue): bool;

    public function close(): void;
}

function bench_options(): array
{
    $opts = [];
    foreach (array_slice($_SERVER['argv'], 1) as $arg) {
        if (preg_match('/^--([a-z-]+)=(.*)$/s', $arg, $m)) {
            $opts[$m[1]] = $m[2];
        }
    }
    return $opts;
}

function bench_amqp_endpoint(): array
{
    return ['host' => getenv('MQ_AMQP_HOST') ?: '127.0.0.1', 'port' => (int) (getenv('MQ_AMQP_PORT') ?: 5672),
        'user' => 'guest', 'password' => 'guest'];
}

function bench_cpu_seconds(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec'] + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) / 1e6;
}

/** Current resident set size of this process in KiB. */
function bench_rss_kb(): int
{
    preg_match('/^VmRSS:\s+(\d+) kB/m', (string) file_get_contents('/proc/self/status'), $m);
    return (int) ($m[1] ?? 0);
}

/** Appends this process's RSS (KiB) to $samples after every $every-th of $count messages, the last excepted (0: never). */
function bench_rss_sample(array &$samples, int $n, int $every, int $count): void
{
    if ($every && $n % $every === 0 && $n < $count) {
        $samples[] = bench_rss_kb();
    }
}

function bench_emit(array $result): void
{
    $result['maxrss_kb'] = getrusage()['ru_maxrss'];
    echo json_encode($result), "\n";
}

/** Runs the op in the options against $connect() (which connects and opens a channel) and prints the result. */
function bench_amqp_main(callable $connect): void
{
    $o = bench_options();
    $queue = $o['queue'] ?? throw new InvalidArgumentException('--queue is required');
    $count = (int) ($o['count'] ?? 1);
    $body = str_repeat('0123456789abcdef', intdiv((int) ($o['body'] ?? 100), 16) + 1);
    $body = substr($body, 0, (int) ($o['body'] ?? 100));
    try {
        /** @var BenchAmqpClient $c */
        $c = $connect();
        $result = match ($o['op'] ?? '') {
            'publish' => bench_op_publish($c, $queue, $body, $count, $o['confirm'] ?? '0'),
            'consume' => bench_op_consume($c, $queue, $body, $count, (int) ($o['prefetch'] ?? 100), (int) ($o['rss-at'] ?? 0)),
            'get' => bench_op_get($c, $queue, $body, $count),
            'oneshot' => bench_op_oneshot($c, $queue, $body),
            'declare' => bench_op_declare($c, $queue),
            'drain' => ['messages' => $c->deleteQueue($queue)],
            default => throw new InvalidArgumentException('unknown --op'),
        };
        $c->close();
    } catch (Throwable $e) {
        fwrite(STDERR, get_class($e) . ': ' . $e->getMessage() . "\n");
        exit(1);
    }
    bench_emit($result);
}

/** Publishes $count messages; $confirm: '0' none, 'end' one wait at the end, K a wait after every K. */
function bench_op_publish(BenchAmqpClient $c, string $queue, string $body, int $count, string $confirm): array
{
    $c->declareQueue($queue);
    $every = $confirm === 'end' ? $count : (int) $confirm;
    if ($every > 0) {
        $c->confirmSelect();
    }
    $latencies = [];
    $cpu = bench_cpu_seconds();
    $t0 = hrtime(true);
    if ($every === 1) {
        for ($i = 0; $i < $count; $i++) {
            $t = hrtime(true);
            $c->publish($queue, $body);
            $c->waitConfirms();
            $latencies[] = (hrtime(true) - $t) / 1e6;
        }
    } else {
        for ($i = 1; $i <= $count; $i++) {
            $c->publish($queue, $body);
            if ($every > 0 && $i % $every === 0) {
                $c->waitConfirms();
            }
        }
        // The run ends when the client has handed everything to the broker: the last confirm, or (no
        // confirms) a round trip behind the publishes.
        $every > 0 ? $c->waitConfirms() : $c->messageCount($queue);
    }
    $seconds = (hrtime(true) - $t0) / 1e9;
    $cpu = bench_cpu_seconds() - $cpu;
    bench_await_count($c, $queue, $count);
    $c->deleteQueue($queue);
    $result = ['count' => $count, 'seconds' => $seconds, 'cpu_s' => $cpu];
    if ($latencies) {
        $result['lat_ms'] = ['p50' => bench_percentile($latencies, 50), 'p99' => bench_percentile($latencies, 99)];
    }
    return $result;
}

function bench_op_consume(BenchAmqpClient $c, string $queue, string $body, int $count, int $prefetch, int $rssAt): array
{
    bench_prefill($c, $queue, $body, $count);
    $cpu = bench_cpu_seconds();
    $t0 = hrtime(true);
    $rss = $c->consume($queue, $prefetch, $count, $rssAt);
    $seconds = (hrtime(true) - $t0) / 1e9;
    $cpu = bench_cpu_seconds() - $cpu;
    $c->deleteQueue($queue);
    return ['count' => $count, 'seconds' => $seconds, 'cpu_s' => $cpu] + ($rss ? ['rss_kb' => $rss] : []);
}

function bench_op_get(BenchAmqpClient $c, string $queue, string $body, int $count): array
{
    bench_prefill($c, $queue, $body, $count);
    $cpu = bench_cpu_seconds();
    $t0 = hrtime(true);
    for ($i = 0; $i < $count; $i++) {
        if (!$c->getAck($queue)) {
            throw new RuntimeException("queue empty after $i of $count basic_get");
        }
    }
    $seconds = (hrtime(true) - $t0) / 1e9;
    $cpu = bench_cpu_seconds() - $cpu;
    $c->deleteQueue($queue);
    return ['count' => $count, 'seconds' => $seconds, 'cpu_s' => $cpu];
}

/** The short-lived process: the caller connected and opened a channel; publish one message (closed after). */
function bench_op_oneshot(BenchAmqpClient $c, string $queue, string $body): array
{
    $c->publish($queue, $body);
    return ['count' => 1];
}

function bench_op_declare(BenchAmqpClient $c, string $queue): array
{
    $c->declareQueue($queue);
    return ['messages' => 0];
}

/** Untimed: fills the queue with $count messages (no confirm mode on the channel) and waits until all are in. */
function bench_prefill(BenchAmqpClient $c, string $queue, string $body, int $count): void
{
    $c->declareQueue($queue);
    for ($i = 0; $i < $count; $i++) {
        $c->publish($queue, $body);
    }
    bench_await_count($c, $queue, $count);
}

/** Polls the queue until it holds $count messages (30 s at most); a shortfall is an error. */
function bench_await_count(BenchAmqpClient $c, string $queue, int $count): void
{
    $deadline = microtime(true) + 30;
    while (($n = $c->messageCount($queue)) < $count) {
        if (microtime(true) > $deadline) {
            throw new RuntimeException("queue $queue holds $n of $count published messages");
        }
        usleep(20000);
    }
}
