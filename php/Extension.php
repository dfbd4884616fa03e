<?php

declare(strict_types=1);

namespace Mq;

/**
 * Checks, from userland, that the mq extension this package drives is loaded and recent enough,
 * so a missing `extension=mq.so` is one clear message instead of "class PhpAmqpLib\... not found".
 */
final class Extension
{
    /** The oldest extension version this PHP code works with. */
    public const MINIMUM_VERSION = '0.1.0';

    /** @return string the loaded extension's version */
    public static function require(string $minimum = self::MINIMUM_VERSION): string
    {
        $version = phpversion('mq');
        if ($version === false) {
            throw new \RuntimeException(
                'The mq PHP extension is not loaded: build and enable it with `make install` '
                . '(or add extension=mq.so to php.ini) before using the mq package.'
            );
        }
        if (version_compare($version, $minimum, '<')) {
            throw new \RuntimeException(sprintf(
                'The mq PHP extension %s is loaded, but this code needs %s or later.',
                $version,
                $minimum
            ));
        }
        return $version;
    }
}
