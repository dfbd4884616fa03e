<?php
// The runner loop both suites share: each scenario with its Tally, what it found, the table, the last line.

/**
 * Runs the scenarios $files (name => scenario file returning ['about' => ..., 'run' => fn (Harness, Tally)])
 * in order, printing each one's notes, losses and failures. $afterFailure($suite) runs before the scenario
 * that follows a failed one (which may have left a node down). $confirmed names what the broker reports
 * ("confirmed", "delivered"). Returns the tallies.
 *
 * @return list<Tally>
 */
function run_scenarios(Harness $suite, array $files, string $confirmed, ?callable $afterFailure = null): array
{
    $rows = [];
    $lastFailed = false;
    foreach ($files as $name => $file) {
        $scenario = require $file;
        $tally = new Tally($name);
        $t0 = microtime(true);
        echo "--- $name: {$scenario['about']}\n";
        try {
            if ($lastFailed && $afterFailure !== null) {
                $afterFailure($suite);
            }
            $scenario['run']($suite, $tally);
        } catch (Throwable $e) {
            $tally->aborted = true;
            $tally->fail('runner: ' . get_class($e) . ': ' . $e->getMessage() . ' (counts incomplete)');
        } finally {
            $suite->killChildren();
        }
        $lastFailed = $tally->failed();
        foreach ($tally->notes as $note) {
            echo "    $note\n";
        }
        if (($lost = $tally->lost()) !== []) {
            sort($lost, SORT_NATURAL);
            echo '    LOST ' . count($lost) . " $confirmed messages, e.g. " . implode(', ', array_slice($lost, 0, 5)) . "\n";
        }
        foreach ($tally->failures as $failure) {
            echo "    FAIL $failure\n";
        }
        printf("    %s in %.1f s\n", $tally->failed() ? 'failed' : 'passed', microtime(true) - $t0);
        $rows[] = $tally;
    }
    return $rows;
}

/** The table (scenario, sent, $confirmed, received, lost, duplicates, recovery, result) and "faults: N passed, N failed". */
function print_results(array $rows, string $confirmed, float $started): int
{
    $table = [['scenario', 'sent', $confirmed, 'received', 'lost', 'duplicates', 'recovery', 'result']];
    foreach ($rows as $t) {
        $table[] = [$t->scenario, $t->sent, count($t->confirmed), count($t->arrived), $t->aborted ? '?' : count($t->lost()), $t->duplicates(),
            $t->recovery === null ? '-' : sprintf('%.2f s', $t->recovery),
            $t->aborted ? 'ERROR' : ($t->lost() !== [] ? 'LOSS' : ($t->failures !== [] ? 'FAILED' : 'ok'))];
    }
    $widths = array_map(fn ($i) => max(array_map(fn ($r) => strlen((string) $r[$i]), $table)), array_keys($table[0]));
    echo "\n";
    foreach ($table as $r) {
        echo '  ' . implode('  ', array_map(fn ($v, $w) => is_int($v) ? str_pad((string) $v, $w, ' ', STR_PAD_LEFT) : str_pad((string) $v, $w), $r, $widths)), "\n";
    }
    $failed = count(array_filter($rows, fn ($t) => $t->failed()));
    printf("\nfaults: %d passed, %d failed (%.0f s)\n", count($rows) - $failed, $failed, microtime(true) - $started);
    return $failed;
}
