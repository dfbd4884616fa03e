<?php

namespace PhpAmqpLib\Wire;

/**
 * What AMQPWriter and AMQPReader share: the byte sizes of the wire types and byte-order helpers.
 * Everything travels big-endian; pack()'s machine-order codes are turned around on little-endian hosts.
 */
abstract class AMQPByteStream
{
    public const BIT = 1;
    public const OCTET = 1;
    public const SHORTSTR = 1;
    public const SHORT = 2;
    public const LONG = 4;
    public const SIGNED_LONG = 4;
    public const READ_PHP_INT = 4;
    public const LONGLONG = 8;
    public const TIMESTAMP = 8;

    /** @var bool mq builds for 64-bit PHP only; kept for subclasses that test it. */
    protected const PLATFORM_64BIT = PHP_INT_SIZE === 8;

    /** @var bool|null */
    protected static $isLittleEndian;

    /** Swaps between machine and network order (a no-op on big-endian hosts). */
    protected function correctEndianness($bytes)
    {
        return self::isLittleEndian() ? $this->convertByteOrder($bytes) : $bytes;
    }

    protected function convertByteOrder($bytes)
    {
        return strrev($bytes);
    }

    protected function getLongMSB($longInt)
    {
        return (bool) ($longInt & 0x80000000);
    }

    protected function getMSB($bytes)
    {
        return ord($bytes[0]) > 127;
    }

    protected static function isLittleEndian()
    {
        if (self::$isLittleEndian === null) {
            self::$isLittleEndian = unpack('S', "\x01\x00")[1] === 1;
        }
        return self::$isLittleEndian;
    }
}
