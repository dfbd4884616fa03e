<?php

declare(strict_types=1);

namespace Mq\Laravel;

use Illuminate\Support\ServiceProvider;
use Mq\Laravel\Kafka\KafkaConnector;
use Mq\Laravel\RabbitMQ\RabbitMQConnector;

/**
 * Registers mq's `rabbitmq` and `kafka` queue drivers, their connection blocks and the rabbitmq:* and kafka:* commands.
 * Auto-discovered through composer.json's extra.laravel.providers; without Composer, add it to config/app.php.
 */
class MqServiceProvider extends ServiceProvider
{
    /** Driver (and connection) name => [the package's default config file for it, its connector]. */
    private const DRIVERS = [
        'rabbitmq' => ['rabbitmq.php', RabbitMQConnector::class],
        'kafka' => ['kafka.php', KafkaConnector::class],
    ];

    public function register()
    {
        foreach (self::DRIVERS as $name => [$file]) {
            $this->mergeConnection($name, self::configDir() . '/' . $file);
        }
    }

    public function boot()
    {
        if ($this->app->runningInConsole() && function_exists('config_path')) {
            $files = [];
            foreach (self::DRIVERS as [$file]) {
                $files[self::configDir() . '/' . $file] = config_path($file);
            }
            $this->publishes($files, 'mq-config');
            // Built as Laravel builds queue:work (the Worker needs its maintenance-mode callback).
            $this->app->singleton(
                RabbitMQ\Console\ConsumeCommand::class,
                fn ($app) => new RabbitMQ\Console\ConsumeCommand($app['queue.worker'], $app['cache.store'])
            );
            $this->commands([
                RabbitMQ\Console\QueueDeclareCommand::class,
                RabbitMQ\Console\QueueDeleteCommand::class,
                RabbitMQ\Console\QueuePurgeCommand::class,
                RabbitMQ\Console\ExchangeDeclareCommand::class,
                RabbitMQ\Console\ExchangeDeleteCommand::class,
                RabbitMQ\Console\CheckCommand::class,
                RabbitMQ\Console\ConsumeCommand::class,
                Kafka\Console\TopicCreateCommand::class,
                Kafka\Console\TopicDeleteCommand::class,
                Kafka\Console\CheckCommand::class,
            ]);
        }
        // The extension is checked when a connection is made, not here, so an application that installs
        // the package but uses another queue connection still boots without mq.so.
        foreach (self::DRIVERS as $driver => [, $connector]) {
            $this->app['queue']->addConnector($driver, fn () => new $connector($this->app['events']));
        }
    }

    public static function configDir(): string
    {
        return dirname(__DIR__, 2) . '/config';
    }

    /**
     * queue.connections.<name> = the package's defaults, overridden by a published config/<name>.php, overridden
     * by a block the application wrote in config/queue.php. Shallow, like Laravel's mergeConfigFrom().
     */
    private function mergeConnection(string $name, string $path): void
    {
        if (method_exists($this->app, 'configurationIsCached') && $this->app->configurationIsCached()) {
            return;
        }
        $config = $this->app->make('config');
        $config->set("queue.connections.$name", array_merge(
            require $path,
            (array) $config->get($name, []),
            (array) $config->get("queue.connections.$name", [])
        ));
    }
}
