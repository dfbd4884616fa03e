<?php

namespace PhpAmqpLib\Wire;

use PhpAmqpLib\Exception\AMQPInvalidArgumentException;

class AMQPTable extends AMQPAbstractCollection
{
    final public function getType()
    {
        return self::T_TABLE;
    }

    public function set($key, $val, $type = null)
    {
        // AMQP field names are 1 to 128 characters; the broker validates the rest.
        $length = strlen($key);
        if ($length === 0 || $length > 128) {
            throw new AMQPInvalidArgumentException('Table key must be non-empty string up to 128 chars in length');
        }
        $this->setValue($val, $type, $key);
    }
}
