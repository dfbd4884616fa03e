<?php
/**
 * What every scenario uses: the cluster (scripts/rabbitmq-cluster.sh), the reference tool (Debian's
 * php-amqplib), the variant's client scripts under the client being tested, waiting on children, sizes.
 */
final class Suite
{
    /** @var list<int> AMQP ports of cluster nodes 1, 2, 3 */
    public readonly array $ports;
    /** @var list<Child> every child started, so that none outlives its scenario */
    private array $children = [];

    public function __construct(
        public readonly string $root,
        public readonly string $so,
        public readonly string $client,    // mq (mq.so with mq.amqp_recovery=On) or php-amqplib (Debian's)
        public readonly string $variant,   // a directory of variants/: the client code the scenarios run
        public readonly bool $reduced,
        public readonly string $runDir,
        public readonly string $php,
    ) {
        $this->ports = array_map('intval', explode(' ', trim($this->cluster('ports'))));
    }

    /** $full, or $reduced under --reduced (sizes, rates). */
    public function size(int|float $full, int|float $reduced): int|float
    {
        return $this->reduced ? $reduced : $full;
    }

    /** scripts/rabbitmq-cluster.sh ARGS (bounded); its output, or an exception saying what failed. */
    public function cluster(string ...$args): string
    {
        $cmd = 'timeout 300 ' . escapeshellarg("$this->root/scripts/rabbitmq-cluster.sh") . ' '
            . implode(' ', array_map('escapeshellarg', $args)) . ' 2>&1';
        exec($cmd, $out, $rc);
        if ($rc !== 0) {
            throw new RuntimeException('rabbitmq-cluster.sh ' . implode(' ', $args) . " failed ($rc): " . implode("\n", $out));
        }
        return implode("\n", $out);
    }

    /** rabbitmqctl on node $node with --formatter json, decoded. */
    public function ctlJson(int $node, string ...$args): array
    {
        $out = $this->cluster('ctl', (string) $node, '-q', ...[...$args, '--formatter', 'json']);
        $data = json_decode($out, true);
        if (!is_array($data)) {
            throw new RuntimeException('rabbitmqctl ' . implode(' ', $args) . " printed no JSON: $out");
        }
        return $data;
    }

    /**
     * The broker-side connections whose client gave $connectionName (null: every connection), listed
     * cluster-wide from $node, as [connection pid => server port] ("<mq-c1@localhost.1796.605.0>" => 5681):
     * rabbitmqctl's tab-separated output, whose pids close_connection takes (its JSON output's do not).
     */
    public function connections(int $node, ?string $connectionName = null): array
    {
        $found = [];
        $out = $this->cluster('ctl', (string) $node, '-q', 'list_connections', 'pid', 'port', 'client_properties');
        foreach (array_slice(explode("\n", $out), 1) as $line) {
            $cols = explode("\t", $line, 3);
            if (count($cols) === 3 && ($connectionName === null
                    || str_contains($cols[2], '{"connection_name","' . $connectionName . '"}'))) {
                $found[$cols[0]] = (int) $cols[1];
            }
        }
        return $found;
    }

    /** Debian's php-amqplib running tools/reference.php ARGS (see there), bounded; its output. */
    public function reference(string ...$args): string
    {
        $cmd = 'timeout 300 ' . escapeshellarg($this->php) . ' -n -d extension=sockets -d extension=mbstring '
            . escapeshellarg(__DIR__ . '/../tools/reference.php') . ' ' . implode(' ', array_map('escapeshellarg', $args)) . ' 2>&1';
        exec($cmd, $out, $rc);
        if ($rc !== 0) {
            throw new RuntimeException('reference.php ' . implode(' ', $args) . " failed ($rc): " . implode("\n", $out));
        }
        return implode("\n", $out);
    }

    /** The variant's $script (publisher or consumer) under the client being tested, with --key=value $args. */
    public function start(string $script, string $label, array $args, float $deadline): Child
    {
        $ext = $this->client === 'mq'
            ? ['-d', "extension=$this->so", '-d', 'mq.amqp_recovery=On']
            : ['-d', 'extension=sockets', '-d', 'extension=mbstring'];
        $argv = [$this->php, '-n', ...$ext, "$this->root/tests/faults/variants/$this->variant/$script.php"];
        foreach ($args as $k => $v) {
            $argv[] = "--$k=$v";
        }
        return $this->children[] = new Child($label, $argv, "$this->runDir/$label.stderr", $deadline);
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

    /** A queue name no earlier run used. */
    public function queue(string $scenario): string
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
