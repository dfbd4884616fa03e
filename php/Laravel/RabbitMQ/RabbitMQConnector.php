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
        // vyuldashev's driver names the client key `local_key`; PHP's ssl context calls it `local_pk`.
        if (isset($ssl['local_key']) && !isset($ssl['local_pk'])) {
            $ssl['local_pk'] = $ssl['local_key'];
        }
        unset($ssl['local_key']);
        // The name the management UI shows for the connection.
        $named = null;
        if (($options['connection_name'] ?? null) !== null) {
            $named = new AMQPConnectionConfig();
            $named->setConnectionName((string) $options['connection_name']);
        }
        $connectionTimeout = (float) ($options['connection_timeout'] ?? 3.0);
        $readWriteTimeout = (float) ($options['read_write_timeout'] ?? 60.0);
        $heartbeat = (int) ($options['heartbeat'] ?? 30);
        if ($secure && $ssl === []) {
            // An AMQPSSLConnection without options would speak plain TCP (php-amqplib's deprecated mode).
            $ssl = ['verify_peer' => true];
        }
        $error = null;
        foreach ($hosts as $host) {
            $hostname = $host['host'] ?? '127.0.0.1';
            $port = (int) ($host['port'] ?? ($secure ? 5671 : 5672));
            $user = $host['user'] ?? 'guest';
            $password = $host['password'] ?? 'guest';
            $vhost = $host['vhost'] ?? '/';
            try {
                if ($secure) {
                    return new AMQPSSLConnection($hostname, $port, $user, $password, $vhost, $ssl, [
                        'heartbeat' => $heartbeat,
                        'connection_timeout' => $connectionTimeout,
                        'read_write_timeout' => $readWriteTimeout,
                    ], 'ssl', $named);
                }
                return new AMQPStreamConnection(
                    $hostname, $port, $user, $password, $vhost,
                    false, 'AMQPLAIN', null, 'en_US', $connectionTimeout, $readWriteTimeout, null, false, $heartbeat, 0.0, null, $named
                );
            } catch (\Throwable $e) {
                $error = $e;
            }
        }
        throw $error;
    }
}
