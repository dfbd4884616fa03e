<?php

namespace Mq\Internal;

use PhpAmqpLib\Connection\AMQPConnectionConfig;

/**
 * What AMQPStreamConnection and AMQPSocketConnection share, both extending AbstractConnection as
 * php-amqplib's do: create_connection(), whose host list and retry policy reach the constructor that
 * try_create_connection() calls, so that one connection knows the whole list (connecting, and
 * reconnecting later, fail over across it), and the constructor's last step. Not part of php-amqplib's API.
 */
trait HostFailover
{
    /** create_connection()'s hosts after the first and its retry policy, for the next constructor only. */
    private static $failover = null;

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

    /**
     * Hands the gathered settings to the native AbstractConnection, with create_connection()'s hosts
     * and policy if it called this constructor; connects unless the config or the class is lazy. Keeps
     * the constructor's config and arguments in php-amqplib's protected `$config` and `$construct_params`.
     */
    private function connectWith(AMQPConnectionConfig $settings, ?AMQPConnectionConfig $config, array $arguments): void
    {
        $this->config = $config ? clone $config : null;
        $this->construct_params = $arguments;
        if (self::$failover !== null) {
            [$hosts, $policy] = self::$failover;
            self::$failover = null; // for this constructor only
            \Closure::bind(fn() => $this->failoverHosts = $hosts, $settings, AMQPConnectionConfig::class)();
            $settings->setRetryPolicy($policy ?? $settings->getRetryPolicy());
        }
        $settings->setIsLazy($settings->isLazy() || !$this->connectOnConstruct());
        parent::__construct($settings);
    }
}
