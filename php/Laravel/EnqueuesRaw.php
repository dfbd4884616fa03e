<?php

declare(strict_types=1);

namespace Mq\Laravel;

/**
 * What both queue drivers do the same way: push() and later() build Laravel's payload and enqueue it
 * (after the database commit when the connection says so) through the driver's own pushRaw() and
 * laterRaw(), with the options the driver takes from the job object (`rawOptions`); the id a driver
 * returns is the payload's uuid.
 */
trait EnqueuesRaw
{
    public function push($job, $data = '', $queue = null)
    {
        return $this->enqueueUsing(
            $job,
            $this->createPayload($job, $this->getQueue($queue), $data),
            $queue,
            null,
            fn ($payload, $queue) => $this->pushRaw($payload, $queue, $this->rawOptions($job))
        );
    }

    public function later($delay, $job, $data = '', $queue = null)
    {
        return $this->enqueueUsing(
            $job,
            $this->createPayload($job, $this->getQueue($queue), $data),
            $queue,
            $delay,
            fn ($payload, $queue, $delay) => $this->laterRaw($delay, $payload, $queue, $this->rawOptions($job))
        );
    }

    /** laterRaw()'s options: vyuldashev's laterRaw() takes the attempts made as an int there. */
    private static function laterOptions(int|array $options): array
    {
        return is_int($options) ? ['attempts' => $options] : $options;
    }

    private static function uuidOf(string $payload): ?string
    {
        $decoded = json_decode($payload, true);
        $uuid = is_array($decoded) ? ($decoded['uuid'] ?? $decoded['id'] ?? null) : null;
        return is_string($uuid) ? $uuid : null;
    }
}
