<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ;

/** A job RabbitMQ did not take: nacked, returned as unroutable, refused, or not confirmed in time. */
class PublishException extends \RuntimeException
{
}
