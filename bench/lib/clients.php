<?php
// Client registry: every client the harness can run, grouped by broker.
//
// Each entry: the PHP command line that loads the client (always `php -n`, so no installed extension
// interferes), the client script under bench/clients/, extra environment, and a probe that tells whether the
// client is installed. Clients of one broker run the same scenarios; `subject` marks the client under test
// (mq), the others are anchors the ratios are computed against. Kafka clients (mq's RdKafka API and
// php-rdkafka) go here with 'broker' => 'kafka'.

declare(strict_types=1);

function bench_clients(): array
{
    // Same PHP settings for every client: no php.ini, no memory limit (with the php-amqplib API every
    // unconfirmed AMQPMessage stays referenced until its confirm: 200 000 of them exceed the default 128 MB).
    $php = [PHP_BINARY, '-n', '-d', 'memory_limit=-1'];
    $so = getenv('MQ_SO') ?: dirname(__DIR__, 2) . '/modules/mq.so';
    $amqplib = getenv('MQ_BENCH_AMQPLIB') ?: '/usr/share/php/PhpAmqpLib/autoload.php';
    return [
        'mq' => [
            'broker' => 'amqp',
            'subject' => true,
            'cmd' => [...$php, '-d', "extension=$so"],
            'script' => 'amqplib.php',
            'env' => [],
            'probe' => fn() => is_file($so) ? null : "mq.so not found at $so (run make)",
        ],
        'php-amqplib' => [
            'broker' => 'amqp',
            'subject' => false,
            'cmd' => [...$php, '-d', 'extension=sockets', '-d', 'extension=mbstring'],
            'script' => 'amqplib.php',
            'env' => ['MQ_BENCH_AUTOLOAD' => $amqplib],
            'probe' => fn() => is_file($amqplib) ? null : "php-amqplib not found at $amqplib",
        ],
        'php-amqp' => [
            'broker' => 'amqp',
            'subject' => false,
            'cmd' => [...$php, '-d', 'extension=amqp'],
            'script' => 'amqp-ext.php',
            'env' => [],
            'probe' => fn() => bench_probe_extension([...$php, '-d', 'extension=amqp'], 'amqp'),
        ],
    ];
}

/** null when `$cmd` loads extension `$ext`, else why not. */
function bench_probe_extension(array $cmd, string $ext): ?string
{
    $out = [];
    exec(implode(' ', array_map('escapeshellarg', [...$cmd, '-r', "echo extension_loaded('$ext') ? 'yes' : 'no';"])) . ' 2>/dev/null', $out);
    return ($out[0] ?? '') === 'yes' ? null : "PHP extension '$ext' is not installed";
}
