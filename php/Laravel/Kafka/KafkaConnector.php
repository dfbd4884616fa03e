<?php

declare(strict_types=1);

namespace Mq\Laravel\Kafka;

use Illuminate\Contracts\Events\Dispatcher;
use Illuminate\Queue\Connectors\ConnectorInterface;
use Illuminate\Queue\Events\WorkerStopping;
use Mq\Extension;

/** Builds the `kafka` queue from a queue.connections block (see config/kafka.php). */
class KafkaConnector implements ConnectorInterface
{
    public function __construct(private Dispatcher $events)
    {
    }

    public function connect(array $config)
    {
        Extension::require();
        $queue = new KafkaQueue($config, $config['after_commit'] ?? null);
        // A stopping worker leaves the group at once, so its partitions move to the others without waiting
        // for the session timeout.
        $this->events->listen(WorkerStopping::class, fn () => $queue->close());
        return $queue;
    }
}
