<?php
/**
 * What every RabbitMQ scenario uses: the cluster (scripts/rabbitmq-cluster.sh), the reference tool (Debian's
 * php-amqplib), the variant's client scripts under the client being tested; the rest is Harness's.
 */
final class Suite extends Harness
{
    /** @var list<int> AMQP ports of cluster nodes 1, 2, 3 */
    public readonly array $ports;

    public function __construct(
        string $root,
        string $so,
        public readonly string $client,    // mq (mq.so with mq.amqp_recovery=On) or php-amqplib (Debian's)
        public readonly string $variant,   // a directory of variants/: the client code the scenarios run
        bool $reduced,
        string $runDir,
        string $php,
    ) {
        parent::__construct($root, $so, $reduced, $runDir, $php);
        $this->ports = array_map('intval', explode(' ', trim($this->cluster('ports'))));
    }

    /** scripts/rabbitmq-cluster.sh ARGS (bounded); its output, or an exception saying what failed. */
    public function cluster(string ...$args): string
    {
        return $this->script('rabbitmq-cluster.sh', ...$args);
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
        return $this->command('reference.php ' . implode(' ', $args), [$this->php, '-n', '-d', 'extension=sockets', '-d', 'extension=mbstring',
            __DIR__ . '/../tools/reference.php', ...$args]);
    }

    /** The variant's $script (publisher or consumer) under the client being tested, with --key=value $args. */
    public function start(string $script, string $label, array $args, float $deadline): Child
    {
        $ext = $this->client === 'mq'
            ? ['-d', "extension=$this->so", '-d', 'mq.amqp_recovery=On']
            : ['-d', 'extension=sockets', '-d', 'extension=mbstring'];
        $argv = [$this->php, '-n', ...$ext, "$this->root/tests/faults/variants/$this->variant/$script.php"];
        return $this->spawn($label, [...$argv, ...self::options($args)], $deadline);
    }
}
