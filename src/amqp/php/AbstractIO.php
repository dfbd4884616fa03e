<?php

namespace PhpAmqpLib\Wire\IO;

/**
 * php-amqplib's socket wrapper, as `$connection->getIO()` returns it. Under mq the socket belongs to
 * lapin's I/O thread, which reads, writes and answers heartbeats whatever PHP is doing: what this object
 * offers is what means something without the socket (the timeouts, the heartbeat switches code calls
 * around long work). Reading, writing, connecting and selecting go through the connection and channels.
 */
abstract class AbstractIO
{
    const BUFFER_SIZE = 8192;

    /** @var string */
    protected $host;

    /** @var int */
    protected $port;

    /** @var int|float */
    protected $connection_timeout;

    /** @var float */
    protected $read_timeout;

    /** @var float */
    protected $write_timeout;

    /** @var int */
    protected $heartbeat;

    /** @var int */
    protected $initial_heartbeat;

    /** @var bool */
    protected $keepalive;

    public function getReadTimeout(): float
    {
        return $this->read_timeout;
    }

    /**
     * php-amqplib stops checking for missed heartbeats until reenableHeartbeat(); mq's heartbeats never
     * miss while PHP is busy, so only the value is kept.
     *
     * @return $this
     */
    public function disableHeartbeat()
    {
        $this->heartbeat = 0;

        return $this;
    }

    /** @return $this */
    public function reenableHeartbeat()
    {
        $this->heartbeat = $this->initial_heartbeat;

        return $this;
    }

    /** Heartbeats are sent and checked by mq's I/O thread: nothing for PHP to do. */
    public function check_heartbeat()
    {
    }

    public function afterTune(int $heartbeat): void
    {
        $this->heartbeat = $heartbeat;
        $this->initial_heartbeat = $heartbeat;
    }
}
