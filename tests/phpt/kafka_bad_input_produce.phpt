--TEST--
Kafka: produce()/producev() take any bytes and PHP's scalar coercion: header names as bytes (up to a NUL), header values converted as php-rdkafka converts them, int/float/bool payload, key and opaque
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

class Label
{
    public function __toString(): string { return "label\xff"; }
}

$name = fresh_name('bad-produce');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$reports = [];
$conf->setDrMsgCb(function ($kafka, $m) use (&$reports) { $reports[] = $m; });
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($name);

// Coercive mode, as for any internal function: 42 is sent as "42", 1.5 as "1.5", true as "1".
$topic->produce(0, 0, 42, 1.5, true);
// Header names are bytes (up to a NUL, as php-rdkafka passes a char *); values are PHP's (string):
// null and false "", an array "Array" with PHP's warning; an integer key ends the list.
$topic->producev(0, 0, "p\xff", "k\xfe", [
    "n\xff" => 'non-utf8 name', "cut\0off" => 'x', 'int' => 1, 'float' => 1.5, 'true' => true, 'false' => false,
    'null' => null, 'label' => new Label(), 'array' => [1], 5 => 'stops here', 'never' => 'sent',
], null, "o\xff");
// An object without __toString is PHP's Error, and nothing is produced (php-rdkafka throws the same Error
// but produces the message with "" for that header).
try {
    $topic->producev(0, 0, 'never produced', null, ['ok' => 'v', 'object' => new stdClass()]);
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($producer->flush(10000), count($reports));

function show($m): void
{
    $headers = [];
    foreach ($m->headers as $k => $v) {
        $headers[] = bin2hex($k) . '=' . bin2hex($v);
    }
    echo json_encode([$m->err, bin2hex($m->payload), bin2hex($m->key), $m->opaque === null ? null : bin2hex($m->opaque), implode(',', $headers)]), "\n";
}
foreach ($reports as $m) {
    show($m);
}

// What a consumer reads back: the same bytes.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('group.id', fresh_name('bad-produce'));
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->assign([new RdKafka\TopicPartition($name, 0, RD_KAFKA_OFFSET_BEGINNING)]);
$deadline = microtime(true) + 30;
for ($read = 0; $read < 2 && microtime(true) < $deadline;) {
    $m = $consumer->consume(1000);
    if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
        show($m);
        $read++;
    }
}
// A third message would be the one that threw: none arrives.
var_dump($consumer->consume(2000)->err === RD_KAFKA_RESP_ERR__TIMED_OUT);
?>
--EXPECTF--
Warning: Array to string conversion in %s on line %d
Error: Object of class stdClass could not be converted to string
int(0)
int(2)
[0,"3432","312e35","31",""]
[0,"70ff","6bfe","6fff","6eff=6e6f6e2d75746638206e616d65,637574=78,696e74=31,666c6f6174=312e35,74727565=31,66616c7365=,6e756c6c=,6c6162656c=6c6162656cff,6172726179=4172726179"]
[0,"3432","312e35",null,""]
[0,"70ff","6bfe",null,"6eff=6e6f6e2d75746638206e616d65,637574=78,696e74=31,666c6f6174=312e35,74727565=31,66616c7365=,6e756c6c=,6c6162656c=6c6162656cff,6172726179=4172726179"]
bool(true)
