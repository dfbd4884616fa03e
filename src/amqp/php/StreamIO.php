<?php

namespace PhpAmqpLib\Wire\IO;

/** The TCP or TLS connection's `getIO()` (see AbstractIO); constructed with php-amqplib's arguments. */
class StreamIO extends AbstractIO
{
    /** @var resource|null The stream context: its "ssl" options make the connection TLS. */
    private $context;

    /** @var string|null */
    private $ssl_protocol;

    public function __construct(
        $host,
        $port,
        $connection_timeout,
        $read_write_timeout,
        $context = null,
        $keepalive = false,
        $heartbeat = 0,
        $ssl_protocol = null
    ) {
        $this->host = $host;
        $this->port = $port;
        $this->connection_timeout = $connection_timeout;
        $this->read_timeout = (float) $read_write_timeout;
        $this->write_timeout = (float) $read_write_timeout;
        $this->keepalive = $keepalive;
        $this->heartbeat = $heartbeat;
        $this->initial_heartbeat = $heartbeat;
        $this->context = $context;
        $this->ssl_protocol = $ssl_protocol;
    }
}
