--TEST--
Kafka: a forked child using its parent's producer or consumer gets a clear exception, never a hang, and can create its own
--EXTENSIONS--
mq
pcntl
posix
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$name = fresh_name('fork');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($name);
$topic->produce(0, 0, 'from-parent');
var_dump($producer->flush(10000));
$cconf = new RdKafka\Conf();
$cconf->set('bootstrap.servers', kafka_bootstrap());
$cconf->set('group.id', fresh_name('fork-group'));
$cconf->set('group.protocol', kafka_group_protocol());
$cconf->set('auto.offset.reset', 'earliest');
$consumer = new RdKafka\KafkaConsumer($cconf);
$consumer->subscribe([$name]);
// Fork once the clients have settled (group joined, record read): a librdkafka thread inside
// getaddrinfo() at the moment of the fork leaves a glibc lock held in the child, where the child's own
// client would then hang resolving its brokers.
$deadline = microtime(true) + 30;
do {
    $m = $consumer->consume(500);
} while ($m->err !== RD_KAFKA_RESP_ERR_NO_ERROR && microtime(true) < $deadline);
var_dump($m->payload);

$pipe = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$pid = pcntl_fork();
if ($pid === 0) {
    fclose($pipe[0]);
    $out = [];
    foreach ([
        'produce' => fn () => $topic->produce(0, 0, 'from-child-inherited'),
        'flush' => fn () => $producer->flush(1000),
        'newTopic' => fn () => $producer->newTopic('x'),
        'consume' => fn () => $consumer->consume(100),
    ] as $what => $call) {
        try {
            $call();
            $out[] = "$what: no exception";
        } catch (RdKafka\Exception $e) {
            $out[] = "$what: " . $e->getMessage();
        }
    }
    // A client of its own works in the child.
    $own = new RdKafka\Producer($conf);
    $own->newTopic($name)->produce(0, 0, 'from-child');
    $out[] = 'own flush: ' . $own->flush(10000);
    fwrite($pipe[1], implode("\n", $out));
    // Destructors of the inherited handles run at exit: they must neither hang nor touch the parent's.
    exit(0);
}
fclose($pipe[1]);
stream_set_timeout($pipe[0], 30);
echo stream_get_contents($pipe[0]), "\n";
$deadline = microtime(true) + 30;
while (($done = pcntl_waitpid($pid, $status, WNOHANG)) === 0 && microtime(true) < $deadline) {
    usleep(50_000);
}
if ($done === 0) {
    posix_kill($pid, SIGKILL);
    echo "child hung at exit\n";
}
var_dump(pcntl_wexitstatus($status));
// The parent's clients still work.
$topic->produce(0, 0, 'parent-again');
var_dump($producer->flush(10000));
$broker = escapeshellarg(kafka_bootstrap());
echo shell_exec("timeout 30 kcat -C -b $broker -t " . escapeshellarg($name) . " -o beginning -c 3 -e -f '%s\\n' 2>&1");
?>
--EXPECT--
int(0)
string(11) "from-parent"
produce: This Kafka client was created before pcntl_fork() and belongs to the parent process (librdkafka's threads do not survive fork); create a new client (reconnect) in the child
flush: This Kafka client was created before pcntl_fork() and belongs to the parent process (librdkafka's threads do not survive fork); create a new client (reconnect) in the child
newTopic: This Kafka client was created before pcntl_fork() and belongs to the parent process (librdkafka's threads do not survive fork); create a new client (reconnect) in the child
consume: This Kafka client was created before pcntl_fork() and belongs to the parent process (librdkafka's threads do not survive fork); create a new client (reconnect) in the child
own flush: 0
int(0)
int(0)
from-parent
from-child
parent-again
