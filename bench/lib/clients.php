<?php
// Client registry: every client the harness can run, grouped by broker.
//
// Each entry: the PHP command line that loads the client (always `php -n`, so no installed extension
// interferes), its script under bench/clients/ per broker it serves, extra environment, and a probe that
// tells whether the client is installed. Clients of one broker run the same scenarios; `subject` marks the
// client under test (mq), the others are anchors the ratios are computed against. kcat and Kafka's perf
// tools are not PHP: their scripts run them as child processes.

declare(strict_types=1);

function bench_clients(): array
{
    // Same PHP settings for every client: no php.ini, no memory limit (with the php-amqplib API every
    // unconfirmed AMQPMessage stays referenced until its confirm: 200 000 of them exceed the default 128 MB).
    $php = [PHP_BINARY, '-n', '-d', 'memory_limit=-1'];
    $so = getenv('MQ_SO') ?: dirname(__DIR__, 2) . '/modules/mq.so';
    $amqplib = getenv('MQ_BENCH_AMQPLIB') ?: '/usr/share/php/PhpAmqpLib/autoload.php';
    $kafkaLibs = bench_kafka_libs();
    $rdkafka = getenv('MQ_BENCH_RDKAFKA') ?: dirname(__DIR__, 2) . '/.state/php-rdkafka-ref/rdkafka.so';
    return [
        'mq' => [
            'scripts' => ['amqp' => 'amqplib.php', 'kafka' => 'rdkafka.php'],
            'subject' => true,
            'cmd' => [...$php, '-d', "extension=$so"],
            'env' => [],
            'probe' => fn() => is_file($so) ? null : "mq.so not found at $so (run make)",
        ],
        'php-amqplib' => [
            'scripts' => ['amqp' => 'amqplib.php'],
            'subject' => false,
            'cmd' => [...$php, '-d', 'extension=sockets', '-d', 'extension=mbstring'],
            'env' => ['MQ_BENCH_AUTOLOAD' => $amqplib],
            'probe' => fn() => is_file($amqplib) ? null : "php-amqplib not found at $amqplib",
        ],
        'php-amqp' => [
            'scripts' => ['amqp' => 'amqp-ext.php'],
            'subject' => false,
            'cmd' => [...$php, '-d', 'extension=amqp'],
            'env' => [],
            'probe' => fn() => bench_probe_extension([...$php, '-d', 'extension=amqp'], 'amqp'),
        ],
        'php-rdkafka' => [
            // The C extension mq's Kafka API replaces, on the same script as mq (never in one process with it).
            'scripts' => ['kafka' => 'rdkafka.php'],
            'subject' => false,
            'cmd' => [...$php, '-d', "extension=$rdkafka"],
            // librdkafka threads outlive php-rdkafka's KafkaConsumer and run on in code PHP unmaps when it
            // unloads the extension at exit: a segfault after the result in a few runs in a hundred (as
            // tests/diff/run.php says). Not unloading extensions keeps the reference's exit clean.
            'env' => ['ZEND_DONT_UNLOAD_MODULES' => '1'],
            'probe' => fn() => is_file($rdkafka) ? bench_probe_extension([...$php, '-d', "extension=$rdkafka"], 'rdkafka')
                : "php-rdkafka not found at $rdkafka (scripts/php-rdkafka-reference.sh builds it)",
        ],
        'kcat' => [
            'scripts' => ['kafka' => 'kcat.php'],
            'subject' => false,
            'cmd' => $php,
            'env' => [],
            'probe' => fn() => bench_command_exists('kcat') ? null : 'kcat is not installed',
        ],
        'kafka-perf' => [
            'scripts' => ['kafka' => 'kafka-perf.php'],
            'subject' => false,
            'cmd' => $php,
            'env' => ['MQ_KAFKA_LIBS' => $kafkaLibs],
            'probe' => fn() => !bench_command_exists('java') ? 'java is not installed'
                : (is_dir($kafkaLibs) ? null : "Kafka's jars not found in $kafkaLibs (scripts/kafka.sh start fetches them)"),
        ],
    ];
}

/** Where scripts/kafka.sh keeps the jars of the Kafka it runs (the perf tools are in kafka-tools). */
function bench_kafka_libs(): string
{
    return getenv('MQ_KAFKA_LIBS') ?: trim((string) shell_exec(escapeshellarg(dirname(__DIR__, 2) . '/scripts/kafka.sh') . ' libs'));
}

function bench_command_exists(string $command): bool
{
    exec('command -v ' . escapeshellarg($command) . ' 2>/dev/null', $out, $status);
    return $status === 0;
}

/** null when `$cmd` loads extension `$ext`, else why not. */
function bench_probe_extension(array $cmd, string $ext): ?string
{
    $out = [];
    exec(implode(' ', array_map('escapeshellarg', [...$cmd, '-r', "echo extension_loaded('$ext') ? 'yes' : 'no';"])) . ' 2>/dev/null', $out);
    return ($out[0] ?? '') === 'yes' ? null : "PHP extension '$ext' is not installed";
}
