<?php

declare(strict_types=1);

namespace Mq\Laravel\Kafka;

use Illuminate\Container\Container;
use Illuminate\Contracts\Queue\Job as JobContract;
use Illuminate\Queue\Jobs\Job;
use RdKafka\Message;

/** One record from a `kafka` queue; its offset is committed only once Laravel is done with it. */
class KafkaJob extends Job implements JobContract
{
    private bool $settled = false;

    public function __construct(
        Container $container,
        private KafkaQueue $kafka,
        private Message $message,
        private int $attempts,
        $connectionName,
        $queue
    ) {
        $this->container = $container;
        $this->connectionName = $connectionName;
        $this->queue = $queue;
    }

    public function getJobId()
    {
        return $this->payload()['uuid'] ?? $this->message->key;
    }

    public function getRawBody()
    {
        return (string) $this->message->payload;
    }

    public function attempts()
    {
        return $this->attempts;
    }

    /** Done or failed: committed with the next job's claim (see KafkaQueue::finished()). */
    public function delete()
    {
        parent::delete();
        if (!$this->settled) {
            $this->settled = true;
            $this->kafka->finished($this->message);
        }
    }

    /** Produces the next attempt (acknowledged by the brokers) before committing this one. */
    public function release($delay = 0)
    {
        parent::release($delay);
        try {
            $this->kafka->laterRaw($delay, $this->getRawBody(), $this->queue, ['attempts' => $this->attempts]);
        } catch (\Throwable $e) {
            // Not re-queued: this record must come again (see KafkaQueue::rejoin()).
            $this->kafka->rejoin();
            throw $e;
        }
        if (!$this->settled) {
            $this->settled = true;
            $this->kafka->commit($this->message);
        }
    }

    public function getMessage(): Message
    {
        return $this->message;
    }
}
