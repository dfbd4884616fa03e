<?php

declare(strict_types=1);

namespace Mq\Laravel\Kafka\Console;

use Mq\Laravel\ChecksTopology;

class CheckCommand extends KafkaCommand
{
    use ChecksTopology;

    protected $signature = 'kafka:check {connection=kafka} {--queue=* : queues to check (default: the connection\'s queue)}';

    protected $description = 'Check that a queue\'s topic and delay topics exist with the connection\'s partitions and replication factor, creating nothing';

    public function handle(): int
    {
        return $this->checkQueues($this->kafka());
    }
}
