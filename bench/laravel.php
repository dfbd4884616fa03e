<?php
// Laravel queue drivers compared through Laravel itself (Debian's 8.83, bootstrapped as the PHPUnit tests
// do): jobs/s dispatched (each push returns once the backend has the job: mq's rabbitmq waits for the
// publisher confirm, kafka for the delivery report), the same through bulk() of 100, and jobs/s handled by
// one in-process Worker (queue:work's loop, --stop-when-empty, no timeout alarm), from its first job to its
// last; the time before its first job (a Kafka worker joining its group) is its own column. Backends: mq's `rabbitmq` and `kafka`, Laravel's
// `redis` (phpredis, against a private redis-server this script starts) and `database` (SQLite file).
//
//   php -n <extensions> bench/laravel.php [--jobs=N] [--drivers=rabbitmq,rabbitmq-consume,kafka,redis,database]
// `make bench-laravel` runs it with the right extensions.

require dirname(__DIR__) . '/tests/php/Laravel/app.php';
require dirname(__DIR__) . '/tests/tools/brokers.php';

use Illuminate\Bus\Queueable;
use Illuminate\Contracts\Queue\ShouldQueue;
use Illuminate\Queue\WorkerOptions;

/** The job every driver runs: nothing, so the numbers are the queue's own cost. */
final class NoopJob implements ShouldQueue
{
    use Queueable;

    public function handle(): void
    {
    }
}

$opts = getopt('', ['jobs:', 'drivers:']);
$jobs = (int) ($opts['jobs'] ?? 5000);
$drivers = explode(',', $opts['drivers'] ?? 'rabbitmq,rabbitmq-consume,kafka,redis,database');
$state = sys_get_temp_dir() . '/' . fresh_name('mq-bench-laravel');
mkdir($state);
$name = basename($state);

$redisPort = 6390 + getmypid() % 500;
$redis = null;
if (in_array('redis', $drivers, true)) {
    if (!class_exists('Redis') || !is_executable('/usr/bin/redis-server')) {
        fwrite(STDERR, "redis: skipped (needs redis-server and php-redis: make deps)\n");
        $drivers = array_values(array_diff($drivers, ['redis']));
    } else {
        $redis = proc_open(['/usr/bin/redis-server', '--port', (string) $redisPort, '--save', '', '--appendonly', 'no', '--dir', $state], [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        usleep(300_000);
    }
}

// rabbitmq-consume: the same connection, handled the way `rabbitmq:consume` does (pushed deliveries).
$connections = [
    'rabbitmq' => ['driver' => 'rabbitmq', 'queue' => $name, 'hosts' => [['host' => '127.0.0.1', 'port' => amqp_port()]]],
    'rabbitmq-consume' => ['driver' => 'rabbitmq', 'queue' => $name, 'hosts' => [['host' => '127.0.0.1', 'port' => amqp_port()]]],
    'kafka' => ['driver' => 'kafka', 'queue' => $name, 'brokers' => kafka_bootstrap(), 'group_id' => "$name-group"],
    'redis' => ['driver' => 'redis', 'connection' => 'default', 'queue' => $name, 'retry_after' => 90, 'block_for' => null],
    'database' => ['driver' => 'database', 'table' => 'jobs', 'queue' => $name, 'retry_after' => 90],
];

printf("%d jobs per driver pushed one by one, %d more with bulk(); Laravel %s, PHP %s\n\n%-17s %13s %13s %11s %16s\n", $jobs, $jobs, Illuminate\Foundation\Application::VERSION, PHP_VERSION, 'driver', 'dispatched/s', 'bulk/s', 'handled/s', 'first job (ms)');
foreach ($drivers as $driver) {
    $app = laravel_app(['state' => $state, 'connections' => [$driver => $connections[$driver]], 'redis' => ['host' => '127.0.0.1', 'port' => $redisPort]]);
    if ($driver === 'database') {
        $app['db']->connection()->getSchemaBuilder()->create('jobs', function ($table) {
            $table->bigIncrements('id');
            $table->string('queue')->index();
            $table->longText('payload');
            $table->unsignedTinyInteger('attempts');
            $table->unsignedInteger('reserved_at')->nullable();
            $table->unsignedInteger('available_at');
            $table->unsignedInteger('created_at');
        });
    }
    $queue = $app['queue']->connection($driver);

    $start = microtime(true);
    for ($i = 0; $i < $jobs; $i++) {
        $queue->push(new NoopJob());
    }
    $dispatched = $jobs / (microtime(true) - $start);
    // bulk(): 100 jobs per call (one confirm wait / one flush per call for mq's drivers).
    $start = microtime(true);
    for ($i = 0; $i < $jobs; $i += 100) {
        $queue->bulk(array_map(fn () => new NoopJob(), range(1, min(100, $jobs - $i))));
    }
    $bulk = $jobs / (microtime(true) - $start);

    if ($driver === 'rabbitmq-consume') {
        $queue->consumeInsteadOfPolling();
    }
    $handled = 0;
    $first = $last = null;
    $app['events']->listen(Illuminate\Queue\Events\JobProcessing::class, function () use (&$first) {
        $first ??= microtime(true);
    });
    $app['events']->listen(Illuminate\Queue\Events\JobProcessed::class, function () use (&$handled, &$last) {
        $handled++;
        $last = microtime(true);
    });
    $start = microtime(true);
    $app['queue.worker']->daemon($driver, $name, new WorkerOptions('default', 0, 1024, 0, 0, 1, false, true));
    $rate = $handled / ($last - $first);
    printf("%-17s %13.0f %13.0f %11.0f %16.0f%s\n", $driver, $dispatched, $bulk, $rate, ($first - $start) * 1000, $handled === 2 * $jobs ? '' : "  (handled $handled of " . 2 * $jobs . ')');

    if (str_starts_with($driver, 'rabbitmq')) {
        $queue->channel()->queue_delete($name);
    }
}

if ($redis !== null) {
    proc_terminate($redis);
    proc_close($redis);
}
if (in_array('kafka', $drivers, true)) {
    exec(dirname(__DIR__) . '/scripts/kafka.sh delete-topics ' . escapeshellarg(preg_quote($name) . '.*') . ' >/dev/null 2>&1');
}
exec('rm -rf ' . escapeshellarg($state));
