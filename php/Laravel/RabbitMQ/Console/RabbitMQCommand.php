<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ\Console;

use Illuminate\Console\Command;
use Mq\Laravel\RabbitMQ\RabbitMQQueue;

/** A command acting on the broker of one `rabbitmq` queue connection (argument `connection`). */
abstract class RabbitMQCommand extends Command
{
    protected function rabbitmq(): RabbitMQQueue
    {
        $name = (string) $this->argument('connection');
        $queue = $this->laravel['queue']->connection($name);
        if (!$queue instanceof RabbitMQQueue) {
            throw new \InvalidArgumentException("The queue connection [$name] does not use the rabbitmq driver.");
        }
        return $queue;
    }

    /** The queue named on the command line, else the connection's default queue. */
    protected function queueName(RabbitMQQueue $rabbitmq): string
    {
        return $rabbitmq->getQueue($this->hasArgument('queue') ? $this->argument('queue') : null);
    }
}
