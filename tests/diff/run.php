<?php
/*
 * Differential test layer: every tests/diff/scenarios/*.php runs once with Debian's php-amqplib and once
 * with mq.so against the same RabbitMQ; the two outputs (stdout+stderr, then the exit code) must be equal.
 *
 *   php -n tests/diff/run.php [options]
 *     --only=a,b        run only these scenarios (names without .php)
 *     --client=amqplib  run one side only (amqplib or mq); the scenario then runs twice and both runs must
 *                       agree and exit 0: this checks that the scenario itself is deterministic
 *     --once            with --client: run once, pass when it exits 0
 *     --show            print each run's (normalized) output
 *     --timeout=60      per-run timeout in seconds
 *     --so=PATH         mq.so to load (default <repo>/modules/mq.so)
 *     --dir=PATH        scenario directory (default tests/diff/scenarios; for testing run.php itself)
 *   Environment: PHP (php binary, default the one running this script), MQ_AMQP_PORT,
 *                MQ_DIFF_AMQPLIB (php-amqplib autoloader, default /usr/share/php/PhpAmqpLib/autoload.php).
 *
 * A scenario with a header line "// mq-fixes: <why>" (a php-amqplib bug mq fixes) or "// mq-differs: <why>"
 * (a known limitation of mq) documents a difference: its mq output must equal
 * tests/diff/scenarios/<name>.mq.expected instead of php-amqplib's output.
 * Files starting with "_" are helpers, not scenarios.
 * The last line printed is always "diff: N passed, N failed"; the exit code is 0 only if nothing failed.
 */

declare(strict_types=1);

$root = dirname(__DIR__, 2);
$opts = getopt('', ['only:', 'client:', 'once', 'show', 'timeout:', 'so:', 'dir:', 'help']);
$dir = rtrim($opts['dir'] ?? __DIR__ . '/scenarios', '/');
if (isset($opts['help'])) {
    echo preg_replace('/^ \* ?/m', '', explode('*/', explode('/*', file_get_contents(__FILE__), 2)[1])[0]);
    exit(0);
}
$only = isset($opts['only']) ? array_filter(explode(',', (string) $opts['only'])) : [];
$client = $opts['client'] ?? null;
if ($client !== null && !in_array($client, ['amqplib', 'mq'], true)) {
    fwrite(STDERR, "run.php: --client must be amqplib or mq\n");
    echo "diff: 0 passed, 1 failed\n";
    exit(2);
}
$once = isset($opts['once']);
$show = isset($opts['show']);
$timeout = (float) ($opts['timeout'] ?? 60);
$so = $opts['so'] ?? "$root/modules/mq.so";
$php = getenv('PHP') ?: PHP_BINARY;
$autoload = getenv('MQ_DIFF_AMQPLIB') ?: '/usr/share/php/PhpAmqpLib/autoload.php';

$tmp = sys_get_temp_dir() . '/mq-diff-' . getmypid() . '-' . bin2hex(random_bytes(3));
mkdir($tmp, 0700, true);
$namesFile = "$tmp/names";
touch($namesFile);

/** The command line of one run of $file under $which. */
function command(string $which, string $file): array
{
    global $php, $so;
    return $which === 'amqplib'
        ? [$php, '-n', '-d', 'extension=sockets', '-d', 'extension=mbstring', '-d', 'error_reporting=-1', '-d', 'display_errors=1', $file]
        : [$php, '-n', '-d', "extension=$so", '-d', 'error_reporting=-1', '-d', 'display_errors=1', $file];
}

/** Runs one side; returns [output (stdout+stderr interleaved), exit code or null on timeout, seconds]. */
function run_side(string $which, string $file): array
{
    global $timeout, $namesFile, $autoload;
    $env = getenv();
    $env['MQ_DIFF_CLIENT'] = $which;
    $env['MQ_DIFF_NAMES'] = $namesFile;
    $env['MQ_DIFF_AMQPLIB'] = $autoload;
    $start = microtime(true);
    $p = proc_open(command($which, $file), [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]],
        $pipes, dirname($file), $env);
    if (!is_resource($p)) {
        return ["run.php: cannot start php\n", -1, 0.0];
    }
    stream_set_blocking($pipes[1], false);
    $out = '';
    $timedOut = false;
    while (true) {
        $left = $start + $timeout - microtime(true);
        if ($left <= 0) {
            $timedOut = true;
            break;
        }
        $r = [$pipes[1]];
        $w = $e = null;
        $n = @stream_select($r, $w, $e, (int) $left, (int) (fmod($left, 1.0) * 1e6));
        if ($n === false) {
            continue; // EINTR
        }
        if ($n > 0) {
            $chunk = fread($pipes[1], 65536);
            if ($chunk === '' || $chunk === false) {
                if (feof($pipes[1])) {
                    break;
                }
                continue;
            }
            $out .= $chunk;
        }
    }
    if ($timedOut) {
        proc_terminate($p, 9);
        $out .= sprintf("\n[run.php: killed after %gs timeout]\n", $timeout);
    }
    fclose($pipes[1]);
    $code = proc_close($p);
    // proc_close may return -1 when the status was already reaped; proc_get_status before closing is racy too.
    return [$out, $timedOut ? null : $code, microtime(true) - $start];
}

/** Removes what legitimately differs run to run. Scenarios should print deterministic output instead. */
function normalize(string $out): string
{
    $out = preg_replace('/\bamq\.gen-[A-Za-z0-9_\-]{6,}/', 'amq.gen-*', $out);
    $out = preg_replace('/\bamq\.ctag-[A-Za-z0-9_\-]{6,}/', 'amq.ctag-*', $out);
    // Names made by name() in _prelude.php that slipped through unreplaced.
    $out = preg_replace('/\bmqdiff-([A-Za-z0-9_.\-]+?)-\d+-[0-9a-f]{8}\b/', 'mqdiff-$1-*', $out);
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
    $d = shell_exec('diff -u --label ' . escapeshellarg($labelA) . ' --label ' . escapeshellarg($labelB) . ' '
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
$needAmqplib = $client === null || $client === 'amqplib';
$amqplibMissing = $needAmqplib && !is_file($autoload);

$port = (int) (getenv('MQ_AMQP_PORT') ?: 5672);
if ($scenarios && !($probe = @fsockopen('127.0.0.1', $port, $errno, $errstr, 2.0))) {
    echo "run.php: warning: nothing answers on 127.0.0.1:$port ($errstr); start RabbitMQ with scripts/rabbitmq.sh start\n";
} elseif (!empty($probe)) {
    fclose($probe);
}

$passed = 0;
$failed = 0;
foreach ($unknown as $o) {
    $failed++;
    echo "FAIL $o\n    no scenario $dir/$o.php\n";
}
$times = ['amqplib' => 0.0, 'mq' => 0.0];
foreach ($scenarios as $name => $file) {
    $head = implode("\n", array_slice(file($file), 0, 30));
    // "mq-fixes": php-amqplib's behaviour is a bug mq fixes; "mq-differs": a known limitation of mq.
    // Either way the mq output is pinned by <name>.mq.expected and the README says why.
    $fixes = preg_match('~^//\s*(mq-(?:fixes|differs)):\s*(.+)$~m', $head, $m) ? trim($m[1]) . ': ' . trim($m[2]) : null;
    $expectedFile = "$dir/$name.mq.expected";
    $ok = false;
    $report = '';

    if ($client !== null) {
        if ($client === 'mq' && $mqMissing || $client === 'amqplib' && $amqplibMissing) {
            $report = $client === 'mq' ? "mq.so not found at $so\n" : "php-amqplib not found at $autoload\n";
        } else {
            [$o1, $c1, $t1] = run_side($client, $file);
            $times[$client] += $t1;
            $r1 = render($o1, $c1);
            if ($show) {
                $report .= "--- $client output ---\n$r1";
            }
            if ($once) {
                $ok = $c1 === 0;
                if (!$ok && !$show) {
                    $report .= $r1;
                }
            } else {
                [$o2, $c2, $t2] = run_side($client, $file);
                $times[$client] += $t2;
                $r2 = render($o2, $c2);
                $ok = $c1 === 0 && $r1 === $r2;
                if (!$ok) {
                    $report .= $r1 === $r2 ? ($show ? '' : $r1) : udiff("$name ($client run 1)", $r1, "$name ($client run 2)", $r2);
                }
            }
            if ($client === 'mq' && $fixes !== null && is_file($expectedFile)) {
                $exp = file_get_contents($expectedFile);
                if ($r1 !== $exp) {
                    $ok = false;
                    $report .= "$fixes\n" . udiff("$name.mq.expected", $exp, "$name (mq)", $r1);
                }
            }
        }
    } elseif ($mqMissing || $amqplibMissing) {
        $report = $mqMissing ? "mq.so not found at $so (run make)\n" : "php-amqplib not found at $autoload\n";
    } else {
        [$oa, $ca, $ta] = run_side('amqplib', $file);
        [$om, $cm, $tm] = run_side('mq', $file);
        $times['amqplib'] += $ta;
        $times['mq'] += $tm;
        $ra = render($oa, $ca);
        $rm = render($om, $cm);
        if ($show) {
            $report .= "--- amqplib output ---\n$ra--- mq output ---\n$rm";
        }
        if ($ca !== 0) {
            // The reference run must succeed, or the scenario itself is broken (or the broker is down).
            $report .= "the php-amqplib run did not exit 0: the scenario itself is broken\n" . ($show ? '' : $ra);
        } elseif ($cm === null) {
            $report .= "the mq run timed out\n" . udiff("$name (php-amqplib)", $ra, "$name (mq)", $rm);
        } elseif ($fixes === null) {
            $ok = $ra === $rm;
            if (!$ok) {
                $report .= udiff("$name (php-amqplib)", $ra, "$name (mq)", $rm);
            }
        } elseif (!is_file($expectedFile)) {
            $report .= "$fixes\nmissing $expectedFile; mq printed:\n" . $rm;
        } else {
            $exp = file_get_contents($expectedFile);
            $ok = $rm === $exp;
            if (!$ok) {
                $report .= "$fixes\n" . udiff("$name.mq.expected", $exp, "$name (mq)", $rm);
            } elseif ($ra === $rm) {
                $report .= "note: php-amqplib now prints the same as $name.mq.expected; drop the mq-fixes header\n";
            }
        }
    }

    if ($ok) {
        $passed++;
        echo "PASS $name" . ($fixes !== null && $client === null ? " ($fixes)" : '') . "\n";
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
if ($names && is_file($autoload)) {
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
echo "diff: $passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
