--TEST--
Kafka: under declare(strict_types=1) the same calls as kafka_coercion_weak.phpt get PHP's strict-mode TypeErrors (an int is still accepted for a float); the expected output is php-rdkafka 6.0.4's
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
// Strictness is the calling file's: the calls are written out behind declare(strict_types=1).
$calls = file_get_contents(__DIR__ . '/../tools/kafka_coercion_calls.php');
$strict = tempnam(sys_get_temp_dir(), 'mq-coercion');
file_put_contents($strict, "<?php declare(strict_types=1);\n" . substr($calls, strlen("<?php\n")));
try {
    require $strict;
} finally {
    unlink($strict);
}
?>
--EXPECT--
Conf::set($value)
  int: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, int given
  float: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, float given
  frac: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, float given
  big: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, float given
  true: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, bool given
  null: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, null given
  numeric: null
  lead: null
  word: null
  array: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, array given
  object: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, stdClass given
  stringable: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, Str given
TopicPartition::setTopic
  int: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, int given
  float: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, float given
  frac: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, float given
  big: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, float given
  true: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, bool given
  null: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, null given
  numeric: "7"
  lead: "7x"
  word: "x"
  array: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, array given
  object: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, stdClass given
  stringable: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, Str given
Producer::addBrokers
  int: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, int given
  float: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, float given
  frac: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, float given
  big: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, float given
  true: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, bool given
  null: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, null given
  numeric: 1
  lead: 1
  word: 1
  array: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, array given
  object: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, stdClass given
  stringable: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, Str given
TopicConf::setPartitioner
  int: InvalidArgumentException: Invalid partitioner given
  float: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, float given
  frac: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, float given
  big: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, float given
  true: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, bool given
  null: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, null given
  numeric: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, string given
  lead: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, string given
  word: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, string given
  array: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, array given
  object: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, stdClass given
  stringable: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, Str given
TopicPartition::setOffset
  int: 7
  float: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, float given
  frac: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, float given
  big: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, float given
  true: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, bool given
  null: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, null given
  numeric: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, string given
  lead: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, string given
  word: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, string given
  array: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, array given
  object: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, stdClass given
  stringable: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, Str given
Producer::poll
  int: 0
  float: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, float given
  frac: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, float given
  big: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, float given
  true: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, bool given
  null: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, null given
  numeric: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, string given
  lead: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, string given
  word: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, string given
  array: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, array given
  object: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, stdClass given
  stringable: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, Str given
Producer::purge
  int: 0
  float: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, float given
  frac: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, float given
  big: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, float given
  true: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, bool given
  null: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, null given
  numeric: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, string given
  lead: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, string given
  word: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, string given
  array: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, array given
  object: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, stdClass given
  stringable: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, Str given
rd_kafka_offset_tail
  int: -2007
  float: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, float given
  frac: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, float given
  big: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, float given
  true: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, bool given
  null: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, null given
  numeric: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, string given
  lead: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, string given
  word: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, string given
  array: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, array given
  object: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, stdClass given
  stringable: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, Str given
rd_kafka_err2name
  int: "REQUEST_TIMED_OUT"
  float: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, float given
  frac: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, float given
  big: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, float given
  true: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, bool given
  null: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, null given
  numeric: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, string given
  lead: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, string given
  word: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, string given
  array: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, array given
  object: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, stdClass given
  stringable: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, Str given
ProducerTopic::producev($timestamp_ms)
  int: null
  float: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, float given
  frac: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, float given
  big: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, float given
  true: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, bool given
  null: null
  numeric: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, string given
  lead: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, string given
  word: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, string given
  array: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, array given
  object: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, stdClass given
  stringable: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, Str given
ProducerTopic::produce($key)
  int: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, int given
  float: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, float given
  frac: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, float given
  big: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, float given
  true: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, bool given
  null: null
  numeric: null
  lead: null
  word: null
  array: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, array given
  object: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, stdClass given
  stringable: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, Str given
Producer::getMetadata($all_topics)
  int: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, int given
  float: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, float given
  frac: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, float given
  big: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, float given
  true: "RdKafka\\Metadata"
  null: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, null given
  numeric: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, string given
  lead: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, string given
  word: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, string given
  array: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, array given
  object: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, stdClass given
  stringable: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, Str given
Conf::setDefaultTopicConf
  int:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, int given
  float:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, float given
  frac:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, float given
  big:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, float given
  true:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, bool given
  null:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, null given
  numeric:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, string given
  lead:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, string given
  word:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, string given
  array:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, array given
  object:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, stdClass given
  stringable:  [Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, Str given
Producer::__construct
  int: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, int given
  float: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, float given
  frac: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, float given
  big: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, float given
  true: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, bool given
  null: "not built"
  numeric: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, string given
  lead: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, string given
  word: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, string given
  array: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, array given
  object: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, stdClass given
  stringable: TypeError: RdKafka\Producer::__construct(): Argument #1 ($conf) must be of type ?RdKafka\Conf, Str given
Conf::setErrorCb
  int: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
  float: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
  frac: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
  big: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
  true: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
  null: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
  numeric: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, function "7" not found or invalid function name
  lead: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, function "7x" not found or invalid function name
  word: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, function "x" not found or invalid function name
  array: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, array callback must have exactly two members
  object: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
  stringable: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
