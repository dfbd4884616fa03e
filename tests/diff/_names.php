<?php
/*
 * Shared by the preludes of both suites (scenarios/ and kafka/): the real names a scenario makes and the
 * printing that shows their logical names instead, so both sides print the same text, and the report of
 * an uncaught exception. Each prelude makes its names in name() and records them with remember(), and
 * defines repr(), how its values print, and client(), which client runs.
 */

// An exception nobody caught: say where in the scenario it came from (the client is named only here).
set_exception_handler(function (Throwable $e): void {
    $at = '';
    $main = realpath($_SERVER['SCRIPT_FILENAME']);
    foreach (array_merge([['file' => $e->getFile(), 'line' => $e->getLine()]], $e->getTrace()) as $f) {
        if (isset($f['file']) && realpath($f['file']) === $main) {
            $at = " at line {$f['line']}";
            break;
        }
    }
    out('UNCAUGHT ' . get_class($e) . ': ' . $e->getMessage() . $at . ' [client ' . client() . ']');
    exit(255);
});

/** @var array<string,string> real name => logical name */
$GLOBALS['__names'] = [];

/** Records a real name, also for run.php, which deletes leftovers of a scenario that died halfway. */
function remember(string $real, string $logical): string
{
    $GLOBALS['__names'][$real] = $logical;
    if ($f = getenv('MQ_DIFF_NAMES')) {
        file_put_contents($f, "$real\n", FILE_APPEND | LOCK_EX);
    }
    return $real;
}

/** Replaces the real names in $s by their logical names. */
function logical(string $s): string
{
    return $GLOBALS['__names'] ? strtr($s, $GLOBALS['__names']) : $s;
}

/** Prints its arguments (joined by a space) as one line, with names replaced. */
function out(...$parts): void
{
    echo logical(implode(' ', array_map(fn ($p) => is_string($p) ? $p : repr($p), $parts))), "\n";
}

/** Prints "label: <stable representation of value>". */
function show(string $label, $value): void
{
    out($label . ': ' . repr($value));
}
