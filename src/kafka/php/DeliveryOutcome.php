<?php

namespace Mq;

/**
 * What became of one message a Mq\KafkaProducer produced: librdkafka's delivery report for it, or the
 * lack of one.
 */
final class DeliveryOutcome
{
    /** The leader wrote the message (with acks=all: every in-sync replica did); partition and offset known. */
    const DELIVERED = 'delivered';
    /** librdkafka reported an error for it (or refused it at produce time), on every attempt. */
    const FAILED = 'failed';
    /**
     * No delivery report came within the wait's timeout. The message is still in librdkafka's queue and
     * may yet be delivered (librdkafka gives up after `message.timeout.ms`); it is not produced again.
     */
    const TIMED_OUT = 'timed_out';

    private string $status;
    private string $topic;
    private ?string $payload;
    private ?string $key;
    private ?array $headers;
    private int $partition;
    private ?int $offset;
    private int $errorCode;
    private ?string $errorMessage;
    private int $attempts;

    /**
     * @throws \InvalidArgumentException for a status that is not one of the constants, or attempts < 1
     */
    public function __construct(
        string $status,
        string $topic,
        ?string $payload,
        ?string $key,
        ?array $headers,
        int $partition,
        ?int $offset,
        int $errorCode,
        ?string $errorMessage,
        int $attempts
    ) {
        if (!in_array($status, [self::DELIVERED, self::FAILED, self::TIMED_OUT], true)) {
            throw new \InvalidArgumentException(sprintf('Mq\DeliveryOutcome::__construct(): Argument #1 ($status) must be one of the DeliveryOutcome constants, "%s" given', $status));
        }
        if ($attempts < 1) {
            throw new \InvalidArgumentException(sprintf('Mq\DeliveryOutcome::__construct(): Argument #10 ($attempts) must be at least 1, %d given', $attempts));
        }
        $this->status = $status;
        $this->topic = $topic;
        $this->payload = $payload;
        $this->key = $key;
        $this->headers = $headers;
        $this->partition = $partition;
        $this->offset = $offset;
        $this->errorCode = $errorCode;
        $this->errorMessage = $errorMessage;
        $this->attempts = $attempts;
    }

    /** One of the constants DELIVERED, FAILED, TIMED_OUT. */
    public function getStatus(): string
    {
        return $this->status;
    }

    public function isDelivered(): bool
    {
        return $this->status === self::DELIVERED;
    }

    public function getTopic(): string
    {
        return $this->topic;
    }

    public function getPayload(): ?string
    {
        return $this->payload;
    }

    public function getKey(): ?string
    {
        return $this->key;
    }

    public function getHeaders(): ?array
    {
        return $this->headers;
    }

    /**
     * DELIVERED: the partition written to. Otherwise the partition asked for (RD_KAFKA_PARTITION_UA: the
     * partitioner's choice), or the one librdkafka had picked when it reported the failure.
     */
    public function getPartition(): int
    {
        return $this->partition;
    }

    /** DELIVERED: the message's offset in its partition (RD_KAFKA_OFFSET_INVALID with acks=0). Else null. */
    public function getOffset(): ?int
    {
        return $this->offset;
    }

    /** FAILED: librdkafka's error code (RD_KAFKA_RESP_ERR_*) of the last attempt. Else 0. */
    public function getErrorCode(): int
    {
        return $this->errorCode;
    }

    /** FAILED: librdkafka's text for the error code (rd_kafka_err2str). Else null. */
    public function getErrorMessage(): ?string
    {
        return $this->errorMessage;
    }

    /** How many times it was produced: 1, plus one per retry. */
    public function getAttempts(): int
    {
        return $this->attempts;
    }
}
