<?php
// Kafka micro-benchmarks of single calls, for mq against the php-rdkafka C extension on the same script
// (never both in one process):
//
//   php -n -d extension=modules/mq.so bench/kafka-micro.php calls [N]           idle poll(0), getOutQLen()
//   php -n -d extension=rdkafka.so    bench/kafka-micro.php produce [N] [BODY]  produce() + poll(0) each
//   php -n -d extension=...           bench/kafka-micro.php consume TOPIC [N]   KafkaConsumer::consume()
//
// Prints one line; "PHP thread CPU" is the main thread's own CPU (/proc), librdkafka's threads excluded;
// "whole process" counts them (produce).
// MQ_KAFKA_PORT points at another broker. Rounds and interleaving are the caller's (see bench/README.md).

declare(strict_types=1);

$bootstrap = '127.0.0.1:' . (getenv('MQ_KAFKA_PORT') ?: '9092');
$op = $argv[1] ?? 'calls';

function thread_cpu(): float
{
    $stat = file_get_contents('/proc/self/task/' . getmypid() . '/stat');
    $fields = explode(' ', substr($stat, strrpos($stat, ')') + 2));
    return ($fields[11] + $fields[12]) / 100; // utime + stime, in clock ticks of 10 ms
}

/** The whole process's CPU (user + system), every thread's, in seconds. */
function process_cpu(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec'] + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) / 1e6;
}

function producer(string $bootstrap): RdKafka\Producer
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', $bootstrap);
    $conf->set('acks', 'all');
    return new RdKafka\Producer($conf);
}

switch ($op) {
    case 'calls':
        $n = (int) ($argv[2] ?? 3_000_000);
        $producer = producer($bootstrap);
        $producer->poll(0);
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $producer->poll(0);
        }
        $poll = (hrtime(true) - $t) / $n;
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $producer->getOutQLen();
        }
        $outq = (hrtime(true) - $t) / $n;
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
        }
        printf("idle poll(0) %.0f ns, getOutQLen() %.0f ns, empty loop %.0f ns per call\n", $poll, $outq, (hrtime(true) - $t) / $n);
        break;
    case 'produce':
        $n = (int) ($argv[2] ?? 1_000_000);
        $body = str_repeat('x', (int) ($argv[3] ?? 100));
        $producer = producer($bootstrap);
        $name = 'bench-micro-' . getmypid() . '-' . bin2hex(random_bytes(3));
        $topic = $producer->newTopic($name);
        $producer->getMetadata(false, $topic, 10000); // creates the topic, untimed
        [$cpu, $all] = [thread_cpu(), process_cpu()];
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            try {
                $topic->produce(RD_KAFKA_PARTITION_UA, 0, $body);
            } catch (RdKafka\Exception $e) {
                $producer->poll(10); // queue full
                $i--;
                continue;
            }
            $producer->poll(0);
        }
        $cpu = thread_cpu() - $cpu;
        while ($producer->flush(10000) !== RD_KAFKA_RESP_ERR_NO_ERROR) {
        }
        $seconds = (hrtime(true) - $t) / 1e9;
        $all = process_cpu() - $all;
        printf("produce %d x %d B, poll(0) after each: %.0f msg/s until flushed, PHP thread CPU %.2f s, whole process %.2f s\n", $n, strlen($body), $n / $seconds, $cpu, $all);
        exec(escapeshellarg(dirname(__DIR__) . '/scripts/kafka.sh') . ' delete-topics ' . escapeshellarg('^' . $name . '$') . ' >/dev/null 2>&1');
        break;
    case 'consume':
        $name = $argv[2] ?? throw new InvalidArgumentException('consume TOPIC [N]');
        $n = (int) ($argv[3] ?? 1_000_000);
        $conf = new RdKafka\Conf();
        $conf->set('bootstrap.servers', $bootstrap);
        $conf->set('group.id', 'bench-micro-' . getmypid() . '-' . bin2hex(random_bytes(3)));
        $conf->set('auto.offset.reset', 'earliest');
        $conf->set('fetch.queue.backoff.ms', '10'); // mq's default, set for both
        $consumer = new RdKafka\KafkaConsumer($conf);
        $cpu = thread_cpu();
        $t = hrtime(true);
        $consumer->subscribe([$name]);
        for ($got = 0; $got < $n;) {
            $message = $consumer->consume(1000);
            if ($message->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
                $got++;
            } elseif ($message->err !== RD_KAFKA_RESP_ERR__TIMED_OUT && $message->err !== RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                throw new RuntimeException($message->errstr());
            }
        }
        $seconds = (hrtime(true) - $t) / 1e9;
        printf("consume %d: %.0f msg/s from subscribe(), PHP thread CPU %.2f s, peak RSS %d MB\n", $n, $n / $seconds, thread_cpu() - $cpu, getrusage()['ru_maxrss'] / 1024);
        $consumer->close();
        break;
    default:
        fwrite(STDERR, "usage: kafka-micro.php calls|produce|consume ...\n");
        exit(2);
}
