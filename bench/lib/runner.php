<?php
// Runs client processes: one measured run of a scenario (one child process, or for per-process scenarios a
// batch of children timed one by one by the driver).

declare(strict_types=1);

/**
 * Runs one client script with --key=value options; returns ['result' => decoded JSON line] or
 * ['error' => why], plus 'wall_s' (spawn to exit) and 'cpu_s' (the child's user+system CPU, from
 * RUSAGE_CHILDREN, covering PHP's startup and shutdown too).
 */
function bench_spawn(array $client, array $options, float $timeout): array
{
    $cmd = [...$client['cmd'], dirname(__DIR__) . '/clients/' . $client['script']];
    foreach ($options as $key => $value) {
        $cmd[] = "--$key=$value";
    }
    $stderr = tmpfile();
    $cpu0 = bench_children_cpu();
    $t0 = hrtime(true);
    $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => $stderr], $pipes, null,
        $client['env'] + getenv());
    $out = '';
    $timedOut = false;
    $deadline = microtime(true) + $timeout;
    while (!feof($pipes[1])) {
        $read = [$pipes[1]];
        $write = $except = null;
        $left = $deadline - microtime(true);
        if ($left <= 0) {
            $timedOut = true;
            proc_terminate($proc, 9);
            break;
        }
        if (stream_select($read, $write, $except, (int) $left, (int) (fmod($left, 1) * 1e6))) {
            $out .= (string) fread($pipes[1], 65536);
        }
    }
    fclose($pipes[1]);
    $status = bench_wait_exit($proc);
    $run = ['wall_s' => (hrtime(true) - $t0) / 1e9, 'cpu_s' => bench_children_cpu() - $cpu0];
    rewind($stderr);
    $err = trim((string) stream_get_contents($stderr));
    $result = json_decode(trim($out), true);
    if ($timedOut) {
        return $run + ['error' => "timed out after {$timeout}s" . ($err ? ": $err" : '')];
    }
    if ($status !== 'exit 0' || !is_array($result)) {
        return $run + ['error' => ($err ?: trim($out) ?: 'no output') . " ($status)"];
    }
    return $run + ['result' => $result];
}

/** The option that makes a client sample its RSS (scenario key `rss_after`), or none. */
function bench_rss_sampling(array $scenario, int $count): array
{
    return isset($scenario['rss_after']) ? ['rss-at' => max(1, (int) ($count * $scenario['rss_after']))] : [];
}

/** Waits for the process to end and reaps it; 'exit N' or 'killed by signal N'. */
function bench_wait_exit($proc): string
{
    while (($st = proc_get_status($proc))['running']) {
        usleep(100);
    }
    proc_close($proc);
    return $st['signaled'] ? "killed by signal {$st['termsig']}" : "exit {$st['exitcode']}";
}

/** One measured run of $scenario with one client: the client's JSON result, or ['error'|'na' => why]. */
function bench_run_case(array $client, array $scenario, string $queue, int $body, int $count, float $timeout): array
{
    if ($scenario['broker'] === 'kafka') {
        return bench_run_kafka_case($client, $scenario, $queue, $body, $count, $timeout);
    }
    if ($scenario['op'] === 'oneshot') {
        return bench_run_processes($client, $queue, $body, $count, $timeout);
    }
    $options = ['op' => $scenario['op'], 'queue' => $queue, 'count' => $count, 'body' => $body] + $scenario['args']
        + bench_rss_sampling($scenario, $count);
    $run = bench_spawn($client, $options, $timeout);
    if (isset($run['error'])) {
        bench_spawn($client, ['op' => 'drain', 'queue' => $queue], 60); // best effort: leave no queue behind
    }
    return $run['result'] ?? ['error' => $run['error']];
}

/**
 * The short-lived-process scenario: $count processes in a row, each connecting, opening a channel, publishing
 * one message and closing. 'seconds' is the sum of their wall times, lat_ms the p50/p99 of one process.
 */
function bench_run_processes(array $client, string $queue, int $body, int $count, float $timeout): array
{
    $setup = bench_spawn($client, ['op' => 'declare', 'queue' => $queue], $timeout);
    if (isset($setup['error'])) {
        return ['error' => "declaring the queue: {$setup['error']}"];
    }
    $walls = [];
    $cpu = 0.0;
    $rss = 0;
    for ($i = 0; $i < $count; $i++) {
        $run = bench_spawn($client, ['op' => 'oneshot', 'queue' => $queue, 'body' => $body], $timeout);
        if (isset($run['error'])) {
            bench_spawn($client, ['op' => 'drain', 'queue' => $queue], $timeout);
            return ['error' => "process $i: {$run['error']}"];
        }
        $walls[] = $run['wall_s'] * 1000;
        $cpu += $run['cpu_s'];
        $rss = max($rss, $run['result']['maxrss_kb']);
    }
    $drain = bench_spawn($client, ['op' => 'drain', 'queue' => $queue], $timeout);
    $got = $drain['result']['messages'] ?? null;
    if ($got !== $count) {
        return ['error' => "the queue held " . var_export($got, true) . " of $count messages"
            . (isset($drain['error']) ? ": {$drain['error']}" : '')];
    }
    return ['count' => $count, 'seconds' => array_sum($walls) / 1000, 'cpu_s' => $cpu, 'maxrss_kb' => $rss,
        'lat_ms' => ['p50' => bench_percentile($walls, 50), 'p99' => bench_percentile($walls, 99)]];
}

/**
 * One Kafka run. Produce: to a fresh single-partition topic named $name, created (untimed) beforehand.
 * Consume: a consumer group of its own ($name) reads the topic pre-filled for this body size and count.
 */
function bench_run_kafka_case(array $client, array $scenario, string $name, int $body, int $count, float $timeout): array
{
    $options = ['op' => $scenario['op'], 'count' => $count, 'body' => $body] + $scenario['args']
        + bench_rss_sampling($scenario, $count);
    if (!empty($scenario['prefill'])) {
        $topic = bench_kafka_prefilled($body, $count, $timeout);
        if (is_array($topic)) {
            return $topic;
        }
        $options += ['topic' => $topic, 'group' => $name];
    } else {
        bench_kafka_create_topic($name);
        $options['topic'] = $name;
    }
    // Untimed: earlier runs' writes go to disk now, or the kernel's writeback of them would slow down
    // whichever client runs next.
    exec('sync');
    $run = bench_spawn($client, $options, $timeout);
    if (empty($scenario['prefill'])) {
        // A produce run leaves up to 4 GB (1 000 000 × 4 KiB): dropped now, so every run starts on the same
        // disk and page cache; the broker removes the files a second later (scripts/kafka.sh).
        bench_kafka_delete_topics(preg_quote($name));
        sleep(2);
    }
    return $run['result'] ?? ['error' => $run['error']];
}

/** The topic holding $count messages of $body bytes for this benchmark run, filled on first use (by kcat). */
function bench_kafka_prefilled(int $body, int $count, float $timeout): string|array
{
    static $topics = [];
    $topic = "bench.prefill.$body.$count." . BENCH_RUN_ID;
    if (!isset($topics[$topic])) {
        bench_kafka_create_topic($topic);
        $filler = bench_clients()['kcat'];
        $filler['script'] = $filler['scripts']['kafka'];
        $run = bench_spawn($filler, ['op' => 'produce', 'topic' => $topic, 'count' => $count, 'body' => $body], $timeout);
        if (isset($run['error'])) {
            return ['error' => "pre-filling $topic: {$run['error']}"];
        }
        $topics[$topic] = true;
    }
    return $topic;
}

/** Creates a single-partition topic through the broker's auto-creation and waits for its leader. */
function bench_kafka_create_topic(string $topic): void
{
    $deadline = microtime(true) + 15;
    do {
        $out = [];
        exec('kcat -L -b ' . escapeshellarg(bench_kafka_bootstrap()) . ' -t ' . escapeshellarg($topic) . ' -m 5 2>/dev/null', $out);
        if (preg_match('/with 1 partitions/', implode("\n", $out)) && preg_match('/leader 1,/', implode("\n", $out))) {
            return;
        }
        usleep(100000);
    } while (microtime(true) < $deadline);
}

/** Deletes the benchmark's topics matching a Java regex (they hold gigabytes at scale 1). */
function bench_kafka_delete_topics(string $regex): void
{
    exec(escapeshellarg(dirname(__DIR__, 2) . '/scripts/kafka.sh') . ' delete-topics ' . escapeshellarg($regex) . ' 2>&1', $out, $status);
    if ($status !== 0) {
        fwrite(STDERR, "bench: could not delete topics $regex: " . implode(' ', $out) . "\n");
    }
}
