<?php
/*
 * Fault-injection suite: RabbitMQ faults (a broker restart, connections closed by the broker, a consumer
 * SIGKILLed, a cluster node SIGKILLed) under clients that publish and consume; every scenario counts by
 * message_id what was sent, confirmed and received, and fails on any loss of a confirmed message.
 * Runs against the three-node cluster of scripts/rabbitmq-cluster.sh (started here if it is not running;
 * never the test broker on 5672). README.md, "Fault injection", says what each scenario proves.
 *
 *   php -n tests/faults/run.php [options]
 *     --reduced         small sizes (make test's faults layer); default: full size (make faults)
 *     --only=a,b        run only these scenarios
 *     --so=PATH         the mq.so the clients load (default $MQ_SO, else <repo>/modules/mq.so)
 *     --client=mq       mq: the clients run `php -n -d extension=<mq.so> -d mq.amqp_recovery=On`;
 *                       php-amqplib: they run Debian's php-amqplib instead (no recovery: checks that the
 *                       variant's code is php-amqplib code, and shows what php-amqplib does under the faults)
 *     --variant=unchanged  the client code: variants/<name>/{publisher,consumer}.php. unchanged: plain
 *                       php-amqplib code, which relies on mq's recovery; reconnect-loop: the same with the
 *                       recovery php-amqplib users write by hand (shows that the scenarios can be passed).
 *                       A variant written with the Mq\ classes goes next to them.
 *   Environment: PHP (the php binary for the children, default this one), MQ_FAULTS_AMQPLIB (php-amqplib's
 *   autoloader, default /usr/share/php/PhpAmqpLib/autoload.php), MQ_CLUSTER_* (scripts/rabbitmq-cluster.sh).
 *
 * Prints a table (scenario, sent, confirmed, received, lost, duplicates, recovery time, result), the notes
 * and failures of each scenario, and last "faults: N passed, N failed". Exit code 0 only if nothing failed.
 * Each child has a deadline and is SIGKILLed when it passes; the record files and each child's output
 * (LABEL.out, LABEL.stderr) stay in .state/faults/<run>/.
 */

declare(strict_types=1);

require __DIR__ . '/lib/Child.php';
require __DIR__ . '/lib/Harness.php';
require __DIR__ . '/lib/Suite.php';
require __DIR__ . '/lib/Tally.php';
require __DIR__ . '/lib/report.php';
require __DIR__ . '/lib/steps.php';

const SCENARIOS = ['kill-consumer', 'close-consumer', 'close-publisher', 'restart', 'cluster-failover'];

$root = dirname(__DIR__, 2);
$opts = getopt('', ['reduced', 'only:', 'so:', 'client:', 'variant:', 'help']);
if (isset($opts['help'])) {
    echo preg_replace('/^ \* ?/m', '', explode('*/', explode('/*', file_get_contents(__FILE__), 2)[1])[0]);
    exit(0);
}
$usage = function (string $why): never {
    fwrite(STDERR, "run.php: $why (--help)\n");
    echo "faults: 0 passed, 1 failed\n";
    exit(2);
};
$client = $opts['client'] ?? 'mq';
$variant = $opts['variant'] ?? 'unchanged';
$so = $opts['so'] ?? (getenv('MQ_SO') ?: "$root/modules/mq.so");
$php = getenv('PHP') ?: PHP_BINARY;
$only = isset($opts['only']) ? array_filter(explode(',', (string) $opts['only'])) : SCENARIOS;
if (!in_array($client, ['mq', 'php-amqplib'], true)) {
    $usage('--client must be mq or php-amqplib');
}
if (!is_dir(__DIR__ . "/variants/$variant") || str_contains($variant, '/')) {
    $usage("no variant $variant in tests/faults/variants/");
}
if ($unknown = array_diff($only, SCENARIOS)) {
    $usage('no scenario ' . implode(', ', $unknown) . ' (scenarios: ' . implode(', ', SCENARIOS) . ')');
}
if ($client === 'mq' && !is_file($so)) {
    $usage("$so not found (make build, or --so=PATH)");
}

$runDir = "$root/.state/faults/" . date('Ymd-His') . '-' . getmypid();
@mkdir($runDir, 0777, true);
$started = microtime(true);
echo 'faults: ' . (isset($opts['reduced']) ? 'reduced' : 'full') . " size, client $client, variant $variant; records in $runDir\n";
if ($client === 'mq') {
    $recovery = shell_exec(escapeshellarg($php) . ' -n -d extension=' . escapeshellarg($so)
        . " -d mq.amqp_recovery=On -r 'var_export(ini_get(\"mq.amqp_recovery\"));' 2>&1");
    echo "faults: $so, mq.amqp_recovery=" . trim((string) $recovery) . "\n";
    if (trim((string) $recovery) === 'false') {
        echo "faults: this mq.so has no mq.amqp_recovery entry: connection recovery is not built (the unchanged variant needs it)\n";
    }
}
echo "faults: starting the cluster (scripts/rabbitmq-cluster.sh start)\n";
try {
    $suite = new Suite($root, $so, $client, $variant, isset($opts['reduced']), $runDir, $php);
    echo $suite->cluster('start'), "\n";
} catch (Throwable $e) {
    echo 'faults: the cluster did not start: ', $e->getMessage(), "\n";
    echo "faults: 0 passed, 1 failed\n";
    exit(1);
}

$files = [];
foreach (SCENARIOS as $name) {
    if (in_array($name, $only, true)) {
        $files[$name] = __DIR__ . "/scenarios/$name.php";
    }
}
$rows = run_scenarios($suite, $files, 'confirmed', fn (Suite $s) => $s->cluster('start'));
exit(print_results($rows, 'confirmed', $started) === 0 ? 0 : 1);
