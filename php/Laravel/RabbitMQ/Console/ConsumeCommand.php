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
        // Same options as queue:work; --sleep defaults to 0 because pop() itself waits for a push.
        $this->signature = str_replace(['queue:work', '{--sleep=3 '], ['rabbitmq:consume', '{--sleep=0 '], $this->signature);
        $this->description = 'Process the jobs RabbitMQ pushes to this worker (basic_consume), with every queue:work option';
        parent::__construct($worker, $cache);
    }

    protected function runWorker($connection, $queue)
    {
        $rabbitmq = $this->laravel['queue']->connection($connection);
        if (!$rabbitmq instanceof RabbitMQQueue) {
            throw new \InvalidArgumentException("The queue connection [$connection] does not use the rabbitmq driver.");
        }
        $rabbitmq->consumeInsteadOfPolling();
        return parent::runWorker($connection, $queue);
    }
}
