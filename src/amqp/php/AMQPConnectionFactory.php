<?php

namespace PhpAmqpLib\Connection;

use LogicException;

class AMQPConnectionFactory
{
    public static function create(AMQPConnectionConfig $config): AbstractConnection
    {
        if ($config->getIoType() === AMQPConnectionConfig::IO_TYPE_SOCKET) {
            if ($config->isSecure()) {
                throw new LogicException('The socket connection implementation does not support secure connections.');
            }
            $class = $config->isLazy() ? AMQPLazySocketConnection::class : AMQPSocketConnection::class;
            return new $class(
                $config->getHost(),
                $config->getPort(),
                $config->getUser(),
                $config->getPassword(),
                $config->getVhost(),
                $config->isInsist(),
                $config->getLoginMethod(),
                $config->getLoginResponse(),
                $config->getLocale(),
                $config->getReadTimeout(),
                $config->isKeepalive(),
                $config->getWriteTimeout(),
                $config->getHeartbeat(),
                $config->getChannelRPCTimeout(),
                $config
            );
        }
        if ($config->isSecure()) {
            $class = $config->isLazy() ? AMQPLazySSLConnection::class : AMQPSSLConnection::class;
            return new $class(
                $config->getHost(),
                $config->getPort(),
                $config->getUser(),
                $config->getPassword(),
                $config->getVhost(),
                self::sslOptions($config),
                [
                    'insist' => $config->isInsist(),
                    'login_method' => $config->getLoginMethod(),
                    'login_response' => $config->getLoginResponse(),
                    'locale' => $config->getLocale(),
                    'connection_timeout' => $config->getConnectionTimeout(),
                    'read_write_timeout' => min($config->getReadTimeout(), $config->getWriteTimeout()),
                    'keepalive' => $config->isKeepalive(),
                    'heartbeat' => $config->getHeartbeat(),
                ],
                $config->getNetworkProtocol(),
                $config
            );
        }
        $class = $config->isLazy() ? AMQPLazyConnection::class : AMQPStreamConnection::class;
        return new $class(
            $config->getHost(),
            $config->getPort(),
            $config->getUser(),
            $config->getPassword(),
            $config->getVhost(),
            $config->isInsist(),
            $config->getLoginMethod(),
            $config->getLoginResponse(),
            $config->getLocale(),
            $config->getConnectionTimeout(),
            min($config->getReadTimeout(), $config->getWriteTimeout()),
            $config->getStreamContext(),
            $config->isKeepalive(),
            $config->getHeartbeat(),
            $config->getChannelRPCTimeout(),
            null,
            $config
        );
    }

    /** The config's TLS settings as PHP ssl context options. */
    private static function sslOptions(AMQPConnectionConfig $config): array
    {
        return array_filter([
            'cafile' => $config->getSslCaCert(),
            'capath' => $config->getSslCaPath(),
            'local_cert' => $config->getSslCert(),
            'local_pk' => $config->getSslKey(),
            'verify_peer' => $config->getSslVerify(),
            'verify_peer_name' => $config->getSslVerifyName(),
            'passphrase' => $config->getSslPassPhrase(),
            'ciphers' => $config->getSslCiphers(),
            'security_level' => $config->getSslSecurityLevel(),
        ], static fn($value) => $value !== null);
    }
}
