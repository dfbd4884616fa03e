<?php
// TEST DOUBLE, to be deleted once branch `retry` (the real Mq\RetryPolicy) is merged: the part of its
// agreed API (/work/helpers/RETRY_API.md) Mq\Publisher uses, declared only when the extension lacks it.
if (!class_exists('Mq\RetryPolicy')) {
    eval(<<<'PHP'
    namespace Mq;
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
        }
        public function getMaxAttempts(): int { return $this->maxAttempts ?? 5; }
        public function delay(int $attempt): float
        {
            return min($this->maxDelay ?? 30.0, ($this->initialDelay ?? 0.1) * ($this->multiplier ?? 2.0) ** ($attempt - 1));
        }
        public function retries(\Throwable $error): bool { return true; }
    }
    PHP);
}
