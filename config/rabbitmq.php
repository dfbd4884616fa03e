<?php
// The `rabbitmq` queue connection mq's service provider merges into queue.connections.rabbitmq
// (publish it with `php artisan vendor:publish --tag=mq-config` to edit it). Keys follow
// vyuldashev/laravel-queue-rabbitmq, so an existing connection block works unchanged.

return [
    'driver' => 'rabbitmq',
    'queue' => env('RABBITMQ_QUEUE', 'default'),
    'after_commit' => false,

    // Tried in order until one accepts the connection (failover).
    'hosts' => [
        [
            'host' => env('RABBITMQ_HOST', '127.0.0.1'),
            'port' => env('RABBITMQ_PORT', 5672),
            'user' => env('RABBITMQ_USER', 'guest'),
            'password' => env('RABBITMQ_PASSWORD', 'guest'),
            'vhost' => env('RABBITMQ_VHOST', '/'),
        ],
    ],

    // TLS is used when `secure` is true or ssl_options.cafile is set.
    'secure' => env('RABBITMQ_SECURE', false),

    'options' => [
        'heartbeat' => env('RABBITMQ_HEARTBEAT', 30),
        // Shown in the management UI's connection list.
        'connection_name' => env('RABBITMQ_CONNECTION_NAME'),
        'connection_timeout' => 3.0,
        'read_write_timeout' => 60.0,

        'ssl_options' => [
            'cafile' => env('RABBITMQ_SSL_CAFILE'),
            'local_cert' => env('RABBITMQ_SSL_LOCALCERT'),
            'local_key' => env('RABBITMQ_SSL_LOCALKEY'),
            'verify_peer' => env('RABBITMQ_SSL_VERIFY_PEER', true),
            'passphrase' => env('RABBITMQ_SSL_PASSPHRASE'),
        ],

        'queue' => [
            // '' publishes to the default exchange, routing key = queue name.
            'exchange' => env('RABBITMQ_EXCHANGE_NAME', ''),
            'exchange_type' => env('RABBITMQ_EXCHANGE_TYPE', 'direct'),
            'exchange_routing_key' => '%s',

            // Declare the exchange, the queue and its binding on first use. With false the topology must
            // already exist: a push to a missing exchange is an exception, never a silent drop.
            'declare' => env('RABBITMQ_DECLARE', true),

            // Quorum queues: replicated, and attempts come from the broker's x-delivery-count.
            'quorum' => env('RABBITMQ_QUORUM', false),
            // Classic queues only: x-max-priority (a job's $priority property sets its message priority).
            // A vyuldashev block's 'prioritize_delayed' => false leaves x-max-priority out, as vyuldashev does.
            'queue_max_priority' => null,
            // Classic queues only: x-queue-mode=lazy.
            'lazy' => false,

            // No silent loss: every publish waits for the broker's confirm, and an unroutable message is
            // an exception from dispatch().
            'confirm' => true,
            'mandatory' => true,
            'confirm_timeout' => 10.0,

            // A failed job is also rejected to this exchange (as the queue's x-dead-letter-exchange).
            'reroute_failed' => false,
            'failed_exchange' => null,
            'failed_routing_key' => '%s.failed',

            // RabbitMQ's management API (the rabbitmq_management plugin), for what AMQP cannot count:
            // delayedSize(), reservedSize() and creationTimeOfOldestPendingJob(). Without a url they are
            // 0, 0 and null. The broker refreshes these statistics every few seconds.
            'management' => [
                'url' => env('RABBITMQ_MANAGEMENT_URL'),
                'user' => env('RABBITMQ_MANAGEMENT_USER', env('RABBITMQ_USER', 'guest')),
                'password' => env('RABBITMQ_MANAGEMENT_PASSWORD', env('RABBITMQ_PASSWORD', 'guest')),
                'vhost' => env('RABBITMQ_VHOST', '/'),
                'timeout' => 5.0,
            ],
        ],
    ],
];
