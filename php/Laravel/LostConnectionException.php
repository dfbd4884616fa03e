<?php

declare(strict_types=1);

namespace Mq\Laravel;

/**
 * The broker connection or channel a worker was using is gone. The message starts with "Lost connection",
 * which Laravel's DetectsLostConnections recognises: `queue:work` stops, so its supervisor starts a fresh
 * worker, and the broker redelivers whatever the old one had not acknowledged.
 */
class LostConnectionException extends \RuntimeException
{
}
