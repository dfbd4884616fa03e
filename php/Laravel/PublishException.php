<?php

declare(strict_types=1);

namespace Mq\Laravel;

/** A job the broker did not take: nacked, returned as unroutable, refused, or not acknowledged in time. */
class PublishException extends \RuntimeException
{
}
