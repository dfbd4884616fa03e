<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ;

use Illuminate\Contracts\Events\Dispatcher;
use Illuminate\Queue\Connectors\ConnectorInterface;
use Illuminate\Queue\Events\WorkerStopping;
use Mq\Extension;
use PhpAmqpLib\Connection\AbstractConnection;
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPSSLConnection;
use PhpAmqpLib\Connection\AMQPStreamConnection;

/** Builds the `rabbitmq` queue from a queue.connections block (see config/rabbitmq.php). */
class RabbitMQConnector implements ConnectorInterface
{
    public function __construct(private Dispatcher $events)
    {
    }

    public function connect(array $config)
    {
        Extension::require();
        $queue = new RabbitMQQueue(
            fn () => self::openConnection($config),
            (string) ($config['queue'] ?? 'default'),
            (array) ($config['options']['queue'] ?? []),
            $config['after_commit'] ?? null
        );
        // A worker about to exit (SIGTERM, --timeout, --max-jobs...) closes its connection cleanly, so acks
        // already sent reach the broker before the process dies and an unfinished job is redelivered at once.
        $this->events->listen(WorkerStopping::class, fn () => $queue->close());
        return $queue;
    }

    /** Connects to the first of `hosts` that answers; the last failure is rethrown when none does. */
    public static function openConnection(array $config): AbstractConnection
    {
        $hosts = $config['hosts'] ?? [];
        if ($hosts === []) {
            throw new \InvalidArgumentException('The rabbitmq queue connection has no `hosts`.');
        }
        $options = (array) ($config['options'] ?? []);
        $ssl = array_filter((array) ($options['ssl_options'] ?? []), fn ($v) => $v !== null && $v !== '');
        $secure = filter_var($config['secure'] ?? false, FILTER_VALIDATE_BOOLEAN) || isset($ssl['cafile']);
        // The name the management UI shows for the connection.
        $named = null;
        if (($options['connection_name'] ?? null) !== null) {
            $named = new AMQPConnectionConfig();
            $named->setConnectionName((string) $options['connection_name']);
        }
        $error = null;
        foreach ($hosts as $host) {
            $args = [
                $host['host'] ?? '127.0.0.1',
                (int) ($host['port'] ?? ($secure ? 5671 : 5672)),
                $host['user'] ?? 'guest',
                $host['password'] ?? 'guest',
                $host['vhost'] ?? '/',
            ];
            try {
                if ($secure) {
                    return new AMQPSSLConnection(...$args, ...[$ssl, [
                        'heartbeat' => (int) ($options['heartbeat'] ?? 30),
                        'connection_timeout' => (float) ($options['connection_timeout'] ?? 3.0),
                        'read_write_timeout' => (float) ($options['read_write_timeout'] ?? 60.0),
                    ], 'ssl', $named]);
                }
                return new AMQPStreamConnection(
                    ...$args,
                    ...[false, 'AMQPLAIN', null, 'en_US',
                        (float) ($options['connection_timeout'] ?? 3.0),
                        (float) ($options['read_write_timeout'] ?? 60.0),
                        null, false,
                        (int) ($options['heartbeat'] ?? 30), 0.0, null, $named]
                );
            } catch (\Throwable $e) {
                $error = $e;
            }
        }
        throw $error;
    }
}
