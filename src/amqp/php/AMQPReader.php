<?php

namespace PhpAmqpLib\Wire;

use PhpAmqpLib\Exception\AMQPInvalidArgumentException;
use PhpAmqpLib\Exception\AMQPOutOfBoundsException;

/**
 * Decodes AMQP wire types from a byte source (rawread(), see AMQPBufferReader). Unsigned 64-bit numbers
 * above PHP_INT_MAX come back as decimal strings, as php-amqplib returns them.
 */
abstract class AMQPReader extends AMQPByteStream
{
    /** @var int bytes read so far */
    protected $offset = 0;

    /** @var int bits left in $bits for read_bit() */
    protected $bitcount = 0;

    /** @var int */
    protected $bits = 0;

    abstract public function close(): void;

    /** The next $n bytes, or an exception when the source has fewer. */
    abstract protected function rawread(int $n): string;

    public function read($n)
    {
        $this->resetCounters();
        return $this->rawread($n);
    }

    /** Consecutive bits share an octet, least significant first; other reads (but read_php_int()) start a new one. */
    public function read_bit(): bool
    {
        if (empty($this->bitcount)) {
            $this->bits = ord($this->rawread(1));
            $this->bitcount = 8;
        }
        $bit = ($this->bits & 1) === 1;
        $this->bits >>= 1;
        $this->bitcount--;
        return $bit;
    }

    public function read_octet()
    {
        $this->resetCounters();
        list(, $n) = unpack('C', $this->rawread(1));
        return $n;
    }

    public function read_signed_octet()
    {
        $this->resetCounters();
        list(, $n) = unpack('c', $this->rawread(1));
        return $n;
    }

    public function read_short()
    {
        $this->resetCounters();
        list(, $n) = unpack('n', $this->rawread(2));
        return $n;
    }

    public function read_signed_short()
    {
        $this->resetCounters();
        list(, $n) = unpack('s', $this->correctEndianness($this->rawread(2)));
        return $n;
    }

    /**
     * An unsigned 32-bit number, an int on 64-bit PHP. Unlike the other reads it does not end a run of
     * read_bit() calls, as in php-amqplib.
     */
    public function read_php_int()
    {
        list(, $n) = unpack('N', $this->rawread(4));
        // (int): nothing read (see AMQPBufferReader::rawread()) is a length of 0.
        return (int) $n;
    }

    public function read_long()
    {
        $this->resetCounters();
        list(, $n) = unpack('N', $this->rawread(4));
        return $n;
    }

    /** Private, as php-amqplib's: tables reach it through the 'I' type (tests call it by reflection). */
    private function readSignedLong()
    {
        $this->resetCounters();
        list(, $n) = unpack('l', $this->correctEndianness($this->rawread(4)));
        return $n;
    }

    /** @return int|string a decimal string from 2^63 up, where PHP's int ends */
    public function read_longlong()
    {
        $this->resetCounters();
        $bytes = $this->rawread(8);
        if (!$this->getMSB($bytes)) {
            $n = unpack('J', $bytes);
            return $n[1];
        }
        // Padded only when a read(-n) has left the buffer shorter than its count (php-amqplib then reads
        // what bytes there are as the number).
        list(, $n) = unpack('J', str_pad($bytes, 8, "\x00", STR_PAD_LEFT));
        if ($n >= 0) {
            return (string) $n;
        }
        // The bits of an unsigned number above PHP_INT_MAX, held as a negative int: halve it (a logical shift)
        // to divide by 10 as (n/2)/5 without overflow, then put the halved-off bit back into the last digit.
        $half = ($n >> 1) & PHP_INT_MAX;
        $tens = intdiv($half, 5);
        return $tens . (($half - $tens * 5) * 2 + ($n & 1));
    }

    public function read_signed_longlong()
    {
        $this->resetCounters();
        $n = unpack('q', $this->correctEndianness($this->rawread(8)));
        return $n[1];
    }

    public function read_float()
    {
        $this->resetCounters();
        list(, $n) = unpack('G', $this->rawread(4));
        return (float) $n;
    }

    public function read_double()
    {
        $this->resetCounters();
        list(, $n) = unpack('E', $this->rawread(8));
        return (float) $n;
    }

    public function read_shortstr()
    {
        $this->resetCounters();
        list(, $length) = unpack('C', $this->rawread(1));
        return $this->rawread($length);
    }

    public function read_longstr()
    {
        $this->resetCounters();
        $length = $this->read_php_int();
        if ($length < 0) {
            throw new AMQPOutOfBoundsException('Strings longer than supported on this platform');
        }
        return $this->rawread($length);
    }

    /** @return int|string as read_longlong() */
    public function read_timestamp()
    {
        return $this->read_longlong();
    }

    /**
     * A field table: name => [type letter, value] by default, or an AMQPTable with $returnObject (nested
     * tables and arrays then are collections too).
     *
     * @return array|AMQPTable
     */
    public function read_table(bool $returnObject = false)
    {
        $this->resetCounters();
        $length = $this->read_php_int();
        if ($length < 0) {
            throw new AMQPOutOfBoundsException('Table is longer than supported');
        }

        // The table's bytes are read whole first, so fields never run past its declared end.
        $fields = new AMQPBufferReader($this->rawread($length));
        $result = $returnObject ? new AMQPTable() : array();
        while ($fields->tell() < $length) {
            $name = $fields->read_shortstr();
            $letter = $fields->rawread(1);
            $type = AMQPAbstractCollection::getDataTypeForSymbol($letter);
            $value = $fields->read_value($type, $returnObject);
            if ($returnObject) {
                $result->set($name, $value, $type);
            } else {
                $result[$name] = array($letter, $value);
            }
        }
        return $result;
    }

    /** @return AMQPTable */
    public function read_table_object()
    {
        return $this->read_table(true);
    }

    /**
     * A field array: a list of bare values by default, or an AMQPArray with $returnObject.
     *
     * @return array|AMQPArray
     */
    public function read_array($returnObject = false)
    {
        $this->resetCounters();
        $length = $this->read_php_int();
        $end = $this->offset + $length;

        $result = $returnObject ? new AMQPArray() : array();
        while ($this->offset < $end) {
            $type = AMQPAbstractCollection::getDataTypeForSymbol($this->rawread(1));
            $value = $this->read_value($type, $returnObject);
            if ($returnObject) {
                $result->push($value, $type);
            } else {
                $result[] = $value;
            }
        }
        return $result;
    }

    /** @return AMQPArray */
    public function read_array_object()
    {
        return $this->read_array(true);
    }

    /** @return array{type:int, channel:int, size:int} */
    public function readFrameHeader(): array
    {
        // The 7-byte frame header: type octet, channel short, payload size long.
        return unpack('Ctype/nchannel/Nsize', $this->rawread(7));
    }

    /**
     * One value of the given type (an AMQPAbstractCollection::T_* constant).
     *
     * @return mixed
     */
    public function read_value(int $fieldType, bool $collectionsAsObjects = false)
    {
        $this->resetCounters();

        switch ($fieldType) {
            case AMQPAbstractCollection::T_INT_SHORTSHORT:
                // 'b' is a signed octet in 0-9-1 and for RabbitMQ, not a bit.
                return $this->read_signed_octet();
            case AMQPAbstractCollection::T_INT_SHORTSHORT_U:
            case AMQPAbstractCollection::T_BOOL:
                // Booleans come back as the octet, 0 or 1 (or whatever the peer sent).
                return $this->read_octet();
            case AMQPAbstractCollection::T_INT_SHORT:
                return $this->read_signed_short();
            case AMQPAbstractCollection::T_INT_SHORT_U:
                return $this->read_short();
            case AMQPAbstractCollection::T_INT_LONG:
                return $this->readSignedLong();
            case AMQPAbstractCollection::T_INT_LONG_U:
                return $this->read_long();
            case AMQPAbstractCollection::T_INT_LONGLONG:
                return $this->read_signed_longlong();
            case AMQPAbstractCollection::T_INT_LONGLONG_U:
                return $this->read_longlong();
            case AMQPAbstractCollection::T_DECIMAL:
                $e = $this->read_octet();
                $n = $this->readSignedLong();
                return new AMQPDecimal($n, $e);
            case AMQPAbstractCollection::T_TIMESTAMP:
                return $this->read_timestamp();
            case AMQPAbstractCollection::T_STRING_SHORT:
                return $this->read_shortstr();
            case AMQPAbstractCollection::T_STRING_LONG:
            case AMQPAbstractCollection::T_BYTES:
                return $this->read_longstr();
            case AMQPAbstractCollection::T_ARRAY:
                return $this->read_array($collectionsAsObjects);
            case AMQPAbstractCollection::T_TABLE:
                return $this->read_table($collectionsAsObjects);
            case AMQPAbstractCollection::T_VOID:
                return null;
            case AMQPAbstractCollection::T_FLOAT:
                return $this->read_float();
            case AMQPAbstractCollection::T_DOUBLE:
                return $this->read_double();
        }
        throw new AMQPInvalidArgumentException(sprintf('Unsupported type "%s"', $fieldType));
    }

    protected function tell(): int
    {
        return $this->offset;
    }

    /** Ends a run of read_bit() calls. */
    protected function resetCounters(): void
    {
        $this->bitcount = $this->bits = 0;
    }
}
