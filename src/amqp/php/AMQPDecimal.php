<?php

namespace PhpAmqpLib\Wire;

use PhpAmqpLib\Exception\AMQPOutOfBoundsException;

/** An AMQP decimal: the integer $n scaled down by 10^$e. */
class AMQPDecimal
{
    protected $n;
    protected $e;

    public function __construct($n, $e)
    {
        if ($e < 0) {
            throw new AMQPOutOfBoundsException('Decimal exponent value must be unsigned!');
        }
        $this->n = $n;
        $this->e = $e;
    }

    /** The integer part of n / 10^e, as a decimal string. */
    public function asBCvalue()
    {
        $digits = ltrim((string) $this->n, '+');
        $negative = $digits !== '' && $digits[0] === '-';
        $digits = ltrim($negative ? substr($digits, 1) : $digits, '0');
        $whole = strlen($digits) > $this->e ? substr($digits, 0, strlen($digits) - $this->e) : '0';
        return ($negative && $whole !== '0' ? '-' : '') . $whole;
    }

    public function getE()
    {
        return $this->e;
    }

    public function getN()
    {
        return $this->n;
    }
}
