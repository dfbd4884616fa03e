<?php

namespace PhpAmqpLib\Wire;

use PhpAmqpLib\Exception\AMQPInvalidArgumentException;
use PhpAmqpLib\Exception\AMQPLogicException;
use PhpAmqpLib\Exception\AMQPOutOfBoundsException;
use PhpAmqpLib\Exception\AMQPOutOfRangeException;

/**
 * A typed AMQP field collection. Entries are stored as [type constant, value] pairs; iterating yields
 * those pairs, offsetGet() the bare value, getNativeData() plain PHP values. mq's wire codec reads $data.
 */
abstract class AMQPAbstractCollection implements \Iterator, \ArrayAccess
{
    const PROTOCOL_RBT = 'rabbit';

    const T_INT_SHORTSHORT = 1;
    const T_INT_SHORTSHORT_U = 2;
    const T_INT_SHORT = 3;
    const T_INT_SHORT_U = 4;
    const T_INT_LONG = 5;
    const T_INT_LONG_U = 6;
    const T_INT_LONGLONG = 7;
    const T_INT_LONGLONG_U = 8;
    const T_DECIMAL = 9;
    const T_TIMESTAMP = 10;
    const T_VOID = 11;
    const T_BOOL = 12;
    const T_STRING_SHORT = 13;
    const T_STRING_LONG = 14;
    const T_ARRAY = 15;
    const T_TABLE = 16;
    const T_BYTES = 17;
    const T_FLOAT = 18;
    const T_DOUBLE = 19;

    /**
     * Field types by protocol: AMQP 0-8, AMQP 0-9-1 as written, and RabbitMQ's reading of it (the default).
     * Under 0-8 only these five exist, so encoding falls back as php-amqplib does (see encodeValue()).
     */
    private const SYMBOLS = [
        Constants080::VERSION => [
            self::T_INT_LONG => 'I', self::T_DECIMAL => 'D', self::T_TIMESTAMP => 'T',
            self::T_STRING_LONG => 'S', self::T_TABLE => 'F',
        ],
        Constants091::VERSION => [
            self::T_INT_SHORTSHORT => 'b', self::T_INT_SHORTSHORT_U => 'B', self::T_INT_SHORT => 'U',
            self::T_INT_SHORT_U => 'u', self::T_INT_LONG => 'I', self::T_INT_LONG_U => 'i',
            self::T_INT_LONGLONG => 'L', self::T_INT_LONGLONG_U => 'l', self::T_FLOAT => 'f',
            self::T_DOUBLE => 'd', self::T_DECIMAL => 'D', self::T_TIMESTAMP => 'T', self::T_VOID => 'V',
            self::T_BOOL => 't', self::T_STRING_SHORT => 's', self::T_STRING_LONG => 'S',
            self::T_ARRAY => 'A', self::T_TABLE => 'F', self::T_BYTES => 'x',
        ],
        self::PROTOCOL_RBT => [
            self::T_INT_SHORTSHORT => 'b', self::T_INT_SHORTSHORT_U => 'B', self::T_INT_SHORT => 's',
            self::T_INT_SHORT_U => 'u', self::T_INT_LONG => 'I', self::T_INT_LONG_U => 'i',
            self::T_INT_LONGLONG => 'l', self::T_FLOAT => 'f', self::T_DOUBLE => 'd', self::T_DECIMAL => 'D',
            self::T_TIMESTAMP => 'T', self::T_VOID => 'V', self::T_BOOL => 't', self::T_STRING_LONG => 'S',
            self::T_ARRAY => 'A', self::T_TABLE => 'F', self::T_BYTES => 'x',
        ],
    ];

    /** The protocol chosen on first use, as php-amqplib caches it (code may set it by reflection). */
    private static $protocol;

    protected $data = array();

    public function __construct(array $data = null)
    {
        if (!empty($data)) {
            $this->data = $this->encodeCollection($data);
        }
    }

    abstract public function getType();

    final protected function setValue($val, $type = null, $key = null)
    {
        if ($val instanceof self) {
            if ($type && $type !== $val->getType()) {
                throw new AMQPInvalidArgumentException(sprintf(
                    'Attempted to add instance of %s representing type [%s] as mismatching type [%s]',
                    get_class($val),
                    $val->getType(),
                    $type
                ));
            }
            $type = $val->getType();
        } elseif ($type === self::T_ARRAY) {
            throw new AMQPInvalidArgumentException('Arrays must be passed as AMQPArray instance');
        } elseif ($type === self::T_TABLE) {
            throw new AMQPInvalidArgumentException('Tables must be passed as AMQPTable instance');
        } elseif ($type === self::T_DECIMAL && !($val instanceof AMQPDecimal)) {
            throw new AMQPInvalidArgumentException('Decimal values must be instance of AMQPDecimal');
        }

        if ($type) {
            self::checkDataTypeIsSupported($type, false);
            $val = array($type, $val);
        } else {
            $val = $this->encodeValue($val);
        }
        if ($key === null) {
            $this->data[] = $val;
        } else {
            $this->data[$key] = $val;
        }
    }

    final public function getNativeData()
    {
        return $this->decodeCollection($this->data);
    }

    final protected function encodeCollection(array $val)
    {
        // A loop, as php-amqplib's: array_map() recursed through C, and a self-referencing array
        // overflowed the C stack (a segfault) instead of PHP's memory limit.
        foreach ($val as $k => $v) {
            $val[$k] = $this->encodeValue($v);
        }
        return $val;
    }

    final protected function decodeCollection(array $val)
    {
        foreach ($val as $k => $v) {
            $val[$k] = $this->decodeValue($v[1], $v[0]);
        }
        return $val;
    }

    public function offsetExists($offset): bool
    {
        return isset($this->data[$offset]);
    }

    #[\ReturnTypeWillChange]
    public function offsetGet($offset)
    {
        $value = $this->data[$offset] ?? null;
        return is_array($value) ? $value[1] : $value;
    }

    public function offsetSet($offset, $value): void
    {
        $this->setValue($value, null, $offset);
    }

    public function offsetUnset($offset): void
    {
        unset($this->data[$offset]);
    }

    protected function encodeValue($val)
    {
        if (is_string($val)) {
            return $this->encodeString($val);
        }
        if (is_float($val)) {
            return $this->encodeFloat($val);
        }
        if (is_int($val)) {
            return $this->encodeInt($val);
        }
        if (is_bool($val)) {
            return $this->encodeBool($val);
        }
        if ($val === null) {
            return $this->encodeVoid();
        }
        if ($val instanceof \DateTimeInterface) {
            return array(self::T_TIMESTAMP, $val->getTimestamp());
        }
        if ($val instanceof AMQPDecimal) {
            return array(self::T_DECIMAL, $val);
        }
        if ($val instanceof self) {
            self::checkDataTypeIsSupported($val->getType(), false);
            return array($val->getType(), $val);
        }
        if (is_array($val)) {
            // A list becomes an array field (0-8 has none: a table), anything else a table (field
            // names must not be bare indexes).
            $isList = empty($val) || array_keys($val) === range(0, count($val) - 1);
            return $isList && !self::isProtocol(Constants080::VERSION)
                ? array(self::T_ARRAY, new AMQPArray($val))
                : array(self::T_TABLE, new AMQPTable($val));
        }
        throw new AMQPOutOfBoundsException(sprintf('Encountered value of unsupported type: %s', gettype($val)));
    }

    protected function decodeValue($val, $type)
    {
        if ($val instanceof self) {
            return $val->getNativeData();
        }
        switch ($type) {
            case self::T_BOOL:
                return (bool) $val;
            case self::T_TIMESTAMP:
                return \DateTime::createFromFormat('U', $val);
            case self::T_VOID:
                return null;
            case self::T_ARRAY:
            case self::T_TABLE:
                throw new AMQPLogicException(
                    'Encountered an array/table struct which is not an instance of AMQPCollection. '
                    . 'This is considered a bug and should be fixed, please report'
                );
        }
        return $val;
    }

    protected function encodeString($val)
    {
        return array(self::T_STRING_LONG, $val);
    }

    protected function encodeInt($val)
    {
        if ($val >= -2147483648 && $val <= 2147483647) {
            return array(self::T_INT_LONG, $val);
        }
        // 0-8 has no 64-bit integer.
        return self::isProtocol(Constants080::VERSION)
            ? $this->encodeString((string) $val)
            : array(self::T_INT_LONGLONG, $val);
    }

    protected function encodeFloat($val)
    {
        // As php-amqplib: floats travel as strings, exact and readable by every client.
        return $this->encodeString((string) $val);
    }

    protected function encodeBool($val)
    {
        // 0-8 has no boolean: 0 or 1.
        return self::isProtocol(Constants080::VERSION)
            ? array(self::T_INT_LONG, (int) (bool) $val)
            : array(self::T_BOOL, (bool) $val);
    }

    protected function encodeVoid()
    {
        return self::isProtocol(Constants080::VERSION) ? $this->encodeString('') : array(self::T_VOID, null);
    }

    final public static function getProtocol()
    {
        if (self::$protocol === null) {
            self::$protocol = defined('AMQP_STRICT_FLD_TYPES') && AMQP_STRICT_FLD_TYPES
                ? Constants091::VERSION
                : self::PROTOCOL_RBT;
        }
        return self::$protocol;
    }

    final public static function isProtocol($proto)
    {
        return self::getProtocol() === $proto;
    }

    final public static function getSupportedDataTypes()
    {
        $proto = self::getProtocol();
        if (!isset(self::SYMBOLS[$proto])) {
            throw new AMQPOutOfRangeException(sprintf('Unknown protocol: %s', $proto));
        }
        return self::SYMBOLS[$proto];
    }

    final public static function checkDataTypeIsSupported($type, $return = true)
    {
        if (isset(self::getSupportedDataTypes()[$type])) {
            return true;
        }
        if ($return) {
            return false;
        }
        throw new AMQPOutOfRangeException(
            sprintf('AMQP-%s doesn\'t support data of type [%s]', self::getProtocol(), $type)
        );
    }

    final public static function getSymbolForDataType($type)
    {
        self::checkDataTypeIsSupported($type, false);
        return self::getSupportedDataTypes()[$type];
    }

    final public static function getDataTypeForSymbol($symbol)
    {
        $type = array_search($symbol, self::getSupportedDataTypes(), true);
        if ($type === false) {
            throw new AMQPOutOfRangeException(
                sprintf('AMQP-%s doesn\'t define data of type [%s]', self::getProtocol(), $symbol)
            );
        }
        return $type;
    }

    #[\ReturnTypeWillChange]
    public function current()
    {
        return current($this->data);
    }

    #[\ReturnTypeWillChange]
    public function key()
    {
        return key($this->data);
    }

    public function next(): void
    {
        next($this->data);
    }

    public function rewind(): void
    {
        reset($this->data);
    }

    public function valid(): bool
    {
        return key($this->data) !== null;
    }
}
