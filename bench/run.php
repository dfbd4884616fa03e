<?php
// mq benchmark driver. See bench/README.md.
//
//   php bench/run.php [--rounds=3] [--scale=1] [--only=publish,4,consume] [--clients=mq,php-amqp]
//                     [--bodies=100,4096] [--timeout=600] [--json=bench/results/latest.json] [--smoke] [--list]
//
// Exit status 1 when the client under test is missing or any available client failed to produce a number.

declare(strict_types=1);

require __DIR__ . '/lib/stats.php';
require __DIR__ . '/lib/system.php';
require __DIR__ . '/lib/clients.php';
require __DIR__ . '/lib/scenarios.php';
require __DIR__ . '/lib/runner.php';
require __DIR__ . '/lib/report.php';

$opts = getopt('', ['rounds:', 'scale:', 'only:', 'clients:', 'bodies:', 'timeout:', 'json:', 'smoke', 'list']);
$smoke = isset($opts['smoke']);
$rounds = max(1, (int) ($opts['rounds'] ?? ($smoke ? 1 : 3)));
$scale = (float) ($opts['scale'] ?? 1);
$timeout = (float) ($opts['timeout'] ?? ($smoke ? 30 : 600));
$jsonPath = $opts['json'] ?? __DIR__ . '/results/latest.json';
$list = fn(string $key) => isset($opts[$key]) ? array_filter(explode(',', $opts[$key]), 'strlen') : null;

$scenarios = bench_select_scenarios(bench_scenarios(), $list('only'));
if (isset($opts['list']) || !$scenarios) {
    if (!$scenarios) {
        fwrite(STDERR, "bench: no scenario matches --only={$opts['only']}; the scenarios:\n");
    }
    foreach (bench_scenarios() as $id => $s) {
        printf("%-14s %s (%d at scale 1)\n", $id, $s['title'], $s['count']);
    }
    exit($scenarios ? 0 : 1);
}

// mq.so may be rebuilt while the benchmark runs (overwriting a loaded .so kills the processes using it):
// every run loads one private copy, so all rounds measure the same build.
$so = getenv('MQ_SO') ?: dirname(__DIR__) . '/modules/mq.so';
if (is_file($so)) {
    $copy = sys_get_temp_dir() . '/mq-bench-' . getmypid() . '.so';
    copy($so, $copy);
    putenv("MQ_SO=$copy");
    register_shutdown_function(fn() => @unlink($copy));
}

// Clients: the ones asked for (all by default) that are installed.
$clients = [];
$unavailable = [];
$failed = false;
foreach (bench_clients() as $name => $client) {
    if (($only = $list('clients')) && !in_array($name, $only, true)) {
        continue;
    }
    if ($why = ($client['probe'])()) {
        $unavailable[$name] = $why;
        fwrite(STDERR, "bench: skipping $name: $why\n");
        $failed = $failed || $client['subject'];
        continue;
    }
    $clients[$name] = $client;
}

$runId = date('His') . '.' . getmypid();
define('BENCH_RUN_ID', $runId);
$rows = [];
$usedKafka = false;
foreach ($scenarios as $id => $scenario) {
    $count = $smoke ? $scenario['smoke'] : max(1, (int) round($scenario['count'] * $scale));
    // The clients serving this scenario's broker (and named by it, if it names some), with their script.
    $group = [];
    foreach ($clients as $name => $client) {
        if (isset($client['scripts'][$scenario['broker']]) && in_array($name, $scenario['clients'] ?? [$name], true)) {
            $group[$name] = $client + ['script' => $client['scripts'][$scenario['broker']]];
        }
    }
    $usedKafka = $usedKafka || $scenario['broker'] === 'kafka';
    $bodies = $list('bodies') ? array_intersect($scenario['bodies'], array_map('intval', $list('bodies'))) : $scenario['bodies'];
    foreach ($bodies as $body) {
        // Interleaved: every client once per round, so drift on the machine hits all of them alike.
        $runs = array_fill_keys(array_keys($group), []);
        for ($round = 1; $round <= $rounds; $round++) {
            foreach ($group as $name => $client) {
                if (isset(end($runs[$name])['na'])) {
                    continue; // not expressible with this client: once is enough
                }
                $r = bench_run_case($client, $scenario, "bench.$id.$body.$name.$runId.$round", $body, $count, $timeout);
                $runs[$name][] = $r;
                fwrite(STDERR, sprintf("bench: %-14s %5dB round %d/%d %-12s %s\n", $id, $body, $round, $rounds, $name,
                    bench_progress($r)));
            }
        }
        foreach (bench_cells($id, $scenario, $body, $count, $runs, $group) as $cell) {
            $failed = $failed || isset($cell['error']);
            $rows[] = $cell;
        }
    }
}
if ($usedKafka) {
    bench_kafka_delete_topics('bench\\.prefill\\..*\\.' . preg_quote($runId));
}

$anchors = array_keys(array_filter($clients, fn($c) => !$c['subject']));
echo "\n";
printf("mq bench: %d round(s), %s; medians over rounds; ratios mq/anchor (msg/s for throughput, p50 for latency, ms per process for scenario 6)\n",
    $rounds, $smoke ? 'smoke counts' : "scale $scale");
bench_print_table($rows, $anchors);
foreach ($unavailable as $name => $why) {
    echo "not run: $name ($why)\n";
}

@mkdir(dirname($jsonPath), 0777, true);
file_put_contents($jsonPath, json_encode([
    'date' => date(DATE_ATOM), 'host' => php_uname('n'), 'php' => PHP_VERSION, 'rounds' => $rounds,
    'scale' => $smoke ? 'smoke' : $scale, 'unavailable' => $unavailable,
    'mq_so' => is_file($so) ? ['path' => $so, 'sha1' => sha1_file($so), 'mtime' => date(DATE_ATOM, filemtime($so))] : null,
    'results' => $rows,
], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
echo "results: $jsonPath\n";
exit($failed ? 1 : 0);

/** --only entries match a scenario id, an id prefix ("consume") or the number in its title ("2", "2a"). */
function bench_select_scenarios(array $all, ?array $only): array
{
    if (!$only) {
        return $all;
    }
    return array_filter($all, function (array $s, string $id) use ($only) {
        foreach ($only as $want) {
            if (str_starts_with($id, $want) || str_starts_with(strtok($s['title'], ' '), $want)) {
                return true;
            }
        }
        return false;
    }, ARRAY_FILTER_USE_BOTH);
}

function bench_progress(array $r): string
{
    if (isset($r['error']) || isset($r['na'])) {
        return isset($r['na']) ? "n/a: {$r['na']}" : "FAILED: {$r['error']}";
    }
    $text = sprintf('%.0f msg/s', $r['count'] / $r['seconds']);
    if (isset($r['lat_ms'])) {
        $text .= sprintf(', p50 %.3f ms, p99 %.3f ms', $r['lat_ms']['p50'], $r['lat_ms']['p99']);
    }
    return $text;
}
