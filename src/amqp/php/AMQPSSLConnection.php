<?php

namespace PhpAmqpLib\Connection;

/** A TLS connection; $ssl_options are PHP's ssl context options (cafile, verify_peer, ...). */
class AMQPSSLConnection extends AMQPStreamConnection
{
    public function __construct(
        $host,
        $port,
        $user,
        $password,
        $vhost = '/',
        $ssl_options = array(),
        $options = array(),
        $ssl_protocol = 'ssl',
        ?AMQPConnectionConfig $config = null
    ) {
        if (empty($ssl_options)) {
            trigger_error('Using non-TLS instances of AMQPSSLConnection is deprecated and will be removed in version 4 of php-amqplib', E_USER_DEPRECATED);
            $context = null;
        } else {
            $context = stream_context_create(['ssl' => $ssl_options]);
        }
        parent::__construct(
            $host,
            $port,
            $user,
            $password,
            $vhost,
            $options['insist'] ?? false,
            $options['login_method'] ?? 'AMQPLAIN',
            $options['login_response'] ?? null,
            $options['locale'] ?? 'en_US',
            $options['connection_timeout'] ?? 3,
            $options['read_write_timeout'] ?? 130,
            $context,
            $options['keepalive'] ?? false,
            $options['heartbeat'] ?? 0,
            $options['channel_rpc_timeout'] ?? 0.0,
            $ssl_protocol,
            $config
        );
    }

    public static function try_create_connection($host, $port, $user, $password, $vhost, $options)
    {
        return new static($host, $port, $user, $password, $vhost, $options['ssl_options'] ?? [], $options);
    }
}
