<?php

namespace PhpAmqpLib\Connection\Heartbeat;

use PhpAmqpLib\Connection\AbstractConnection;

/**
 * php-amqplib sends heartbeats from signal handlers because it can only write while PHP calls it. mq's
 * connections send them from the extension's I/O threads all the time, so there is nothing to
 * schedule: register() and unregister() only keep code written for php-amqplib working.
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
    }

    public function unregister(): void
    {
        $this->connection = null;
    }
}
