<?php
// The php-amqp C extension (AMQPConnection, AMQPChannel, AMQPQueue, AMQPExchange in the global namespace).

declare(strict_types=1);

require __DIR__ . '/common.php';

final class AmqpExtClient implements BenchAmqpClient
{
    private AMQPConnection $connection;
    private AMQPChannel $channel;
    private AMQPExchange $exchange;
    /** @var array<string, AMQPQueue> */
    private array $queues = [];
    private int $published = 0;
    private int $confirmed = 0;

    public function __construct(array $e)
    {
        $this->connection = new AMQPConnection(['host' => $e['host'], 'port' => $e['port'],
            'login' => $e['user'], 'password' => $e['password']]);
        $this->connection->connect();
        $this->channel = new AMQPChannel($this->connection);
        $this->exchange = new AMQPExchange($this->channel); // the default exchange
    }

    private function queue(string $name, int $flags = AMQP_NOPARAM): AMQPQueue
    {
        if (!isset($this->queues["$flags/$name"])) {
            $q = new AMQPQueue($this->channel);
            $q->setName($name);
            $q->setFlags($flags);
            $this->queues["$flags/$name"] = $q;
        }
        return $this->queues["$flags/$name"];
    }

    public function declareQueue(string $queue): void
    {
        $this->queue($queue)->declareQueue();
    }

    public function messageCount(string $queue): int
    {
        return $this->queue($queue, AMQP_PASSIVE)->declareQueue();
    }

    public function deleteQueue(string $queue): int
    {
        return $this->queue($queue)->delete();
    }

    public function confirmSelect(): void
    {
        $this->channel->setConfirmCallback(
            function (int $tag, bool $multiple): bool {
                $this->confirmed = max($this->confirmed, $tag);
                return $this->confirmed < $this->published; // false ends waitForConfirm()
            },
            fn() => throw new RuntimeException('publish nacked'),
        );
        $this->channel->confirmSelect();
    }

    public function publish(string $queue, string $body): void
    {
        $this->exchange->publish($body, $queue);
        $this->published++;
    }

    public function waitConfirms(): void
    {
        while ($this->confirmed < $this->published) {
            $this->channel->waitForConfirm(30);
        }
    }

    public function consume(string $queue, int $prefetch, int $count, int $rssAt = 0): array
    {
        $this->channel->qos(0, $prefetch);
        $n = 0;
        $rss = [];
        $q = $this->queue($queue);
        $q->consume(function (AMQPEnvelope $envelope, AMQPQueue $q) use (&$n, &$rss, $rssAt, $count): bool {
            $q->ack($envelope->getDeliveryTag());
            bench_rss_sample($rss, ++$n, $rssAt, $count);
            return $n < $count; // false ends consume()
        });
        $q->cancel();
        if ($rssAt) {
            $rss[] = bench_rss_kb();
        }
        return $rss;
    }

    public function getAck(string $queue): bool
    {
        $q = $this->queue($queue);
        $envelope = $q->get(AMQP_NOPARAM);
        if ($envelope === false) {
            return false;
        }
        $q->ack($envelope->getDeliveryTag());
        return true;
    }

    public function close(): void
    {
        $this->connection->disconnect();
    }
}

bench_amqp_main(fn() => new AmqpExtClient(bench_amqp_endpoint()));
