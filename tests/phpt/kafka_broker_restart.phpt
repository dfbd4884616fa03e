--TEST--
Kafka: a broker restarting under a KafkaConsumer: php-rdkafka's README loop (throw on any error but __PARTITION_EOF and __TIMED_OUT) consumes every message without an exception; the transport errors go to the error callback, or without one to the log callback as librdkafka logs them (a private broker on free ports, restarted by the test)
--EXTENSIONS--
mq
--SKIPIF--
<?php
if (!shell_exec('command -v java') || !shell_exec('command -v kcat')) die('skip java and kcat are needed to run a private Kafka broker');
?>
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

function free_port(): int
{
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
    fclose($server);
    return $port;
}

// A broker of our own (scripts/kafka.sh with other ports and state): the shared one is never restarted.
$port = free_port();
$env = sprintf(
    'MQ_KAFKA_PORT=%d MQ_KAFKA_CONTROLLER_PORT=%d MQ_KAFKA_SASL_PORT=%d MQ_STATE_DIR=%s MQ_KAFKA_HEAP_OPTS=%s',
    $port, free_port(), free_port(), escapeshellarg(sys_get_temp_dir() . '/mq-kafka-restart-' . getmypid()),
    escapeshellarg('-Xms128m -Xmx512m'),
);
$kafka = 'env ' . $env . ' ' . escapeshellarg(dirname(__DIR__, 2) . '/scripts/kafka.sh');
register_shutdown_function(function () use ($kafka, $env) {
    shell_exec("$kafka stop 2>&1");
    shell_exec('rm -rf ' . escapeshellarg(sys_get_temp_dir() . '/mq-kafka-restart-' . getmypid()));
});
shell_exec("$kafka start 2>&1");
$bootstrap = "127.0.0.1:$port";
$topic = fresh_name('mq-restart');
$n = 400;

function produce(string $bootstrap, string $topic, int $from, int $to): void
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', $bootstrap);
    $producer = new RdKafka\Producer($conf);
    $t = $producer->newTopic($topic);
    for ($i = $from; $i < $to; $i++) {
        $t->produce(RD_KAFKA_PARTITION_UA, 0, "m$i");
    }
    if ($producer->flush(60000) !== RD_KAFKA_RESP_ERR_NO_ERROR) {
        echo "flush failed\n";
    }
}

function consumer(string $bootstrap, string $group, callable $setup): RdKafka\KafkaConsumer
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', $bootstrap);
    $conf->set('group.id', $group);
    $conf->set('group.protocol', kafka_group_protocol());
    $conf->set('auto.offset.reset', 'earliest');
    $conf->set('enable.partition.eof', 'true');
    $setup($conf);
    return new RdKafka\KafkaConsumer($conf);
}

produce($bootstrap, $topic, 0, $n / 2);
$logged = [];   // the README consumer's log callback: librdkafka logs global errors without an error callback
$readme = consumer($bootstrap, "$topic-readme", function ($conf) use (&$logged) {
    $conf->setLogCb(function ($kafka, $level, $facility, $message) use (&$logged) {
        if ($facility === 'ERROR') {
            $logged[] = [$level, $message];
        }
    });
});
$errors = [];
$withCb = consumer($bootstrap, "$topic-errcb", function ($conf) use (&$errors) {
    $conf->setErrorCb(function ($kafka, $err, $reason) use (&$errors) {
        $errors[rd_kafka_err2name($err)] = true;
    });
});
$readme->subscribe([$topic]);
$withCb->subscribe([$topic]);

$seen = ['readme' => [], 'errcb' => []];
$errorMessages = [];
$restarting = null;
$producedRest = false;
$deadline = microtime(true) + 150;
try {
    while ((count($seen['readme']) < $n || count($seen['errcb']) < $n) && microtime(true) < $deadline) {
        foreach (['readme' => $readme, 'errcb' => $withCb] as $name => $consumer) {
            // php-rdkafka's README consumer loop.
            $message = $consumer->consume(100);
            switch ($message->err) {
                case RD_KAFKA_RESP_ERR_NO_ERROR:
                    $seen[$name][$message->payload] = true;
                    break;
                case RD_KAFKA_RESP_ERR__PARTITION_EOF:
                case RD_KAFKA_RESP_ERR__TIMED_OUT:
                    break;
                default:
                    throw new \Exception($message->errstr(), $message->err);
            }
        }
        if ($restarting === null && count($seen['readme']) >= $n / 2 && count($seen['errcb']) >= $n / 2) {
            shell_exec("$kafka stop 2>&1");
            $restarting = proc_open("exec $kafka start", [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        }
        if ($restarting !== null && !$producedRest && !proc_get_status($restarting)['running']) {
            $producedRest = true;
            produce($bootstrap, $topic, $n / 2, $n);
        }
    }
    echo "no exception\n";
} catch (Exception $e) {
    echo 'exception after ', count($seen['readme']), ' messages: ', $e->getCode(), ' ', $e->getMessage(), "\n";
}
var_dump($restarting !== null && $producedRest);
var_dump(count($seen['readme']) === $n, count($seen['errcb']) === $n);
// The broker was down: the error callback heard of it (a transport error, all brokers down).
var_dump(isset($errors['_TRANSPORT']) || isset($errors['_ALL_BROKERS_DOWN']));
// Without an error callback, the same errors are log lines: level 3 (LOG_ERR), facility ERROR, the
// client's name first, as librdkafka logs them from the application thread.
$fromApp = array_filter($logged, fn ($l) => $l[0] === 3 && preg_match('/^\[thrd:app\]: rdkafka#consumer-\d+: /', $l[1]));
var_dump(count($fromApp) > 0);
$readme->close();
$withCb->close();
?>
--EXPECT--
no exception
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
