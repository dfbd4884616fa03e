<?php

declare(strict_types=1);

namespace Mq\Laravel\Kafka\Console;

class TopicDeleteCommand extends KafkaCommand
{
    protected $signature = 'kafka:topic-delete {queue} {connection=kafka}';

    protected $description = 'Delete a queue\'s topic and its delay topics, with the jobs in them';

    public function handle(): int
    {
        $kafka = $this->kafka();
        return $this->eachTopic($kafka->topicsOf($this->queueName($kafka)), function (string $topic) use ($kafka) {
            $this->info($kafka->deleteTopic($topic) ? "Topic [$topic] deleted." : "Topic [$topic] did not exist.");
        });
    }
}
