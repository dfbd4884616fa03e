<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ\Console;

class QueueDeleteCommand extends RabbitMQCommand
{
    protected $signature = 'rabbitmq:queue-delete {queue} {connection=rabbitmq}
        {--unused : only if it has no consumers} {--empty : only if it holds no messages}';

    protected $description = 'Delete a queue and the jobs in it';

    public function handle(): int
    {
        $rabbitmq = $this->rabbitmq();
        $queue = $this->queueName($rabbitmq);
        [$count] = (array) $rabbitmq->channel()->queue_delete($queue, (bool) $this->option('unused'), (bool) $this->option('empty'));
        $this->info(sprintf('Queue [%s] deleted with %d jobs.', $queue, (int) $count));
        return 0;
    }
}
