<?php
// The `kafka` queue connection mq's service provider merges into queue.connections.kafka
// (publish it with `php artisan vendor:publish --tag=mq-config`).

return [
    'driver' => 'kafka',
    // The topic of the default queue (one topic per queue).
    'queue' => env('KAFKA_QUEUE', 'default'),
    'after_commit' => false,
    'brokers' => env('KAFKA_BROKERS', '127.0.0.1:9092'),
    // Every worker of this connection joins this consumer group: the group spreads the partitions.
    'group_id' => env('KAFKA_GROUP_ID', 'laravel'),

    // How the queue's topics (and its delay topics) are created on first use. Both null: by the broker,
    // which auto-creates a topic with its own defaults (num.partitions, often 1, so one worker at a time);
    // either set: explicitly, as `php artisan kafka:topic-create` does (-1: the broker's default).
    // Workers beyond the partition count stay idle.
    'partitions' => env('KAFKA_PARTITIONS'),
    'replication_factor' => env('KAFKA_REPLICATION_FACTOR'),

    // How long one pop() waits for a message, and dispatch() for the delivery report.
    'consume_timeout_ms' => 1000,
    'flush_timeout_ms' => 10000,

    // librdkafka properties for both clients (security.protocol, sasl.*, ssl.* ...), then per client. The
    // consumer's own defaults: max.poll.interval.ms one hour (a job may run that long before its partition
    // goes to another worker), and with the classic protocol session.timeout.ms 10 s, heartbeat.interval.ms 3 s.
    'options' => [],
    'producer' => [],
    'consumer' => [],
];
