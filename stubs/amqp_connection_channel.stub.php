<?php

// php-amqplib's connection and channel, as registered by mq. Parameters php-amqplib leaves untyped
// are `mixed`; no method declares a return type (php-amqplib declares none, and subclasses override them).

namespace PhpAmqpLib\Channel;

abstract class AbstractChannel
{
    const PROTOCOL_080 = '8.0';
    const PROTOCOL_091 = '0.9.1';

    /** '0.9.1', the protocol mq speaks. */
    public static function getProtocolVersion() {}

    /** Always empty: mq hands every frame to the call or wait() it belongs to. */
    public function getMethodQueue() {}
}

namespace PhpAmqpLib\Connection;

/**
 * mq's native connection. The concrete classes (AMQPStreamConnection, AMQPSSLConnection, the lazy and
 * socket variants) are PHP classes compiled into the extension (stubs/amqp_php_classes/) that build an
 * AMQPConnectionConfig and pass it here.
 */
abstract class AbstractConnection extends \PhpAmqpLib\Channel\AbstractChannel
{
    public $channels;

    /**
     * php-amqplib's protected properties that its constructor sets, set as there (read by subclasses and
     * by reflection): the config and the arguments the connection was constructed with, and the login
     * response its login method makes of the credentials of the broker reached. $io is the StreamIO a
     * direct subclass passed (null for mq's own classes); $heartbeat the one asked for. What
     * php-amqplib's change while connected ($is_connected, $server_properties...) are not declared.
     */
    protected $config;
    protected $construct_params;
    protected $vhost;
    protected $insist;
    protected $login_method;
    protected $login_response;
    protected $locale;
    protected $heartbeat;
    protected $connection_timeout;
    protected $io;

    /** The client properties a connection sends (`[name => [type symbol, value]]`), naming mq as the product; set to its default at each request's start. */
    public static $LIBRARY_PROPERTIES;

    /** The open channel with this id, or a new one (connecting again if the connection was closed). */
    public function channel(mixed $channel_id = null) {}

    public function close(mixed $reply_code = 0, mixed $reply_text = '', mixed $method_sig = [0, 0]) {}

    /** Closes and connects again with the same settings; channels are not reopened. */
    public function reconnect() {}

    public function isConnected() {}

    /** Waits until a channel has a delivery or confirm for wait() (1), $sec s + $usec µs pass or a signal arrives (0; its handlers run first). $sec null: no limit. */
    public function select(mixed $sec, mixed $usec = 0) {}

    /** Whether the broker has blocked this connection: publishing then throws AMQPConnectionBlockedException. */
    public function isBlocked() {}

    /** The negotiated heartbeat interval in seconds (the broker's when 0 was asked for). */
    public function getHeartbeat() {}

    public function getReadTimeout() {}

    /** The broker's properties as php-amqplib returns them: `[name => [type symbol, value]]`. */
    public function getServerProperties() {}

    /** `$LIBRARY_PROPERTIES`, with the config's connection name when it has one. */
    public function getLibraryProperties() {}

    /** Heartbeats are sent and checked by mq's I/O threads; nothing to do. */
    public function checkHeartBeat() {}

    /** Always false: PHP never sees one of mq's writes half done (php-amqplib's signal heartbeat senders ask). */
    public function isWriting() {}

    /**
     * Whether the constructor connects: true; the lazy classes return false.
     * @tentative-return-type
     */
    public function connectOnConstruct(): bool {}

    /** When a frame was last read or written (heartbeats too), as microtime(true); null when not connected. */
    public function getLastActivity() {}

    public function set_close_on_destruct(mixed $close = true) {}

    /** 0: the connection is php-amqplib's channel 0. */
    public function getChannelId() {}

    /** The connection itself. */
    public function getConnection() {}

    /** Always false: nothing waits on channel 0 for PHP. */
    public function hasPendingMethods() {}

    /** Accepted for chaining: no bodies arrive on channel 0. */
    public function setBodySizeLimit(mixed $max_bytes) {}

    /** The lowest channel number free in $channels: the number the next channel() gets, as php-amqplib. */
    public function get_free_channel_id() {}

    /** A \PhpAmqpLib\Wire\IO\StreamIO with the connection's timeouts and heartbeat switches (one per connection). */
    public function getIO() {}

    /** Called with the broker's reason when it blocks the connection (a resource alarm). */
    public function set_connection_block_handler(mixed $callback) {}

    /** Called without arguments when the broker unblocks the connection. */
    public function set_connection_unblock_handler(mixed $callback) {}

    /**
     * mq: called as `$handler(string $state, string $reason)` when automatic recovery (php.ini
     * `mq.amqp_recovery`, `AMQPConnectionConfig::setAutomaticRecovery()`) changes the connection's state:
     * `lost` (with the reason), `refused` (declarations the broker refused when they were replayed, e.g.
     * a queue redeclared meanwhile with other arguments; recovery goes on without them), `recovered`, or
     * `failed` (recovery gave up; the call that found the loss
     * throws what php-amqplib throws for it). Called right after the call that recovered returns.
     */
    public function set_connection_recovery_handler(mixed $callback) {}

    /**
     * mq's connection classes pass one AMQPConnectionConfig (`$user`). A class extending
     * AbstractConnection passes php-amqplib's arguments, the socket's settings (host, port, timeouts,
     * TLS context) in a `PhpAmqpLib\Wire\IO\StreamIO`; another AbstractIO cannot carry the connection
     * (AMQPRuntimeException). `$login_response` and `$connection_timeout` are not read (the StreamIO's
     * connection timeout is).
     */
    public function __construct(
        mixed $user,
        mixed $password = null,
        mixed $vhost = '/',
        mixed $insist = false,
        mixed $login_method = 'AMQPLAIN',
        mixed $login_response = null,
        mixed $locale = 'en_US',
        mixed $io = null,
        mixed $heartbeat = 0,
        mixed $connection_timeout = 0,
        mixed $channel_rpc_timeout = 0.0,
        mixed $config = null
    ) {}
}

namespace PhpAmqpLib\Channel;

class AMQPChannel extends \PhpAmqpLib\Channel\AbstractChannel
{
    public $callbacks;
    protected $connection;

    /** Null once the channel is closed (ours, the broker's, or its connection found gone), as php-amqplib. */
    public function getChannelId() {}

    /** Null once the channel is closed, as getChannelId(). */
    public function getConnection() {}

    /** Closes the channel if its connection is gone; true if it did. */
    public function closeIfDisconnected() {}

    /** Returns the ticket RabbitMQ gives every access request, 1, without asking it (see README). */
    public function access_request(mixed $realm, mixed $exclusive = false, mixed $passive = false, mixed $active = false, mixed $write = false, mixed $read = false) {}

    /** Asks the broker to pause (false) or resume (true) deliveries; returns the flow now in force. */
    public function flow(mixed $active) {}

    /** Bodies longer than $max_bytes are cut at whole body frames on receipt (isTruncated()). */
    public function setBodySizeLimit(mixed $max_bytes) {}

    /** Whether deliveries or confirms are waiting for wait(). */
    public function hasPendingMethods() {}

    public function is_open() {}

    public function close(mixed $reply_code = 0, mixed $reply_text = '', mixed $method_sig = [0, 0]) {}

    public function exchange_declare(mixed $exchange, mixed $type, mixed $passive = false, mixed $durable = false, mixed $auto_delete = true, mixed $internal = false, mixed $nowait = false, mixed $arguments = [], mixed $ticket = null) {}

    public function exchange_delete(mixed $exchange, mixed $if_unused = false, mixed $nowait = false, mixed $ticket = null) {}

    public function exchange_bind(mixed $destination, mixed $source, mixed $routing_key = '', mixed $nowait = false, mixed $arguments = [], mixed $ticket = null) {}

    public function exchange_unbind(mixed $destination, mixed $source, mixed $routing_key = '', mixed $nowait = false, mixed $arguments = [], mixed $ticket = null) {}

    public function queue_declare(mixed $queue = '', mixed $passive = false, mixed $durable = false, mixed $exclusive = false, mixed $auto_delete = true, mixed $nowait = false, mixed $arguments = [], mixed $ticket = null) {}

    public function queue_bind(mixed $queue, mixed $exchange, mixed $routing_key = '', mixed $nowait = false, mixed $arguments = [], mixed $ticket = null) {}

    public function queue_unbind(mixed $queue, mixed $exchange, mixed $routing_key = '', mixed $arguments = [], mixed $ticket = null) {}

    public function queue_purge(mixed $queue = '', mixed $nowait = false, mixed $ticket = null) {}

    public function queue_delete(mixed $queue = '', mixed $if_unused = false, mixed $if_empty = false, mixed $nowait = false, mixed $ticket = null) {}

    public function basic_publish(mixed $msg, mixed $exchange = '', mixed $routing_key = '', mixed $mandatory = false, mixed $immediate = false, mixed $ticket = null) {}

    public function batch_basic_publish(mixed $message, mixed $exchange = '', mixed $routing_key = '', mixed $mandatory = false, mixed $immediate = false, mixed $ticket = null) {}

    public function publish_batch() {}

    public function basic_consume(mixed $queue = '', mixed $consumer_tag = '', mixed $no_local = false, mixed $no_ack = false, mixed $exclusive = false, mixed $nowait = false, mixed $callback = null, mixed $ticket = null, mixed $arguments = []) {}

    public function basic_cancel(mixed $consumer_tag, mixed $nowait = false, mixed $noreturn = false) {}

    public function is_consuming() {}

    public function stopConsume() {}

    /**
     * Handles one delivery, confirm or return. Returns null; throws AMQPTimeoutException when $timeout
     * (seconds, 0: none) passes; returns at once on a signal when there is no timeout.
     */
    public function wait(mixed $allowed_methods = null, mixed $non_blocking = false, mixed $timeout = 0) {}

    /** Waits and dispatches until no consumer is left or stopConsume() is called. */
    public function consume(mixed $maximum_poll = 10.0) {}

    public function basic_get(mixed $queue = '', mixed $no_ack = false, mixed $ticket = null) {}

    public function basic_ack(mixed $delivery_tag, mixed $multiple = false) {}

    public function basic_nack(mixed $delivery_tag, mixed $multiple = false, mixed $requeue = false) {}

    public function basic_reject(mixed $delivery_tag, mixed $requeue) {}

    public function basic_qos(mixed $prefetch_size, mixed $prefetch_count, mixed $a_global) {}

    public function basic_recover(mixed $requeue = false) {}

    public function tx_select() {}

    public function tx_commit() {}

    public function tx_rollback() {}

    public function confirm_select(mixed $nowait = false) {}

    public function set_ack_handler(mixed $callback) {}

    public function set_nack_handler(mixed $callback) {}

    public function set_return_listener(mixed $callback) {}

    /** Waits for every publish to be acked or nacked; $timeout bounds the whole wait. */
    public function wait_for_pending_acks(mixed $timeout = 0) {}

    public function wait_for_pending_acks_returns(mixed $timeout = 0) {}

    /** Opens a channel on $connection, as $connection->channel() does; lapin numbers channels itself. */
    public function __construct(mixed $connection, mixed $channel_id = null, mixed $auto_decode = true, mixed $channel_rpc_timeout = 0) {}
}
