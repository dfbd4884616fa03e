<?php

namespace PhpAmqpLib\Connection;

/** Connects on first use (channel()) instead of in the constructor. */
class AMQPLazySSLConnection extends AMQPSSLConnection
{
    public function connectOnConstruct(): bool
    {
        return false;
    }

    public static function create_connection($hosts, $options = array())
    {
        if (count($hosts) > 1) {
            throw new \RuntimeException('Lazy connection does not support multiple hosts');
        }
        return parent::create_connection($hosts, $options);
    }
}
