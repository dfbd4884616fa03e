--TEST--
Kafka: RD_KAFKA_* constants (error codes generated from librdkafka's table) and the rd_kafka_*() functions
--EXTENSIONS--
mq
--FILE--
<?php
$errors = array_filter(get_defined_constants(true)['mq'], fn ($k) => str_starts_with($k, 'RD_KAFKA_RESP_ERR_'), ARRAY_FILTER_USE_KEY);
var_dump(count($errors) > 150);
var_dump(RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR__PARTITION_EOF, RD_KAFKA_RESP_ERR_NO_ERROR, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
var_dump(RD_KAFKA_PARTITION_UA, RD_KAFKA_OFFSET_BEGINNING, RD_KAFKA_OFFSET_END, RD_KAFKA_OFFSET_STORED, RD_KAFKA_MSG_F_BLOCK);
var_dump(RD_KAFKA_CONF_UNKNOWN, RD_KAFKA_CONF_INVALID, RD_KAFKA_MSG_PARTITIONER_MURMUR2, RD_KAFKA_LOG_SYSLOG_PRINT);
var_dump(RD_KAFKA_VERSION >= 0x020c0000, RD_KAFKA_BUILD_VERSION === RD_KAFKA_VERSION);
// Not registered by php-rdkafka either.
var_dump(defined('RD_KAFKA_OFFSET_INVALID'));

var_dump(rd_kafka_err2str(RD_KAFKA_RESP_ERR__TIMED_OUT), rd_kafka_err2name(RD_KAFKA_RESP_ERR__TIMED_OUT));
var_dump(rd_kafka_err2str(-12345), rd_kafka_err2name(-12345));
var_dump(rd_kafka_offset_tail(10), is_int(rd_kafka_thread_cnt()), rd_kafka_errno2err(110));

$descs = rd_kafka_get_err_descs();
$byName = array_column(array_filter($descs, fn ($d) => $d['name'] !== null), null, 'name');
var_dump($byName['_TIMED_OUT']['code'], $byName['_TIMED_OUT']['desc']);
// Only the first code-0 entry is kept (a gap entry), as php-rdkafka does: NO_ERROR is not listed.
var_dump(count(array_filter($descs, fn ($d) => $d['code'] === 0)), isset($byName['NO_ERROR']));
// Every named entry has its constant.
var_dump(count(array_filter($byName, fn ($d, $n) => constant("RD_KAFKA_RESP_ERR_$n") !== $d['code'], ARRAY_FILTER_USE_BOTH)));
?>
--EXPECTF--
bool(true)
int(-185)
int(-191)
int(0)
int(3)
int(-1)
int(-2)
int(-1)
int(-1000)
int(4)
int(-2)
int(-1)
int(5)
int(102)
bool(true)
bool(true)
bool(false)
string(16) "Local: Timed out"
string(10) "_TIMED_OUT"
string(11) "Err--12345?"
string(11) "ERR_-12345?"

Deprecated: Function rd_kafka_errno2err() is deprecated in %s on line 13
int(-2010)
bool(true)
int(-185)
int(-185)
string(16) "Local: Timed out"
int(1)
bool(false)
int(0)
