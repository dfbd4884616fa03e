<?php
// A Laravel application built by hand from Debian's components (no Composer, no testbench): the queue,
// bus, cache (file), database (SQLite, for the failed-jobs table) and mq's service provider, plus the
// queue:* artisan commands. Run as a script it is `artisan`: MQ_LARAVEL_SETTINGS (JSON, see laravel_app())
// configures it, the arguments are the command, e.g. `php app.php queue:work rabbitmq --stop-when-empty`.

use Illuminate\Config\Repository;
use Illuminate\Console\Application as Artisan;
use Illuminate\Contracts\Debug\ExceptionHandler;
use Illuminate\Foundation\Application;
use Illuminate\Support\Facades\Facade;

require_once '/usr/share/php/Illuminate/autoload.php';
require_once dirname(__DIR__) . '/bootstrap.php';
require_once __DIR__ . '/Jobs.php';

/**
 * @param array{state: string, connections: array, redis?: array} $settings state = a writable directory for
 *        this test; redis = host and port of a redis-server for Laravel's redis driver
 */
function laravel_app(array $settings): Application
{
    $state = $settings['state'];
    $app = new Application($state);
    Facade::clearResolvedInstances();
    Facade::setFacadeApplication($app);
    $app['env'] = 'testing';
    $app->instance('config', new Repository([
        'app' => ['name' => 'mq-test', 'debug' => true],
        'queue' => [
            'default' => array_key_first($settings['connections']),
            'connections' => $settings['connections'],
            'failed' => ['driver' => 'database-uuids', 'database' => 'sqlite', 'table' => 'failed_jobs'],
        ],
        'cache' => ['default' => 'file', 'stores' => ['file' => ['driver' => 'file', 'path' => "$state/cache"]]],
        'database' => [
            'default' => 'sqlite',
            'connections' => ['sqlite' => ['driver' => 'sqlite', 'database' => "$state/db.sqlite", 'prefix' => '']],
            // For Laravel's own redis queue driver (the benchmark compares with it).
            'redis' => ['client' => 'phpredis', 'default' => $settings['redis'] ?? ['host' => '127.0.0.1', 'port' => 6379]],
        ],
    ]));
    $app->singleton(ExceptionHandler::class, TestExceptionHandler::class);
    foreach ([
        Illuminate\Filesystem\FilesystemServiceProvider::class,
        Illuminate\Bus\BusServiceProvider::class,
        Illuminate\Cache\CacheServiceProvider::class,
        Illuminate\Database\DatabaseServiceProvider::class,
        Illuminate\Redis\RedisServiceProvider::class,
        Illuminate\Queue\QueueServiceProvider::class,
        Mq\Laravel\MqServiceProvider::class,
    ] as $provider) {
        $app->register($provider);
    }
    $app->boot();
    touch("$state/db.sqlite");
    $schema = $app['db']->connection()->getSchemaBuilder();
    if (!$schema->hasTable('failed_jobs')) {
        $schema->create('failed_jobs', function ($table) {
            $table->id();
            $table->string('uuid')->unique();
            $table->text('connection');
            $table->text('queue');
            $table->longText('payload');
            $table->longText('exception');
            $table->timestamp('failed_at')->useCurrent();
        });
    }
    return $app;
}

function laravel_artisan(Application $app): Artisan
{
    $app->alias('queue.worker', Illuminate\Queue\Worker::class);
    $artisan = new Artisan($app, $app['events'], $app->version());
    $artisan->setAutoExit(false);
    foreach ([
        Illuminate\Queue\Console\WorkCommand::class,
        Illuminate\Queue\Console\ClearCommand::class,
        Illuminate\Queue\Console\MonitorCommand::class,
        Illuminate\Queue\Console\RetryCommand::class,
    ] as $command) {
        $artisan->resolve($command);
    }
    return $artisan;
}

/** Reports to stderr, so a worker's log shows what went wrong. */
final class TestExceptionHandler implements ExceptionHandler
{
    public function report(Throwable $e)
    {
        fwrite(STDERR, 'reported: ' . get_class($e) . ': ' . $e->getMessage() . "\n");
    }

    public function shouldReport(Throwable $e)
    {
        return true;
    }

    public function render($request, Throwable $e)
    {
        throw $e;
    }

    public function renderForConsole($output, Throwable $e)
    {
        $output->writeln(get_class($e) . ': ' . $e->getMessage());
    }
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    $app = laravel_app(json_decode((string) getenv('MQ_LARAVEL_SETTINGS'), true, 512, JSON_THROW_ON_ERROR));
    exit(laravel_artisan($app)->run(new Symfony\Component\Console\Input\ArgvInput()));
}
