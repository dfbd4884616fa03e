<?php
/**
 * What the RabbitMQ suite (Suite) and the Kafka suite (KafkaSuite) share: sizes, the children started (none
 * outlives its scenario), waiting on them, record directories, fresh names, bounded helper commands.
 */
abstract class Harness
{
    /** @var list<Child> every child started, so that none outlives its scenario */
    private array $children = [];

    public function __construct(
        public readonly string $root,
        public readonly string $so,
        public readonly bool $reduced,
        public readonly string $runDir,
        public readonly string $php,
    ) {
    }

    /** $full, or $reduced under --reduced (sizes, rates). */
    public function size(int|float $full, int|float $reduced): int|float
    {
        return $this->reduced ? $reduced : $full;
    }

    /** scripts/$script ARGS (bounded); its output, or an exception saying what failed. */
    public function script(string $script, string ...$args): string
    {
        return $this->command("$script " . implode(' ', $args), ["$this->root/scripts/$script", ...$args]);
    }

    /**
     * Runs $argv with a 300 s bound and $env added to the environment; its output (stdout and stderr), or an
     * exception saying that $what (the command, for the report) failed, and its output.
     */
    public function command(string $what, array $argv, array $env = []): string
    {
        $prefix = implode(' ', array_map(fn ($k, $v) => $k . '=' . escapeshellarg((string) $v), array_keys($env), $env));
        exec(trim("$prefix timeout 300 " . implode(' ', array_map('escapeshellarg', $argv))) . ' 2>&1', $out, $rc);
        if ($rc !== 0) {
            throw new RuntimeException("$what failed ($rc): " . implode("\n", $out));
        }
        return implode("\n", $out);
    }

    /** A child running $argv, SIGKILLed by killChildren() at the latest. */
    protected function spawn(string $label, array $argv, float $deadline): Child
    {
        return $this->children[] = new Child($label, $argv, "$this->runDir/$label.stderr", $deadline);
    }

    /** --key=value arguments for a child (see child_args()). */
    protected static function options(array $args): array
    {
        return array_map(fn ($k, $v) => "--$k=$v", array_keys($args), $args);
    }

    /** SIGKILLs the children still running (after a scenario, whatever happened in it). */
    public function killChildren(): void
    {
        foreach ($this->children as $c) {
            $c->kill('timeout');
        }
        $this->children = [];
    }

    /** A directory for one scenario's record files. */
    public function dir(string $scenario): string
    {
        $dir = "$this->runDir/$scenario";
        @mkdir($dir, 0777, true);
        return $dir;
    }

    /** A queue or topic name no earlier run used. */
    public function name(string $scenario): string
    {
        return "faults-$scenario-" . getmypid() . '-' . bin2hex(random_bytes(3));
    }

    /**
     * Polls the children until $until() is true (returns true), or $timeout seconds pass or all of them
     * have ended with $until() still false (returns false).
     */
    public function waitUntil(callable $until, float $timeout, Child ...$children): bool
    {
        $end = microtime(true) + $timeout;
        while (true) {
            $alive = false;
            foreach ($children as $c) {
                $alive = $c->poll() || $alive;
            }
            if ($until()) {
                return true;
            }
            if (!$alive || microtime(true) > $end) {
                return false;
            }
            usleep(20000);
        }
    }
}
