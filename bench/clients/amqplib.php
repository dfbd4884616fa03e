<?php
// The php-amqplib API. Run under mq (classes from mq.so) and under Debian's php-amqplib (classes from its
// autoloader, named by MQ_BENCH_AUTOLOAD): the very same code for both.

declare(strict_types=1);

require __DIR__ . '/common.php';
if ($autoload = getenv('MQ_BENCH_AUTOLOAD')) {
    require $autoload;
}

use PhpAmqpLib\Channel\AMQPChannel;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

final class AmqplibClient implements BenchAmqpClient
{
    private AMQPStreamConnection $connection;
    private AMQPChannel $channel;

    public function __construct(array $e)
    {
        // read_write_timeout 30 s instead of 3: after a burst of unconfirmed publishes the broker may take
        // seconds to answer the next RPC while it works through its socket backlog (php-amqp waits forever).
        $this->connection = new AMQPStreamConnection($e['host'], $e['port'], $e['user'], $e['password'], '/', false,
            'AMQPLAIN', null, 'en_US', 3.0, 30.0);
        $this->channel = $this->connection->channel();
    }

    public function declareQueue(string $queue): void
    {
        $this->channel->queue_declare($queue, false, false, false, false);
    }

    public function messageCount(string $queue): int
    {
        return $this->channel->queue_declare($queue, true)[1];
    }

    public function deleteQueue(string $queue): int
    {
        return (int) $this->channel->queue_delete($queue);
    }

    public function confirmSelect(): void
    {
        $this->channel->set_nack_handler(fn() => throw new RuntimeException('publish nacked'));
        $this->channel->confirm_select();
    }

    public function publish(string $queue, string $body): void
    {
        $this->channel->basic_publish(new AMQPMessage($body), '', $queue);
    }

    public function waitConfirms(): void
    {
        $this->channel->wait_for_pending_acks(30);
    }

    public function consume(string $queue, int $prefetch, int $count, int $rssAt = 0): array
    {
        $this->channel->basic_qos(0, $prefetch, false);
        $n = 0;
        $rss = [];
        $tag = $this->channel->basic_consume($queue, '', false, false, false, false,
            function (AMQPMessage $message) use (&$n, &$rss, $rssAt, $count) {
                $message->ack();
                bench_rss_sample($rss, ++$n, $rssAt, $count);
            });
        while ($n < $count) {
            $this->channel->wait();
        }
        $this->channel->basic_cancel($tag);
        if ($rssAt) {
            $rss[] = bench_rss_kb();
        }
        return $rss;
    }

    public function getAck(string $queue): bool
    {
        $message = $this->channel->basic_get($queue);
        if ($message === null) {
            return false;
        }
        $message->ack();
        return true;
    }

    public function close(): void
    {
        $this->channel->close();
        $this->connection->close();
    }
}

bench_amqp_main(fn() => new AmqplibClient(bench_amqp_endpoint()));
