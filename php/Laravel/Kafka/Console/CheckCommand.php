<?php

declare(strict_types=1);

namespace Mq\Laravel\Kafka\Console;

class CheckCommand extends KafkaCommand
{
    protected $signature = 'kafka:check {connection=kafka} {--queue=* : queues to check (default: the connection\'s queue)}';

    protected $description = 'Check that a queue\'s topic and delay topics exist with the connection\'s partitions and replication factor, creating nothing';

    public function handle(): int
    {
        $kafka = $this->kafka();
        $failed = false;
        foreach ($this->option('queue') ?: [$kafka->getQueue()] as $queue) {
            $problems = $kafka->checkTopology((string) $queue);
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
