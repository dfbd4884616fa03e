<?php
/*
 * Kafka fault-injection suite: brokers SIGKILLed or restarted under an idempotent producer, consumers
 * SIGKILLed in a group, a Mq\KafkaRetryingConsumer SIGKILLed with retries pending, a transactional
 * consume-transform-produce SIGKILLed between produce and commit; every scenario counts by key what was sent, reported delivered (delivery report)
 * and received (by a consumer, or read back from the topic with kcat at the end), and fails on any loss of a
 * delivered record. Runs against the three-broker cluster of scripts/kafka-cluster.sh, started here if it
 * is not running and then stopped again (never the test broker on 9092). README.md, "Fault injection",
 * says what each scenario proves.
 *
 *   php -n tests/faults/kafka.php [options]
 *     --reduced         small sizes (make test's faults layer); default: full size (make faults)
 *     --only=a,b        run only these scenarios
 *     --so=PATH         the mq.so the clients load (default $MQ_SO, else <repo>/modules/mq.so)
 *   Environment: PHP (the php binary for the children, default this one), MQ_KAFKA_GROUP_PROTOCOL (classic,
 *   the default, or consumer: the consumers' group.protocol), MQ_KAFKA_VERSION (scripts/kafka.sh).
 *
 * A scenario is one file in kafka/scenarios/: it returns ['about' => ..., 'run' => fn (KafkaSuite, Tally)]
 * and runs in name order.
 *
 * Prints a table (scenario, sent, delivered, received, lost, duplicates, recovery time, result), the notes
 * and failures of each scenario, and last "faults: N passed, N failed". Exit code 0 only if nothing failed.
 * Each child has a deadline and is SIGKILLed when it passes; the record files and each child's output
 * (LABEL.out, LABEL.stderr) stay in .state/faults/kafka-<run>/.
 */

declare(strict_types=1);

require __DIR__ . '/lib/Child.php';
require __DIR__ . '/lib/Harness.php';
require __DIR__ . '/lib/KafkaSuite.php';
require __DIR__ . '/lib/Tally.php';
require __DIR__ . '/lib/report.php';
require __DIR__ . '/lib/steps.php';
require __DIR__ . '/lib/kafka_steps.php';

ini_set('memory_limit', '-1');   // a million keys counted three ways

$root = dirname(__DIR__, 2);
$opts = getopt('', ['reduced', 'only:', 'so:', 'help']);
if (isset($opts['help'])) {
    echo preg_replace('/^ \* ?/m', '', explode('*/', explode('/*', file_get_contents(__FILE__), 2)[1])[0]);
    exit(0);
}
$usage = function (string $why): never {
    fwrite(STDERR, "kafka.php: $why (--help)\n");
    echo "faults: 0 passed, 1 failed\n";
    exit(2);
};
$scenarios = [];
foreach (glob(__DIR__ . '/kafka/scenarios/*.php') as $file) {
    $scenarios[basename($file, '.php')] = $file;
}
$so = $opts['so'] ?? (getenv('MQ_SO') ?: "$root/modules/mq.so");
$php = getenv('PHP') ?: PHP_BINARY;
$protocol = getenv('MQ_KAFKA_GROUP_PROTOCOL') ?: 'classic';
$only = isset($opts['only']) ? array_filter(explode(',', (string) $opts['only'])) : array_keys($scenarios);
if ($unknown = array_diff($only, array_keys($scenarios))) {
    $usage('no scenario ' . implode(', ', $unknown) . ' (scenarios: ' . implode(', ', array_keys($scenarios)) . ')');
}
if (!in_array($protocol, ['classic', 'consumer'], true)) {
    $usage('MQ_KAFKA_GROUP_PROTOCOL must be classic or consumer');
}
if (!is_file($so)) {
    $usage("$so not found (make build, or --so=PATH)");
}

$runDir = "$root/.state/faults/kafka-" . date('Ymd-His') . '-' . getmypid();
@mkdir($runDir, 0777, true);
$started = microtime(true);
echo 'faults: Kafka, ' . (isset($opts['reduced']) ? 'reduced' : 'full') . " size, group protocol $protocol, $so; records in $runDir\n";
try {
    $suite = new KafkaSuite($root, $so, isset($opts['reduced']), $runDir, $php, $protocol);
    // Started here, stopped here; a cluster someone left running is used and left running.
    $ours = false;
    try {
        $suite->cluster('status');
    } catch (RuntimeException) {
        $ours = true;
        echo "faults: starting the cluster (scripts/kafka-cluster.sh start)\n";
    }
    echo $suite->cluster('start'), "\n";
} catch (Throwable $e) {
    echo 'faults: the cluster did not start: ', $e->getMessage(), "\n";
    echo "faults: 0 passed, 1 failed\n";
    exit(1);
}

try {
    $rows = run_scenarios($suite, array_intersect_key($scenarios, array_flip($only)), 'delivered',
        fn (KafkaSuite $s) => $s->cluster('start'));
} finally {
    if ($ours) {
        echo $suite->cluster('stop'), "\n";
    }
}
exit(print_results($rows, 'delivered', $started) === 0 ? 0 : 1);
