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

/**
 * The consumer group protocol the group tests run under: MQ_KAFKA_GROUP_PROTOCOL, `classic` (the default)
 * or `consumer` (KIP-848, Kafka 4.0+; scripts/test.sh kafka-consumer-protocol reruns them with it).
 */
function kafka_group_protocol(): string
{
    return getenv('MQ_KAFKA_GROUP_PROTOCOL') ?: 'classic';
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

/**
 * Closes the AMQP connection whose client named itself $name (AMQPConnectionConfig::setConnectionName)
 * from RabbitMQ's management API, with $reason: the broker sends "CONNECTION_FORCED - $reason" (320).
 * False if the API did not list the connection within 10 s (it lists new ones after a moment).
 */
function amqp_force_close(string $name, string $reason): bool
{
    $api = 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672) . '/api/connections';
    for ($i = 0; $i < 100; $i++) {
        foreach (json_decode((string) shell_exec("curl -s -u guest:guest $api"), true) ?: [] as $c) {
            if (($c['client_properties']['connection_name'] ?? null) === $name) {
                $url = escapeshellarg("$api/" . rawurlencode($c['name']));
                shell_exec('curl -s -u guest:guest -X DELETE -H ' . escapeshellarg("X-Reason: $reason") . " $url");
                return true;
            }
        }
        usleep(100000);
    }
    return false;
}
