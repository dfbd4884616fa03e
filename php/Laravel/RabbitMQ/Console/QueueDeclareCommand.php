<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ\Console;

class QueueDeclareCommand extends RabbitMQCommand
{
    protected $signature = 'rabbitmq:queue-declare {queue? : default: the connection\'s queue} {connection=rabbitmq}';

    protected $description = 'Declare a queue with the connection\'s settings (type, priority, dead-lettering), and its exchange and binding';

    public function handle(): int
    {
        $rabbitmq = $this->rabbitmq();
        $queue = $this->queueName($rabbitmq);
        $rabbitmq->declareTopology($queue);
        $this->info("Queue [$queue] declared.");
        return 0;
    }
}
