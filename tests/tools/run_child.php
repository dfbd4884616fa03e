<?php
// Runs a command line in a child process with a deadline, so a hang in the child fails the test instead
// of hanging it: returns ['out' => stdout+stderr, 'status' => exit code, or 'signal N', or 'timeout'].

function run_with_deadline(string $cmd, float $seconds): array
{
    // Under scripts/valgrind.sh the child runs under Valgrind too, many times slower.
    if (getenv('MQ_VALGRIND')) {
        $seconds *= 5;
    }
    $p = proc_open('exec ' . $cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
    stream_set_blocking($pipes[1], false);
    $out = '';
    $deadline = microtime(true) + $seconds;
    $timedOut = false;
    while (true) {
        $r = [$pipes[1]];
        $w = $e = null;
        if (@stream_select($r, $w, $e, 0, 50000)) {
            $chunk = fread($pipes[1], 65536);
            if ($chunk !== false) {
                $out .= $chunk;
            }
        }
        $st = proc_get_status($p);
        if (!$st['running']) {
            $out .= stream_get_contents($pipes[1]);
            break;
        }
        if (microtime(true) > $deadline) {
            $timedOut = true;
            proc_terminate($p, 9);   // `exec`: the pid is the command's own, not a shell's
            usleep(100000);
            $out .= stream_get_contents($pipes[1]);
            break;
        }
    }
    fclose($pipes[1]);
    $code = proc_close($p);
    if ($timedOut) {
        return ['out' => $out, 'status' => 'timeout'];
    }
    if (!$st['running'] && $st['signaled']) {
        return ['out' => $out, 'status' => 'signal ' . $st['termsig']];
    }
    return ['out' => $out, 'status' => $st['exitcode'] !== -1 ? $st['exitcode'] : $code];
}
