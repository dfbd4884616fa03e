<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ\Console;

use Mq\Laravel\ChecksTopology;

class CheckCommand extends RabbitMQCommand
{
    use ChecksTopology;

    protected $signature = 'rabbitmq:check {connection=rabbitmq} {--queue=* : queues to check (default: the connection\'s queue)}';

    protected $description = 'Check that the broker\'s exchange and queues match the connection\'s config, creating nothing';

    public function handle(): int
    {
        return $this->checkQueues($this->rabbitmq());
    }
}
