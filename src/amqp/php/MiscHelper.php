<?php

namespace PhpAmqpLib\Helper;

/** php-amqplib's small helpers for timeouts and debugging output. */
class MiscHelper
{
    /** A method signature: "class,method" from [class id, method id]; a string is one already. */
    public static function methodSig($a)
    {
        if (is_string($a)) {
            return $a;
        }
        return sprintf('%d,%d', $a[0], $a[1]);
    }

    /**
     * Seconds as [whole seconds, microseconds], the two arguments stream_select() and friends take.
     *
     * @param int|float|string $number
     * @return int[]
     */
    public static function splitSecondsMicroseconds($number)
    {
        return array((int) floor($number), (int) (fmod($number, 1) * 1000000));
    }

    /**
     * A hex dump of $data: rows of 16 bytes, each an offset, the bytes in hex (an extra space after the
     * eighth) and the printable ones as text (others as '.'). HTML-escaped inside <pre> with $htmloutput.
     * Printed, or returned with $return.
     *
     * @return string|null
     */
    public static function hexdump($data, $htmloutput = true, $uppercase = false, $return = false)
    {
        $x = $uppercase ? 'X' : 'x';
        $dump = $htmloutput ? '<pre>' : '';
        $length = strlen($data);
        $hex = '';
        $text = '';
        $column = 0;
        for ($i = 0; $i < $length; $i++) {
            $byte = ord($data[$i]);
            $hex .= sprintf('%02' . $x . ' ', $byte);
            if ($byte < 32) {
                $text .= '.';
            } else {
                $text .= $htmloutput ? htmlentities($data[$i]) : $data[$i];
            }
            if ($column === 7) {
                $hex .= ' ';
                $text .= ' ';
            }
            $column++;
            if ($column === 16 || $i === $length - 1) {
                $dump .= sprintf('%04' . $x . '  %-49s  %s', $i - $column + 1, $hex, $text);
                $hex = $text = '';
                $column = 0;
                if ($i !== $length - 1) {
                    $dump .= PHP_EOL;
                }
            }
        }
        $dump .= ($htmloutput ? '</pre>' : '') . PHP_EOL;

        if ($return) {
            return $dump;
        }
        echo $dump;
        return null;
    }

    /**
     * A field table of [type letter, value] pairs as "name=value, ..." for debug messages: nested tables in
     * parentheses, timestamps as dates.
     *
     * @param array $table
     * @return string
     */
    public static function dump_table($table)
    {
        $fields = array();
        foreach ($table as $name => $field) {
            switch ($field[0]) {
                case 'D':
                    // As in php-amqplib, which reads AMQPDecimal's protected fields (an Error).
                    $value = $field[1]->n . 'E' . $field[1]->e;
                    break;
                case 'F':
                    $value = '(' . self::dump_table($field[1]) . ')';
                    break;
                case 'T':
                    $value = date('Y-m-d H:i:s', $field[1]);
                    break;
                default:
                    $value = $field[1];
            }
            $fields[] = $name . '=' . $value;
        }
        return implode(', ', $fields);
    }
}
