<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ;

use Illuminate\Container\Container;
use Illuminate\Contracts\Queue\Job as JobContract;
use Illuminate\Queue\Jobs\Job;
use PhpAmqpLib\Message\AMQPMessage;

/** One delivery from a `rabbitmq` queue; acked only once Laravel is done with it. */
class RabbitMQJob extends Job implements JobContract
{
    /** Whether the delivery was already acked or rejected. */
    private bool $settled = false;

    public function __construct(
        Container $container,
        private RabbitMQQueue $rabbitmq,
        private AMQPMessage $message,
        $connectionName,
        $queue
    ) {
        $this->container = $container;
        $this->connectionName = $connectionName;
        $this->queue = $queue;
    }

    public function getJobId()
    {
        return $this->message->has('message_id') ? $this->message->get('message_id') : ($this->payload()['uuid'] ?? null);
    }

    public function getRawBody()
    {
        return $this->message->getBody();
    }

    public function attempts()
    {
        return $this->rabbitmq->attemptsOf($this->message);
    }

    public function delete()
    {
        parent::delete();
        $this->settle(fn () => $this->message->ack());
    }

    /**
     * Publishes the next attempt (confirmed) before acking this one, so a crash in between loses nothing.
     * When the next attempt cannot be published, this delivery goes back to the broker (counted as an
     * attempt, as a crash's would be) before the worker takes its next job, unless Laravel fails or deletes
     * the job meanwhile; it stayed unacked for the rest of the worker's life.
     */
    public function release($delay = 0)
    {
        parent::release($delay);
        $options = ['attempts' => $this->attempts()];
        if ($this->message->has('priority')) {
            $options['priority'] = (int) $this->message->get('priority');
        }
        try {
            $this->rabbitmq->laterRaw($delay, $this->getRawBody(), $this->queue, $options);
        } catch (\Throwable $e) {
            $this->rabbitmq->handBackLater($this);
            throw $e;
        }
        $this->settle(fn () => $this->message->ack());
    }

    /** Hands the delivery back to the broker (requeued, redelivered), unless it was settled meanwhile. */
    public function handBack(): void
    {
        $this->settle(fn () => $this->message->nack(true));
    }

    /** With reroute_failed, the failed job is rejected to the queue's dead-letter exchange instead of acked. */
    public function markAsFailed()
    {
        parent::markAsFailed();
        if ($this->rabbitmq->reroutesFailed()) {
            $this->settle(fn () => $this->message->reject(false));
        }
    }

    public function getMessage(): AMQPMessage
    {
        return $this->message;
    }

    private function settle(\Closure $how): void
    {
        if (!$this->settled) {
            $this->settled = true;
            $this->rabbitmq->guard($how);
        }
    }
}
