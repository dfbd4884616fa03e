<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ;

use Illuminate\Contracts\Queue\ClearableQueue;
use Illuminate\Contracts\Queue\Queue as QueueContract;
use Illuminate\Queue\Queue;
use Mq\Laravel\EnqueuesRaw;
use Mq\Laravel\LostConnectionException;
use Mq\Laravel\PublishException;
use PhpAmqpLib\Channel\AMQPChannel;
use PhpAmqpLib\Connection\AbstractConnection;
use PhpAmqpLib\Exception\AMQPBasicCancelException;
use PhpAmqpLib\Exception\AMQPChannelClosedException;
use PhpAmqpLib\Exception\AMQPConnectionClosedException;
use PhpAmqpLib\Exception\AMQPIOException;
use PhpAmqpLib\Exception\AMQPProtocolChannelException;
use PhpAmqpLib\Exception\AMQPProtocolConnectionException;
use PhpAmqpLib\Exception\AMQPSocketException;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

/**
 * Laravel's `rabbitmq` queue on mq's php-amqplib classes. Every publish waits for the broker's confirm
 * (and, with `mandatory`, fails when unroutable), so dispatch() returns only once the job is stored.
 *
 * Two channels: a worker takes and acks its jobs on one (`workerChannel`), and everything else (publishing,
 * declaring, counting, purging) runs on the other (`channel`). A channel error (a missing queue, a declare
 * with other arguments) closes the channel it happens on, and the broker requeues what that channel held:
 * on its own channel, a job's dispatch or size() check can fail without handing back the job running it.
 */
class RabbitMQQueue extends Queue implements QueueContract, ClearableQueue
{
    use EnqueuesRaw;

    /** Header holding the attempts already made before this message was published. */
    public const ATTEMPTS_HEADER = 'mq-attempts';

    private ?AbstractConnection $amqp = null;
    /** Publishing, declaring, counting, purging. */
    private ?AMQPChannel $channel = null;
    /** The worker's deliveries: basic_get, basic_consume, their acks. */
    private ?AMQPChannel $workerChannel = null;
    /** @var array<string, true> queues (and delay queues) declared, or found to exist, on the current connection */
    private array $declared = [];
    /** @var array<string, list<AMQPMessage>>|null deliveries pushed per queue, not yet popped; null: pop() polls */
    private ?array $pushed = null;
    /** @var array<string, string> consumer tag per queue on the current channel */
    private array $consumers = [];
    private float $consumeWait = 1.0;
    /** rabbitmq:consume's --prefetch-count, --consumer-tag and --max-priority (vyuldashev's options). */
    private int $prefetch = 1;
    private string $consumerTag = '';
    private ?int $consumerPriority = null;
    /** @var list<string> what the broker returned or nacked during the current publish */
    private array $refused = [];
    /** How many of the current publish's messages the broker returned as unroutable. */
    private int $unroutable = 0;
    /** @var array<string, true> delay queues declared by vyuldashev's driver (with x-expires), used as they are */
    private array $leased = [];
    /** @var list<RabbitMQJob> jobs whose release could not publish (see RabbitMQJob::release) */
    private array $handBack = [];

    /**
     * @param \Closure(): AbstractConnection $connect opens a connection (called lazily, again after a loss)
     * @param array $options the connection's options.queue block
     */
    public function __construct(
        private \Closure $connect,
        private string $defaultQueue,
        private array $options = [],
        $dispatchAfterCommit = null
    ) {
        $this->dispatchAfterCommit = $dispatchAfterCommit;
    }

    public function size($queue = null)
    {
        return $this->pendingSize($queue);
    }

    /** Ready messages in the queue (a passive declare); 0 for a queue that does not exist. */
    public function pendingSize($queue = null)
    {
        try {
            [, $count] = $this->channel()->queue_declare($this->getQueue($queue), true);
            return (int) $count;
        } catch (AMQPProtocolChannelException $e) {
            $this->refusedWith($e, 404);
            return 0;
        }
    }

    /**
     * Jobs waiting in the queue's delay queues. AMQP 0-9-1 cannot list queues: read from the management API
     * when `management.url` is configured, else 0.
     */
    public function delayedSize($queue = null)
    {
        $pattern = '^' . preg_quote($this->getQueue($queue)) . '\.delay\.[0-9]+$';
        $page = $this->management('?page=1&page_size=500&use_regex=true&columns=name,messages&name=' . rawurlencode($pattern));
        return (int) array_sum(array_column($page['items'] ?? [], 'messages'));
    }

    /** Jobs taken by workers and not acknowledged yet, from the management API (`management.url`), else 0. */
    public function reservedSize($queue = null)
    {
        return (int) ($this->managementQueue($queue)['messages_unacknowledged'] ?? 0);
    }

    /**
     * When the job at the head of the queue was pushed (Unix seconds, its `timestamp` property), from the
     * management API (`management.url`); null without it, for an empty queue, and for quorum queues (the
     * broker reports the head's timestamp for classic queues only).
     */
    public function creationTimeOfOldestPendingJob($queue = null)
    {
        $timestamp = $this->managementQueue($queue)['head_message_timestamp'] ?? null;
        return $timestamp === null ? null : (int) $timestamp;
    }

    /** The management API's view of one queue; [] when it is not configured or there is no such queue. */
    private function managementQueue($queue): array
    {
        return $this->management('/' . rawurlencode($this->getQueue($queue))) ?? [];
    }

    /**
     * GET {management.url}/api/queues/{vhost}$path, decoded; null when `management.url` is not set or the
     * answer is 404. Its counts are the broker's statistics, refreshed every few seconds
     * (`collect_statistics_interval`, 5 s by default), not live.
     *
     * @throws \RuntimeException when the API cannot be reached or refuses
     */
    private function management(string $path): ?array
    {
        $api = $this->options['management'] ?? [];
        if (($api['url'] ?? null) === null || $api['url'] === '') {
            return null;
        }
        $url = rtrim((string) $api['url'], '/') . '/api/queues/' . rawurlencode((string) ($api['vhost'] ?? '/')) . $path;
        $auth = base64_encode(($api['user'] ?? 'guest') . ':' . ($api['password'] ?? 'guest'));
        $context = stream_context_create(['http' => [
            'header' => "Authorization: Basic $auth\r\nAccept: application/json\r\n",
            'timeout' => (float) ($api['timeout'] ?? 5.0),
            'ignore_errors' => true,
        ]]);
        $body = @file_get_contents($url, false, $context);
        $status = isset($http_response_header[0]) && preg_match('{^HTTP/\S+ (\d{3})}', $http_response_header[0], $m) ? (int) $m[1] : 0;
        if ($status === 404) {
            return null;
        }
        $decoded = is_string($body) ? json_decode($body, true) : null;
        if ($status !== 200 || !is_array($decoded)) {
            $reason = $status === 0 ? (error_get_last()['message'] ?? 'no answer') : "HTTP $status";
            throw new \RuntimeException("RabbitMQ management API at {$api['url']}: $reason");
        }
        return $decoded;
    }

    /** A job's `$priority` property becomes its message's priority, as in vyuldashev's driver. */
    private function rawOptions($job): array
    {
        return is_object($job) && isset($job->priority) && is_numeric($job->priority) ? ['priority' => (int) $job->priority] : [];
    }

    /** @param array{attempts?: int, priority?: int} $options */
    public function pushRaw($payload, $queue = null, array $options = [])
    {
        $queue = $this->getQueue($queue);
        $this->declareQueue($queue);
        $this->publish(
            [[$this->message($payload, $options), $this->exchange(), $this->routingKey($queue)]],
            fn () => $this->declareQueue($queue, true)
        );
        return self::uuidOf($payload);
    }

    /**
     * Publishes to a delay queue (one per delay, in whole seconds rounded up, so never early) that
     * dead-letters into the job's queue when the TTL ends. Delay queues have no x-expires: a waiting job is
     * never dropped with its queue.
     *
     * @param int|array{attempts?: int, priority?: int} $options the attempts made, as vyuldashev's
     *     laterRaw() takes them, or options
     */
    public function laterRaw($delay, string $payload, $queue = null, int|array $options = [])
    {
        $options = self::laterOptions($options);
        $seconds = self::delaySeconds($delay);
        if ($seconds <= 0) {
            return $this->pushRaw($payload, $queue, $options);
        }
        $queue = $this->getQueue($queue);
        $this->declareQueue($queue);
        $this->checkDelayTarget($queue);
        $delayQueue = $this->declareDelayQueue($queue, $seconds * 1000);
        $this->publish([[$this->message($payload, $options), '', $delayQueue]], function () use ($queue, $seconds) {
            $this->declareQueue($queue, true);
            $this->declareDelayQueue($queue, $seconds * 1000, true);
        });
        return self::uuidOf($payload);
    }

    /** All jobs in one batch publish and one confirm wait. */
    public function bulk($jobs, $data = '', $queue = null)
    {
        $jobs = (array) $jobs;
        foreach ($jobs as $job) {
            if ($this->shouldDispatchAfterCommit($job) && $this->container->bound('db.transactions')) {
                // Each job waits for its own transaction callback, as Laravel's push() does.
                return parent::bulk($jobs, $data, $queue);
            }
        }
        $queue = $this->getQueue($queue);
        $this->declareQueue($queue);
        $batch = $ids = [];
        foreach ($jobs as $job) {
            $payload = $this->createPayload($job, $queue, $data);
            $ids[] = self::uuidOf($payload);
            $batch[] = [$this->message($payload, $this->rawOptions($job)), $this->exchange(), $this->routingKey($queue)];
        }
        $this->publish($batch, fn () => $this->declareQueue($queue, true));
        foreach ($jobs as $i => $job) {
            $this->raiseJobQueuedEvent($ids[$i], $job);
        }
    }

    public function pop($queue = null, $index = 0)
    {
        $this->handBackUnsettled();
        $queue = $this->getQueue($queue);
        // A worker whose connection died stops rather than reconnecting quietly: see LostConnectionException.
        $this->workerChannel();
        $this->declareQueueToDrain($queue);
        while (true) {
            if ($this->pushed === null) {
                $message = $this->guard(fn () => $this->workerChannel()->basic_get($queue));
            } else {
                [$queue, $message] = $this->nextPushed($queue);
            }
            if ($message === null) {
                return null;
            }
            if (!$this->isQuorum() && $message->isRedelivered()) {
                // The last worker holding it never finished (killed, connection lost): count that attempt
                // on the broker before running it again.
                $this->republish($message, $queue);
                continue;
            }
            return new RabbitMQJob($this->container, $this, $message, $this->connectionName, $queue);
        }
    }

    /**
     * Declares a queue a worker takes jobs from. One that exists with other arguments (declared by another
     * driver or by hand) is drained as it is: the broker refuses the declare, not the worker's basic_get.
     */
    private function declareQueueToDrain(string $queue): void
    {
        try {
            $this->declareQueue($queue);
        } catch (AMQPProtocolChannelException $e) {
            $this->refusedWith($e, 406);
            $this->declared[$queue] = true;
        }
    }

    /**
     * From now on pop() takes the deliveries RabbitMQ pushes to a consumer on each queue (basic_consume,
     * $prefetch unacked deliveries per queue, 1 by default) instead of asking with basic_get, waiting up to
     * $wait seconds for one. The consumers are tagged $consumerTag (then "$consumerTag-queue" for a second
     * queue; '' lets the broker name them) and get the consumer priority $priority (x-priority), if given.
     */
    public function consumeInsteadOfPolling(float $wait = 1.0, int $prefetch = 1, string $consumerTag = '', ?int $priority = null): void
    {
        $this->pushed = [];
        $this->consumeWait = $wait;
        $this->prefetch = $prefetch;
        $this->consumerTag = $consumerTag;
        $this->consumerPriority = $priority;
    }

    /**
     * The next delivery pushed for $queue, waiting for one up to consumeWait. A delivery for another of the
     * worker's queues that arrived meanwhile is returned too (with its queue), so that a worker never
     * reports itself idle while holding one.
     *
     * @return array{string, ?AMQPMessage} the delivery's queue and the delivery (null when none came)
     */
    private function nextPushed(string $queue): array
    {
        $channel = $this->workerChannel();
        if (!isset($this->consumers[$queue])) {
            // Prefetch 1: a worker runs one job at a time, and a prefetched delivery would be counted as an
            // attempt if the worker were killed before starting it. Per consumer: a channel-wide prefetch would
            // hold one delivery for all of a worker's queues, but a quorum queue refuses it with a connection
            // error, and a queue's type is not known before (declare false, another app's queue).
            // (A larger --prefetch-count is the user's choice, as in vyuldashev's driver.)
            $channel->basic_qos(0, $this->prefetch, false);
            $tag = $this->consumerTag === '' || $this->consumers === [] ? $this->consumerTag : "$this->consumerTag-$queue";
            $arguments = $this->consumerPriority === null ? [] : ['x-priority' => $this->consumerPriority];
            $this->consumers[$queue] = $this->guard(fn () => $channel->basic_consume(
                $queue, $tag, false, false, false, false,
                function (AMQPMessage $message) use ($queue) {
                    $this->pushed[$queue][] = $message;
                },
                null,
                new AMQPTable($arguments)
            ));
        }
        if (array_merge(...array_values($this->pushed)) === []) {
            try {
                $this->guard(fn () => $channel->wait(null, false, $this->consumeWait));
            } catch (AMQPTimeoutException) {
                return [$queue, null];
            } catch (AMQPBasicCancelException $e) {
                // The broker cancelled a consumer (its queue was deleted): the next pop() of that queue
                // declares it again and consumes anew, rather than the worker waiting on nothing for good.
                $cancelled = array_search($e->getConsumerTag(), $this->consumers, true);
                if ($cancelled !== false) {
                    unset($this->consumers[$cancelled], $this->declared[$cancelled]);
                }
                return [$queue, null];
            }
        }
        foreach (array_unique(array_merge([$queue], array_keys($this->pushed))) as $from) {
            if (($this->pushed[$from] ?? []) !== []) {
                return [$from, array_shift($this->pushed[$from])];
            }
        }
        return [$queue, null];
    }

    /** Purges the queue; returns how many ready jobs were deleted (0 for a queue that does not exist). */
    public function clear($queue)
    {
        try {
            return (int) $this->channel()->queue_purge($this->getQueue($queue));
        } catch (AMQPProtocolChannelException $e) {
            $this->refusedWith($e, 404);
            return 0;
        }
    }

    public function getQueue($queue = null): string
    {
        return (string) ($queue ?: $this->defaultQueue);
    }

    /** Attempts including this delivery: the header, plus the broker's count of unfinished deliveries. */
    public function attemptsOf(AMQPMessage $message): int
    {
        return $this->priorAttempts($message) + 1;
    }

    /**
     * Attempts before this delivery: the header, plus the deliveries that never finished (quorum queues
     * count them in x-delivery-count; on a classic queue the redelivered flag says there was one).
     */
    private function priorAttempts(AMQPMessage $message): int
    {
        $headers = self::headersOf($message);
        $attempts = (int) ($headers[self::ATTEMPTS_HEADER] ?? 0);
        if ($this->isQuorum()) {
            return $attempts + (int) ($headers['x-delivery-count'] ?? 0);
        }
        return $attempts + ($message->isRedelivered() ? 1 : 0);
    }

    private static function headersOf(AMQPMessage $message): array
    {
        return $message->has('application_headers') ? $message->get('application_headers')->getNativeData() : [];
    }

    public function reroutesFailed(): bool
    {
        return (bool) ($this->options['reroute_failed'] ?? false);
    }

    /** A job whose release could not publish: its delivery goes back before the next pop() or close(). */
    public function handBackLater(RabbitMQJob $job): void
    {
        $this->handBack[] = $job;
    }

    private function handBackUnsettled(): void
    {
        [$jobs, $this->handBack] = [$this->handBack, []];
        foreach ($jobs as $job) {
            try {
                $job->handBack();
            } catch (\Throwable) {
                // The connection is gone: the broker requeues the delivery itself.
            }
        }
    }

    /** Closes the channel and connection; unacked jobs go back to their queue at once. */
    public function close(): void
    {
        $this->handBackUnsettled();
        try {
            $this->returnUnstarted();
            $this->workerChannel?->close();
            $this->channel?->close();
            $this->amqp?->close();
        } catch (\Throwable) {
            // Already gone: the broker requeues what was unacked either way.
        }
        $this->channel = $this->workerChannel = $this->amqp = null;
        $this->declared = $this->leased = [];
    }

    /**
     * Deliveries pushed but never started go back with their attempts unchanged (a plain requeue would mark
     * them redelivered, which counts as an attempt).
     */
    private function returnUnstarted(): void
    {
        if ($this->consumers === [] || !self::usable($this->workerChannel)) {
            return;
        }
        // Deliveries already sent to this consumer but not yet handed to PHP are taken first: the cancel
        // would not give them back.
        $this->drainDeliveries();
        foreach ($this->consumers as $tag) {
            $this->workerChannel->basic_cancel($tag);
        }
        $this->drainDeliveries();
        $this->consumers = [];
        foreach ($this->pushed as $queue => $messages) {
            foreach ($messages as $message) {
                $this->republish($message, $queue);
            }
            $this->pushed[$queue] = [];
        }
    }

    /**
     * A channel still usable: open, on a connection not lost. A channel stays open (is_open(), as in
     * php-amqplib) until a call on it reports its close or its connection's end.
     */
    private static function usable(?AMQPChannel $channel): bool
    {
        return $channel !== null && $channel->is_open() && $channel->getConnection()?->isConnected();
    }

    /** The open channel for publishing, declaring, counting and purging, reopened after a channel error. */
    public function channel(): AMQPChannel
    {
        if (self::usable($this->channel)) {
            return $this->channel;
        }
        $channel = $this->connection(true)->channel();
        if ($this->confirms()) {
            $channel->confirm_select();
            $channel->set_nack_handler(function (AMQPMessage $m) {
                $this->refused[] = 'nacked by the broker';
            });
            $channel->set_return_listener(function ($code, $text, $exchange, $routingKey) {
                $this->unroutable++;
                $this->refused[] = sprintf('returned as unroutable (%s %s) by exchange "%s" with routing key "%s"', $code, $text, $exchange, $routingKey);
            });
        }
        return $this->channel = $channel;
    }

    /** The open channel a worker takes and acks its jobs on; a connection found dead is a lost connection. */
    private function workerChannel(): AMQPChannel
    {
        if (self::usable($this->workerChannel)) {
            return $this->workerChannel;
        }
        $channel = $this->connection(false)->channel();
        // Consumers and their unacked deliveries belonged to the previous channel.
        $this->consumers = [];
        if ($this->pushed !== null) {
            $this->pushed = [];
        }
        return $this->workerChannel = $channel;
    }

    /**
     * The open connection. One found dead is replaced when $reconnect (a publish: nothing is in flight),
     * else reported as lost (a worker: it may hold unacked jobs).
     */
    private function connection(bool $reconnect): AbstractConnection
    {
        if ($this->amqp !== null && !$this->amqp->isConnected()) {
            $this->close();
            if (!$reconnect) {
                throw new LostConnectionException('Lost connection to RabbitMQ: the connection was closed.');
            }
        }
        if ($this->amqp === null) {
            $this->amqp = $this->guard($this->connect);
            $this->declared = [];
        }
        return $this->amqp;
    }

    /**
     * Publishes [message, exchange, routing key] triples as one batch, then waits once for every confirm.
     * When the broker refused the batch for a missing exchange (a 404, before routing any of it), or
     * returned every message as unroutable, the exchange or queue was deleted since this connection
     * declared it: with `declare` on, $redeclare declares them again and the batch goes once more (nothing
     * of it was stored, so nothing is duplicated).
     *
     * @param list<array{AMQPMessage, string, string}> $batch
     */
    private function publish(array $batch, ?\Closure $redeclare = null): void
    {
        $again = $redeclare !== null && ($this->options['declare'] ?? true);
        try {
            $this->publishOnce($batch);
        } catch (PublishException $e) {
            if (!$again || $e->getCode() !== 404) {
                throw $e;
            }
            $again = false;
            $redeclare();
            $this->publishOnce($batch);
        }
        if ($again && $this->unroutable === count($batch)) {
            $redeclare();
            $this->publishOnce($batch);
        }
        if ($this->refused !== []) {
            throw PublishException::notQueued($this->refused, count($batch));
        }
    }

    /** @param list<array{AMQPMessage, string, string}> $batch */
    private function publishOnce(array $batch): void
    {
        $channel = $this->channel();
        $this->refused = [];
        $this->unroutable = 0;
        $mandatory = $this->confirms() && (bool) ($this->options['mandatory'] ?? true);
        try {
            $this->guard(function () use ($channel, $batch, $mandatory) {
                foreach ($batch as [$message, $exchange, $routingKey]) {
                    $channel->batch_basic_publish($message, $exchange, $routingKey, $mandatory);
                }
                $channel->publish_batch();
                if ($this->confirms()) {
                    $channel->wait_for_pending_acks_returns((float) ($this->options['confirm_timeout'] ?? 10.0));
                }
            });
        } catch (AMQPTimeoutException $e) {
            $this->dropChannel();
            throw new PublishException(sprintf(
                'RabbitMQ did not confirm %d job(s) within %s s: they may not be queued.',
                count($batch),
                $this->options['confirm_timeout'] ?? 10.0
            ), 0, $e);
        } catch (AMQPProtocolChannelException $e) {
            $this->dropChannel();
            throw new PublishException('RabbitMQ refused the job: ' . $e->getMessage(), (int) $e->getCode(), $e);
        }
    }

    /** @param array{attempts?: int, priority?: int} $options */
    private function message(string $payload, array $options): AMQPMessage
    {
        $attempts = (int) ($options['attempts'] ?? 0);
        $properties = [
            'content_type' => 'application/json',
            // Read back by creationTimeOfOldestPendingJob() (the broker reports the head message's).
            'timestamp' => time(),
            'delivery_mode' => AMQPMessage::DELIVERY_MODE_PERSISTENT,
            'application_headers' => new AMQPTable([self::ATTEMPTS_HEADER => $attempts]),
        ];
        $uuid = self::uuidOf($payload);
        if ($uuid !== null) {
            $properties['message_id'] = $uuid;
        }
        if (isset($options['priority'])) {
            $properties['priority'] = max(0, min(255, (int) $options['priority']));
        }
        return new AMQPMessage($payload, $properties);
    }

    private function drainDeliveries(): void
    {
        try {
            while (true) {
                $this->workerChannel->wait(null, false, 0.05);
            }
        } catch (AMQPTimeoutException) {
            // Nothing more in flight.
        }
    }

    /** Publishes a copy carrying the attempts made so far (confirmed), then acks the original. */
    private function republish(AMQPMessage $message, string $queue): void
    {
        $headers = self::headersOf($message);
        // The broker's count belongs to the original; the copy starts its own.
        unset($headers['x-delivery-count']);
        $headers[self::ATTEMPTS_HEADER] = $this->priorAttempts($message);
        $properties = $message->get_properties();
        $properties['application_headers'] = new AMQPTable($headers);
        try {
            $this->publish([[new AMQPMessage($message->getBody(), $properties), '', $queue]], fn () => $this->declareQueue($queue, true));
        } catch (\Throwable $e) {
            // Not published (the queue refuses more, no confirm in time): the original goes back to the
            // broker rather than being held unacked by this worker for good.
            try {
                $this->guard(fn () => $message->nack(true));
            } catch (\Throwable) {
                // The connection is gone: the broker requeues it itself.
            }
            throw $e;
        }
        $this->guard(fn () => $message->ack());
    }

    /** Declares the queue's topology unless declared already on this connection ($again: all the same). */
    private function declareQueue(string $queue, bool $again = false): void
    {
        if (($this->options['declare'] ?? true) && ($again || !isset($this->declared[$queue]))) {
            $this->declareTopology($queue);
        }
    }

    /**
     * With `declare` off, checks that the queue a delay queue dead-letters into exists (and the exchange, if
     * one is configured): RabbitMQ drops a dead-lettered message it cannot route, so a delayed job for a
     * missing queue would be lost when its delay ends. Bindings cannot be checked.
     */
    private function checkDelayTarget(string $queue): void
    {
        if (($this->options['declare'] ?? true) || isset($this->declared[$queue])) {
            return;
        }
        try {
            if ($this->exchange() !== '') {
                $this->channel()->exchange_declare($this->exchange(), $this->exchangeType(), true);
            }
            $this->channel()->queue_declare($queue, true);
        } catch (AMQPProtocolChannelException $e) {
            $this->dropChannel();
            throw new PublishException(sprintf(
                'The delayed job was not queued: %s (with declare off, the topology must exist; a delayed job for a missing queue would be dropped when its delay ends).',
                $e->getMessage()
            ), (int) $e->getCode(), $e);
        }
        $this->declared[$queue] = true;
    }

    /** Declares the configured exchange, the queue with its arguments, and their binding. */
    public function declareTopology(string $queue): void
    {
        $channel = $this->channel();
        $exchange = $this->exchange();
        if ($exchange !== '') {
            $channel->exchange_declare($exchange, $this->exchangeType(), false, true, false);
        }
        $channel->queue_declare($queue, false, true, false, false, false, new AMQPTable($this->queueArguments($queue)));
        if ($exchange !== '') {
            $channel->queue_bind($queue, $exchange, $this->routingKey($queue));
        }
        $this->declared[$queue] = true;
    }

    /**
     * What differs between the broker and this connection's config for $queue: a missing exchange or
     * queue, or one declared with other settings (the broker's PRECONDITION_FAILED text). Creates nothing.
     * Bindings are not checked (AMQP cannot list them).
     *
     * @return list<string> empty when the topology matches
     */
    public function checkTopology(string $queue): array
    {
        $problems = [];
        $exchange = $this->exchange();
        $checks = [[
            "queue \"$queue\"",
            fn ($ch) => $ch->queue_declare($queue, true),
            fn ($ch) => $ch->queue_declare($queue, false, true, false, false, false, new AMQPTable($this->queueArguments($queue))),
        ]];
        if ($exchange !== '') {
            array_unshift($checks, [
                "exchange \"$exchange\"",
                fn ($ch) => $ch->exchange_declare($exchange, $this->exchangeType(), true),
                fn ($ch) => $ch->exchange_declare($exchange, $this->exchangeType(), false, true, false),
            ]);
        }
        foreach ($checks as [$what, $exists, $matches]) {
            // A passive declare first, so that a missing one is reported, not created; then the full
            // declare, which the broker refuses when the existing one has other settings.
            foreach ([$exists, $matches] as $i => $declare) {
                try {
                    $declare($this->channel());
                } catch (AMQPProtocolChannelException $e) {
                    $this->dropChannel();
                    $problems[] = $i === 0 ? "$what does not exist" : "$what differs: " . $e->getMessage();
                    break;
                }
            }
        }
        return $problems;
    }

    private function declareDelayQueue(string $queue, int $ttlMs, bool $again = false): string
    {
        $name = "$queue.delay.$ttlMs";
        if (isset($this->leased[$name]) && !$again) {
            // Declared by vyuldashev's driver, with x-expires (twice the TTL); a passive declare before each
            // publish renews its lease, so it outlives the job now published into it. Once expired, it is
            // declared anew, as mq declares delay queues.
            try {
                $this->channel()->queue_declare($name, true);
                return $name;
            } catch (AMQPProtocolChannelException $e) {
                $this->refusedWith($e, 404);
                unset($this->leased[$name]);
            }
        }
        if (isset($this->declared[$name]) && !$again) {
            return $name;
        }
        $arguments = [
            'x-message-ttl' => $ttlMs,
            'x-dead-letter-exchange' => $this->exchange(),
            'x-dead-letter-routing-key' => $this->routingKey($queue),
        ];
        if ($this->isQuorum()) {
            // Quorum dead-lettering that is itself confirmed: a job cannot vanish between the two queues.
            $arguments += ['x-queue-type' => 'quorum', 'x-dead-letter-strategy' => 'at-least-once', 'x-overflow' => 'reject-publish'];
        }
        try {
            $this->channel()->queue_declare($name, false, true, false, false, false, new AMQPTable($arguments));
        } catch (AMQPProtocolChannelException $e) {
            $this->dropChannel();
            // vyuldashev's driver declares the same delay queues with x-expires: the broker refuses ours
            // for that argument alone, and theirs delay jobs the same way.
            if ($e->getCode() !== 406 || !str_contains($e->getMessage(), "inequivalent arg 'x-expires'")) {
                throw $e;
            }
            $this->leased[$name] = true;
            return $this->declareDelayQueue($queue, $ttlMs);
        }
        $this->declared[$name] = true;
        return $name;
    }

    private function queueArguments(string $queue): array
    {
        $arguments = [];
        if ($this->isQuorum()) {
            $arguments['x-queue-type'] = 'quorum';
        } else {
            // A vyuldashev block sets x-max-priority only with prioritize_delayed, as vyuldashev does.
            if (($this->options['queue_max_priority'] ?? null) !== null && ($this->options['prioritize_delayed'] ?? true)) {
                $arguments['x-max-priority'] = (int) $this->options['queue_max_priority'];
            }
            if ($this->options['lazy'] ?? false) {
                $arguments['x-queue-mode'] = 'lazy';
            }
        }
        if ($this->reroutesFailed()) {
            $arguments['x-dead-letter-exchange'] = (string) ($this->options['failed_exchange'] ?? $this->exchange());
            $arguments['x-dead-letter-routing-key'] = sprintf((string) ($this->options['failed_routing_key'] ?? '%s.failed'), $queue);
        }
        return $arguments;
    }

    private function exchangeType(): string
    {
        return (string) ($this->options['exchange_type'] ?? 'direct');
    }

    private function exchange(): string
    {
        return (string) ($this->options['exchange'] ?? '');
    }

    private function routingKey(string $queue): string
    {
        return $this->exchange() === '' ? $queue : sprintf((string) ($this->options['exchange_routing_key'] ?? '%s'), $queue);
    }

    private function isQuorum(): bool
    {
        return filter_var($this->options['quorum'] ?? false, FILTER_VALIDATE_BOOLEAN);
    }

    private function confirms(): bool
    {
        return filter_var($this->options['confirm'] ?? true, FILTER_VALIDATE_BOOLEAN);
    }

    /**
     * Runs $operation; a connection-level failure (closed, reset, refused, heartbeat missed) or a channel
     * closed under it becomes a LostConnectionException, and the next call starts afresh.
     */
    public function guard(\Closure $operation): mixed
    {
        try {
            return $operation();
        } catch (AMQPConnectionClosedException | AMQPChannelClosedException | AMQPProtocolConnectionException
            | AMQPIOException | AMQPSocketException $e) {
            $this->close();
            throw new LostConnectionException('Lost connection to RabbitMQ: ' . $e->getMessage(), 0, $e);
        }
    }

    /**
     * The broker refused a call on the publish channel, closing it: drops the channel, and rethrows $e
     * unless its reply code is $expected (a missing queue's 404, an existing one's other arguments' 406).
     */
    private function refusedWith(AMQPProtocolChannelException $e, int $expected): void
    {
        $this->dropChannel();
        if ($e->getCode() !== $expected) {
            throw $e;
        }
    }

    /** After a channel error the broker has closed the channel: the next call opens a new one. */
    private function dropChannel(): void
    {
        try {
            $this->channel?->close();
        } catch (\Throwable) {
        }
        $this->channel = null;
    }

    /** Whole seconds from now to $delay, rounded up so a job never runs before the time asked. */
    private static function delaySeconds($delay): int
    {
        if ($delay instanceof \DateInterval) {
            $delay = (new \DateTimeImmutable())->add($delay);
        }
        if ($delay instanceof \DateTimeInterface) {
            return (int) max(0, ceil((float) $delay->format('U.u') - microtime(true)));
        }
        return (int) max(0, ceil((float) $delay));
    }
}
