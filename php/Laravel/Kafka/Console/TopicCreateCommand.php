<?php

declare(strict_types=1);

namespace Mq\Laravel\Kafka\Console;

class TopicCreateCommand extends KafkaCommand
{
    protected $signature = 'kafka:topic-create {queue? : default: the connection\'s queue} {connection=kafka}
        {--partitions= : default: the connection\'s `partitions`, else the broker\'s}
        {--replication-factor= : default: the connection\'s `replication_factor`, else the broker\'s}';

    protected $description = 'Create a queue\'s topic and its delay topics (those that exist are left as they are)';

    public function handle(): int
    {
        $kafka = $this->kafka();
        $queue = $this->queueName($kafka);
        $partitions = $this->option('partitions');
        $replication = $this->option('replication-factor');
        foreach (['partitions' => $partitions, 'replication-factor' => $replication] as $option => $value) {
            if ($value !== null && filter_var($value, FILTER_VALIDATE_INT) === false) {
                $this->error("--$option must be a whole number.");
                return 1;
            }
        }
        return $this->eachTopic($kafka->topicsOf($queue), function (string $topic) use ($kafka, $partitions, $replication) {
            $created = $kafka->createTopic($topic, $partitions === null ? null : (int) $partitions, $replication === null ? null : (int) $replication);
            $this->info($created ? "Topic [$topic] created." : "Topic [$topic] exists already.");
        });
    }
}
