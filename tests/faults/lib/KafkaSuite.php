<?php
/**
 * What every Kafka scenario uses: the three-broker cluster (scripts/kafka-cluster.sh), a private single-node
 * broker (scripts/kafka.sh on its own ports and state, never the test broker on 9092), the clients of
 * kafka/clients/ under mq.so, and kcat (its own librdkafka, not mq) to read topics back and list leaders.
 */
final class KafkaSuite extends Harness
{
    /** scripts/kafka.sh's environment for the private single node. */
    private const SINGLE = ['MQ_KAFKA_PORT' => 19096, 'MQ_KAFKA_CONTROLLER_PORT' => 19196, 'MQ_KAFKA_SASL_PORT' => 19296,
        'MQ_KAFKA_HEAP_OPTS' => '-Xms128m -Xmx512m'];

    /** bootstrap.servers of the cluster's three brokers */
    public readonly string $bootstrap;

    public function __construct(
        string $root,
        string $so,
        bool $reduced,
        string $runDir,
        string $php,
        public readonly string $groupProtocol,   // classic or consumer (KIP-848): what the consumers ask for
    ) {
        parent::__construct($root, $so, $reduced, $runDir, $php);
        $this->bootstrap = trim($this->cluster('bootstrap'));
    }

    /** scripts/kafka-cluster.sh ARGS (bounded); its output, or an exception saying what failed. */
    public function cluster(string ...$args): string
    {
        return $this->script('kafka-cluster.sh', ...$args);
    }

    /** scripts/kafka.sh $command (start, stop) on the private single node. */
    public function single(string $command): string
    {
        return $this->command("kafka.sh $command (private single node)", ["$this->root/scripts/kafka.sh", $command],
            self::SINGLE + ['MQ_STATE_DIR' => "$this->root/.state/kafka-cluster/single"]);
    }

    public function singleBootstrap(): string
    {
        return '127.0.0.1:' . self::SINGLE['MQ_KAFKA_PORT'];
    }

    /** kafka/clients/$client.php under mq.so, with --key=value $args. */
    public function start(string $client, string $label, array $args, float $deadline): Child
    {
        return $this->spawn($label, [$this->php, '-n', '-d', "extension=$this->so", '-d', 'memory_limit=-1',
            "$this->root/tests/faults/kafka/clients/$client.php", ...self::options($args)], $deadline);
    }

    /** @return array<int, array{leader: int, replicas: int, isrs: int}> partition => its leader and replica counts (kcat -L) */
    public function partitions(string $bootstrap, string $topic): array
    {
        $meta = json_decode($this->command("kcat -L -t $topic", ['kcat', '-b', $bootstrap, '-L', '-J', '-t', $topic, '-m', '10']), true);
        $found = [];
        foreach ($meta['topics'][0]['partitions'] ?? [] as $p) {
            $found[$p['partition']] = ['leader' => $p['leader'], 'replicas' => count($p['replicas']), 'isrs' => count($p['isrs'])];
        }
        if ($found === []) {
            throw new RuntimeException("kcat lists no partition of $topic");
        }
        ksort($found);
        return $found;
    }

    /**
     * Reads $topic from the beginning to its end with kcat (read_committed), recording one key a line in
     * $file; each key counts as arrived. Returns how many records it read.
     */
    public function readBack(Tally $t, string $bootstrap, string $topic, string $file): int
    {
        $keys = $this->command("kcat -C -t $topic", ['kcat', '-C', '-b', $bootstrap, '-t', $topic, '-o', 'beginning', '-e', '-q',
            '-X', 'isolation.level=read_committed', '-f', '%k\n']);
        file_put_contents($file, $keys === '' ? '' : "$keys\n");
        $n = 0;
        foreach (Tally::lines($file) as $key) {
            $t->arrive($key);
            $n++;
        }
        return $n;
    }
}
