<?php

namespace Mq\Internal;

use PhpAmqpLib\Connection\AMQPConnectionConfig;

/**
 * php-amqplib's connection arguments gathered into the AMQPConnectionConfig that mq's native
 * AbstractConnection takes: AMQPStreamConnection's. AbstractConnection's own are
 * AbstractConnectionArguments', a class apart so that the common path compiles only this one (a PHP
 * process compiles these sources at every start). Not part of php-amqplib's API.
 */
final class ConnectionArguments
{
    public static function stream(
        $host,
        $port,
        $user,
        $password,
        $vhost,
        $insist,
        $login_method,
        $login_response,
        $locale,
        $connection_timeout,
        $read_write_timeout,
        $context,
        $keepalive,
        $heartbeat,
        $channel_rpc_timeout,
        $ssl_protocol,
        ?AMQPConnectionConfig $config
    ): AMQPConnectionConfig {
        if ($ssl_protocol instanceof AMQPConnectionConfig) {
            $config = $ssl_protocol;
            $ssl_protocol = null;
        }
        $settings = $config ? clone $config : new AMQPConnectionConfig();
        // php-amqplib's constructor checks the login method only when given credentials.
        if ($user && $password && !in_array($login_method, ['PLAIN', 'AMQPLAIN'], true)) {
            throw new \InvalidArgumentException('Unknown login method: ' . $login_method);
        }
        $settings->setHost((string) $host);
        $settings->setUser((string) $user);
        $settings->setPassword((string) $password);
        $settings->setInsist((bool) $insist);
        $settings->setKeepalive((bool) $keepalive);
        // Not the setters, which refuse what php-amqplib's constructor takes: a port below 1 (connecting
        // fails with AMQPIOException), an empty vhost (the broker refuses it) or locale, negative timeouts
        // (no limit) and a negative heartbeat (0).
        $raw = [
            'port' => (int) $port,
            'vhost' => (string) $vhost,
            'locale' => (string) $locale,
            'connectionTimeout' => (float) $connection_timeout,
            'readTimeout' => (float) $read_write_timeout,
            'writeTimeout' => (float) $read_write_timeout,
            'channelRPCTimeout' => (float) $channel_rpc_timeout,
            'heartbeat' => max(0, (int) $heartbeat),
        ];
        if ($login_method === 'EXTERNAL') {
            // With a user or a password alone: php-amqplib's constructor takes it, the setter not.
            $raw['loginMethod'] = 'EXTERNAL';
            // What php-amqplib's constructor keeps as $login_response (mq's TLS login sends none).
            if (is_scalar($login_response)) {
                $raw['loginResponse'] = (string) $login_response;
            }
        } else {
            $settings->setLoginMethod((string) $login_method); // refuses one mq cannot log in with
        }
        \Closure::bind(function () use ($raw) {
            foreach ($raw as $name => $value) {
                $this->$name = $value;
            }
        }, $settings, AMQPConnectionConfig::class)();
        // As php-amqplib's StreamIO: TLS exactly when the context carries "ssl" options and the protocol
        // ($ssl_protocol, 'ssl' when null) is not 'tcp', whatever the config says: an AMQPSSLConnection
        // given no ssl options, or the factory's with the config's default network protocol 'tcp', dials TCP.
        $settings->setIsSecure(false);
        if ($context !== null && $ssl_protocol !== 'tcp') {
            self::useSslContext($settings, $context);
        }
        return $settings;
    }

    /** TLS settings from a stream context's "ssl" options, as php-amqplib's StreamIO takes them. */
    private static function useSslContext(AMQPConnectionConfig $settings, $context): void
    {
        $ssl = stream_context_get_options($context)['ssl'] ?? [];
        if (!$ssl) {
            return;
        }
        $settings->setIsSecure(true);
        $settings->setSslCaCert($ssl['cafile'] ?? $settings->getSslCaCert());
        $settings->setSslCaPath($ssl['capath'] ?? $settings->getSslCaPath());
        $settings->setSslCert($ssl['local_cert'] ?? $settings->getSslCert());
        $settings->setSslKey($ssl['local_pk'] ?? $settings->getSslKey());
        // Present, even as null, is a setting (null is off), as PHP's stream context reads them.
        $settings->setSslVerify(array_key_exists('verify_peer', $ssl) ? (bool) $ssl['verify_peer'] : $settings->getSslVerify());
        $settings->setSslVerifyName(array_key_exists('verify_peer_name', $ssl) ? (bool) $ssl['verify_peer_name'] : $settings->getSslVerifyName());
        $settings->setSslPassPhrase(isset($ssl['passphrase']) ? (string) $ssl['passphrase'] : $settings->getSslPassPhrase());
        $settings->setSslCiphers(isset($ssl['ciphers']) ? (string) $ssl['ciphers'] : $settings->getSslCiphers());
        $settings->setSslSecurityLevel(isset($ssl['security_level']) ? (int) $ssl['security_level'] : $settings->getSslSecurityLevel());
        $extra = array_intersect_key($ssl, array_flip(['peer_name', 'peer_fingerprint', 'allow_self_signed', 'verify_depth']));
        \Closure::bind(fn() => $this->sslContextOptions = $extra, $settings, AMQPConnectionConfig::class)();
    }
}
