<?php

namespace PhpAmqpLib\Connection;

/**
 * php-amqplib's ext-sockets connection. mq has one transport, so this is a stream connection taking the
 * socket constructor's arguments (its read and write timeouts become the read/write timeout, the write
 * timeout also the connection timeout).
 */
class AMQPSocketConnection extends AMQPStreamConnection
{
    public function __construct(
        $host,
        $port,
        $user,
        $password,
        $vhost = '/',
        $insist = false,
        $login_method = 'AMQPLAIN',
        $login_response = null,
        $locale = 'en_US',
        $read_timeout = 3,
        $keepalive = false,
        $write_timeout = 3,
        $heartbeat = 0,
        $channel_rpc_timeout = 0.0,
        ?AMQPConnectionConfig $config = null
    ) {
        if ($channel_rpc_timeout > $read_timeout) {
            throw new \InvalidArgumentException('channel RPC timeout must not be greater than I/O read timeout');
        }
        $timeout = max($read_timeout, $write_timeout);
        // Failures to reach the host read as php-amqplib's SocketIO words them ("Error Connecting to
        // server (111): Connection refused", the errno as code).
        $config = $config ? clone $config : new AMQPConnectionConfig();
        $config->setIoType(AMQPConnectionConfig::IO_TYPE_SOCKET);
        parent::__construct(
            $host,
            $port,
            $user,
            $password,
            $vhost,
            $insist,
            $login_method,
            $login_response,
            $locale,
            // php-amqplib's SocketIO connects under its send timeout (SO_SNDTIMEO), the write timeout.
            $write_timeout,
            $timeout,
            null,
            $keepalive,
            $heartbeat,
            $channel_rpc_timeout,
            null,
            $config
        );
    }

    protected static function try_create_connection($host, $port, $user, $password, $vhost, $options)
    {
        return new static(
            $host,
            $port,
            $user,
            $password,
            $vhost,
            $options['insist'] ?? false,
            $options['login_method'] ?? 'AMQPLAIN',
            $options['login_response'] ?? null,
            $options['locale'] ?? 'en_US',
            $options['read_timeout'] ?? 3,
            $options['keepalive'] ?? false,
            $options['write_timeout'] ?? 3,
            $options['heartbeat'] ?? 0,
            $options['channel_rpc_timeout'] ?? 0.0
        );
    }
}
