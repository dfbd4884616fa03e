<?php

declare(strict_types=1);

namespace Mq\Laravel;

/** What `rabbitmq:check` and `kafka:check` share: each queue checked, its problems printed, status 1 if any. */
trait ChecksTopology
{
    /** @param object $connection a queue with getQueue() and checkTopology(string $queue): list<string> */
    protected function checkQueues(object $connection): int
    {
        $failed = false;
        foreach ($this->option('queue') ?: [$connection->getQueue()] as $queue) {
            $problems = $connection->checkTopology((string) $queue);
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
