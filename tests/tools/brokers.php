<?php
// Where the brokers started by scripts/rabbitmq.sh and scripts/kafka.sh listen (same variables, same defaults).

function amqp_port(): int
{
    return (int) (getenv('MQ_AMQP_PORT') ?: 5672);
}

function amqps_port(): int
{
    return (int) (getenv('MQ_AMQPS_PORT') ?: 5671);
}

function kafka_bootstrap(): string
{
    return '127.0.0.1:' . (getenv('MQ_KAFKA_PORT') ?: 9092);
}

/** A name no earlier run used, so tests never see each other's leftovers. */
function fresh_name(string $prefix): string
{
    return $prefix . '-' . getmypid() . '-' . bin2hex(random_bytes(4));
}
