<?php
/*
 * Differential test layer: every scenario runs once under the reference client and once under mq.so against
 * the same broker; the two outputs (stdout+stderr, then the exit code) must be equal. Two suites:
 *   amqp   tests/diff/scenarios/*.php, reference Debian's php-amqplib (side "amqplib"), RabbitMQ
 *   kafka  tests/diff/kafka/*.php, reference the php-rdkafka 6.0.4 C extension built by
 *          scripts/php-rdkafka-reference.sh (side "rdkafka"), Kafka (tests/diff/kafka/README.md)
 *
 *   php -n tests/diff/run.php [options]
 *     --suite=amqp      amqp (default) or kafka
 *     --only=a,b        run only these scenarios (names without .php)
 *     --client=amqplib  run one side only (the suite's reference side or mq); the scenario then runs twice and
 *                       both runs must agree and exit 0: this checks that the scenario itself is deterministic
 *     --once            with --client: run once, pass when it exits 0
 *     --show            print each run's (normalized) output
 *     --pin             write mq's output into <name>.mq.expected for the scenarios with an mq-fixes,
 *                       mq-differs or mq-known header (runs mq only, once); review the files with git diff
 *     --timeout=60      per-run timeout in seconds (a scenario's "// timeout: S" header overrides it)
 *     --so=PATH         mq.so to load (default <repo>/modules/mq.so)
 *     --rdkafka=PATH    the reference rdkafka.so (default <repo>/.state/php-rdkafka-ref/rdkafka.so)
 *     --dir=PATH        scenario directory (default the suite's; for testing run.php itself)
 *   Environment: PHP (php binary, default the one running this script), MQ_AMQP_PORT, MQ_KAFKA_PORT,
 *                MQ_DIFF_AMQPLIB (php-amqplib autoloader, default /usr/share/php/PhpAmqpLib/autoload.php).
 *
 * A scenario with a header line "// mq-fixes: <why>" (a bug of the reference mq fixes) or "// mq-differs: <why>"
 * (a known limitation of mq) documents a difference: its mq output must equal <name>.mq.expected instead of
 * the reference's output. "// mq-known: <what>" marks a difference that is to be fixed in mq: the mq output
 * must equal <name>.mq.expected and differ from the reference (an expected failure, reported as XFAIL); once
 * mq prints what the reference prints the scenario fails until the header and <name>.mq.expected are removed.
 * "// mq-deliberate: <why>" pins a difference the README lists as deliberate, the same way.
 * "// reference-exit: N": the reference run is expected to exit with N (a fatal error), not 0.
 * Files starting with "_" are helpers, not scenarios.
 * The last line printed is always "diff: N passed, N failed"; the exit code is 0 only if nothing failed.
 */

declare(strict_types=1);

$root = dirname(__DIR__, 2);
$opts = getopt('', ['suite:', 'only:', 'client:', 'once', 'show', 'timeout:', 'so:', 'rdkafka:', 'dir:', 'pin', 'help']);
if (isset($opts['help'])) {
    echo preg_replace('/^ \* ?/m', '', explode('*/', explode('/*', file_get_contents(__FILE__), 2)[1])[0]);
    exit(0);
}
$suite = $opts['suite'] ?? 'amqp';
if (!in_array($suite, ['amqp', 'kafka'], true)) {
    fwrite(STDERR, "run.php: --suite must be amqp or kafka\n");
    echo "diff: 0 passed, 1 failed\n";
    exit(2);
}
// The reference side: its name (for --client and MQ_DIFF_CLIENT) and how the reports call it.
$ref = $suite === 'amqp' ? 'amqplib' : 'rdkafka';
$refLabel = $suite === 'amqp' ? 'php-amqplib' : 'php-rdkafka';
$dir = rtrim($opts['dir'] ?? __DIR__ . ($suite === 'amqp' ? '/scenarios' : '/kafka'), '/');
$only = isset($opts['only']) ? array_filter(explode(',', (string) $opts['only'])) : [];
$pin = isset($opts['pin']);
$client = $pin ? 'mq' : $opts['client'] ?? null;
if ($client !== null && !in_array($client, [$ref, 'mq'], true)) {
    fwrite(STDERR, "run.php: --client must be $ref or mq\n");
    echo "diff: 0 passed, 1 failed\n";
    exit(2);
}
$once = isset($opts['once']) || $pin;
$show = isset($opts['show']);
$timeout = (float) ($opts['timeout'] ?? 60);
$so = $opts['so'] ?? "$root/modules/mq.so";
$php = getenv('PHP') ?: PHP_BINARY;
$autoload = getenv('MQ_DIFF_AMQPLIB') ?: '/usr/share/php/PhpAmqpLib/autoload.php';
$rdkafka = $opts['rdkafka'] ?? "$root/.state/php-rdkafka-ref/rdkafka.so";
// What the reference side needs: php-amqplib's autoloader, or the reference extension.
$refPath = $suite === 'amqp' ? $autoload : $rdkafka;
// Kafka topics made by the scenarios' name() start with this, so one call deletes them all at the end. Fixed
// width: var_dump() prints a name's length, which must not change from run to run.
$runToken = sprintf('kdiff-%07d-%s', getmypid() % 10000000, bin2hex(random_bytes(3)));

$tmp = sys_get_temp_dir() . '/mq-diff-' . getmypid() . '-' . bin2hex(random_bytes(3));
mkdir($tmp, 0700, true);
$namesFile = "$tmp/names";
touch($namesFile);

/** The command line of one run of $file under $which. */
function command(string $which, string $file): array
{
    global $php, $so, $rdkafka;
    $ext = match ($which) {
        'amqplib' => ['-d', 'extension=sockets', '-d', 'extension=mbstring'],
        'rdkafka' => ['-d', "extension=$rdkafka"],
        'mq' => ['-d', "extension=$so"],
    };
    return [$php, '-n', ...$ext, '-d', 'error_reporting=-1', '-d', 'display_errors=1', $file];
}

/**
 * Runs $file under each of $sides at the same time (they use different names, so they never meet on the
 * broker); returns one [output (stdout+stderr interleaved), exit code or null on timeout, seconds] per side.
 */
function run_sides(array $sides, string $file, float $timeout): array
{
    global $namesFile, $autoload, $runToken;
    $start = microtime(true);
    $runs = [];
    foreach ($sides as $i => $which) {
        $env = getenv();
        $env['MQ_DIFF_CLIENT'] = $which;
        $env['MQ_DIFF_NAMES'] = $namesFile;
        $env['MQ_DIFF_AMQPLIB'] = $autoload;
        $env['MQ_DIFF_RUN'] = $runToken;
        if ($which === 'rdkafka') {
            // php-rdkafka's KafkaConsumer::close() never destroys its librdkafka handle, whose threads then
            // run on in code PHP unmaps when it unloads the extension at exit: a segfault in about one run
            // in five. Not unloading extensions (as under valgrind) keeps the reference's exit clean.
            $env['ZEND_DONT_UNLOAD_MODULES'] = '1';
        }
        // The command line of this side, for scenarios that run a part in a child process (a crash, a hang).
        $env['MQ_DIFF_PHP'] = json_encode(array_slice(command($which, $file), 0, -1));
        $p = proc_open(command($which, $file), [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]],
            $pipes, dirname($file), $env);
        if (!is_resource($p)) {
            $runs[$i] = ['p' => null, 'out' => "run.php: cannot start php\n", 'code' => -1, 'secs' => 0.0];
            continue;
        }
        stream_set_blocking($pipes[1], false);
        $runs[$i] = ['p' => $p, 'pipe' => $pipes[1], 'out' => '', 'code' => null, 'secs' => 0.0];
    }
    $open = array_filter($runs, fn ($r) => $r['p'] !== null);
    while ($open) {
        $left = $start + $timeout - microtime(true);
        if ($left <= 0) {
            break;
        }
        $r = array_map(fn ($run) => $run['pipe'], $open);
        $w = $e = null;
        $n = @stream_select($r, $w, $e, (int) $left, (int) (fmod($left, 1.0) * 1e6));
        if ($n === false || $n === 0) {
            continue; // EINTR, or the timeout: the loop's head decides
        }
        foreach ($open as $i => $run) {
            if (!in_array($run['pipe'], $r, true)) {
                continue;
            }
            $chunk = fread($run['pipe'], 65536);
            if ($chunk !== '' && $chunk !== false) {
                $runs[$i]['out'] .= $chunk;
            } elseif (feof($run['pipe'])) {
                // Output closed: the process is ending. proc_close waits for it.
                fclose($run['pipe']);
                $runs[$i]['code'] = proc_close($run['p']);
                $runs[$i]['secs'] = microtime(true) - $start;
                unset($open[$i]);
            }
        }
    }
    foreach ($open as $i => $run) {
        proc_terminate($run['p'], 9);
        fclose($run['pipe']);
        proc_close($run['p']);
        $runs[$i]['out'] .= sprintf("\n[run.php: killed after %gs timeout]\n", $timeout);
        $runs[$i]['secs'] = microtime(true) - $start;
    }
    // proc_close may return -1 when the status was already reaped; proc_get_status before closing is racy too.
    return array_map(fn ($run) => [$run['out'], $run['code'], $run['secs']], $runs);
}

/** Removes what legitimately differs run to run. Scenarios should print deterministic output instead. */
function normalize(string $out): string
{
    $out = preg_replace('/\bamq\.gen-[A-Za-z0-9_\-]{6,}/', 'amq.gen-*', $out);
    $out = preg_replace('/\bamq\.ctag-[A-Za-z0-9_\-]{6,}/', 'amq.ctag-*', $out);
    // Names made by name() in _prelude.php that slipped through unreplaced.
    $out = preg_replace('/\bmqdiff-([A-Za-z0-9_.\-]+?)-\d+-[0-9a-f]{8}\b/', 'mqdiff-$1-*', $out);
    // Function pointers librdkafka prints in Conf::dump() (log_cb, socket_cb, open_cb).
    if ($GLOBALS['suite'] === 'kafka') {
        $out = preg_replace('/\b0x[0-9a-f]{6,16}\b/', '0x*', $out);
        // The time stamp of librdkafka's log lines ("%5|1796421932.627|CONFWARN|...").
        $out = preg_replace('/^%(\d)\|\d+\.\d+\|/m', '%$1|*|', $out);
        // Object handles in var_dump(): which other objects the extension made first is not behaviour.
        $out = preg_replace('/^(\s*object\([^)]*\))#\d+ /m', '$1#* ', $out);
    }
    return $out;
}

function render(string $out, ?int $code): string
{
    if ($out !== '' && substr($out, -1) !== "\n") {
        $out .= "\n[no newline at end of output]\n";
    }
    return normalize($out) . '[exit ' . ($code === null ? 'timeout' : $code) . "]\n";
}

function udiff(string $labelA, string $a, string $labelB, string $b): string
{
    global $tmp;
    $fa = "$tmp/" . preg_replace('/[^A-Za-z0-9_.]/', '_', $labelA);
    $fb = "$tmp/" . preg_replace('/[^A-Za-z0-9_.]/', '_', $labelB);
    if ($fa === $fb) {
        $fb .= '.2';
    }
    file_put_contents($fa, $a);
    file_put_contents($fb, $b);
    $d = shell_exec('diff -a -u --label ' . escapeshellarg($labelA) . ' --label ' . escapeshellarg($labelB) . ' '
        . escapeshellarg($fa) . ' ' . escapeshellarg($fb) . ' 2>&1');
    @unlink($fa);
    @unlink($fb);
    return (string) $d;
}

function indent(string $s): string
{
    return preg_replace('/^/m', '    ', rtrim($s, "\n")) . "\n";
}

$files = glob("$dir/*.php");
sort($files);
$scenarios = [];
foreach ($files as $f) {
    $name = basename($f, '.php');
    if ($name[0] === '_') {
        continue;
    }
    if ($only && !in_array($name, $only, true)) {
        continue;
    }
    $scenarios[$name] = $f;
}
$unknown = array_values(array_diff($only, array_keys($scenarios)));

$needMq = $client === null || $client === 'mq';
$mqMissing = $needMq && !is_file($so);
$needRef = $client === null || $client === $ref;
$refMissing = $needRef && !is_file($refPath);
$refHint = $suite === 'amqp' ? "php-amqplib not found at $autoload" : "$refLabel not found at $rdkafka (build it with scripts/php-rdkafka-reference.sh)";

$port = (int) ($suite === 'amqp' ? (getenv('MQ_AMQP_PORT') ?: 5672) : (getenv('MQ_KAFKA_PORT') ?: 9092));
if ($scenarios && !($probe = @fsockopen('127.0.0.1', $port, $errno, $errstr, 2.0))) {
    $start = $suite === 'amqp' ? 'RabbitMQ with scripts/rabbitmq.sh start' : 'Kafka with scripts/kafka.sh start';
    echo "run.php: warning: nothing answers on 127.0.0.1:$port ($errstr); start $start\n";
} elseif (!empty($probe)) {
    fclose($probe);
}

/**
 * Runs the sides: together for Kafka (its scenarios mostly wait on the broker), one after the other for
 * RabbitMQ (some of its scenarios time their waits).
 */
function run_all(array $sides, string $file, float $timeout): array
{
    global $suite;
    if ($suite === 'kafka') {
        return run_sides($sides, $file, $timeout);
    }
    return array_map(fn ($side) => run_sides([$side], $file, $timeout)[0], $sides);
}

$passed = 0;
$failed = 0;
$xfail = 0;
foreach ($unknown as $o) {
    $failed++;
    echo "FAIL $o\n    no scenario $dir/$o.php\n";
}
$times = [$ref => 0.0, 'mq' => 0.0];
foreach ($scenarios as $name => $file) {
    $head = implode("\n", array_slice(file($file), 0, 30));
    // "mq-fixes": the reference's behaviour is a bug mq fixes; "mq-differs": a known limitation of mq.
    // Either way the mq output is pinned by <name>.mq.expected and the README says why.
    $fixes = preg_match('~^//\s*(mq-(?:fixes|differs|deliberate)):\s*(.+)$~m', $head, $m) ? trim($m[1]) . ': ' . trim($m[2]) : null;
    // "mq-known": a difference to be fixed in mq; pinned the same way, and expected to differ.
    $known = preg_match('~^//\s*mq-known:\s*(.+)$~m', $head, $m) ? 'mq-known: ' . trim($m[1]) : null;
    $pinned = $fixes ?? $known;
    if ($pin && $pinned === null) {
        continue; // --pin: nothing to pin here
    }
    $refExit = preg_match('~^//\s*reference-exit:\s*(\d+)\s*$~m', $head, $m) ? (int) $m[1] : 0;
    $scenarioTimeout = preg_match('~^//\s*timeout:\s*([0-9.]+)\s*$~m', $head, $m) ? (float) $m[1] : $timeout;
    $expectedFile = "$dir/$name.mq.expected";
    $ok = false;
    $status = null;
    $report = '';

    if ($client !== null) {
        if ($client === 'mq' && $mqMissing || $client === $ref && $refMissing) {
            $report = $client === 'mq' ? "mq.so not found at $so\n" : "$refHint\n";
        } else {
            [[$o1, $c1, $t1], $second] = run_all($once ? [$client] : [$client, $client], $file, $scenarioTimeout) + [1 => null];
            $times[$client] += $t1;
            $r1 = render($o1, $c1);
            if ($show) {
                $report .= "--- $client output ---\n$r1";
            }
            if ($once) {
                $ok = $c1 === ($client === $ref ? $refExit : 0);
                if (!$ok && !$show) {
                    $report .= $r1;
                }
            } else {
                [$o2, $c2, $t2] = $second;
                $times[$client] += $t2;
                $r2 = render($o2, $c2);
                $ok = $c1 === ($client === $ref ? $refExit : 0) && $r1 === $r2;
                if (!$ok) {
                    $report .= $r1 === $r2 ? ($show ? '' : $r1) : udiff("$name ($client run 1)", $r1, "$name ($client run 2)", $r2);
                }
            }
            if ($pin) {
                file_put_contents($expectedFile, $r1);
                $report .= "wrote $expectedFile\n";
            }
            if ($client === 'mq' && $pinned !== null && is_file($expectedFile)) {
                // A pinned mq output may well come with a non-zero exit (a known hang, a known fatal error).
                $exp = file_get_contents($expectedFile);
                $ok = $r1 === $exp && ($once || $r1 === $r2);
                if ($r1 !== $exp) {
                    $report .= "$pinned\n" . udiff("$name.mq.expected", $exp, "$name (mq)", $r1);
                }
            }
        }
    } elseif ($mqMissing || $refMissing) {
        $report = $mqMissing ? "mq.so not found at $so (run make)\n" : "$refHint\n";
    } else {
        [[$oa, $ca, $ta], [$om, $cm, $tm]] = run_all([$ref, 'mq'], $file, $scenarioTimeout);
        $times[$ref] += $ta;
        $times['mq'] += $tm;
        $ra = render($oa, $ca);
        $rm = render($om, $cm);
        if ($show) {
            $report .= "--- $ref output ---\n$ra--- mq output ---\n$rm";
        }
        if ($ca !== $refExit) {
            // The reference run must succeed, or the scenario itself is broken (or the broker is down).
            $report .= "the $refLabel run did not exit $refExit: the scenario itself is broken\n" . ($show ? '' : $ra);
        } elseif ($cm === null && $known === null) {
            $report .= "the mq run timed out\n" . udiff("$name ($refLabel)", $ra, "$name (mq)", $rm);
        } elseif ($pinned === null) {
            $ok = $ra === $rm;
            if (!$ok) {
                $report .= udiff("$name ($refLabel)", $ra, "$name (mq)", $rm);
            }
        } elseif (!is_file($expectedFile)) {
            $report .= "$pinned\nmissing $expectedFile; mq printed:\n" . $rm;
        } elseif ($known !== null && $ra === $rm) {
            $report .= "$known\nmq now prints what $refLabel prints: remove the mq-known header and $name.mq.expected\n";
        } else {
            $exp = file_get_contents($expectedFile);
            $ok = $rm === $exp;
            if (!$ok) {
                $report .= "$pinned\n" . udiff("$name.mq.expected", $exp, "$name (mq)", $rm);
                if ($known !== null) {
                    $report .= udiff("$name ($refLabel)", $ra, "$name (mq)", $rm);
                }
            } elseif ($known !== null) {
                $status = 'XFAIL';
            } elseif ($ra === $rm) {
                $report .= "note: $refLabel now prints the same as $name.mq.expected; drop the mq-fixes header\n";
            }
        }
    }

    if ($ok) {
        $passed++;
        if ($status === 'XFAIL') {
            $xfail++;
            echo "XFAIL $name ($known)\n";
        } else {
            echo "PASS $name" . ($fixes !== null && $client === null ? " ($fixes)" : '') . "\n";
        }
    } else {
        $failed++;
        echo "FAIL $name\n";
    }
    if ($report !== '') {
        echo indent($report);
    }
}

// Delete every queue and exchange the scenarios named through name(), with php-amqplib (works whatever
// state mq is in). Silent unless something is wrong with the broker itself.
$names = array_values(array_unique(array_filter(explode("\n", (string) file_get_contents($namesFile)))));
if ($suite === 'kafka' && $names) {
    // Every topic name() made starts with the run's token (tests/diff/kafka/_prelude.php). Kafka's own
    // TopicCommand deletes them in one call; php-rdkafka has no admin API.
    $out = [];
    exec(escapeshellarg("$root/scripts/kafka.sh") . ' delete-topics ' . escapeshellarg("$runToken-.*") . ' 2>&1', $out, $rc);
    if ($rc !== 0) {
        echo "run.php: cleanup: scripts/kafka.sh delete-topics failed:\n", indent(implode("\n", $out));
    }
} elseif ($names && is_file($autoload)) {
    file_put_contents("$tmp/cleanup.php", <<<'PHP'
<?php
require getenv('MQ_DIFF_AMQPLIB');
$port = (int) (getenv('MQ_AMQP_PORT') ?: 5672);
try {
    $c = new PhpAmqpLib\Connection\AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest');
    $ch = $c->channel();
    foreach (file($argv[1], FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $n) {
        $ch->queue_delete($n);
        $ch->exchange_delete($n);
    }
    $c->close();
} catch (Throwable $e) {
    echo 'run.php: cleanup: ', get_class($e), ': ', $e->getMessage(), "\n";
}
PHP);
    $cmd = command('amqplib', "$tmp/cleanup.php");
    $cmd[] = $namesFile;
    $env = getenv();
    $env['MQ_DIFF_AMQPLIB'] = $autoload;
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes, $tmp, $env);
    if (is_resource($p)) {
        echo stream_get_contents($pipes[1]);
        fclose($pipes[1]);
        proc_close($p);
    }
}
foreach (glob("$tmp/*") as $f) {
    unlink($f);
}
rmdir($tmp);

$t = [];
foreach ($times as $k => $v) {
    if ($v > 0) {
        $t[] = sprintf('%s %.1fs', $k, $v);
    }
}
if ($t) {
    echo 'time: ', implode(', ', $t), "\n";
}
if ($xfail) {
    echo "known differences: $xfail (XFAIL: counted as passed, see the scenarios' mq-known headers)\n";
}
echo "diff: $passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
