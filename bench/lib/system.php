<?php
// What the driver and the client scripts both need from the machine: the Kafka broker's address and the
// CPU time of finished child processes.

declare(strict_types=1);

function bench_kafka_bootstrap(): string
{
    return '127.0.0.1:' . (getenv('MQ_KAFKA_PORT') ?: 9092);
}

/** User + system CPU seconds of the children this process has waited for (RUSAGE_CHILDREN). */
function bench_children_cpu(): float
{
    $r = getrusage(1);
    return $r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec'] + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) / 1e6;
}
