<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ\Console;

use Illuminate\Contracts\Cache\Repository as Cache;
use Illuminate\Queue\Console\WorkCommand;
use Illuminate\Queue\Worker;
use Mq\Laravel\RabbitMQ\RabbitMQQueue;

/**
 * `queue:work` with RabbitMQ pushing the jobs (basic_consume) instead of the worker polling with basic_get.
 * Everything else is Laravel's own worker, so every queue:work option, several queues and queue:restart work.
 */
class ConsumeCommand extends WorkCommand
{
    public function __construct(Worker $worker, Cache $cache)
    {
        // Same options as queue:work; --sleep defaults to 0 because pop() itself waits for a push. Plus
        // vyuldashev's rabbitmq:consume options, so existing supervisor configs run unchanged.
        $this->signature = str_replace(['queue:work', '{--sleep=3 '], ['rabbitmq:consume', '{--sleep=0 '], $this->signature)
            . ' {--prefetch-count=1 : Unacked deliveries per queue (1: a killed worker holds no job it did not start)}'
            . ' {--prefetch-size=0 : Taken for vyuldashev\'s driver; RabbitMQ supports only 0}'
            . ' {--consumer-tag= : The consumers\' tag (default: named by the broker)}'
            . ' {--max-priority= : The consumers\' priority (x-priority)}';
        $this->description = 'Process the jobs RabbitMQ pushes to this worker (basic_consume), with every queue:work option';
        parent::__construct($worker, $cache);
    }

    protected function runWorker($connection, $queue)
    {
        $rabbitmq = $this->laravel['queue']->connection($connection);
        if (!$rabbitmq instanceof RabbitMQQueue) {
            throw new \InvalidArgumentException("The queue connection [$connection] does not use the rabbitmq driver.");
        }
        // vyuldashev's driver sends it to basic_qos(), and RabbitMQ closes the connection for any but 0: the
        // worker is refused here, with the reason, instead of dying on its first consume.
        if ((string) $this->option('prefetch-size') !== '0') {
            throw new \InvalidArgumentException('--prefetch-size must be 0: RabbitMQ supports no prefetch window in bytes (it closes the connection with 540 NOT_IMPLEMENTED)');
        }
        $priority = $this->option('max-priority');
        $rabbitmq->consumeInsteadOfPolling(
            1.0,
            (int) $this->option('prefetch-count'),
            (string) $this->option('consumer-tag'),
            $priority === null || $priority === '' ? null : (int) $priority
        );
        return parent::runWorker($connection, $queue);
    }
}
