<?php

declare(strict_types=1);

namespace Mq\Laravel\Kafka\Console;

use Illuminate\Console\Command;
use Mq\Laravel\Kafka\KafkaQueue;

/** A command acting on the topics of one `kafka` queue connection (argument `connection`). */
abstract class KafkaCommand extends Command
{
    protected function kafka(): KafkaQueue
    {
        $name = (string) $this->argument('connection');
        $queue = $this->laravel['queue']->connection($name);
        if (!$queue instanceof KafkaQueue) {
            throw new \InvalidArgumentException("The queue connection [$name] does not use the kafka driver.");
        }
        return $queue;
    }

    /**
     * Runs $action on each topic; a refusal (by the broker, or of an argument) is printed and ends the command
     * with status 1, leaving the topics after it untouched.
     */
    protected function eachTopic(array $topics, \Closure $action): int
    {
        foreach ($topics as $topic) {
            try {
                $action($topic);
            } catch (\InvalidArgumentException|\RdKafka\Exception $e) {
                $this->error("Topic [$topic]: " . $e->getMessage());
                return 1;
            }
        }
        return 0;
    }

    /** The queue named on the command line, else the connection's default queue. */
    protected function queueName(KafkaQueue $kafka): string
    {
        return $kafka->getQueue($this->argument('queue'));
    }
}
