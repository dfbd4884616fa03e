<?php

namespace Mq\Internal;

use PhpAmqpLib\Wire\AMQPReader;
use PhpAmqpLib\Wire\AMQPWriter;

/**
 * AMQPMessage's properties as a content header carries them (`load_properties()`,
 * `serialize_properties()`), a class apart so that every process publishing a message does not compile
 * a codec few use (a PHP process compiles these sources at every start). Not part of php-amqplib's API.
 */
final class MessageProperties
{
    /** The properties a content header's property flags and list hold, read from $reader. */
    public static function read(AMQPReader $reader, array $definitions): array
    {
        // Flag words follow one another while the lowest bit (the continuation bit) is set.
        $words = array();
        do {
            $word = $reader->read_short();
            $words[] = $word;
        } while (($word & 1) !== 0);

        // Each word flags up to 15 properties, in definition order from its highest bit down.
        $properties = array();
        $bit = 0;
        foreach ($definitions as $name => $type) {
            if ($bit === 0) {
                if (!$words) {
                    break;
                }
                $word = array_shift($words);
                $bit = 15;
            }
            if ($word & (1 << $bit)) {
                $properties[$name] = $reader->{'read_' . $type}();
            }
            $bit--;
        }

        return $properties;
    }

    /**
     * The property flags and list of a content header carrying $properties (untyped: a subclass of
     * AMQPMessage may keep null or an ArrayAccess there, as php-amqplib's code reads it).
     */
    public static function write($properties, array $definitions): string
    {
        $words = array();
        $word = 0;
        $bit = 15;
        $fields = new AMQPWriter();
        foreach ($definitions as $name => $type) {
            $value = $properties[$name] ?? null;
            if ($value === null) {
                $bit--;
                continue;
            }
            // Bit 0 of a word is the continuation bit: a 16th property goes into the next word.
            if ($bit === 0) {
                $words[] = $word | 1;
                $word = 0;
                $bit = 15;
            }
            $word |= 1 << $bit;
            $fields->{'write_' . $type}($value);
            $bit--;
        }
        $words[] = $word;

        $header = new AMQPWriter();
        foreach ($words as $word) {
            $header->write_short($word);
        }
        $header->write($fields->getvalue());

        return $header->getvalue();
    }
}
