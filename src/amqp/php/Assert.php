<?php

namespace PhpAmqpLib\Helper;

use InvalidArgumentException;

class Assert
{
    /** @throws InvalidArgumentException when $argument is not callable */
    public static function isCallable($argument)
    {
        if (!is_callable($argument)) {
            throw new InvalidArgumentException(sprintf(
                'Given argument "%s" should be callable. %s type was given.',
                $argument,
                gettype($argument)
            ));
        }
    }
}
