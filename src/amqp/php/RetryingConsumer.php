<?php

namespace Mq;

use PhpAmqpLib\Channel\AMQPChannel;
use PhpAmqpLib\Connection\AbstractConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

/**
 * Runs a handler per message of a queue and retries the ones whose handler throws, by the delays of a
 * RetryPolicy, through one retry queue per delay: "{queue}.retry.{ms}", durable, whose x-message-ttl
 * sends each copy back to the work queue through the default exchange when it expires. One queue per
 * delay because RabbitMQ expires a queue's messages from its head only: a long delay never holds a short
 * one back.
 *
 * Attempts travel in the x-mq-attempts header (absent on the first delivery, 2 on the first retry...).
 * When they are used up, or the policy's retries() refuses the error, the onExhausted strategy applies:
 * - reject: the message is rejected without requeueing; the broker dead-letters it to the work queue's
 *   x-dead-letter-exchange (and drops it if the queue has none).
 * - requeue: the message is never given up: it goes back to the work queue after the policy's longest
 *   delay, x-mq-attempts still counting, so a message that always fails costs one attempt per that delay
 *   instead of a hot loop.
 * - republish: a copy goes to $republishExchange (routing key $republishRoutingKey, null: the one the
 *   message was first published with) with the failure in its headers, then the original is acked.
 *
 * Every copy (retry, requeue, republish) keeps body and properties (message_id included; not expiration,
 * which the broker's dead-lettering drops too and which would cut a delay short) and carries
 * x-mq-attempts, x-mq-error-class and x-mq-error-message (the last failure, cut at 4096 bytes),
 * x-mq-original-exchange and x-mq-original-routing-key (where the message was first published, kept
 * across retries). Copies are published mandatory on a channel of the consumer's own (opened on the same
 * connection, in confirm mode, so the user's channel keeps its mode and handlers), and the original is
 * acked only once the broker confirmed its copy: a retry is never lost. A copy that is nacked, returned
 * as unroutable or not confirmed within $confirmTimeout puts the original back in its queue (nack with
 * requeue) and throws \RuntimeException.
 */
final class RetryingConsumer
{
    const EXHAUSTED_REJECT = 'reject';
    const EXHAUSTED_REQUEUE = 'requeue';
    const EXHAUSTED_REPUBLISH = 'republish';

    const ATTEMPTS_HEADER = 'x-mq-attempts';

    /** Longer exception messages are cut: headers travel in one frame, bounded by frame_max. */
    private const ERROR_MESSAGE_MAX = 4096;

    private AMQPChannel $channel;
    /** The channel's connection, where the publishing channel opens: a closed channel forgets its own. */
    private AbstractConnection $connection;
    private string $queue;
    /** @var callable(AMQPMessage): mixed */
    private $handler;
    private RetryPolicy $policy;
    private string $onExhausted;
    private ?string $republishExchange;
    private ?string $republishRoutingKey;
    /** @var null|callable(string, AMQPMessage): mixed */
    private $firstSeen;
    private int $prefetch;
    private float $confirmTimeout;

    /** The channel the copies are published on, in confirm mode; opened on first use. */
    private ?AMQPChannel $publisher = null;
    private bool $declared = false;
    private ?string $consumerTag = null;
    private bool $stopped = false;
    /**
     * What the broker said about the last copy (acked, nacked, returned), set by the publishing
     * channel's handlers. An object of its own, so that those handlers do not hold the consumer: no
     * reference cycle, the consumer is freed as soon as the user lets go of it.
     */
    private \stdClass $confirm;
    private array $counters = ['handled' => 0, 'retried' => 0, 'exhausted' => 0, 'skipped' => 0];

    /**
     * @param callable $handler called with each AMQPMessage; a return means done (the message is acked),
     *   any \Throwable means failed. It must not ack, nack or reject the message itself.
     * @param RetryPolicy|null $policy null: the ini defaults, retrying every \Throwable (a RetryPolicy's own
     *   default retryOn is the transient AMQP errors: name the handler's exceptions there).
     * @param callable|null $firstSeen idempotence hook, called as $firstSeen(string $messageId,
     *   AMQPMessage $message) before the first attempt of a message that has a message_id; it must record
     *   the id and return true (truthy) when it had not seen it (Redis SET NX, an INSERT into a table with a
     *   unique key...). A false return skips the message: acked unhandled. Retries are not asked again.
     * @param int $prefetch consume()'s basic_qos prefetch count (0: unlimited).
     * @param float $confirmTimeout seconds to wait for the broker's confirm of a copy.
     */
    public function __construct(
        AMQPChannel $channel,
        string $queue,
        callable $handler,
        ?RetryPolicy $policy = null,
        string $onExhausted = self::EXHAUSTED_REJECT,
        ?string $republishExchange = null,
        ?string $republishRoutingKey = null,
        ?callable $firstSeen = null,
        int $prefetch = 10,
        float $confirmTimeout = 30.0
    ) {
        if ($queue === '') {
            // The retry queues route copies back by the work queue's name.
            throw new \InvalidArgumentException('Mq\\RetryingConsumer: queue must be a queue name, got an empty string');
        }
        $strategies = [self::EXHAUSTED_REJECT, self::EXHAUSTED_REQUEUE, self::EXHAUSTED_REPUBLISH];
        if (!in_array($onExhausted, $strategies, true)) {
            throw new \InvalidArgumentException(sprintf(
                "Mq\\RetryingConsumer: onExhausted must be 'reject', 'requeue' or 'republish', got '%s'",
                $onExhausted
            ));
        }
        if (($onExhausted === self::EXHAUSTED_REPUBLISH) !== ($republishExchange !== null)) {
            throw new \InvalidArgumentException($republishExchange === null
                ? "Mq\\RetryingConsumer: onExhausted 'republish' needs a republishExchange"
                : "Mq\\RetryingConsumer: republishExchange is only used with onExhausted 'republish'");
        }
        if ($republishRoutingKey !== null && $republishExchange === null) {
            throw new \InvalidArgumentException(
                "Mq\\RetryingConsumer: republishRoutingKey is only used with onExhausted 'republish'"
            );
        }
        if ($republishExchange === '' && ($republishRoutingKey ?? $queue) === $queue) {
            // The default exchange routes by queue name: the failure would come straight back, forever.
            throw new \InvalidArgumentException(
                "Mq\\RetryingConsumer: republishing to the default exchange needs a republishRoutingKey other than the work queue"
            );
        }
        if ($prefetch < 0 || $prefetch > 65535) {
            throw new \InvalidArgumentException("Mq\\RetryingConsumer: prefetch must be 0 to 65535, got $prefetch");
        }
        if (!is_finite($confirmTimeout) || $confirmTimeout <= 0) {
            throw new \InvalidArgumentException('Mq\\RetryingConsumer: confirmTimeout must be a positive number of seconds');
        }
        $connection = $channel->getConnection();
        if ($connection === null) {
            throw new \InvalidArgumentException('Mq\\RetryingConsumer: the channel is closed');
        }
        $this->channel = $channel;
        $this->connection = $connection;
        $this->queue = $queue;
        $this->handler = $handler;
        $this->policy = $policy ?? new RetryPolicy(retryOn: [\Throwable::class]);
        $this->onExhausted = $onExhausted;
        $this->republishExchange = $republishExchange;
        $this->republishRoutingKey = $republishRoutingKey;
        $this->firstSeen = $firstSeen;
        $this->prefetch = $prefetch;
        $this->confirmTimeout = $confirmTimeout;
        $this->confirm = new \stdClass();
    }

    /** Dropped while its consumer is registered, it cancels it (the channel's callback holds it only weakly). */
    public function __destruct()
    {
        // A channel stays open (as in php-amqplib) until a call reports its connection's end: a lost
        // connection has nothing to cancel, and a cancel on it would wait for a recovery.
        if ($this->consumerTag !== null && isset($this->channel->callbacks[$this->consumerTag]) && $this->channel->is_open()
            && $this->channel->getConnection()?->isConnected()) {
            try {
                // nowait: no round trip to wait for (nor to hang on) while the object goes away.
                $this->channel->basic_cancel($this->consumerTag, true);
            } catch (\Throwable $e) {
            }
        }
    }

    /**
     * Declares the retry queues of every delay the policy can ask for (done on first need otherwise).
     * Declaring again is harmless; a queue of the same name with other arguments is the broker's
     * PRECONDITION_FAILED, on the consumer's own channel.
     */
    public function declareRetryQueues(): void
    {
        $delays = $this->retryDelays();
        $channel = $delays === [] ? null : $this->publisher();
        foreach ($delays as $ms) {
            $channel->queue_declare($this->retryQueue($ms), false, true, false, false, false, new AMQPTable([
                'x-message-ttl' => $ms,
                'x-dead-letter-exchange' => '',
                'x-dead-letter-routing-key' => $this->queue,
            ]));
        }
        $this->declared = true;
    }

    /**
     * Consumes the queue (basic_qos with $prefetch, manual acks) and handles each message with process()
     * until stop() is called (from the handler or a signal handler) or $timeout seconds pass (null: no
     * limit). The consumer stays registered when it returns, as php-amqplib's stopConsume() leaves
     * consumers: messages the broker already sent are handled by the next consume(), or go back to the
     * queue when the channel closes (or this object is dropped: see __destruct).
     */
    public function consume(?float $timeout = null): void
    {
        if ($timeout !== null && (!is_finite($timeout) || $timeout <= 0)) {
            throw new \InvalidArgumentException('Mq\\RetryingConsumer::consume(): timeout must be a positive number of seconds or null');
        }
        $this->stopped = false;
        if (!$this->declared) {
            $this->declareRetryQueues();
        }
        $deadline = $timeout === null ? null : microtime(true) + $timeout;
        // Registered once; again only if the broker cancelled it (the queue was deleted...).
        if ($this->consumerTag === null || !isset($this->channel->callbacks[$this->consumerTag])) {
            $this->channel->basic_qos(0, $this->prefetch, false);
            // Held weakly: the channel's callback must not keep the consumer alive (see __destruct).
            $self = \WeakReference::create($this);
            $this->consumerTag = $this->channel->basic_consume($this->queue, '', false, false, false, false, static function (AMQPMessage $message) use ($self): void {
                $self->get()?->process($message);
            });
        }
        while (!$this->stopped) {
            $left = $deadline === null ? 0 : $deadline - microtime(true);
            if ($deadline !== null && $left <= 0) {
                return;
            }
            try {
                $this->channel->wait(null, false, $left);
            } catch (AMQPTimeoutException $e) {
                return;
            }
        }
    }

    /** Makes consume() return once the message being handled is done. */
    public function stop(): void
    {
        $this->stopped = true;
    }

    /**
     * Handles one message received with manual acks (from consume(), the user's own basic_consume or
     * basic_get) and settles it. Returns the outcome: 'handled', 'retried', 'rejected', 'requeued',
     * 'republished' or 'skipped'.
     */
    public function process(AMQPMessage $message): string
    {
        if ($message->getChannel() === null) {
            throw new \InvalidArgumentException('Mq\\RetryingConsumer::process(): the message was not received from a channel');
        }
        $attempt = self::attemptOf($message);
        if ($this->firstSeen !== null && $attempt === 1 && $message->has('message_id')) {
            try {
                $first = ($this->firstSeen)((string) $message->get('message_id'), $message);
            } catch (\Throwable $e) {
                // Not the handler's failure: nothing is known about the message, it goes back as it came.
                $message->nack(true);
                throw $e;
            }
            if (!$first) {
                $message->ack();
                $this->counters['skipped']++;
                return 'skipped';
            }
        }
        try {
            ($this->handler)($message);
        } catch (\Throwable $error) {
            return $this->failed($message, $attempt, $error);
        }
        $message->ack();
        $this->counters['handled']++;
        return 'handled';
    }

    /** @return array{handled: int, retried: int, exhausted: int, skipped: int} */
    public function getCounters(): array
    {
        return $this->counters;
    }

    private function failed(AMQPMessage $message, int $attempt, \Throwable $error): string
    {
        if ($attempt < $this->policy->getMaxAttempts() && $this->policy->retries($error)) {
            $ms = self::millis($this->policy->delay($attempt));
            $this->publishCopy($message, $this->copy($message, $attempt + 1, $error), '', $this->retryQueue($ms));
            $this->counters['retried']++;
            return 'retried';
        }
        switch ($this->onExhausted) {
            case self::EXHAUSTED_REJECT:
                $message->reject(false);
                $outcome = 'rejected';
                break;
            case self::EXHAUSTED_REQUEUE:
                $ms = self::millis($this->policy->delay($this->longestAttempt()));
                $next = $attempt === PHP_INT_MAX ? $attempt : $attempt + 1;
                $this->publishCopy($message, $this->copy($message, $next, $error), '', $this->retryQueue($ms));
                $outcome = 'requeued';
                break;
            default:
                $routingKey = $this->republishRoutingKey ?? self::origin($message)[1];
                $this->publishCopy($message, $this->copy($message, $attempt, $error), $this->republishExchange, $routingKey);
                $outcome = 'republished';
        }
        $this->counters['exhausted']++;
        return $outcome;
    }

    /** Publishes $copy and acks $original once the broker confirmed it; see the class comment. */
    private function publishCopy(AMQPMessage $original, AMQPMessage $copy, string $exchange, string $routingKey): void
    {
        if (!$this->declared && $exchange === '') {
            $this->declareRetryQueues();
        }
        $channel = $this->publisher();
        $confirm = $this->confirm;
        $confirm->acked = $confirm->nacked = $confirm->returned = false;
        $failure = null;
        try {
            $channel->basic_publish($copy, $exchange, $routingKey, true);
            $channel->wait_for_pending_acks_returns($this->confirmTimeout);
        } catch (\Throwable $e) {
            $failure = $e;
        }
        if ($failure === null && $confirm->acked && !$confirm->nacked && !$confirm->returned) {
            $original->ack();
            return;
        }
        // A late confirm of this copy must not be taken for the next one's: that channel is done. The
        // retry queues are declared again with the next copy, in case one was deleted.
        $this->publisher = null;
        $this->declared = false;
        try {
            $channel->close();
        } catch (\Throwable $e) {
        }
        $original->nack(true);
        $why = $failure !== null ? $failure->getMessage()
            : ($confirm->returned ? 'returned as unroutable' : ($confirm->nacked ? 'nacked' : 'not confirmed'));
        throw new \RuntimeException(sprintf(
            'Mq\\RetryingConsumer: the copy published to exchange "%s" with routing key "%s" was not confirmed (%s); the message went back to queue "%s"',
            $exchange, $routingKey, $why, $this->queue
        ), 0, $failure);
    }

    private function publisher(): AMQPChannel
    {
        if ($this->publisher === null || !$this->publisher->is_open() || !$this->connection->isConnected()) {
            $channel = $this->connection->channel();
            $channel->confirm_select();
            $confirm = $this->confirm;
            $channel->set_ack_handler(static function () use ($confirm): void {
                $confirm->acked = true;
            });
            $channel->set_nack_handler(static function () use ($confirm): void {
                $confirm->nacked = true;
            });
            $channel->set_return_listener(static function () use ($confirm): void {
                $confirm->returned = true;
            });
            $this->publisher = $channel;
        }
        return $this->publisher;
    }

    /** The message again, same body and properties but expiration, with the attempt and failure headers. */
    private function copy(AMQPMessage $message, int $attempts, \Throwable $error): AMQPMessage
    {
        $properties = $message->get_properties();
        // As the broker's own dead-lettering does: a per-message TTL would bring the copy back from its
        // retry queue before the delay.
        unset($properties['expiration']);
        $table = $properties['application_headers'] ?? null;
        $table = $table instanceof AMQPTable ? clone $table : new AMQPTable(is_array($table) ? $table : []);
        $table->set(self::ATTEMPTS_HEADER, $attempts);
        $table->set('x-mq-error-class', get_class($error));
        $table->set('x-mq-error-message', substr($error->getMessage(), 0, self::ERROR_MESSAGE_MAX));
        [$exchange, $routingKey] = self::origin($message);
        $table->set('x-mq-original-exchange', $exchange);
        $table->set('x-mq-original-routing-key', $routingKey);
        $properties['application_headers'] = $table;
        return new AMQPMessage($message->getBody(), $properties);
    }

    /**
     * Where the message was first published: its x-mq-original-* headers once it went through a retry
     * queue (from which it arrives by the default exchange under the work queue's name), else the delivery's.
     */
    private static function origin(AMQPMessage $message): array
    {
        $headers = self::headers($message);
        $exchange = $headers['x-mq-original-exchange'] ?? null;
        $routingKey = $headers['x-mq-original-routing-key'] ?? null;
        if (is_string($exchange) && is_string($routingKey)) {
            return [$exchange, $routingKey];
        }
        return [(string) $message->getExchange(), (string) $message->getRoutingKey()];
    }

    /** The message's headers as PHP values. */
    private static function headers(AMQPMessage $message): array
    {
        if (!$message->has('application_headers')) {
            return [];
        }
        $headers = $message->get('application_headers');
        return $headers instanceof AMQPTable ? $headers->getNativeData() : (is_array($headers) ? $headers : []);
    }

    /**
     * The attempt this delivery is: its x-mq-attempts header when that is a positive integer (or its
     * decimal text), else 1, whatever another client wrote there.
     */
    private static function attemptOf(AMQPMessage $message): int
    {
        $value = self::headers($message)[self::ATTEMPTS_HEADER] ?? null;
        if (is_string($value)) {
            $value = filter_var($value, FILTER_VALIDATE_INT);
        }
        return is_int($value) && $value >= 1 ? $value : 1;
    }

    /** The attempt whose delay is the longest the policy gives (delays never shrink). */
    private function longestAttempt(): int
    {
        return max(1, $this->policy->getMaxAttempts() - 1);
    }

    /** The distinct delays, in ms, of the retry queues: after attempts 1 to the last retried one. */
    private function retryDelays(): array
    {
        $last = $this->onExhausted === self::EXHAUSTED_REQUEUE ? $this->longestAttempt() : $this->policy->getMaxAttempts() - 1;
        $delays = [];
        $previous = null;
        for ($attempt = 1; $attempt <= $last; $attempt++) {
            $seconds = $this->policy->delay($attempt);
            // Delays grow until the cap (or not at all): once one repeats, the rest are the same.
            if ($seconds === $previous) {
                break;
            }
            $previous = $seconds;
            $delays[self::millis($seconds)] = true;
        }
        return array_keys($delays);
    }

    private function retryQueue(int $ms): string
    {
        return "{$this->queue}.retry.$ms";
    }

    /** Seconds as whole milliseconds, rounded up: a copy never comes back before the policy's delay. */
    private static function millis(float $seconds): int
    {
        // Through whole microseconds first: 0.1 s * 3 is 0.30000000000000004 s, which is 300 ms, not 301.
        return (int) ceil(round($seconds * 1e6) / 1e3);
    }
}
