--TEST--
Kafka: var_dump() and print_r() of TopicPartition and the metadata objects show php-rdkafka's fields (its get_debug_info), while (array), var_export(), json_encode() and get_object_vars() see no properties, as in php-rdkafka; a Message's public properties are seen by all of them
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
$tp = new RdKafka\TopicPartition('t', 1, 5);
var_dump($tp);
print_r($tp);
echo "\n";
var_export($tp);
echo "\n";
var_dump((array) $tp, json_encode($tp), get_object_vars($tp));

$topic = fresh_name('mq-debug-info');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$producer->newTopic($topic)->produce(0, 0, 'x');
$producer->flush(10000);
$md = $producer->getMetadata(false, $producer->newTopic($topic), 10000);
var_dump($md);
print_r($md->getTopics());
echo "\n";
var_dump((array) $md, json_encode($md), get_object_vars($md));
foreach ($md->getBrokers() as $broker) {
    var_dump((array) $broker);
}

$conf->set('group.id', $topic);
$conf->set('group.protocol', kafka_group_protocol());
$conf->set('auto.offset.reset', 'earliest');
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->subscribe([$topic]);
do {
    $message = $consumer->consume(10000);
} while ($message->err === RD_KAFKA_RESP_ERR__TIMED_OUT);
$fields = array_keys(get_object_vars($message));
var_dump($fields === array_keys((array) $message), $fields === array_keys(json_decode(json_encode($message), true)));
echo implode(',', $fields), "\n";
var_dump(str_contains(var_export($message, true), "'payload' => 'x'"), str_contains(print_r($message, true), '[payload] => x'));
$consumer->close();
?>
--EXPECTF--
object(RdKafka\TopicPartition)#%d (4) {
  ["topic"]=>
  string(1) "t"
  ["partition"]=>
  int(1)
  ["offset"]=>
  int(5)
  ["err"]=>
  int(0)
}
RdKafka\TopicPartition Object
(
    [topic] => t
    [partition] => 1
    [offset] => 5
    [err] => 0
)

\RdKafka\TopicPartition::__set_state(array(
))
array(0) {
}
string(2) "{}"
array(0) {
}
object(RdKafka\Metadata)#%d (4) {
  ["brokers"]=>
  object(RdKafka\Metadata\Collection)#%d (1) {
    [0]=>
    object(RdKafka\Metadata\Broker)#%d (3) {
      ["id"]=>
      int(1)
      ["host"]=>
      string(9) "127.0.0.1"
      ["port"]=>
      int(%d)
    }
  }
  ["topics"]=>
  object(RdKafka\Metadata\Collection)#%d (1) {
    [0]=>
    object(RdKafka\Metadata\Topic)#%d (3) {
      ["topic"]=>
      string(%d) "mq-debug-info-%s"
      ["partitions"]=>
      object(RdKafka\Metadata\Collection)#%d (1) {
        [0]=>
        object(RdKafka\Metadata\Partition)#%d (5) {
          ["id"]=>
          int(0)
          ["err"]=>
          int(0)
          ["leader"]=>
          int(1)
          ["replica_cnt"]=>
          int(1)
          ["isr_cnt"]=>
          int(1)
        }
      }
      ["err"]=>
      int(0)
    }
  }
  ["orig_broker_id"]=>
  int(1)
  ["orig_broker_name"]=>
  string(%d) "127.0.0.1:%d/1"
}
RdKafka\Metadata\Collection Object
(
    [0] => RdKafka\Metadata\Topic Object
        (
            [topic] => mq-debug-info-%s
            [partitions] => RdKafka\Metadata\Collection Object
                (
                    [0] => RdKafka\Metadata\Partition Object
                        (
                            [id] => 0
                            [err] => 0
                            [leader] => 1
                            [replica_cnt] => 1
                            [isr_cnt] => 1
                        )

                )

            [err] => 0
        )

)

array(0) {
}
string(2) "{}"
array(0) {
}
array(0) {
}
bool(true)
bool(true)
err,topic_name,timestamp,partition,payload,len,key,offset,headers,opaque
bool(true)
bool(true)
