<?php
// For the retrying_consumer scenarios under php-amqplib and php-rdkafka, which have no Mq\RetryPolicy: a
// stand-in for the methods Mq\RetryingConsumer and Mq\KafkaRetryingConsumer call (delay(),
// getMaxAttempts(), retries()), computing them as the real class does. Under mq the real class exists and this declares nothing.

namespace Mq;

if (!class_exists(RetryPolicy::class)) {
    final class RetryPolicy
    {
        public function __construct(
            private ?int $maxAttempts = null,
            private ?float $initialDelay = null,
            private ?float $multiplier = null,
            private ?float $maxDelay = null,
            private ?float $jitter = null,
            private ?float $deadline = null,
            private ?array $retryOn = null
        ) {
            $this->maxAttempts ??= 5;
            $this->initialDelay ??= 0.1;
            $this->multiplier ??= 2.0;
            $this->maxDelay ??= 30.0;
        }

        public function getMaxAttempts(): int
        {
            return $this->maxAttempts;
        }

        public function delay(int $attempt): float
        {
            if ($attempt < 1) {
                throw new \InvalidArgumentException('attempt must be at least 1');
            }
            return min($this->maxDelay, $this->initialDelay * $this->multiplier ** ($attempt - 1));
        }

        /** As the real one: retryOn (null: the transient AMQP errors), never a 403/406/530 AMQP error. */
        public function retries(\Throwable $error): bool
        {
            if ($error instanceof \PhpAmqpLib\Exception\AMQPExceptionInterface
                && (in_array($error->getCode(), [403, 406, 530], true) || str_starts_with($error->getMessage(), 'ACCESS_REFUSED'))) {
                return false;
            }
            $transient = ['PhpAmqpLib\\Exception\\AMQPIOException', 'PhpAmqpLib\\Exception\\AMQPTimeoutException',
                'PhpAmqpLib\\Exception\\AMQPConnectionClosedException', 'PhpAmqpLib\\Exception\\AMQPChannelClosedException'];
            foreach ($this->retryOn ?? $transient as $class) {
                if ($error instanceof $class) {
                    return true;
                }
            }
            return false;
        }
    }
}
