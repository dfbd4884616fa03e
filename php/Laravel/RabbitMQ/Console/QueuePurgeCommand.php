<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ\Console;

class QueuePurgeCommand extends RabbitMQCommand
{
    protected $signature = 'rabbitmq:queue-purge {queue? : default: the connection\'s queue} {connection=rabbitmq}';

    protected $description = 'Remove the waiting jobs of a queue, keeping the queue (as queue:clear does)';

    public function handle(): int
    {
        $rabbitmq = $this->rabbitmq();
        $queue = $this->queueName($rabbitmq);
        $this->info(sprintf('Queue [%s] purged of %d jobs.', $queue, $rabbitmq->clear($queue)));
        return 0;
    }
}
