<?php

namespace PhpAmqpLib\Wire;

use PhpAmqpLib\Exception\AMQPDataReadException;

/** An AMQPReader over a byte string; reset() reuses it for another one. */
class AMQPBufferReader extends AMQPReader
{
    /** @var string */
    private $buffer;

    /** @var int where the unread bytes start in $buffer */
    private $position = 0;

    /** @var int bytes left to read */
    private $length;

    public function __construct(string $buffer)
    {
        $this->buffer = $buffer;
        $this->length = strlen($buffer);
    }

    public function close(): void
    {
    }

    public function reset(string $str): void
    {
        $this->buffer = $str;
        $this->position = 0;
        $this->length = strlen($str);
        $this->offset = 0;
        $this->resetCounters();
    }

    protected function rawread(int $n): string
    {
        if ($this->length < $n) {
            throw new AMQPDataReadException(sprintf(
                'Error reading data. Requested %s bytes while string buffer has only %s',
                $n,
                $this->length
            ));
        }
        if ($n < 0) {
            // Nonsense, but kept as php-amqplib has it: all but the last -$n unread bytes come back and
            // those last bytes stay, while the counters move backwards.
            $rest = substr($this->buffer, $this->position);
            $bytes = substr($rest, 0, $n);
            $this->buffer = substr($rest, $n);
            $this->position = 0;
        } else {
            $bytes = substr($this->buffer, $this->position, $n);
            $this->position += $n;
        }
        $this->length -= $n;
        $this->offset += $n;
        return $bytes;
    }
}
