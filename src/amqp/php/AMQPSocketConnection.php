<?php

namespace PhpAmqpLib\Connection;

/**
 * php-amqplib's ext-sockets connection. mq has one transport, so this connects as AMQPStreamConnection
 * does, taking the socket constructor's arguments (its read and write timeouts become the read/write
 * timeout, the write timeout also the connection timeout). It extends AbstractConnection, not
 * AMQPStreamConnection, as php-amqplib's.
 */
class AMQPSocketConnection extends AbstractConnection
{
    use \Mq\Internal\HostFailover;

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
        // Failures to reach the host read as php-amqplib's SocketIO words them ("Error Connecting to
        // server (111): Connection refused", the errno as code).
        $socket = $config ? clone $config : new AMQPConnectionConfig();
        $socket->setIoType(AMQPConnectionConfig::IO_TYPE_SOCKET);
        $timeout = max($read_timeout, $write_timeout);
        // php-amqplib's SocketIO connects under its send timeout (SO_SNDTIMEO), the write timeout.
        $settings = \Mq\Internal\ConnectionArguments::stream($host, $port, $user, $password, $vhost, $insist,
            $login_method, $login_response, $locale, $write_timeout, $timeout, null, $keepalive, $heartbeat,
            $channel_rpc_timeout, null, $socket);
        // php-amqplib's keeps the arguments it passes to AbstractConnection's constructor (its SocketIO
        // where mq has none), and their connection timeout.
        $this->connectWith($settings, $config, [$user, $password, $vhost, $insist, $login_method, $login_response,
            $locale, null, $heartbeat, $timeout, $channel_rpc_timeout, $config]);
        $this->connection_timeout = $timeout;
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
