<?php

namespace Mq;

use PhpAmqpLib\Message\AMQPMessage;

/**
 * What became of one message a Mq\Publisher published: the broker's last word on it.
 */
final class PublishOutcome
{
    /** The broker took responsibility for the message (and routed it, when the publish was mandatory). */
    const ACKED = 'acked';
    /** The broker refused the message (e.g. a full queue with x-overflow=reject-publish), on every attempt. */
    const NACKED = 'nacked';
    /** A mandatory publish no queue was bound to take: the broker returned it (never republished). */
    const RETURNED = 'returned';
    /** No confirm came within the wait's timeout, on every attempt. The broker may still have the message. */
    const TIMED_OUT = 'timed_out';

    private string $status;
    private AMQPMessage $message;
    private int $attempts;
    private ?int $replyCode;
    private ?string $replyText;

    /** @throws \InvalidArgumentException for a status that is not one of the constants, or attempts < 1 */
    public function __construct(string $status, AMQPMessage $message, int $attempts, ?int $replyCode = null, ?string $replyText = null)
    {
        if (!in_array($status, [self::ACKED, self::NACKED, self::RETURNED, self::TIMED_OUT], true)) {
            throw new \InvalidArgumentException(sprintf('Mq\PublishOutcome::__construct(): Argument #1 ($status) must be one of the PublishOutcome constants, "%s" given', $status));
        }
        if ($attempts < 1) {
            throw new \InvalidArgumentException(sprintf('Mq\PublishOutcome::__construct(): Argument #3 ($attempts) must be at least 1, %d given', $attempts));
        }
        $this->status = $status;
        $this->message = $message;
        $this->attempts = $attempts;
        $this->replyCode = $replyCode;
        $this->replyText = $replyText;
    }

    /** One of the constants ACKED, NACKED, RETURNED, TIMED_OUT. */
    public function getStatus(): string
    {
        return $this->status;
    }

    /** True only for ACKED: a returned (unroutable) message is never a success. */
    public function isConfirmed(): bool
    {
        return $this->status === self::ACKED;
    }

    /** The message as it was given to the Publisher (republished attempts published copies of it). */
    public function getMessage(): AMQPMessage
    {
        return $this->message;
    }

    /** How many times it was published: 1, plus one per republish. */
    public function getAttempts(): int
    {
        return $this->attempts;
    }

    /** The broker's reply code for RETURNED (312 NO_ROUTE), else null. */
    public function getReplyCode(): ?int
    {
        return $this->replyCode;
    }

    /** The broker's reply text for RETURNED ("NO_ROUTE"), else null. */
    public function getReplyText(): ?string
    {
        return $this->replyText;
    }
}
