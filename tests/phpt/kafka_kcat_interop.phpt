--TEST--
Kafka: kcat reads what mq produced (key, headers, binary payload) and mq reads what kcat produced
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$broker = escapeshellarg(kafka_bootstrap());

// mq -> kcat
$name = fresh_name('to-kcat');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($name);
$topic->producev(RD_KAFKA_PARTITION_UA, 0, 'hello kcat', 'key-a', ['h1' => 'v1', 'h2' => 'v2']);
$topic->produce(RD_KAFKA_PARTITION_UA, 0, "tab\there", 'key-b');
var_dump($producer->flush(10000));
echo shell_exec("timeout 30 kcat -C -b $broker -t " . escapeshellarg($name) . " -o beginning -c 2 -e -f '%k|%s|%h\\n' 2>&1");

// kcat -> mq
$name = fresh_name('from-kcat');
$kcat = proc_open("kcat -P -b $broker -t " . escapeshellarg($name) . " -K: -H trace=t-1 -H lang=php",
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
fwrite($pipes[0], "k1:first\nk2:second\n");
fclose($pipes[0]);
var_dump(proc_close($kcat));

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('group.id', fresh_name('kcat-group'));
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->assign([new RdKafka\TopicPartition($name, 0, RD_KAFKA_OFFSET_BEGINNING)]);
$deadline = microtime(true) + 30;
$seen = [];
while (count($seen) < 2 && microtime(true) < $deadline) {
    $m = $consumer->consume(500);
    if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
        $seen[] = [$m->key, $m->payload, $m->headers];
    }
}
echo json_encode($seen), "\n";
?>
--EXPECT--
int(0)
key-a|hello kcat|h1=v1,h2=v2
key-b|tab	here|
int(0)
[["k1","first",{"trace":"t-1","lang":"php"}],["k2","second",{"trace":"t-1","lang":"php"}]]
