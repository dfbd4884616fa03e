--TEST--
Kafka: PHP's coercion for every kind of parameter in coercive mode (int to string, whole floats to int, fractional floats and null with PHP's deprecations) and PHP's TypeError wording; the expected output is php-rdkafka 6.0.4's, recorded by running the same calls under it
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
require __DIR__ . '/../tools/kafka_coercion_calls.php';
?>
--EXPECT--
Conf::set($value)
  int: null
  float: null
  frac: null
  big: null
  true: null
  null:  [Deprecated: RdKafka\Conf::set(): Passing null to parameter #2 ($value) of type string is deprecated] null
  numeric: null
  lead: null
  word: null
  array: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, array given
  object: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, stdClass given
  stringable: null
TopicPartition::setTopic
  int: "7"
  float: "7"
  frac: "7.5"
  big: "1.0E+30"
  true: "1"
  null:  [Deprecated: RdKafka\TopicPartition::setTopic(): Passing null to parameter #1 ($topic_name) of type string is deprecated] ""
  numeric: "7"
  lead: "7x"
  word: "x"
  array: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, array given
  object: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, stdClass given
  stringable: "7"
Producer::addBrokers
  int: 1
  float: 1
  frac: 1
  big: 1
  true: 1
  null:  [Deprecated: RdKafka::addBrokers(): Passing null to parameter #1 ($broker_list) of type string is deprecated] 0
  numeric: 1
  lead: 1
  word: 1
  array: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, array given
  object: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, stdClass given
  stringable: 1
TopicConf::setPartitioner
  int: InvalidArgumentException: Invalid partitioner given
  float: InvalidArgumentException: Invalid partitioner given
  frac:  [Deprecated: Implicit conversion from float 7.5 to int loses precision] InvalidArgumentException: Invalid partitioner given
  big: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, float given
  true: InvalidArgumentException: Invalid partitioner given
  null:  [Deprecated: RdKafka\TopicConf::setPartitioner(): Passing null to parameter #1 ($partitioner) of type int is deprecated] InvalidArgumentException: Invalid partitioner given
  numeric: InvalidArgumentException: Invalid partitioner given
  lead: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, string given
  word: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, string given
  array: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, array given
  object: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, stdClass given
  stringable: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, Str given
TopicPartition::setOffset
  int: 7
  float: 7
  frac:  [Deprecated: Implicit conversion from float 7.5 to int loses precision] 7
  big: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, float given
  true: 1
  null:  [Deprecated: RdKafka\TopicPartition::setOffset(): Passing null to parameter #1 ($offset) of type int is deprecated] 0
  numeric: 7
  lead: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, string given
  word: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, string given
  array: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, array given
  object: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, stdClass given
  stringable: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, Str given
Producer::poll
  int: 0
  float: 0
  frac:  [Deprecated: Implicit conversion from float 7.5 to int loses precision] 0
  big: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, float given
  true: 0
  null:  [Deprecated: RdKafka::poll(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] 0
  numeric: 0
  lead: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, string given
  word: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, string given
  array: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, array given
  object: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, stdClass given
  stringable: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, Str given
Producer::purge
  int: 0
  float: 0
  frac:  [Deprecated: Implicit conversion from float 7.5 to int loses precision] 0
  big: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, float given
  true: 0
  null:  [Deprecated: RdKafka::purge(): Passing null to parameter #1 ($purge_flags) of type int is deprecated] 0
  numeric: 0
  lead: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, string given
  word: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, string given
  array: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, array given
  object: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, stdClass given
  stringable: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, Str given
rd_kafka_offset_tail
  int: -2007
  float: -2007
  frac:  [Deprecated: Implicit conversion from float 7.5 to int loses precision] -2007
  big: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, float given
  true: -2001
  null:  [Deprecated: rd_kafka_offset_tail(): Passing null to parameter #1 ($cnt) of type int is deprecated] -2000
  numeric: -2007
  lead: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, string given
  word: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, string given
  array: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, array given
  object: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, stdClass given
  stringable: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, Str given
rd_kafka_err2name
  int: "REQUEST_TIMED_OUT"
  float: "REQUEST_TIMED_OUT"
  frac:  [Deprecated: Implicit conversion from float 7.5 to int loses precision] "REQUEST_TIMED_OUT"
  big: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, float given
  true: "OFFSET_OUT_OF_RANGE"
  null:  [Deprecated: rd_kafka_err2name(): Passing null to parameter #1 ($err) of type int is deprecated] "NO_ERROR"
  numeric: "REQUEST_TIMED_OUT"
  lead: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, string given
  word: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, string given
  array: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, array given
  object: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, stdClass given
  stringable: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, Str given
ProducerTopic::producev($timestamp_ms)
  int: null
  float: null
  frac:  [Deprecated: Implicit conversion from float 7.5 to int loses precision] null
  big: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, float given
  true: null
  null: null
  numeric: null
  lead: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, string given
  word: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, string given
  array: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, array given
  object: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, stdClass given
  stringable: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, Str given
ProducerTopic::produce($key)
  int: null
  float: null
  frac: null
  big: null
  true: null
  null: null
  numeric: null
  lead: null
  word: null
  array: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, array given
  object: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, stdClass given
  stringable: null
Producer::getMetadata($all_topics)
  int: "RdKafka\\Metadata"
  float: "RdKafka\\Metadata"
  frac: "RdKafka\\Metadata"
  big: "RdKafka\\Metadata"
  true: "RdKafka\\Metadata"
  null:  [Deprecated: RdKafka::getMetadata(): Passing null to parameter #1 ($all_topics) of type bool is deprecated] "RdKafka\\Metadata"
  numeric: "RdKafka\\Metadata"
  lead: "RdKafka\\Metadata"
  word: "RdKafka\\Metadata"
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
