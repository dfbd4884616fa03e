<?php
// Turns the rounds of each (scenario, body, client) cell into medians, ratios and target verdicts, and prints
// them as a table or writes them as JSON.

declare(strict_types=1);

/**
 * The table rows of one scenario and body size from each client's rounds: 'summary' (medians), or 'error' /
 * 'na' (first reason) when a round failed / the client cannot express the scenario; the subject's row gets
 * its 'ratios' to the anchors.
 */
function bench_cells(string $id, array $scenario, int $body, int $count, array $runs, array $clients): array
{
    $cells = [];
    foreach ($runs as $name => $rounds) {
        $cell = ['scenario' => $id, 'title' => $scenario['title'], 'body' => $body, 'client' => $name,
            'count' => $count, 'rounds' => $rounds];
        $first = fn(string $key) => array_values(array_filter(array_column($rounds, $key)))[0] ?? null;
        if ($na = $first('na')) {
            $cell['na'] = $na;
        } elseif ($error = $first('error')) {
            $cell['error'] = $error;
        } else {
            $cell['summary'] = bench_summarize($scenario, $rounds);
        }
        $cells[$name] = $cell;
    }
    foreach ($cells as $name => &$cell) {
        if ($clients[$name]['subject']) {
            $cell['ratios'] = bench_ratios($scenario, $cells, $name);
            if (isset($scenario['limit'], $cell['summary'])) {
                [$cmp, $bound] = $scenario['limit'];
                $value = $cell['summary']['value'];
                $cell['limit'] = ['value' => $value, 'target' => "$cmp$bound",
                    'pass' => $value === null ? null : ($cmp === '>=' ? $value >= $bound : $value <= $bound)];
            }
        }
    }
    unset($cell);
    return array_values($cells);
}

/**
 * How much RSS grew over a run, from its samples taken at even intervals: the least-squares line through
 * them, from the first sample to the last. RSS swings by up to 12 MB from one sample to the next with
 * librdkafka's fetch buffers (glibc keeps what it freed), so the difference of two samples reads that
 * swing; the line reads a steady growth whatever the samples' swing does around it.
 */
function bench_rss_growth_kb(array $samples): float
{
    $n = count($samples);
    $meanX = ($n - 1) / 2;
    $meanY = array_sum($samples) / $n;
    $sxy = $sxx = 0.0;
    foreach (array_values($samples) as $x => $y) {
        $sxy += ($x - $meanX) * ($y - $meanY);
        $sxx += ($x - $meanX) ** 2;
    }
    return $sxy / $sxx * ($n - 1);
}

/** Medians over the successful rounds of one cell; 'value' is the scenario's primary metric. */
function bench_summarize(array $scenario, array $rounds): array
{
    $ok = array_values(array_filter($rounds, fn($r) => isset($r['count'])));
    $per = fn(callable $f) => bench_median(array_map($f, $ok));
    $summary = [
        'rate' => $per(fn($r) => $r['count'] / $r['seconds']),
        'p50_ms' => $per(fn($r) => $r['lat_ms']['p50'] ?? null),
        'p99_ms' => $per(fn($r) => $r['lat_ms']['p99'] ?? null),
        'ms_per_op' => $per(fn($r) => $r['seconds'] / $r['count'] * 1000),
        'rss_mb' => $per(fn($r) => $r['maxrss_kb'] / 1024),
        'cpu_us_per_msg' => $per(fn($r) => $r['cpu_s'] / $r['count'] * 1e6),
        'rss_growth_mb' => $per(fn($r) => isset($r['rss_kb'][1]) ? bench_rss_growth_kb($r['rss_kb']) / 1024 : null),
    ];
    $summary['value'] = match ($scenario['metric']) {
        'throughput' => $summary['rate'],
        'latency' => $summary['p50_ms'],
        'time' => $summary['ms_per_op'],
        'rss-growth' => $summary['rss_growth_mb'],
    };
    return $summary;
}

/** mq's ratio to each anchor on the primary metric, with the scenario's target verdict where there is one. */
function bench_ratios(array $scenario, array $cells, string $subject): array
{
    $ratios = [];
    $mine = $cells[$subject]['summary']['value'] ?? null;
    foreach ($cells as $client => $cell) {
        if ($client === $subject) {
            continue;
        }
        $theirs = $cell['summary']['value'] ?? null;
        $ratio = $mine && $theirs ? $mine / $theirs : null;
        $entry = ['ratio' => $ratio];
        if ($target = $scenario['targets'][$client] ?? null) {
            [$cmp, $bound] = $target;
            $entry['target'] = "$cmp$bound";
            $entry['pass'] = $ratio === null ? null : ($cmp === '>=' ? $ratio >= $bound : $ratio <= $bound);
        }
        $ratios[$client] = $entry;
    }
    return $ratios;
}

function bench_print_table(array $rows, array $anchors): void
{
    $head = ['scenario', 'body', 'client', 'msg/s', 'p50 ms', 'p99 ms', 'RSS MB', 'CPU us/msg'];
    foreach ($anchors as $a) {
        $head[] = "mq vs $a";
    }
    if (array_filter($rows, fn($row) => isset($row['limit']))) {
        $head[] = 'own limit';
    }
    $lines = [$head];
    $last = null;
    foreach ($rows as $row) {
        $s = $row['summary'] ?? null;
        $line = [$row['title'] === $last ? '' : $row['title'], $row['body'] . 'B', $row['client']];
        $last = $row['title'];
        if (isset($row['na']) || isset($row['error'])) {
            $line[] = isset($row['na']) ? "n/a: {$row['na']}" : "FAILED: {$row['error']}";
        } else {
            $line = [...$line, bench_fmt($s['rate'], 0), bench_fmt($s['p50_ms'], 3), bench_fmt($s['p99_ms'], 3),
                bench_fmt($s['rss_mb'], 1), bench_fmt($s['cpu_us_per_msg'], 1)];
            foreach ($anchors as $a) {
                $line[] = isset($row['ratios'][$a]) ? bench_fmt_ratio($row['ratios'][$a]) : '';
            }
            if (isset($row['limit'])) {
                $l = $row['limit'];
                $line[] = sprintf('RSS %s%s MB (%s %s)', $l['value'] < 0 ? '' : '+', bench_fmt($l['value'], 1), $l['target'],
                    $l['pass'] === null ? '?' : ($l['pass'] ? 'PASS' : 'MISS'));
            }
        }
        $lines[] = $line;
    }
    $widths = [];
    foreach ($lines as $line) {
        foreach ($line as $i => $cell) {
            // A failure / n/a note runs to the end of its line and does not widen the column.
            if ($i < 3 || count($line) > 4) {
                $widths[$i] = max($widths[$i] ?? 0, strlen($cell));
            }
        }
    }
    foreach ($lines as $line) {
        $out = '';
        foreach ($line as $i => $cell) {
            $out .= $i >= 3 && $i < 8 && count($line) > 4 ? str_pad($cell, $widths[$i], ' ', STR_PAD_LEFT) : str_pad($cell, $widths[$i] ?? 0);
            $out .= '  ';
        }
        echo rtrim($out), "\n";
    }
}

function bench_fmt(?float $v, int $decimals): string
{
    return $v === null ? '-' : number_format($v, $decimals, '.', '');
}

function bench_fmt_ratio(array $r): string
{
    $text = $r['ratio'] === null ? '-' : number_format($r['ratio'], 2) . 'x';
    if (isset($r['target']) && $r['pass'] !== null) {
        $text .= sprintf(' (%s %s)', $r['target'], $r['pass'] ? 'PASS' : 'MISS');
    }
    return $text;
}
