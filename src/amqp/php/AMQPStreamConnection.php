<?php

namespace PhpAmqpLib\Connection;

/**
 * A connection over TCP (or TLS, through $context's ssl options or $config). The constructor gathers its
 * arguments into an AMQPConnectionConfig and hands it to mq's native AbstractConnection.
 */
class AMQPStreamConnection extends AbstractConnection
{
    /**
     * What create_connection() hands to the constructor it reaches through try_create_connection(): the
     * hosts after the first and the retry policy, so that one connection knows the whole list (connecting,
     * and reconnecting later, fail over across it).
     */
    private static $failover = null;

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
            $login_method, $locale, $connection_timeout, $read_write_timeout, $context, $keepalive, $heartbeat,
            $channel_rpc_timeout, $ssl_protocol, $config);
        if (self::$failover !== null) {
            [$hosts, $policy] = self::$failover;
            self::$failover = null; // for this constructor only
            \Closure::bind(fn() => $this->failoverHosts = $hosts, $settings, AMQPConnectionConfig::class)();
            $settings->setRetryPolicy($policy ?? $settings->getRetryPolicy());
        }
        $settings->setIsLazy($settings->isLazy() || !$this->connectOnConstruct());
        parent::__construct($settings);
    }

    public function connectOnConstruct(): bool
    {
        return true;
    }

    /**
     * Connects to the first host of $hosts that accepts, trying them in order. mq: with
     * $options['retry_policy'] (a \Mq\RetryPolicy) the list is tried again by the policy; either way the
     * connection keeps the whole list for reconnecting.
     */
    public static function create_connection($hosts, $options = array())
    {
        if (!is_array($hosts) || count($hosts) < 1) {
            throw new \InvalidArgumentException('An array of hosts are required when attempting to create a connection');
        }
        $policy = $options['retry_policy'] ?? null;
        if ($policy !== null && !$policy instanceof \Mq\RetryPolicy) {
            throw new \InvalidArgumentException(sprintf("'retry_policy' must be a Mq\\RetryPolicy or null, %s given", get_debug_type($policy)));
        }
        // php-amqplib checks each host when it gets to it: a host after an invalid one is never tried,
        // and the invalid one fails only once those before it did.
        $valid = [];
        $invalid = null;
        foreach ($hosts as $hostdef) {
            try {
                self::validate_host($hostdef);
            } catch (\InvalidArgumentException $e) {
                $invalid = $e;
                break;
            }
            $valid[] = $hostdef;
        }
        // A policy goes round the list again: every host must be valid.
        if ($invalid !== null && ($valid === [] || $policy !== null)) {
            throw $invalid;
        }
        $first = array_shift($valid);
        $rest = array_map(static fn($h) => [
            'host' => (string) $h['host'],
            'port' => (int) $h['port'],
            'user' => (string) $h['user'],
            'password' => (string) $h['password'],
            'vhost' => (string) ($h['vhost'] ?? '/'),
        ], $valid);
        self::$failover = [$rest, $policy];
        try {
            return static::try_create_connection(
                $first['host'],
                $first['port'],
                $first['user'],
                $first['password'],
                $first['vhost'] ?? '/',
                $options
            );
        } catch (\Exception $e) {
            throw $invalid ?? $e;
        } finally {
            self::$failover = null;
        }
    }

    public static function validate_host($host)
    {
        foreach (['host', 'port', 'user', 'password'] as $key) {
            if (!isset($host[$key])) {
                throw new \InvalidArgumentException("'$key' key is required.");
            }
        }
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
