<?php

namespace PhpAmqpLib\Connection;

/**
 * A connection over TCP (or TLS, through $context's ssl options or $config). The constructor gathers its
 * arguments into an AMQPConnectionConfig and hands it to mq's native AbstractConnection.
 */
class AMQPStreamConnection extends AbstractConnection
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
        $connection_timeout = 3.0,
        $read_write_timeout = 3.0,
        $context = null,
        $keepalive = false,
        $heartbeat = 0,
        $channel_rpc_timeout = 0.0,
        $ssl_protocol = null,
        ?AMQPConnectionConfig $config = null
    ) {
        // This class's check, as in php-amqplib: AbstractConnection's own constructor makes none.
        if ($channel_rpc_timeout > $read_write_timeout) {
            throw new \InvalidArgumentException('channel RPC timeout must not be greater than I/O read-write timeout');
        }
        $settings = \Mq\Internal\ConnectionArguments::stream($host, $port, $user, $password, $vhost, $insist,
            $login_method, $login_response, $locale, $connection_timeout, $read_write_timeout, $context, $keepalive, $heartbeat,
            $channel_rpc_timeout, $ssl_protocol, $config);
        $this->connectWith($settings, $config, func_get_args());
    }

    public function connectOnConstruct(): bool
    {
        return true;
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
            $options['connection_timeout'] ?? 3.0,
            $options['read_write_timeout'] ?? 3.0,
            $options['context'] ?? null,
            $options['keepalive'] ?? false,
            $options['heartbeat'] ?? 60,
            $options['channel_rpc_timeout'] ?? 0.0
        );
    }
}
