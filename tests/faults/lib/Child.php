<?php
/**
 * One child process of the fault suite, with a deadline: its stdout is read line by line without blocking
 * (the children print "EVENT TIMESTAMP FIELDS..." lines, see variants/_child.php), its stderr goes to a
 * file, its stdout is kept next to it (LABEL.out), and it is SIGKILLed when the deadline passes, so no child
 * can hang the runner.
 */
final class Child
{
    /** @var resource */
    private $proc;
    /** @var resource */
    private $stdout;
    private string $partial = '';
    /** @var list<array{0: string, 1: float, 2: list<string>}> every line received: event, time, fields */
    public array $events = [];
    public ?int $exitCode = null;
    public ?string $endedBy = null;   // null while running, then 'exit', 'timeout', 'killed' or 'stopped'
    public float $startedAt;

    public function __construct(public readonly string $label, array $argv, public readonly string $stderrFile,
                                private readonly float $deadline)
    {
        $this->startedAt = microtime(true);
        $proc = proc_open($argv, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $stderrFile, 'a']], $pipes);
        if (!is_resource($proc)) {
            throw new RuntimeException("cannot start $label");
        }
        $this->proc = $proc;
        $this->stdout = $pipes[1];
        stream_set_blocking($this->stdout, false);
    }

    /** Reads what the child printed; notices its end and its deadline. Returns false once it has ended. */
    public function poll(): bool
    {
        if ($this->endedBy !== null) {
            return false;
        }
        $this->read();
        $st = proc_get_status($this->proc);
        if (!$st['running']) {
            $this->read(true);
            $this->exitCode = $st['signaled'] ? 128 + $st['termsig'] : $st['exitcode'];
            $this->finish('exit');
            return false;
        }
        if (microtime(true) - $this->startedAt > $this->deadline) {
            $this->kill('timeout');
            return false;
        }
        return true;
    }

    /** SIGKILL, if it still runs: 'killed' (a fault injected), 'timeout' (its deadline), 'stopped' (not needed any more). */
    public function kill(string $why = 'killed'): void
    {
        if (!$this->poll()) {
            return;   // ended already (perhaps just now, by itself)
        }
        proc_terminate($this->proc, 9);
        for ($i = 0; $i < 100 && proc_get_status($this->proc)['running']; $i++) {
            usleep(10000);
        }
        $this->read(true);
        $this->exitCode = 137;
        $this->finish($why);
    }

    /** Polls until the child ends (or its deadline kills it). */
    public function wait(): void
    {
        while ($this->poll()) {
            usleep(20000);
        }
    }

    /** The fields of the last event named $event, or null. */
    public function last(string $event): ?array
    {
        for ($i = count($this->events) - 1; $i >= 0; $i--) {
            if ($this->events[$i][0] === $event) {
                return $this->events[$i];
            }
        }
        return null;
    }

    /** Counter $field (0 or 1) of the child's last progress/done line at or before time $t (0 if none). */
    public function counterAt(float $t, int $field): int
    {
        $value = 0;
        foreach ($this->events as [$event, $time, $fields]) {
            if ($time > $t) {
                break;
            }
            if ($event === 'progress' || $event === 'done') {
                $value = (int) $fields[$field];
            }
        }
        return $value;
    }

    /**
     * Seconds from $t (a fault) to the first progress/done line after it whose counter $field went past its
     * value at $t. Null if it never did.
     */
    public function resumedAfter(float $t, int $field): ?float
    {
        $before = $this->counterAt($t, $field);
        foreach ($this->events as [$event, $time, $fields]) {
            if ($time > $t && ($event === 'progress' || $event === 'done') && (int) $fields[$field] > $before) {
                return $time - $t;
            }
        }
        return null;
    }

    /**
     * The recovery time of a fault at $t: the longest time counter $field stood still, over the progress
     * lines from the last one before $t on. A fault does not act at once (a close is sent after the command
     * returns, buffered deliveries are still processed), so the first progress after $t would understate it;
     * the stall may also have begun before $t (a broker stop that took a while). Null if $field never moved
     * after $t.
     */
    public function stallAround(float $t, int $field): ?float
    {
        $longest = null;
        $prev = null;   // [time, counter] of the last progress line whose counter moved
        foreach ($this->events as [$event, $time, $fields]) {
            if ($event !== 'progress' && $event !== 'done') {
                continue;
            }
            $value = (int) $fields[$field];
            if ($prev !== null && $value > $prev[1]) {
                if ($time > $t) {
                    $longest = max($longest ?? 0.0, $time - $prev[0]);
                }
                $prev = [$time, $value];
            } elseif ($prev === null) {
                $prev = [$time, $value];
            }
        }
        return $longest;
    }

    /** True when the child printed "done" and exited 0. */
    public function completed(): bool
    {
        return $this->endedBy === 'exit' && $this->exitCode === 0 && $this->last('done') !== null;
    }

    /** How the child ended, for the report: "exit 0", "timeout after 120 s", or its error line and stderr. */
    public function outcome(): string
    {
        $how = match ($this->endedBy) {
            null => 'running',
            'timeout' => sprintf('killed by the runner after its %d s timeout', $this->deadline),
            'killed' => 'SIGKILLed (fault injection)',
            'stopped' => 'stopped by the runner (the other client had failed)',
            default => "exit $this->exitCode",
        };
        $error = $this->last('error');
        if ($error !== null) {
            $how .= ': ' . implode(' ', $error[2]);
        } elseif ($this->exitCode !== 0 && $this->endedBy === 'exit') {
            $tail = trim((string) @file_get_contents($this->stderrFile));
            if ($tail !== '') {
                $how .= ': ' . substr(str_replace("\n", ' | ', $tail), -300);
            }
        }
        return $how;
    }

    private function read(bool $toEnd = false): void
    {
        while (($chunk = fread($this->stdout, 65536)) !== false && $chunk !== '') {
            $this->partial .= $chunk;
            file_put_contents(preg_replace('/\.stderr$/', '.out', $this->stderrFile), $chunk, FILE_APPEND);
        }
        if ($toEnd && $this->partial !== '' && !str_ends_with($this->partial, "\n")) {
            $this->partial .= "\n";
        }
        while (($nl = strpos($this->partial, "\n")) !== false) {
            $line = substr($this->partial, 0, $nl);
            $this->partial = substr($this->partial, $nl + 1);
            $parts = explode(' ', $line);
            if (count($parts) >= 2 && is_numeric($parts[1])) {
                $this->events[] = [$parts[0], (float) $parts[1], array_slice($parts, 2)];
            } else {
                $this->events[] = ['text', microtime(true), [$line]];
            }
        }
    }

    private function finish(string $how): void
    {
        $this->endedBy = $how;
        fclose($this->stdout);
        proc_close($this->proc);
    }
}
