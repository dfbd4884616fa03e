<?php

namespace PhpAmqpLib\Connection\Heartbeat;

use PhpAmqpLib\Connection\AbstractConnection;
use PhpAmqpLib\Exception\AMQPRuntimeException;

/**
 * php-amqplib sends heartbeats from signal handlers because it can only write while PHP calls it. mq's
 * connections send them from the extension's I/O threads all the time, so there is nothing to
 * schedule and no signal handler is installed or reset: register() and unregister() keep code written
 * for php-amqplib working, with its checks (a sender registers only once, on a live connection).
 */
abstract class AbstractSignalHeartbeatSender
{
    /** @var AbstractConnection|null */
    protected $connection;

    public function __construct(AbstractConnection $connection)
    {
        $this->connection = $connection;
    }

    public function __destruct()
    {
        $this->unregister();
    }

    public function register(): void
    {
        if (!$this->connection) {
            throw new AMQPRuntimeException('Unable to re-register heartbeat sender');
        }
        if (!$this->connection->isConnected()) {
            throw new AMQPRuntimeException('Unable to register heartbeat sender, connection is not active');
        }
    }

    public function unregister(): void
    {
        $this->connection = null;
    }
}
