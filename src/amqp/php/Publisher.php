<?php

namespace Mq;

use PhpAmqpLib\Channel\AMQPChannel;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;

/**
 * Publisher confirms tracked per message: each message published through it gets an outcome
 * (Mq\PublishOutcome: acked, nacked, returned as unroutable, timed out).
 *
 * - The constructor puts the channel in confirm mode and installs the Publisher's ack, nack and return
 *   handlers. Handlers the channel had before are chained: they are still called, after the
 *   Publisher's, for every confirm and return of the channel (those of an earlier Publisher with
 *   nothing pending are not: it is replaced, and its next wait throws). Replacing them afterwards
 *   (set_ack_handler...) takes the confirms away from the Publisher: its next wait throws a
 *   \LogicException rather than report outcomes it cannot know.
 * - A message without a `message_id` property gets one (a random UUID), so the copies a republish makes
 *   are recognisable: republishing is at-least-once, the broker may hold a message twice (a nacked or
 *   timed-out publish may have reached a queue), with the same message_id.
 * - With a RetryPolicy, nacked and timed-out messages are published again (a copy: `clone` of the
 *   message) after `$policy->delay($attempt)` seconds, until `$policy->getMaxAttempts()` attempts were
 *   made; then their final outcome is reported. Without one, each message is published once. Returned
 *   messages are never republished (their routing would not change).
 * - Every wait is bounded: each wait for confirms lasts at most $timeout seconds (DEFAULT_TIMEOUT when
 *   null); a publish not confirmed by then is timed out (and republished if the policy allows, with
 *   another wait of up to $timeout). The wait covers every unconfirmed publish of the channel, including
 *   those made around the Publisher. A broker timeout never escapes as an exception; any other
 *   exception (the connection lost without recovery, the channel closed) does, and the messages not
 *   settled then stay pending.
 */
final class Publisher
{
    /** Seconds one wait for confirms lasts when no timeout is given. */
    const DEFAULT_TIMEOUT = 30.0;

    private AMQPChannel $channel;
    private ?RetryPolicy $policy;
    private bool $mandatory;
    /** The channel's handlers before ours: [ack, nack, return], each null or a callable. */
    private array $previous;
    /** Publishes without a final outcome, by send order: [message, exchange, routing key, attempts, published object]. */
    private array $pending = [];
    private const GIVEN_UP = -1;
    /** What the ack and nack handlers reported for pending publishes, by send order: acked or nacked. */
    private array $settled = [];
    /** Final outcomes not handed out yet, by send order. */
    private array $done = [];
    /**
     * Published object => the send number of its publish awaiting a confirm, or a list of them, oldest
     * first, when the same object was sent again meanwhile (an int alone saves memory per message);
     * GIVEN_UP for a publish given up on a timeout, whose late confirm is dropped. Weak: the channel
     * holds each object until its confirm, then it may go.
     */
    private \WeakMap $inFlight;
    /**
     * Returns not matched to a publish yet, by message_id, exchange and routing key: [reply code, reply
     * text] each. A return comes before its message's ack, but not always just before: the broker's
     * `multiple` ack hands it over with the first confirm of its range. So it is matched by the message
     * (every message has a message_id) once the wait is over.
     */
    private array $returns = [];
    private int $sent = 0;
    private array $counters = ['acked' => 0, 'nacked' => 0, 'returned' => 0, 'timed_out' => 0, 'republished' => 0];

    /** $mandatory: publish with the mandatory flag, so that an unroutable message is RETURNED, not acked. */
    public function __construct(AMQPChannel $channel, ?RetryPolicy $policy = null, bool $mandatory = true)
    {
        $this->channel = $channel;
        $this->policy = $policy;
        $this->mandatory = $mandatory;
        $this->inFlight = new \WeakMap();
        // The handlers are private to the channel; read them to chain them.
        $this->previous = array_map(
            fn ($name) => (new \ReflectionProperty(AMQPChannel::class, $name))->getValue($channel),
            ['ack_handler', 'nack_handler', 'basic_return_callback']
        );
        // A Publisher made before on this channel, with nothing pending, is replaced rather than chained:
        // a Publisher per request on a long-lived channel would otherwise grow a chain without end.
        foreach ($this->previous as $i => $handler) {
            $before = self::owner($handler);
            if ($before !== null && $before->pending === []) {
                $this->previous[$i] = $before->previous[$i];
            }
        }
        $channel->confirm_select();
        $channel->set_ack_handler(fn ($message) => $this->confirmed($message, PublishOutcome::ACKED, 0));
        $channel->set_nack_handler(fn ($message) => $this->confirmed($message, PublishOutcome::NACKED, 1));
        $channel->set_return_listener(function ($replyCode, $replyText, $exchange, $routingKey, $message) {
            if ($message instanceof AMQPMessage && $message->has('message_id')) {
                $this->returns[self::key($message, $exchange, $routingKey)][] = [$replyCode, $replyText];
            }
            if ($this->previous[2] !== null) {
                ($this->previous[2])($replyCode, $replyText, $exchange, $routingKey, $message);
            }
        });
    }

    /**
     * Publishes one message and waits for its outcome, republishing it as the policy allows.
     * Messages send() queued before are settled by the same wait; their outcomes come from waitForAll().
     *
     * @throws \InvalidArgumentException for a timeout that is not a positive finite number of seconds
     */
    public function publish(AMQPMessage $message, string $exchange = '', string $routingKey = '', ?float $timeout = null): PublishOutcome
    {
        $timeout = self::timeout($timeout, 'publish(): Argument #4 ($timeout)');
        $this->send($message, $exchange, $routingKey);
        $seq = $this->sent - 1;
        $this->settle($timeout);
        $outcome = $this->done[$seq];
        unset($this->done[$seq]);
        return $outcome;
    }

    /** Publishes one message without waiting: its outcome comes from the next waitForAll(). */
    public function send(AMQPMessage $message, string $exchange = '', string $routingKey = ''): void
    {
        if (!$message->has('message_id')) {
            $message->set('message_id', self::uuid());
        }
        $this->publishAttempt($this->sent, [$message, $exchange, $routingKey, 0, $message]);
        $this->sent++;
    }

    /**
     * Waits for the outcome of every message sent since the last waitForAll() (not those publish()
     * returned), republishing as the policy allows.
     *
     * @return list<PublishOutcome> in send order
     * @throws \InvalidArgumentException for a timeout that is not a positive finite number of seconds
     */
    public function waitForAll(?float $timeout = null): array
    {
        $this->settle(self::timeout($timeout, 'waitForAll(): Argument #1 ($timeout)'));
        ksort($this->done);
        $outcomes = array_values($this->done);
        $this->done = [];
        return $outcomes;
    }

    /**
     * Counts since construction: pending (sent, no final outcome yet), the final outcomes acked, nacked,
     * returned, timed_out (each message counts once), and republished (publishes beyond each first).
     * Every message sent is pending or in exactly one of the four outcome counts.
     *
     * @return array{pending: int, acked: int, nacked: int, returned: int, timed_out: int, republished: int}
     */
    public function getCounters(): array
    {
        return ['pending' => count($this->pending)] + $this->counters;
    }

    private function publishAttempt(int $seq, array $record): void
    {
        [, $exchange, $routingKey, $attempts, $object] = $record;
        $this->channel->basic_publish($object, $exchange, $routingKey, $this->mandatory);
        $record[3] = $attempts + 1;
        $this->pending[$seq] = $record;
        $this->inFlight[$object] = isset($this->inFlight[$object]) ? [...(array) $this->inFlight[$object], $seq] : $seq;
    }

    /** The ack or nack handler: records the outcome of the oldest publish of $message, then chains. */
    private function confirmed($message, string $status, int $previous): void
    {
        if (is_object($message) && isset($this->inFlight[$message])) {
            $queue = (array) $this->inFlight[$message];
            $seq = array_shift($queue);
            if ($queue === []) {
                unset($this->inFlight[$message]);
            } else {
                $this->inFlight[$message] = count($queue) === 1 ? $queue[0] : $queue;
            }
            if (isset($this->pending[$seq])) {
                $this->settled[$seq] = $status;
            }
        }
        if ($this->previous[$previous] !== null) {
            ($this->previous[$previous])($message);
        }
    }

    /** Waits until every pending publish has its final outcome in $this->done. */
    private function settle(float $timeout): void
    {
        while ($this->pending !== []) {
            $timedOut = false;
            try {
                $this->channel->wait_for_pending_acks_returns($timeout);
            } catch (AMQPTimeoutException $e) {
                $timedOut = true;
            }
            $again = [];
            foreach ($this->pending as $seq => $record) {
                if (!isset($this->pending[$seq])) {
                    continue; // settled meanwhile by a wait that a handler started (publish() in a handler)
                }
                $confirmed = isset($this->settled[$seq]);
                if (!$confirmed && !$timedOut) {
                    // Every publish of the channel was confirmed, and this one's confirm went elsewhere.
                    throw new \LogicException('Mq\Publisher: the channel\'s ack or nack handler was replaced after the Publisher was created, so it cannot know the outcome of its messages; set handlers before creating it (they are chained)');
                }
                if (!$confirmed) {
                    $this->giveUp($seq, $record[4]);
                }
                // A return makes any confirm, or the lack of one, RETURNED.
                [$status, $replyCode, $replyText] = $this->returned($record) ?? [$this->settled[$seq] ?? PublishOutcome::TIMED_OUT, null, null];
                unset($this->settled[$seq]);
                if ($status !== PublishOutcome::ACKED && $status !== PublishOutcome::RETURNED
                    && $this->policy !== null && $record[3] < $this->policy->getMaxAttempts()) {
                    $again[$seq] = $status;
                    continue;
                }
                $this->finish($seq, $status, $replyCode, $replyText);
            }
            if (!$timedOut) {
                // Every publish of the channel is confirmed: no return left can be one of its messages'.
                $this->returns = [];
            }
            if ($again !== []) {
                $this->republish($again);
            }
        }
    }

    /** [RETURNED, reply code, reply text] if the broker returned the message of $record, else null. */
    private function returned(array $record): ?array
    {
        $key = self::key($record[0], $record[1], $record[2]);
        if (!isset($this->returns[$key])) {
            return null;
        }
        [$replyCode, $replyText] = array_shift($this->returns[$key]);
        if ($this->returns[$key] === []) {
            unset($this->returns[$key]);
        }
        return [PublishOutcome::RETURNED, $replyCode, $replyText];
    }

    private static function key(AMQPMessage $message, string $exchange, string $routingKey): string
    {
        return serialize([(string) $message->get('message_id'), $exchange, $routingKey]);
    }

    /** @param array<int, string> $again send number => the status of its last attempt, nacked or timed out */
    private function republish(array $again): void
    {
        // One pause for the round: the longest delay any of its messages is due.
        $delay = max(array_map(fn ($seq) => $this->policy->delay($this->pending[$seq][3]), array_keys($again)));
        usleep((int) round($delay * 1e6));
        foreach ($again as $seq => $status) {
            $record = $this->pending[$seq];
            // A new object, so that a late confirm of the previous publish is not taken for this one's.
            $record[4] = clone $record[0];
            try {
                $this->publishAttempt($seq, $record);
            } catch (\Throwable $e) {
                // The channel failed: what was not republished keeps the outcome of its last attempt.
                foreach ($again as $left => $last) {
                    if ($left >= $seq) {
                        $this->finish($left, $last, null, null);
                    }
                }
                throw $e;
            }
            $this->counters['republished']++;
        }
    }

    private function finish(int $seq, string $status, ?int $replyCode, ?string $replyText): void
    {
        $record = $this->pending[$seq];
        unset($this->pending[$seq]);
        $this->counters[$status]++;
        $this->done[$seq] = new PublishOutcome($status, $record[0], $record[3], $replyCode, $replyText);
    }

    /** Forgets the in-flight publish $seq of $object: its confirm, if it still comes, is dropped. */
    private function giveUp(int $seq, object $object): void
    {
        $queue = (array) ($this->inFlight[$object] ?? []);
        $at = array_search($seq, $queue, true);
        if ($at !== false) {
            $queue[$at] = self::GIVEN_UP;
            $this->inFlight[$object] = count($queue) === 1 ? $queue[0] : $queue;
        }
    }

    /** The Publisher whose handler $handler is, if it is one. */
    private static function owner($handler): ?self
    {
        $owner = $handler instanceof \Closure ? (new \ReflectionFunction($handler))->getClosureThis() : null;
        return $owner instanceof self ? $owner : null;
    }

    private static function timeout(?float $timeout, string $what): float
    {
        if ($timeout === null) {
            return self::DEFAULT_TIMEOUT;
        }
        if (!is_finite($timeout) || $timeout <= 0) {
            throw new \InvalidArgumentException(sprintf('Mq\Publisher::%s must be a positive finite number of seconds, %s given', $what, var_export($timeout, true)));
        }
        return $timeout;
    }

    /** A random (version 4) UUID. */
    private static function uuid(): string
    {
        $bytes = random_bytes(16);
        $bytes[6] = chr(ord($bytes[6]) & 0x0f | 0x40);
        $bytes[8] = chr(ord($bytes[8]) & 0x3f | 0x80);
        return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($bytes), 4));
    }
}
