<?php

namespace PhpAmqpLib\Wire;

use PhpAmqpLib\Exception\AMQPInvalidArgumentException;
use PhpAmqpLib\Exception\AMQPOutOfRangeException;

/**
 * Encodes AMQP wire types into a byte string (getvalue()). mq's channels encode frames natively; this is
 * php-amqplib's writer for code that builds field tables or frames itself, with the same bytes, range checks
 * and exceptions.
 */
class AMQPWriter extends AMQPByteStream
{
    /** @var string */
    protected $out = '';

    /** @var int[] octets of pending write_bit() calls, not yet in $out */
    protected $bits = array();

    /** @var int */
    protected $bitcount = 0;

    /** Pending bits go out only here, as php-amqplib does: other writes do not flush them first. */
    public function getvalue()
    {
        if ($this->bitcount) {
            $this->flushbits();
        }
        return $this->out;
    }

    private function flushbits()
    {
        if (!empty($this->bits)) {
            foreach ($this->bits as $octet) {
                $this->out .= chr($octet);
            }
            $this->bits = array();
            $this->bitcount = 0;
        }
    }

    /** Raw bytes, as they are. */
    public function write($s)
    {
        $this->out .= $s;
        return $this;
    }

    /**
     * One bit, packed with the bits written before it, least significant first.
     * @deprecated as in php-amqplib: write_bits() writes a whole octet at once
     */
    public function write_bit($b)
    {
        $shift = $this->bitcount % 8;
        $octet = $shift === 0 ? 0 : array_pop($this->bits);
        $this->bits[] = $octet | (($b ? 1 : 0) << $shift);
        $this->bitcount++;
        return $this;
    }

    /** Bits into one octet, the first one in the least significant bit. */
    public function write_bits($bits)
    {
        $octet = 0;
        foreach ($bits as $n => $bit) {
            $octet |= ($bit ? 1 : 0) << $n;
        }
        $this->out .= chr($octet);
        return $this;
    }

    public function write_octet($n)
    {
        if ($n < 0 || $n > 255) {
            throw new AMQPInvalidArgumentException('Octet out of range: ' . $n);
        }
        $this->out .= chr($n);
        return $this;
    }

    public function write_signed_octet($n)
    {
        if ($n < -128 || $n > 127) {
            throw new AMQPInvalidArgumentException('Signed octet out of range: ' . $n);
        }
        $this->out .= pack('c', $n);
        return $this;
    }

    public function write_short($n)
    {
        if ($n < 0 || $n > 65535) {
            throw new AMQPInvalidArgumentException('Short out of range: ' . $n);
        }
        $this->out .= pack('n', $n);
        return $this;
    }

    public function write_signed_short($n)
    {
        if ($n < -32768 || $n > 32767) {
            throw new AMQPInvalidArgumentException('Signed short out of range: ' . $n);
        }
        // In range, the low 16 bits of a negative number are its two's complement.
        $this->out .= pack('n', $n);
        return $this;
    }

    /** @param int|string $n */
    public function write_long($n)
    {
        if ($n < 0 || $n > 4294967295) {
            throw new AMQPInvalidArgumentException('Long out of range: ' . $n);
        }
        $this->out .= pack('N', $n);
        return $this;
    }

    /** Private, as php-amqplib's: tables reach it through the 'I' type (tests call it by reflection). */
    private function writeSignedLong($n)
    {
        if ($n < -2147483648 || $n > 2147483647) {
            throw new AMQPInvalidArgumentException('Signed long out of range: ' . $n);
        }
        $this->out .= pack('N', $n);
        return $this;
    }

    /**
     * An unsigned 64-bit number: an int (a negative one is AMQPOutOfRangeException), or anything else read
     * as a decimal string (see decimal()), up to 18446744073709551615.
     *
     * @param int|string $n
     */
    public function write_longlong($n)
    {
        if (is_int($n)) {
            if ($n < 0) {
                throw new AMQPOutOfRangeException('Longlong out of range: ' . $n);
            }
            $this->out .= pack('J', $n);
            return $this;
        }

        list($negative, $digits) = self::decimal($n);
        if (($negative && $digits !== '') || self::compareDigits($digits, '18446744073709551615') > 0) {
            throw new AMQPInvalidArgumentException('Longlong out of range: ' . $n);
        }
        // Below 2^64 the number splits into a part under 2^31 times 10^10, plus the rest; 10^10 is
        // 2 * 2^32 + 1410065408, so each half of the result fits PHP's signed int.
        $high = (int) substr($digits, 0, -10);
        $low = (int) substr($digits, -10);
        $sum = $high * 1410065408 + $low;
        $this->out .= pack('NN', $high * 2 + intdiv($sum, 4294967296), $sum % 4294967296);
        return $this;
    }

    /**
     * A signed 64-bit number: an int, or anything else read as a decimal string, from
     * -9223372036854775808 to 9223372036854775807.
     *
     * @param int|string $n
     */
    public function write_signed_longlong($n)
    {
        if (is_int($n)) {
            $this->out .= pack('J', $n);
            return $this;
        }

        list($negative, $digits) = self::decimal($n);
        if (self::compareDigits($digits, $negative ? '9223372036854775808' : '9223372036854775807') > 0) {
            throw new AMQPInvalidArgumentException('Signed longlong out of range: ' . $n);
        }
        // In range it is a PHP int; only -2^63 has no positive counterpart to negate.
        if ($digits === '9223372036854775808') {
            $value = PHP_INT_MIN;
        } else {
            $value = $negative ? -(int) $digits : (int) $digits;
        }
        $this->out .= pack('J', $value);
        return $this;
    }

    /** Up to 255 bytes (not characters); null is the empty string. */
    public function write_shortstr($s)
    {
        if ($s === null) {
            $this->write_octet(0);
            return $this;
        }
        $length = strlen($s);
        if ($length > 255) {
            throw new AMQPInvalidArgumentException('String too long');
        }
        $this->write_octet($length);
        $this->out .= $s;
        return $this;
    }

    /** Up to 2^32 - 1 bytes; null is the empty string. */
    public function write_longstr($s)
    {
        if ($s === null) {
            $this->write_long(0);
            return $this;
        }
        $this->write_long(strlen($s));
        $this->out .= $s;
        return $this;
    }

    /**
     * A field array: an AMQPArray, or a PHP list of plain values that AMQPArray types (no [type, value]
     * pairs, unlike write_table()).
     *
     * @param AMQPArray|array $a
     */
    public function write_array($a)
    {
        if (!($a instanceof AMQPArray)) {
            $a = new AMQPArray($a);
        }
        // Encoded apart first: the length goes before the values, and a value that fails leaves $this as it was.
        $values = new self();
        foreach ($a as $entry) {
            $values->writeValue($entry[0], $entry[1]);
        }
        $values = $values->getvalue();
        $this->write_long(strlen($values));
        $this->write($values);
        return $this;
    }

    /** Seconds since the epoch, as an unsigned 64-bit number. */
    public function write_timestamp($v)
    {
        $this->write_longlong($v);
        return $this;
    }

    /**
     * A field table: an AMQPTable, or a PHP array of name => [type letter, value] (letters of the
     * collection's protocol, see AMQPAbstractCollection::getProtocol()).
     *
     * @param AMQPTable|array $d
     */
    public function write_table($d)
    {
        $letters = !($d instanceof AMQPTable);
        $fields = new self();
        foreach ($d as $name => $field) {
            list($type, $value) = $field;
            $fields->write_shortstr($name);
            $fields->writeValue($letters ? AMQPAbstractCollection::getDataTypeForSymbol($type) : $type, $value);
        }
        $fields = $fields->getvalue();
        $this->write_long(strlen($fields));
        $this->write($fields);
        return $this;
    }

    /** AMQPMessage's name for the application_headers type. */
    public function write_table_object($d)
    {
        return $this->write_table($d);
    }

    /** @param int $type one of AMQPAbstractCollection::T_* */
    private function writeValue($type, $val)
    {
        // The letter first; it throws AMQPOutOfRangeException for a type the protocol lacks.
        $this->write(AMQPAbstractCollection::getSymbolForDataType($type));

        switch ($type) {
            case AMQPAbstractCollection::T_INT_SHORTSHORT:
                $this->write_signed_octet($val);
                break;
            case AMQPAbstractCollection::T_INT_SHORTSHORT_U:
                $this->write_octet($val);
                break;
            case AMQPAbstractCollection::T_INT_SHORT:
                $this->write_signed_short($val);
                break;
            case AMQPAbstractCollection::T_INT_SHORT_U:
                $this->write_short($val);
                break;
            case AMQPAbstractCollection::T_INT_LONG:
                $this->writeSignedLong($val);
                break;
            case AMQPAbstractCollection::T_INT_LONG_U:
                $this->write_long($val);
                break;
            case AMQPAbstractCollection::T_INT_LONGLONG:
                $this->write_signed_longlong($val);
                break;
            case AMQPAbstractCollection::T_INT_LONGLONG_U:
                $this->write_longlong($val);
                break;
            case AMQPAbstractCollection::T_DECIMAL:
                $this->write_octet($val->getE());
                $this->writeSignedLong($val->getN());
                break;
            case AMQPAbstractCollection::T_TIMESTAMP:
                $this->write_timestamp($val);
                break;
            case AMQPAbstractCollection::T_BOOL:
                $this->write_octet($val ? 1 : 0);
                break;
            case AMQPAbstractCollection::T_STRING_SHORT:
                $this->write_shortstr($val);
                break;
            case AMQPAbstractCollection::T_STRING_LONG:
            case AMQPAbstractCollection::T_BYTES:
                $this->write_longstr($val);
                break;
            case AMQPAbstractCollection::T_ARRAY:
                $this->write_array($val);
                break;
            case AMQPAbstractCollection::T_TABLE:
                $this->write_table($val);
                break;
            case AMQPAbstractCollection::T_VOID:
                break;
            default:
                // Floats and doubles have letters but php-amqplib writes neither.
                throw new AMQPInvalidArgumentException(sprintf('Unsupported type "%s"', $type));
        }
    }

    /**
     * A number given as a string (or float, bool, null) read the way php-amqplib's big-integer library reads
     * base 10: an optional leading '-', then the digits up to the first other character; nothing is zero.
     * Returns [negative, digits without leading zeros ('' for zero)].
     */
    private static function decimal($n)
    {
        if (empty($n)) {
            return array(false, '');
        }
        if (is_array($n)) {
            // php-amqplib's big-integer library converts each element to a string (warning for arrays), then
            // hands the array to strlen(), which throws the TypeError.
            array_map('strval', $n);
            strlen($n);
        }
        $s = (string) $n;
        $negative = $s[0] === '-';
        if ($negative) {
            $s = substr($s, 1);
        }
        $digits = ltrim(substr($s, 0, strspn($s, '0123456789')), '0');
        return array($negative && $digits !== '', $digits);
    }

    /** Compares two digit strings without leading zeros, as numbers. */
    private static function compareDigits($a, $b)
    {
        return strlen($a) <=> strlen($b) ?: strcmp($a, $b) <=> 0;
    }
}
