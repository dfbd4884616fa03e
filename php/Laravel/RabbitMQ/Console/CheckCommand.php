<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ\Console;

class CheckCommand extends RabbitMQCommand
{
    protected $signature = 'rabbitmq:check {connection=rabbitmq} {--queue=* : queues to check (default: the connection\'s queue)}';

    protected $description = 'Check that the broker\'s exchange and queues match the connection\'s config, creating nothing';

    public function handle(): int
    {
        $rabbitmq = $this->rabbitmq();
        $queues = $this->option('queue') ?: [$rabbitmq->getQueue()];
        $failed = false;
        foreach ($queues as $queue) {
            $problems = $rabbitmq->checkTopology((string) $queue);
            foreach ($problems as $problem) {
                $this->error($problem);
            }
            if ($problems === []) {
                $this->info("Queue [$queue] matches the config.");
            }
            $failed = $failed || $problems !== [];
        }
        return $failed ? 1 : 0;
    }
}
