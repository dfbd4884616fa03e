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

/** The SASL_PLAINTEXT listener with OAUTHBEARER (Kafka's unsecured-JWT validator). */
function kafka_sasl_bootstrap(): string
{
    return '127.0.0.1:' . (getenv('MQ_KAFKA_SASL_PORT') ?: 9094);
}

/** An unsecured JWT (alg "none") for $principal, which the broker's default validator accepts. */
function unsecured_jwt(string $principal, int $lifetime_s): string
{
    $b64 = fn (array $part) => rtrim(strtr(base64_encode(json_encode($part)), '+/', '-_'), '=');
    return $b64(['alg' => 'none']) . '.' . $b64(['sub' => $principal, 'iat' => time(), 'exp' => time() + $lifetime_s]) . '.';
}

/** A name no earlier run used, so tests never see each other's leftovers. */
function fresh_name(string $prefix): string
{
    return $prefix . '-' . getmypid() . '-' . bin2hex(random_bytes(4));
}
