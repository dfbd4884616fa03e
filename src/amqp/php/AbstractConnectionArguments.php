<?php

namespace Mq\Internal;

use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Wire\IO\AbstractIO;
use PhpAmqpLib\Wire\IO\StreamIO;

/**
 * AbstractConnection's own constructor arguments gathered into an AMQPConnectionConfig: the host, port,
 * timeouts and TLS context come in a StreamIO (a class extending AbstractConnection as php-amqplib's
 * AMQPStreamConnection does). Not part of php-amqplib's API.
 */
final class AbstractConnectionArguments
{
    /**
     * AbstractConnection's arguments: what php-amqplib's AMQPStreamConnection hands its parent, the socket's
     * settings in $io. Only a StreamIO carries what mq needs to connect.
     */
    public static function io(
        object $connection,
        $user,
        $password,
        $vhost,
        $insist,
        $login_method,
        $login_response,
        $locale,
        $io,
        $heartbeat,
        $channel_rpc_timeout,
        $config
    ): AMQPConnectionConfig {
        // The parameter types of php-amqplib's constructor, checked in its name.
        foreach ([[8, 'io', $io, AbstractIO::class], [12, 'config', $config, AMQPConnectionConfig::class]] as [$n, $name, $value, $type]) {
            if ($value !== null && !$value instanceof $type) {
                // The frame of the call to the constructor, as PHP names it in a parameter's TypeError.
                $call = debug_backtrace(DEBUG_BACKTRACE_IGNORE_ARGS, 2)[1] ?? [];
                throw new \TypeError(sprintf(
                    'PhpAmqpLib\Connection\AbstractConnection::__construct(): Argument #%d ($%s) must be of type ?%s, %s given%s',
                    $n, $name, $type, get_debug_type($value),
                    isset($call['file']) ? ", called in {$call['file']} on line {$call['line']}" : ''
                ));
            }
        }
        if ($io === null) {
            throw new \InvalidArgumentException('Argument $io cannot be null');
        }
        if (!$io instanceof StreamIO) {
            throw new \PhpAmqpLib\Exception\AMQPRuntimeException(sprintf(
                'mq connects with the settings of a %s; a %s cannot carry the connection',
                StreamIO::class,
                get_class($io)
            ));
        }
        // The socket's settings, as the StreamIO was constructed with them.
        [$host, $port, $connection_timeout, $read_write_timeout, $context, $keepalive, $ssl_protocol] = \Closure::bind(
            fn() => [$this->host, $this->port, $this->connection_timeout, $this->read_timeout, $this->context,
                $this->keepalive, $this->ssl_protocol],
            $io,
            StreamIO::class
        )();
        $settings = ConnectionArguments::stream($host, $port, $user, $password, $vhost, $insist, $login_method, $login_response, $locale,
            $connection_timeout, $read_write_timeout, $context, $keepalive, $heartbeat, $channel_rpc_timeout,
            $ssl_protocol, $config);
        // True unless a lazy subclass overrides it.
        $settings->setIsLazy($settings->isLazy() || !$connection->connectOnConstruct());
        return $settings;
    }
}
