<?php

namespace PhpAmqpLib\Connection;

use LogicException;

/**
 * php-amqplib's factory: the plain connection classes whatever the config says of laziness (a lazy config
 * makes them lazy), and the config's network protocol as the stream's protocol ('tcp': no TLS).
 */
class AMQPConnectionFactory
{
    public static function create(AMQPConnectionConfig $config): AbstractConnection
    {
        if ($config->getIoType() === AMQPConnectionConfig::IO_TYPE_SOCKET) {
            if ($config->isSecure()) {
                throw new LogicException('The socket connection implementation does not support secure connections.');
            }
            return new AMQPSocketConnection(
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
            return new AMQPSSLConnection(
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
        return new AMQPStreamConnection(
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
            $config->getNetworkProtocol(),
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
