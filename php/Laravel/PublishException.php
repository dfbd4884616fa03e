<?php

declare(strict_types=1);

namespace Mq\Laravel;

/** A job the broker did not take: nacked, returned as unroutable, refused, or not acknowledged in time. */
class PublishException extends \RuntimeException
{
    /** @param list<string> $reasons why each refused job was refused */
    public static function notQueued(array $reasons, int $of): self
    {
        return new self(sprintf('%d of %d job(s) were not queued: %s.', count($reasons), $of, implode('; ', array_unique($reasons))));
    }
}
