--TEST--
Kafka: every parameter of every method of every Kafka class and of every rd_kafka_*() function, given an array, an object, a fractional float, null, a word and true, is refused or converted as php-rdkafka's ZPP does (TypeErrors, deprecations, then the method's own error); the expected output is php-rdkafka 6.0.4's, recorded by running the same script under it
--EXTENSIONS--
mq
--FILE--
<?php
// Every parameter of every method of every Kafka class, and of every rd_kafka_*() function, given values
// PHP must convert or refuse: the TypeError (or the deprecation, then the method's own error) is PHP's,
// as php-rdkafka's ZPP gives it. Objects are made without their constructor, so a call that gets past
// its arguments stops at "...::__construct() has not been called" without touching a broker.
$placeholder = function (?ReflectionType $t) {
    $name = $t instanceof ReflectionNamedType ? $t->getName() : 'mixed';
    return match ($name) {
        'int' => 1, 'float' => 1.0, 'string' => 'x', 'bool' => false, 'array' => [], 'callable' => 'strlen',
        'RdKafka\Conf' => new RdKafka\Conf(), 'RdKafka\TopicConf' => new RdKafka\TopicConf(),
        'RdKafka\Queue' => (new ReflectionClass('RdKafka\Queue'))->newInstanceWithoutConstructor(),
        default => null,
    };
};
$probes = ['array' => [], 'object' => new stdClass(), 'frac' => 1.5, 'null' => null, 'word' => 'word', 'true' => true];
$classes = array_filter(get_declared_classes(), fn ($c) => $c === 'RdKafka' || str_starts_with($c, 'RdKafka\\'));
sort($classes);
$targets = [];
foreach ($classes as $class) {
    $rc = new ReflectionClass($class);
    if ($rc->isAbstract() || $rc->isSubclassOf('Throwable') || $class === 'RdKafka\Message') {
        continue;
    }
    foreach ($rc->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
        if ($m->name !== '__construct' && !$m->isStatic()) {
            $targets[] = [$class, $m];
        }
    }
}
// mq's KafkaConsumer also has oauthbearerSetToken()/oauthbearerSetTokenFailure() (php-rdkafka's has not;
// see kafka_oauthbearer.phpt), its Producer sendOffsetsToTransaction() (see
// kafka_send_offsets_to_transaction.phpt) and TopicPartition's metadata (see kafka_commit_metadata.phpt):
// left out, so the expected output is php-rdkafka's as recorded.
$targets = array_filter($targets, fn ($t) => !($t[0] === 'RdKafka\KafkaConsumer' && str_starts_with($t[1]->name, 'oauthbearer'))
    && $t[1]->name !== 'sendOffsetsToTransaction'
    && !($t[0] === 'RdKafka\TopicPartition' && in_array($t[1]->name, ['getMetadata', 'setMetadata'], true)));
foreach (get_defined_functions()['internal'] as $f) {
    if (str_starts_with($f, 'rd_kafka_')) {
        $targets[] = [null, new ReflectionFunction($f)];
    }
}
usort($targets, fn ($a, $b) => strcmp(($a[0] ?? '') . '::' . $a[1]->name, ($b[0] ?? '') . '::' . $b[1]->name));
set_error_handler(function ($no, $msg) { echo " [$msg]"; return true; });
foreach ($targets as [$class, $f]) {
    foreach ($f->getParameters() as $i => $p) {
        if ($p->isPassedByReference()) {
            continue;
        }
        foreach ($probes as $label => $probe) {
            $count = max($i + 1, $f->getNumberOfRequiredParameters());
            $args = array_map(fn ($q) => $placeholder($q->getType()), array_slice($f->getParameters(), 0, $count));
            $args[$i] = $probe;
            echo ($class ? "$class::" : ''), $f->name, " #", $i + 1, " $label:";
            try {
                if ($class === null) {
                    $f->invokeArgs($args);
                } else {
                    $o = (new ReflectionClass($class))->newInstanceWithoutConstructor();
                    // php-rdkafka 6.0.4 segfaults in produce()/producev() of such an object once the
                    // arguments are accepted (see kafka_without_constructor.phpt): only refusals are compared.
                    // One deliberate difference: php-rdkafka checks $batch_size before the object, mq after.
                    if ($f->name === 'consumeBatch' && $i === 2 && $label === 'null') {
                        echo " skipped\n";
                        continue;
                    }
                    $refused = in_array($label, ['array', 'object']) && (string) $p->getType() !== '?array';
                    if ($class === 'RdKafka\ProducerTopic' && $f->name !== 'getName' && !$refused) {
                        echo " skipped\n";
                        continue;
                    }
                    $o->{$f->name}(...$args);
                }
                echo " ok";
            } catch (Throwable $e) {
                echo " ", get_class($e), ": ", $e->getMessage();
            }
            echo "\n";
        }
    }
}
?>
--EXPECT--
rd_kafka_err2name #1 array: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, array given
rd_kafka_err2name #1 object: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, stdClass given
rd_kafka_err2name #1 frac: [Implicit conversion from float 1.5 to int loses precision] ok
rd_kafka_err2name #1 null: [rd_kafka_err2name(): Passing null to parameter #1 ($err) of type int is deprecated] ok
rd_kafka_err2name #1 word: TypeError: rd_kafka_err2name(): Argument #1 ($err) must be of type int, string given
rd_kafka_err2name #1 true: ok
rd_kafka_err2str #1 array: TypeError: rd_kafka_err2str(): Argument #1 ($err) must be of type int, array given
rd_kafka_err2str #1 object: TypeError: rd_kafka_err2str(): Argument #1 ($err) must be of type int, stdClass given
rd_kafka_err2str #1 frac: [Implicit conversion from float 1.5 to int loses precision] ok
rd_kafka_err2str #1 null: [rd_kafka_err2str(): Passing null to parameter #1 ($err) of type int is deprecated] ok
rd_kafka_err2str #1 word: TypeError: rd_kafka_err2str(): Argument #1 ($err) must be of type int, string given
rd_kafka_err2str #1 true: ok
rd_kafka_errno2err #1 array: [Function rd_kafka_errno2err() is deprecated] TypeError: rd_kafka_errno2err(): Argument #1 ($errnox) must be of type int, array given
rd_kafka_errno2err #1 object: [Function rd_kafka_errno2err() is deprecated] TypeError: rd_kafka_errno2err(): Argument #1 ($errnox) must be of type int, stdClass given
rd_kafka_errno2err #1 frac: [Function rd_kafka_errno2err() is deprecated] [Implicit conversion from float 1.5 to int loses precision] ok
rd_kafka_errno2err #1 null: [Function rd_kafka_errno2err() is deprecated] [rd_kafka_errno2err(): Passing null to parameter #1 ($errnox) of type int is deprecated] ok
rd_kafka_errno2err #1 word: [Function rd_kafka_errno2err() is deprecated] TypeError: rd_kafka_errno2err(): Argument #1 ($errnox) must be of type int, string given
rd_kafka_errno2err #1 true: [Function rd_kafka_errno2err() is deprecated] ok
rd_kafka_offset_tail #1 array: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, array given
rd_kafka_offset_tail #1 object: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, stdClass given
rd_kafka_offset_tail #1 frac: [Implicit conversion from float 1.5 to int loses precision] ok
rd_kafka_offset_tail #1 null: [rd_kafka_offset_tail(): Passing null to parameter #1 ($cnt) of type int is deprecated] ok
rd_kafka_offset_tail #1 word: TypeError: rd_kafka_offset_tail(): Argument #1 ($cnt) must be of type int, string given
rd_kafka_offset_tail #1 true: ok
RdKafka\Conf::set #1 array: TypeError: RdKafka\Conf::set(): Argument #1 ($name) must be of type string, array given
RdKafka\Conf::set #1 object: TypeError: RdKafka\Conf::set(): Argument #1 ($name) must be of type string, stdClass given
RdKafka\Conf::set #1 frac: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\Conf::set #1 null: [RdKafka\Conf::set(): Passing null to parameter #1 ($name) of type string is deprecated] Exception: RdKafka\Conf::__construct() has not been called
RdKafka\Conf::set #1 word: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\Conf::set #1 true: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\Conf::set #2 array: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, array given
RdKafka\Conf::set #2 object: TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, stdClass given
RdKafka\Conf::set #2 frac: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\Conf::set #2 null: [RdKafka\Conf::set(): Passing null to parameter #2 ($value) of type string is deprecated] Exception: RdKafka\Conf::__construct() has not been called
RdKafka\Conf::set #2 word: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\Conf::set #2 true: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\Conf::setConsumeCb #1 array: TypeError: RdKafka\Conf::setConsumeCb(): Argument #1 ($callback) must be a valid callback, array callback must have exactly two members
RdKafka\Conf::setConsumeCb #1 object: TypeError: RdKafka\Conf::setConsumeCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setConsumeCb #1 frac: TypeError: RdKafka\Conf::setConsumeCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setConsumeCb #1 null: TypeError: RdKafka\Conf::setConsumeCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setConsumeCb #1 word: TypeError: RdKafka\Conf::setConsumeCb(): Argument #1 ($callback) must be a valid callback, function "word" not found or invalid function name
RdKafka\Conf::setConsumeCb #1 true: TypeError: RdKafka\Conf::setConsumeCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setDefaultTopicConf #1 array: [Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, array given
RdKafka\Conf::setDefaultTopicConf #1 object: [Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, stdClass given
RdKafka\Conf::setDefaultTopicConf #1 frac: [Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, float given
RdKafka\Conf::setDefaultTopicConf #1 null: [Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, null given
RdKafka\Conf::setDefaultTopicConf #1 word: [Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, string given
RdKafka\Conf::setDefaultTopicConf #1 true: [Method RdKafka\Conf::setDefaultTopicConf() is deprecated] TypeError: RdKafka\Conf::setDefaultTopicConf(): Argument #1 ($topic_conf) must be of type RdKafka\TopicConf, bool given
RdKafka\Conf::setDrMsgCb #1 array: TypeError: RdKafka\Conf::setDrMsgCb(): Argument #1 ($callback) must be a valid callback, array callback must have exactly two members
RdKafka\Conf::setDrMsgCb #1 object: TypeError: RdKafka\Conf::setDrMsgCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setDrMsgCb #1 frac: TypeError: RdKafka\Conf::setDrMsgCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setDrMsgCb #1 null: TypeError: RdKafka\Conf::setDrMsgCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setDrMsgCb #1 word: TypeError: RdKafka\Conf::setDrMsgCb(): Argument #1 ($callback) must be a valid callback, function "word" not found or invalid function name
RdKafka\Conf::setDrMsgCb #1 true: TypeError: RdKafka\Conf::setDrMsgCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setErrorCb #1 array: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, array callback must have exactly two members
RdKafka\Conf::setErrorCb #1 object: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setErrorCb #1 frac: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setErrorCb #1 null: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setErrorCb #1 word: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, function "word" not found or invalid function name
RdKafka\Conf::setErrorCb #1 true: TypeError: RdKafka\Conf::setErrorCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setLogCb #1 array: TypeError: RdKafka\Conf::setLogCb(): Argument #1 ($callback) must be a valid callback, array callback must have exactly two members
RdKafka\Conf::setLogCb #1 object: TypeError: RdKafka\Conf::setLogCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setLogCb #1 frac: TypeError: RdKafka\Conf::setLogCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setLogCb #1 null: TypeError: RdKafka\Conf::setLogCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setLogCb #1 word: TypeError: RdKafka\Conf::setLogCb(): Argument #1 ($callback) must be a valid callback, function "word" not found or invalid function name
RdKafka\Conf::setLogCb #1 true: TypeError: RdKafka\Conf::setLogCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setOauthbearerTokenRefreshCb #1 array: TypeError: RdKafka\Conf::setOauthbearerTokenRefreshCb(): Argument #1 ($callback) must be a valid callback, array callback must have exactly two members
RdKafka\Conf::setOauthbearerTokenRefreshCb #1 object: TypeError: RdKafka\Conf::setOauthbearerTokenRefreshCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setOauthbearerTokenRefreshCb #1 frac: TypeError: RdKafka\Conf::setOauthbearerTokenRefreshCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setOauthbearerTokenRefreshCb #1 null: TypeError: RdKafka\Conf::setOauthbearerTokenRefreshCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setOauthbearerTokenRefreshCb #1 word: TypeError: RdKafka\Conf::setOauthbearerTokenRefreshCb(): Argument #1 ($callback) must be a valid callback, function "word" not found or invalid function name
RdKafka\Conf::setOauthbearerTokenRefreshCb #1 true: TypeError: RdKafka\Conf::setOauthbearerTokenRefreshCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setOffsetCommitCb #1 array: TypeError: RdKafka\Conf::setOffsetCommitCb(): Argument #1 ($callback) must be a valid callback, array callback must have exactly two members
RdKafka\Conf::setOffsetCommitCb #1 object: TypeError: RdKafka\Conf::setOffsetCommitCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setOffsetCommitCb #1 frac: TypeError: RdKafka\Conf::setOffsetCommitCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setOffsetCommitCb #1 null: TypeError: RdKafka\Conf::setOffsetCommitCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setOffsetCommitCb #1 word: TypeError: RdKafka\Conf::setOffsetCommitCb(): Argument #1 ($callback) must be a valid callback, function "word" not found or invalid function name
RdKafka\Conf::setOffsetCommitCb #1 true: TypeError: RdKafka\Conf::setOffsetCommitCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setRebalanceCb #1 array: TypeError: RdKafka\Conf::setRebalanceCb(): Argument #1 ($callback) must be a valid callback, array callback must have exactly two members
RdKafka\Conf::setRebalanceCb #1 object: TypeError: RdKafka\Conf::setRebalanceCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setRebalanceCb #1 frac: TypeError: RdKafka\Conf::setRebalanceCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setRebalanceCb #1 null: TypeError: RdKafka\Conf::setRebalanceCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setRebalanceCb #1 word: TypeError: RdKafka\Conf::setRebalanceCb(): Argument #1 ($callback) must be a valid callback, function "word" not found or invalid function name
RdKafka\Conf::setRebalanceCb #1 true: TypeError: RdKafka\Conf::setRebalanceCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setStatsCb #1 array: TypeError: RdKafka\Conf::setStatsCb(): Argument #1 ($callback) must be a valid callback, array callback must have exactly two members
RdKafka\Conf::setStatsCb #1 object: TypeError: RdKafka\Conf::setStatsCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setStatsCb #1 frac: TypeError: RdKafka\Conf::setStatsCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setStatsCb #1 null: TypeError: RdKafka\Conf::setStatsCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Conf::setStatsCb #1 word: TypeError: RdKafka\Conf::setStatsCb(): Argument #1 ($callback) must be a valid callback, function "word" not found or invalid function name
RdKafka\Conf::setStatsCb #1 true: TypeError: RdKafka\Conf::setStatsCb(): Argument #1 ($callback) must be a valid callback, no array or string given
RdKafka\Consumer::addBrokers #1 array: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, array given
RdKafka\Consumer::addBrokers #1 object: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, stdClass given
RdKafka\Consumer::addBrokers #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::addBrokers #1 null: [RdKafka::addBrokers(): Passing null to parameter #1 ($broker_list) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::addBrokers #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::addBrokers #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::flush #1 array: TypeError: RdKafka::flush(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Consumer::flush #1 object: TypeError: RdKafka::flush(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\Consumer::flush #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::flush #1 null: [RdKafka::flush(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::flush #1 word: TypeError: RdKafka::flush(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\Consumer::flush #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getControllerId #1 array: TypeError: RdKafka::getControllerId(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Consumer::getControllerId #1 object: TypeError: RdKafka::getControllerId(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\Consumer::getControllerId #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getControllerId #1 null: [RdKafka::getControllerId(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getControllerId #1 word: TypeError: RdKafka::getControllerId(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\Consumer::getControllerId #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getMetadata #1 array: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, array given
RdKafka\Consumer::getMetadata #1 object: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, stdClass given
RdKafka\Consumer::getMetadata #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getMetadata #1 null: [RdKafka::getMetadata(): Passing null to parameter #1 ($all_topics) of type bool is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getMetadata #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getMetadata #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getMetadata #2 array: TypeError: RdKafka::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, array given
RdKafka\Consumer::getMetadata #2 object: TypeError: RdKafka::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, stdClass given
RdKafka\Consumer::getMetadata #2 frac: TypeError: RdKafka::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, float given
RdKafka\Consumer::getMetadata #2 null: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getMetadata #2 word: TypeError: RdKafka::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, string given
RdKafka\Consumer::getMetadata #2 true: TypeError: RdKafka::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, bool given
RdKafka\Consumer::getMetadata #3 array: TypeError: RdKafka::getMetadata(): Argument #3 ($timeout_ms) must be of type int, array given
RdKafka\Consumer::getMetadata #3 object: TypeError: RdKafka::getMetadata(): Argument #3 ($timeout_ms) must be of type int, stdClass given
RdKafka\Consumer::getMetadata #3 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getMetadata #3 null: [RdKafka::getMetadata(): Passing null to parameter #3 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::getMetadata #3 word: TypeError: RdKafka::getMetadata(): Argument #3 ($timeout_ms) must be of type int, string given
RdKafka\Consumer::getMetadata #3 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::metadata #1 array: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #1 ($all_topics) must be of type bool, array given
RdKafka\Consumer::metadata #1 object: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #1 ($all_topics) must be of type bool, stdClass given
RdKafka\Consumer::metadata #1 frac: [Method RdKafka::metadata() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::metadata #1 null: [Method RdKafka::metadata() is deprecated] [RdKafka::metadata(): Passing null to parameter #1 ($all_topics) of type bool is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::metadata #1 word: [Method RdKafka::metadata() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::metadata #1 true: [Method RdKafka::metadata() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::metadata #2 array: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, array given
RdKafka\Consumer::metadata #2 object: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, stdClass given
RdKafka\Consumer::metadata #2 frac: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, float given
RdKafka\Consumer::metadata #2 null: [Method RdKafka::metadata() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::metadata #2 word: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, string given
RdKafka\Consumer::metadata #2 true: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, bool given
RdKafka\Consumer::metadata #3 array: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #3 ($timeout_ms) must be of type int, array given
RdKafka\Consumer::metadata #3 object: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #3 ($timeout_ms) must be of type int, stdClass given
RdKafka\Consumer::metadata #3 frac: [Method RdKafka::metadata() is deprecated] [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::metadata #3 null: [Method RdKafka::metadata() is deprecated] [RdKafka::metadata(): Passing null to parameter #3 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::metadata #3 word: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #3 ($timeout_ms) must be of type int, string given
RdKafka\Consumer::metadata #3 true: [Method RdKafka::metadata() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::newTopic #1 array: TypeError: RdKafka::newTopic(): Argument #1 ($topic_name) must be of type string, array given
RdKafka\Consumer::newTopic #1 object: TypeError: RdKafka::newTopic(): Argument #1 ($topic_name) must be of type string, stdClass given
RdKafka\Consumer::newTopic #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::newTopic #1 null: [RdKafka::newTopic(): Passing null to parameter #1 ($topic_name) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::newTopic #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::newTopic #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::newTopic #2 array: TypeError: RdKafka::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, array given
RdKafka\Consumer::newTopic #2 object: TypeError: RdKafka::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, stdClass given
RdKafka\Consumer::newTopic #2 frac: TypeError: RdKafka::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, float given
RdKafka\Consumer::newTopic #2 null: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::newTopic #2 word: TypeError: RdKafka::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, string given
RdKafka\Consumer::newTopic #2 true: TypeError: RdKafka::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, bool given
RdKafka\Consumer::oauthbearerSetToken #1 array: TypeError: RdKafka::oauthbearerSetToken(): Argument #1 ($token_value) must be of type string, array given
RdKafka\Consumer::oauthbearerSetToken #1 object: TypeError: RdKafka::oauthbearerSetToken(): Argument #1 ($token_value) must be of type string, stdClass given
RdKafka\Consumer::oauthbearerSetToken #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #1 null: [RdKafka::oauthbearerSetToken(): Passing null to parameter #1 ($token_value) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #2 array: TypeError: RdKafka::oauthbearerSetToken(): Argument #2 ($lifetime_ms) must be of type int, array given
RdKafka\Consumer::oauthbearerSetToken #2 object: TypeError: RdKafka::oauthbearerSetToken(): Argument #2 ($lifetime_ms) must be of type int, stdClass given
RdKafka\Consumer::oauthbearerSetToken #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #2 null: [RdKafka::oauthbearerSetToken(): Passing null to parameter #2 ($lifetime_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #2 word: TypeError: RdKafka::oauthbearerSetToken(): Argument #2 ($lifetime_ms) must be of type int, string given
RdKafka\Consumer::oauthbearerSetToken #2 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #3 array: TypeError: RdKafka::oauthbearerSetToken(): Argument #3 ($principal_name) must be of type string, array given
RdKafka\Consumer::oauthbearerSetToken #3 object: TypeError: RdKafka::oauthbearerSetToken(): Argument #3 ($principal_name) must be of type string, stdClass given
RdKafka\Consumer::oauthbearerSetToken #3 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #3 null: [RdKafka::oauthbearerSetToken(): Passing null to parameter #3 ($principal_name) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #3 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #3 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #4 array: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetToken #4 object: TypeError: RdKafka::oauthbearerSetToken(): Argument #4 ($extensions) must be of type array, stdClass given
RdKafka\Consumer::oauthbearerSetToken #4 frac: TypeError: RdKafka::oauthbearerSetToken(): Argument #4 ($extensions) must be of type array, float given
RdKafka\Consumer::oauthbearerSetToken #4 null: TypeError: RdKafka::oauthbearerSetToken(): Argument #4 ($extensions) must be of type array, null given
RdKafka\Consumer::oauthbearerSetToken #4 word: TypeError: RdKafka::oauthbearerSetToken(): Argument #4 ($extensions) must be of type array, string given
RdKafka\Consumer::oauthbearerSetToken #4 true: TypeError: RdKafka::oauthbearerSetToken(): Argument #4 ($extensions) must be of type array, bool given
RdKafka\Consumer::oauthbearerSetTokenFailure #1 array: TypeError: RdKafka::oauthbearerSetTokenFailure(): Argument #1 ($error) must be of type string, array given
RdKafka\Consumer::oauthbearerSetTokenFailure #1 object: TypeError: RdKafka::oauthbearerSetTokenFailure(): Argument #1 ($error) must be of type string, stdClass given
RdKafka\Consumer::oauthbearerSetTokenFailure #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetTokenFailure #1 null: [RdKafka::oauthbearerSetTokenFailure(): Passing null to parameter #1 ($error) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetTokenFailure #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::oauthbearerSetTokenFailure #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::offsetsForTimes #1 array: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::offsetsForTimes #1 object: TypeError: RdKafka::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\Consumer::offsetsForTimes #1 frac: TypeError: RdKafka::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\Consumer::offsetsForTimes #1 null: TypeError: RdKafka::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\Consumer::offsetsForTimes #1 word: TypeError: RdKafka::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\Consumer::offsetsForTimes #1 true: TypeError: RdKafka::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\Consumer::offsetsForTimes #2 array: TypeError: RdKafka::offsetsForTimes(): Argument #2 ($timeout_ms) must be of type int, array given
RdKafka\Consumer::offsetsForTimes #2 object: TypeError: RdKafka::offsetsForTimes(): Argument #2 ($timeout_ms) must be of type int, stdClass given
RdKafka\Consumer::offsetsForTimes #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::offsetsForTimes #2 null: [RdKafka::offsetsForTimes(): Passing null to parameter #2 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::offsetsForTimes #2 word: TypeError: RdKafka::offsetsForTimes(): Argument #2 ($timeout_ms) must be of type int, string given
RdKafka\Consumer::offsetsForTimes #2 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::pausePartitions #1 array: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::pausePartitions #1 object: TypeError: RdKafka::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\Consumer::pausePartitions #1 frac: TypeError: RdKafka::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\Consumer::pausePartitions #1 null: TypeError: RdKafka::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\Consumer::pausePartitions #1 word: TypeError: RdKafka::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\Consumer::pausePartitions #1 true: TypeError: RdKafka::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\Consumer::poll #1 array: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Consumer::poll #1 object: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\Consumer::poll #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::poll #1 null: [RdKafka::poll(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::poll #1 word: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\Consumer::poll #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::purge #1 array: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, array given
RdKafka\Consumer::purge #1 object: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, stdClass given
RdKafka\Consumer::purge #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::purge #1 null: [RdKafka::purge(): Passing null to parameter #1 ($purge_flags) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::purge #1 word: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, string given
RdKafka\Consumer::purge #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::queryWatermarkOffsets #1 array: TypeError: RdKafka::queryWatermarkOffsets(): Argument #1 ($topic) must be of type string, array given
RdKafka\Consumer::queryWatermarkOffsets #1 object: TypeError: RdKafka::queryWatermarkOffsets(): Argument #1 ($topic) must be of type string, stdClass given
RdKafka\Consumer::queryWatermarkOffsets #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::queryWatermarkOffsets #1 null: [RdKafka::queryWatermarkOffsets(): Passing null to parameter #1 ($topic) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::queryWatermarkOffsets #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::queryWatermarkOffsets #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::queryWatermarkOffsets #2 array: TypeError: RdKafka::queryWatermarkOffsets(): Argument #2 ($partition) must be of type int, array given
RdKafka\Consumer::queryWatermarkOffsets #2 object: TypeError: RdKafka::queryWatermarkOffsets(): Argument #2 ($partition) must be of type int, stdClass given
RdKafka\Consumer::queryWatermarkOffsets #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::queryWatermarkOffsets #2 null: [RdKafka::queryWatermarkOffsets(): Passing null to parameter #2 ($partition) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::queryWatermarkOffsets #2 word: TypeError: RdKafka::queryWatermarkOffsets(): Argument #2 ($partition) must be of type int, string given
RdKafka\Consumer::queryWatermarkOffsets #2 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::queryWatermarkOffsets #5 array: TypeError: RdKafka::queryWatermarkOffsets(): Argument #5 ($timeout_ms) must be of type int, array given
RdKafka\Consumer::queryWatermarkOffsets #5 object: TypeError: RdKafka::queryWatermarkOffsets(): Argument #5 ($timeout_ms) must be of type int, stdClass given
RdKafka\Consumer::queryWatermarkOffsets #5 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::queryWatermarkOffsets #5 null: [RdKafka::queryWatermarkOffsets(): Passing null to parameter #5 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::queryWatermarkOffsets #5 word: TypeError: RdKafka::queryWatermarkOffsets(): Argument #5 ($timeout_ms) must be of type int, string given
RdKafka\Consumer::queryWatermarkOffsets #5 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::resumePartitions #1 array: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::resumePartitions #1 object: TypeError: RdKafka::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\Consumer::resumePartitions #1 frac: TypeError: RdKafka::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\Consumer::resumePartitions #1 null: TypeError: RdKafka::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\Consumer::resumePartitions #1 word: TypeError: RdKafka::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\Consumer::resumePartitions #1 true: TypeError: RdKafka::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\Consumer::setLogLevel #1 array: [Method RdKafka::setLogLevel() is deprecated] TypeError: RdKafka::setLogLevel(): Argument #1 ($level) must be of type int, array given
RdKafka\Consumer::setLogLevel #1 object: [Method RdKafka::setLogLevel() is deprecated] TypeError: RdKafka::setLogLevel(): Argument #1 ($level) must be of type int, stdClass given
RdKafka\Consumer::setLogLevel #1 frac: [Method RdKafka::setLogLevel() is deprecated] [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::setLogLevel #1 null: [Method RdKafka::setLogLevel() is deprecated] [RdKafka::setLogLevel(): Passing null to parameter #1 ($level) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::setLogLevel #1 word: [Method RdKafka::setLogLevel() is deprecated] TypeError: RdKafka::setLogLevel(): Argument #1 ($level) must be of type int, string given
RdKafka\Consumer::setLogLevel #1 true: [Method RdKafka::setLogLevel() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::setLogger #1 array: [Method RdKafka::setLogger() is deprecated] TypeError: RdKafka::setLogger(): Argument #1 ($logger) must be of type int, array given
RdKafka\Consumer::setLogger #1 object: [Method RdKafka::setLogger() is deprecated] TypeError: RdKafka::setLogger(): Argument #1 ($logger) must be of type int, stdClass given
RdKafka\Consumer::setLogger #1 frac: [Method RdKafka::setLogger() is deprecated] [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::setLogger #1 null: [Method RdKafka::setLogger() is deprecated] [RdKafka::setLogger(): Passing null to parameter #1 ($logger) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::setLogger #1 word: [Method RdKafka::setLogger() is deprecated] TypeError: RdKafka::setLogger(): Argument #1 ($logger) must be of type int, string given
RdKafka\Consumer::setLogger #1 true: [Method RdKafka::setLogger() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\ConsumerTopic::consume #1 array: TypeError: RdKafka\ConsumerTopic::consume(): Argument #1 ($partition) must be of type int, array given
RdKafka\ConsumerTopic::consume #1 object: TypeError: RdKafka\ConsumerTopic::consume(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\ConsumerTopic::consume #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consume #1 null: [RdKafka\ConsumerTopic::consume(): Passing null to parameter #1 ($partition) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consume #1 word: TypeError: RdKafka\ConsumerTopic::consume(): Argument #1 ($partition) must be of type int, string given
RdKafka\ConsumerTopic::consume #1 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consume #2 array: TypeError: RdKafka\ConsumerTopic::consume(): Argument #2 ($timeout_ms) must be of type int, array given
RdKafka\ConsumerTopic::consume #2 object: TypeError: RdKafka\ConsumerTopic::consume(): Argument #2 ($timeout_ms) must be of type int, stdClass given
RdKafka\ConsumerTopic::consume #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consume #2 null: [RdKafka\ConsumerTopic::consume(): Passing null to parameter #2 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consume #2 word: TypeError: RdKafka\ConsumerTopic::consume(): Argument #2 ($timeout_ms) must be of type int, string given
RdKafka\ConsumerTopic::consume #2 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeBatch #1 array: TypeError: RdKafka\ConsumerTopic::consumeBatch(): Argument #1 ($partition) must be of type int, array given
RdKafka\ConsumerTopic::consumeBatch #1 object: TypeError: RdKafka\ConsumerTopic::consumeBatch(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\ConsumerTopic::consumeBatch #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeBatch #1 null: [RdKafka\ConsumerTopic::consumeBatch(): Passing null to parameter #1 ($partition) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeBatch #1 word: TypeError: RdKafka\ConsumerTopic::consumeBatch(): Argument #1 ($partition) must be of type int, string given
RdKafka\ConsumerTopic::consumeBatch #1 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeBatch #2 array: TypeError: RdKafka\ConsumerTopic::consumeBatch(): Argument #2 ($timeout_ms) must be of type int, array given
RdKafka\ConsumerTopic::consumeBatch #2 object: TypeError: RdKafka\ConsumerTopic::consumeBatch(): Argument #2 ($timeout_ms) must be of type int, stdClass given
RdKafka\ConsumerTopic::consumeBatch #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeBatch #2 null: [RdKafka\ConsumerTopic::consumeBatch(): Passing null to parameter #2 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeBatch #2 word: TypeError: RdKafka\ConsumerTopic::consumeBatch(): Argument #2 ($timeout_ms) must be of type int, string given
RdKafka\ConsumerTopic::consumeBatch #2 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeBatch #3 array: TypeError: RdKafka\ConsumerTopic::consumeBatch(): Argument #3 ($batch_size) must be of type int, array given
RdKafka\ConsumerTopic::consumeBatch #3 object: TypeError: RdKafka\ConsumerTopic::consumeBatch(): Argument #3 ($batch_size) must be of type int, stdClass given
RdKafka\ConsumerTopic::consumeBatch #3 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeBatch #3 null: skipped
RdKafka\ConsumerTopic::consumeBatch #3 word: TypeError: RdKafka\ConsumerTopic::consumeBatch(): Argument #3 ($batch_size) must be of type int, string given
RdKafka\ConsumerTopic::consumeBatch #3 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeCallback #1 array: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #1 ($partition) must be of type int, array given
RdKafka\ConsumerTopic::consumeCallback #1 object: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\ConsumerTopic::consumeCallback #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeCallback #1 null: [RdKafka\ConsumerTopic::consumeCallback(): Passing null to parameter #1 ($partition) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeCallback #1 word: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #1 ($partition) must be of type int, string given
RdKafka\ConsumerTopic::consumeCallback #1 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeCallback #2 array: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #2 ($timeout_ms) must be of type int, array given
RdKafka\ConsumerTopic::consumeCallback #2 object: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #2 ($timeout_ms) must be of type int, stdClass given
RdKafka\ConsumerTopic::consumeCallback #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeCallback #2 null: [RdKafka\ConsumerTopic::consumeCallback(): Passing null to parameter #2 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeCallback #2 word: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #2 ($timeout_ms) must be of type int, string given
RdKafka\ConsumerTopic::consumeCallback #2 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeCallback #3 array: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #3 ($callback) must be a valid callback, array callback must have exactly two members
RdKafka\ConsumerTopic::consumeCallback #3 object: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #3 ($callback) must be a valid callback, no array or string given
RdKafka\ConsumerTopic::consumeCallback #3 frac: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #3 ($callback) must be a valid callback, no array or string given
RdKafka\ConsumerTopic::consumeCallback #3 null: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #3 ($callback) must be a valid callback, no array or string given
RdKafka\ConsumerTopic::consumeCallback #3 word: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #3 ($callback) must be a valid callback, function "word" not found or invalid function name
RdKafka\ConsumerTopic::consumeCallback #3 true: TypeError: RdKafka\ConsumerTopic::consumeCallback(): Argument #3 ($callback) must be a valid callback, no array or string given
RdKafka\ConsumerTopic::consumeQueueStart #1 array: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #1 ($partition) must be of type int, array given
RdKafka\ConsumerTopic::consumeQueueStart #1 object: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\ConsumerTopic::consumeQueueStart #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeQueueStart #1 null: [RdKafka\ConsumerTopic::consumeQueueStart(): Passing null to parameter #1 ($partition) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeQueueStart #1 word: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #1 ($partition) must be of type int, string given
RdKafka\ConsumerTopic::consumeQueueStart #1 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeQueueStart #2 array: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #2 ($offset) must be of type int, array given
RdKafka\ConsumerTopic::consumeQueueStart #2 object: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #2 ($offset) must be of type int, stdClass given
RdKafka\ConsumerTopic::consumeQueueStart #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeQueueStart #2 null: [RdKafka\ConsumerTopic::consumeQueueStart(): Passing null to parameter #2 ($offset) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeQueueStart #2 word: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #2 ($offset) must be of type int, string given
RdKafka\ConsumerTopic::consumeQueueStart #2 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeQueueStart #3 array: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #3 ($queue) must be of type RdKafka\Queue, array given
RdKafka\ConsumerTopic::consumeQueueStart #3 object: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #3 ($queue) must be of type RdKafka\Queue, stdClass given
RdKafka\ConsumerTopic::consumeQueueStart #3 frac: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #3 ($queue) must be of type RdKafka\Queue, float given
RdKafka\ConsumerTopic::consumeQueueStart #3 null: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #3 ($queue) must be of type RdKafka\Queue, null given
RdKafka\ConsumerTopic::consumeQueueStart #3 word: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #3 ($queue) must be of type RdKafka\Queue, string given
RdKafka\ConsumerTopic::consumeQueueStart #3 true: TypeError: RdKafka\ConsumerTopic::consumeQueueStart(): Argument #3 ($queue) must be of type RdKafka\Queue, bool given
RdKafka\ConsumerTopic::consumeStart #1 array: TypeError: RdKafka\ConsumerTopic::consumeStart(): Argument #1 ($partition) must be of type int, array given
RdKafka\ConsumerTopic::consumeStart #1 object: TypeError: RdKafka\ConsumerTopic::consumeStart(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\ConsumerTopic::consumeStart #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeStart #1 null: [RdKafka\ConsumerTopic::consumeStart(): Passing null to parameter #1 ($partition) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeStart #1 word: TypeError: RdKafka\ConsumerTopic::consumeStart(): Argument #1 ($partition) must be of type int, string given
RdKafka\ConsumerTopic::consumeStart #1 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeStart #2 array: TypeError: RdKafka\ConsumerTopic::consumeStart(): Argument #2 ($offset) must be of type int, array given
RdKafka\ConsumerTopic::consumeStart #2 object: TypeError: RdKafka\ConsumerTopic::consumeStart(): Argument #2 ($offset) must be of type int, stdClass given
RdKafka\ConsumerTopic::consumeStart #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeStart #2 null: [RdKafka\ConsumerTopic::consumeStart(): Passing null to parameter #2 ($offset) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeStart #2 word: TypeError: RdKafka\ConsumerTopic::consumeStart(): Argument #2 ($offset) must be of type int, string given
RdKafka\ConsumerTopic::consumeStart #2 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeStop #1 array: TypeError: RdKafka\ConsumerTopic::consumeStop(): Argument #1 ($partition) must be of type int, array given
RdKafka\ConsumerTopic::consumeStop #1 object: TypeError: RdKafka\ConsumerTopic::consumeStop(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\ConsumerTopic::consumeStop #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeStop #1 null: [RdKafka\ConsumerTopic::consumeStop(): Passing null to parameter #1 ($partition) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeStop #1 word: TypeError: RdKafka\ConsumerTopic::consumeStop(): Argument #1 ($partition) must be of type int, string given
RdKafka\ConsumerTopic::consumeStop #1 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::offsetStore #1 array: TypeError: RdKafka\ConsumerTopic::offsetStore(): Argument #1 ($partition) must be of type int, array given
RdKafka\ConsumerTopic::offsetStore #1 object: TypeError: RdKafka\ConsumerTopic::offsetStore(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\ConsumerTopic::offsetStore #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::offsetStore #1 null: [RdKafka\ConsumerTopic::offsetStore(): Passing null to parameter #1 ($partition) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::offsetStore #1 word: TypeError: RdKafka\ConsumerTopic::offsetStore(): Argument #1 ($partition) must be of type int, string given
RdKafka\ConsumerTopic::offsetStore #1 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::offsetStore #2 array: TypeError: RdKafka\ConsumerTopic::offsetStore(): Argument #2 ($offset) must be of type int, array given
RdKafka\ConsumerTopic::offsetStore #2 object: TypeError: RdKafka\ConsumerTopic::offsetStore(): Argument #2 ($offset) must be of type int, stdClass given
RdKafka\ConsumerTopic::offsetStore #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::offsetStore #2 null: [RdKafka\ConsumerTopic::offsetStore(): Passing null to parameter #2 ($offset) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::offsetStore #2 word: TypeError: RdKafka\ConsumerTopic::offsetStore(): Argument #2 ($offset) must be of type int, string given
RdKafka\ConsumerTopic::offsetStore #2 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\KafkaConsumer::assign #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::assign #1 object: TypeError: RdKafka\KafkaConsumer::assign(): Argument #1 ($topic_partitions) must be of type ?array, stdClass given
RdKafka\KafkaConsumer::assign #1 frac: TypeError: RdKafka\KafkaConsumer::assign(): Argument #1 ($topic_partitions) must be of type ?array, float given
RdKafka\KafkaConsumer::assign #1 null: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::assign #1 word: TypeError: RdKafka\KafkaConsumer::assign(): Argument #1 ($topic_partitions) must be of type ?array, string given
RdKafka\KafkaConsumer::assign #1 true: TypeError: RdKafka\KafkaConsumer::assign(): Argument #1 ($topic_partitions) must be of type ?array, bool given
RdKafka\KafkaConsumer::commit #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commit #1 object: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commit #1 frac: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commit #1 null: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commit #1 word: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commit #1 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commitAsync #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commitAsync #1 object: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commitAsync #1 frac: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commitAsync #1 null: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commitAsync #1 word: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::commitAsync #1 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::consume #1 array: TypeError: RdKafka\KafkaConsumer::consume(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\KafkaConsumer::consume #1 object: TypeError: RdKafka\KafkaConsumer::consume(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\KafkaConsumer::consume #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::consume #1 null: [RdKafka\KafkaConsumer::consume(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::consume #1 word: TypeError: RdKafka\KafkaConsumer::consume(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\KafkaConsumer::consume #1 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getCommittedOffsets #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getCommittedOffsets #1 object: TypeError: RdKafka\KafkaConsumer::getCommittedOffsets(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\KafkaConsumer::getCommittedOffsets #1 frac: TypeError: RdKafka\KafkaConsumer::getCommittedOffsets(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\KafkaConsumer::getCommittedOffsets #1 null: TypeError: RdKafka\KafkaConsumer::getCommittedOffsets(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\KafkaConsumer::getCommittedOffsets #1 word: TypeError: RdKafka\KafkaConsumer::getCommittedOffsets(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\KafkaConsumer::getCommittedOffsets #1 true: TypeError: RdKafka\KafkaConsumer::getCommittedOffsets(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\KafkaConsumer::getCommittedOffsets #2 array: TypeError: RdKafka\KafkaConsumer::getCommittedOffsets(): Argument #2 ($timeout_ms) must be of type int, array given
RdKafka\KafkaConsumer::getCommittedOffsets #2 object: TypeError: RdKafka\KafkaConsumer::getCommittedOffsets(): Argument #2 ($timeout_ms) must be of type int, stdClass given
RdKafka\KafkaConsumer::getCommittedOffsets #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getCommittedOffsets #2 null: [RdKafka\KafkaConsumer::getCommittedOffsets(): Passing null to parameter #2 ($timeout_ms) of type int is deprecated] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getCommittedOffsets #2 word: TypeError: RdKafka\KafkaConsumer::getCommittedOffsets(): Argument #2 ($timeout_ms) must be of type int, string given
RdKafka\KafkaConsumer::getCommittedOffsets #2 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getControllerId #1 array: TypeError: RdKafka\KafkaConsumer::getControllerId(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\KafkaConsumer::getControllerId #1 object: TypeError: RdKafka\KafkaConsumer::getControllerId(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\KafkaConsumer::getControllerId #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getControllerId #1 null: [RdKafka\KafkaConsumer::getControllerId(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getControllerId #1 word: TypeError: RdKafka\KafkaConsumer::getControllerId(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\KafkaConsumer::getControllerId #1 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getMetadata #1 array: TypeError: RdKafka\KafkaConsumer::getMetadata(): Argument #1 ($all_topics) must be of type bool, array given
RdKafka\KafkaConsumer::getMetadata #1 object: TypeError: RdKafka\KafkaConsumer::getMetadata(): Argument #1 ($all_topics) must be of type bool, stdClass given
RdKafka\KafkaConsumer::getMetadata #1 frac: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getMetadata #1 null: [RdKafka\KafkaConsumer::getMetadata(): Passing null to parameter #1 ($all_topics) of type bool is deprecated] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getMetadata #1 word: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getMetadata #1 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getMetadata #2 array: TypeError: RdKafka\KafkaConsumer::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, array given
RdKafka\KafkaConsumer::getMetadata #2 object: TypeError: RdKafka\KafkaConsumer::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, stdClass given
RdKafka\KafkaConsumer::getMetadata #2 frac: TypeError: RdKafka\KafkaConsumer::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, float given
RdKafka\KafkaConsumer::getMetadata #2 null: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getMetadata #2 word: TypeError: RdKafka\KafkaConsumer::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, string given
RdKafka\KafkaConsumer::getMetadata #2 true: TypeError: RdKafka\KafkaConsumer::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, bool given
RdKafka\KafkaConsumer::getMetadata #3 array: TypeError: RdKafka\KafkaConsumer::getMetadata(): Argument #3 ($timeout_ms) must be of type int, array given
RdKafka\KafkaConsumer::getMetadata #3 object: TypeError: RdKafka\KafkaConsumer::getMetadata(): Argument #3 ($timeout_ms) must be of type int, stdClass given
RdKafka\KafkaConsumer::getMetadata #3 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getMetadata #3 null: [RdKafka\KafkaConsumer::getMetadata(): Passing null to parameter #3 ($timeout_ms) of type int is deprecated] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getMetadata #3 word: TypeError: RdKafka\KafkaConsumer::getMetadata(): Argument #3 ($timeout_ms) must be of type int, string given
RdKafka\KafkaConsumer::getMetadata #3 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getOffsetPositions #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::getOffsetPositions #1 object: TypeError: RdKafka\KafkaConsumer::getOffsetPositions(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\KafkaConsumer::getOffsetPositions #1 frac: TypeError: RdKafka\KafkaConsumer::getOffsetPositions(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\KafkaConsumer::getOffsetPositions #1 null: TypeError: RdKafka\KafkaConsumer::getOffsetPositions(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\KafkaConsumer::getOffsetPositions #1 word: TypeError: RdKafka\KafkaConsumer::getOffsetPositions(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\KafkaConsumer::getOffsetPositions #1 true: TypeError: RdKafka\KafkaConsumer::getOffsetPositions(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\KafkaConsumer::incrementalAssign #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::incrementalAssign #1 object: TypeError: RdKafka\KafkaConsumer::incrementalAssign(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\KafkaConsumer::incrementalAssign #1 frac: TypeError: RdKafka\KafkaConsumer::incrementalAssign(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\KafkaConsumer::incrementalAssign #1 null: TypeError: RdKafka\KafkaConsumer::incrementalAssign(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\KafkaConsumer::incrementalAssign #1 word: TypeError: RdKafka\KafkaConsumer::incrementalAssign(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\KafkaConsumer::incrementalAssign #1 true: TypeError: RdKafka\KafkaConsumer::incrementalAssign(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\KafkaConsumer::incrementalUnassign #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::incrementalUnassign #1 object: TypeError: RdKafka\KafkaConsumer::incrementalUnassign(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\KafkaConsumer::incrementalUnassign #1 frac: TypeError: RdKafka\KafkaConsumer::incrementalUnassign(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\KafkaConsumer::incrementalUnassign #1 null: TypeError: RdKafka\KafkaConsumer::incrementalUnassign(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\KafkaConsumer::incrementalUnassign #1 word: TypeError: RdKafka\KafkaConsumer::incrementalUnassign(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\KafkaConsumer::incrementalUnassign #1 true: TypeError: RdKafka\KafkaConsumer::incrementalUnassign(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\KafkaConsumer::newTopic #1 array: TypeError: RdKafka\KafkaConsumer::newTopic(): Argument #1 ($topic_name) must be of type string, array given
RdKafka\KafkaConsumer::newTopic #1 object: TypeError: RdKafka\KafkaConsumer::newTopic(): Argument #1 ($topic_name) must be of type string, stdClass given
RdKafka\KafkaConsumer::newTopic #1 frac: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::newTopic #1 null: [RdKafka\KafkaConsumer::newTopic(): Passing null to parameter #1 ($topic_name) of type string is deprecated] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::newTopic #1 word: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::newTopic #1 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::newTopic #2 array: TypeError: RdKafka\KafkaConsumer::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, array given
RdKafka\KafkaConsumer::newTopic #2 object: TypeError: RdKafka\KafkaConsumer::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, stdClass given
RdKafka\KafkaConsumer::newTopic #2 frac: TypeError: RdKafka\KafkaConsumer::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, float given
RdKafka\KafkaConsumer::newTopic #2 null: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::newTopic #2 word: TypeError: RdKafka\KafkaConsumer::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, string given
RdKafka\KafkaConsumer::newTopic #2 true: TypeError: RdKafka\KafkaConsumer::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, bool given
RdKafka\KafkaConsumer::offsetsForTimes #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::offsetsForTimes #1 object: TypeError: RdKafka\KafkaConsumer::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\KafkaConsumer::offsetsForTimes #1 frac: TypeError: RdKafka\KafkaConsumer::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\KafkaConsumer::offsetsForTimes #1 null: TypeError: RdKafka\KafkaConsumer::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\KafkaConsumer::offsetsForTimes #1 word: TypeError: RdKafka\KafkaConsumer::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\KafkaConsumer::offsetsForTimes #1 true: TypeError: RdKafka\KafkaConsumer::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\KafkaConsumer::offsetsForTimes #2 array: TypeError: RdKafka\KafkaConsumer::offsetsForTimes(): Argument #2 ($timeout_ms) must be of type int, array given
RdKafka\KafkaConsumer::offsetsForTimes #2 object: TypeError: RdKafka\KafkaConsumer::offsetsForTimes(): Argument #2 ($timeout_ms) must be of type int, stdClass given
RdKafka\KafkaConsumer::offsetsForTimes #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::offsetsForTimes #2 null: [RdKafka\KafkaConsumer::offsetsForTimes(): Passing null to parameter #2 ($timeout_ms) of type int is deprecated] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::offsetsForTimes #2 word: TypeError: RdKafka\KafkaConsumer::offsetsForTimes(): Argument #2 ($timeout_ms) must be of type int, string given
RdKafka\KafkaConsumer::offsetsForTimes #2 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::pausePartitions #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::pausePartitions #1 object: TypeError: RdKafka\KafkaConsumer::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\KafkaConsumer::pausePartitions #1 frac: TypeError: RdKafka\KafkaConsumer::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\KafkaConsumer::pausePartitions #1 null: TypeError: RdKafka\KafkaConsumer::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\KafkaConsumer::pausePartitions #1 word: TypeError: RdKafka\KafkaConsumer::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\KafkaConsumer::pausePartitions #1 true: TypeError: RdKafka\KafkaConsumer::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\KafkaConsumer::queryWatermarkOffsets #1 array: TypeError: RdKafka\KafkaConsumer::queryWatermarkOffsets(): Argument #1 ($topic) must be of type string, array given
RdKafka\KafkaConsumer::queryWatermarkOffsets #1 object: TypeError: RdKafka\KafkaConsumer::queryWatermarkOffsets(): Argument #1 ($topic) must be of type string, stdClass given
RdKafka\KafkaConsumer::queryWatermarkOffsets #1 frac: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::queryWatermarkOffsets #1 null: [RdKafka\KafkaConsumer::queryWatermarkOffsets(): Passing null to parameter #1 ($topic) of type string is deprecated] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::queryWatermarkOffsets #1 word: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::queryWatermarkOffsets #1 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::queryWatermarkOffsets #2 array: TypeError: RdKafka\KafkaConsumer::queryWatermarkOffsets(): Argument #2 ($partition) must be of type int, array given
RdKafka\KafkaConsumer::queryWatermarkOffsets #2 object: TypeError: RdKafka\KafkaConsumer::queryWatermarkOffsets(): Argument #2 ($partition) must be of type int, stdClass given
RdKafka\KafkaConsumer::queryWatermarkOffsets #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::queryWatermarkOffsets #2 null: [RdKafka\KafkaConsumer::queryWatermarkOffsets(): Passing null to parameter #2 ($partition) of type int is deprecated] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::queryWatermarkOffsets #2 word: TypeError: RdKafka\KafkaConsumer::queryWatermarkOffsets(): Argument #2 ($partition) must be of type int, string given
RdKafka\KafkaConsumer::queryWatermarkOffsets #2 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::queryWatermarkOffsets #5 array: TypeError: RdKafka\KafkaConsumer::queryWatermarkOffsets(): Argument #5 ($timeout_ms) must be of type int, array given
RdKafka\KafkaConsumer::queryWatermarkOffsets #5 object: TypeError: RdKafka\KafkaConsumer::queryWatermarkOffsets(): Argument #5 ($timeout_ms) must be of type int, stdClass given
RdKafka\KafkaConsumer::queryWatermarkOffsets #5 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::queryWatermarkOffsets #5 null: [RdKafka\KafkaConsumer::queryWatermarkOffsets(): Passing null to parameter #5 ($timeout_ms) of type int is deprecated] Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::queryWatermarkOffsets #5 word: TypeError: RdKafka\KafkaConsumer::queryWatermarkOffsets(): Argument #5 ($timeout_ms) must be of type int, string given
RdKafka\KafkaConsumer::queryWatermarkOffsets #5 true: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::resumePartitions #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::resumePartitions #1 object: TypeError: RdKafka\KafkaConsumer::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\KafkaConsumer::resumePartitions #1 frac: TypeError: RdKafka\KafkaConsumer::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\KafkaConsumer::resumePartitions #1 null: TypeError: RdKafka\KafkaConsumer::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\KafkaConsumer::resumePartitions #1 word: TypeError: RdKafka\KafkaConsumer::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\KafkaConsumer::resumePartitions #1 true: TypeError: RdKafka\KafkaConsumer::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\KafkaConsumer::subscribe #1 array: Exception: RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::subscribe #1 object: TypeError: RdKafka\KafkaConsumer::subscribe(): Argument #1 ($topics) must be of type array, stdClass given
RdKafka\KafkaConsumer::subscribe #1 frac: TypeError: RdKafka\KafkaConsumer::subscribe(): Argument #1 ($topics) must be of type array, float given
RdKafka\KafkaConsumer::subscribe #1 null: TypeError: RdKafka\KafkaConsumer::subscribe(): Argument #1 ($topics) must be of type array, null given
RdKafka\KafkaConsumer::subscribe #1 word: TypeError: RdKafka\KafkaConsumer::subscribe(): Argument #1 ($topics) must be of type array, string given
RdKafka\KafkaConsumer::subscribe #1 true: TypeError: RdKafka\KafkaConsumer::subscribe(): Argument #1 ($topics) must be of type array, bool given
RdKafka\KafkaConsumerTopic::offsetStore #1 array: TypeError: RdKafka\KafkaConsumerTopic::offsetStore(): Argument #1 ($partition) must be of type int, array given
RdKafka\KafkaConsumerTopic::offsetStore #1 object: TypeError: RdKafka\KafkaConsumerTopic::offsetStore(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\KafkaConsumerTopic::offsetStore #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\KafkaConsumerTopic::offsetStore #1 null: [RdKafka\KafkaConsumerTopic::offsetStore(): Passing null to parameter #1 ($partition) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\KafkaConsumerTopic::offsetStore #1 word: TypeError: RdKafka\KafkaConsumerTopic::offsetStore(): Argument #1 ($partition) must be of type int, string given
RdKafka\KafkaConsumerTopic::offsetStore #1 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\KafkaConsumerTopic::offsetStore #2 array: TypeError: RdKafka\KafkaConsumerTopic::offsetStore(): Argument #2 ($offset) must be of type int, array given
RdKafka\KafkaConsumerTopic::offsetStore #2 object: TypeError: RdKafka\KafkaConsumerTopic::offsetStore(): Argument #2 ($offset) must be of type int, stdClass given
RdKafka\KafkaConsumerTopic::offsetStore #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\KafkaConsumerTopic::offsetStore #2 null: [RdKafka\KafkaConsumerTopic::offsetStore(): Passing null to parameter #2 ($offset) of type int is deprecated] Exception: RdKafka\Topic::__construct() has not been called
RdKafka\KafkaConsumerTopic::offsetStore #2 word: TypeError: RdKafka\KafkaConsumerTopic::offsetStore(): Argument #2 ($offset) must be of type int, string given
RdKafka\KafkaConsumerTopic::offsetStore #2 true: Exception: RdKafka\Topic::__construct() has not been called
RdKafka\Producer::abortTransaction #1 array: TypeError: RdKafka\Producer::abortTransaction(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Producer::abortTransaction #1 object: TypeError: RdKafka\Producer::abortTransaction(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\Producer::abortTransaction #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::abortTransaction #1 null: [RdKafka\Producer::abortTransaction(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::abortTransaction #1 word: TypeError: RdKafka\Producer::abortTransaction(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\Producer::abortTransaction #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::addBrokers #1 array: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, array given
RdKafka\Producer::addBrokers #1 object: TypeError: RdKafka::addBrokers(): Argument #1 ($broker_list) must be of type string, stdClass given
RdKafka\Producer::addBrokers #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::addBrokers #1 null: [RdKafka::addBrokers(): Passing null to parameter #1 ($broker_list) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::addBrokers #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::addBrokers #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::commitTransaction #1 array: TypeError: RdKafka\Producer::commitTransaction(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Producer::commitTransaction #1 object: TypeError: RdKafka\Producer::commitTransaction(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\Producer::commitTransaction #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::commitTransaction #1 null: [RdKafka\Producer::commitTransaction(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::commitTransaction #1 word: TypeError: RdKafka\Producer::commitTransaction(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\Producer::commitTransaction #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::flush #1 array: TypeError: RdKafka::flush(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Producer::flush #1 object: TypeError: RdKafka::flush(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\Producer::flush #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::flush #1 null: [RdKafka::flush(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::flush #1 word: TypeError: RdKafka::flush(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\Producer::flush #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getControllerId #1 array: TypeError: RdKafka::getControllerId(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Producer::getControllerId #1 object: TypeError: RdKafka::getControllerId(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\Producer::getControllerId #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getControllerId #1 null: [RdKafka::getControllerId(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getControllerId #1 word: TypeError: RdKafka::getControllerId(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\Producer::getControllerId #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getMetadata #1 array: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, array given
RdKafka\Producer::getMetadata #1 object: TypeError: RdKafka::getMetadata(): Argument #1 ($all_topics) must be of type bool, stdClass given
RdKafka\Producer::getMetadata #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getMetadata #1 null: [RdKafka::getMetadata(): Passing null to parameter #1 ($all_topics) of type bool is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getMetadata #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getMetadata #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getMetadata #2 array: TypeError: RdKafka::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, array given
RdKafka\Producer::getMetadata #2 object: TypeError: RdKafka::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, stdClass given
RdKafka\Producer::getMetadata #2 frac: TypeError: RdKafka::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, float given
RdKafka\Producer::getMetadata #2 null: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getMetadata #2 word: TypeError: RdKafka::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, string given
RdKafka\Producer::getMetadata #2 true: TypeError: RdKafka::getMetadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, bool given
RdKafka\Producer::getMetadata #3 array: TypeError: RdKafka::getMetadata(): Argument #3 ($timeout_ms) must be of type int, array given
RdKafka\Producer::getMetadata #3 object: TypeError: RdKafka::getMetadata(): Argument #3 ($timeout_ms) must be of type int, stdClass given
RdKafka\Producer::getMetadata #3 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getMetadata #3 null: [RdKafka::getMetadata(): Passing null to parameter #3 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getMetadata #3 word: TypeError: RdKafka::getMetadata(): Argument #3 ($timeout_ms) must be of type int, string given
RdKafka\Producer::getMetadata #3 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::initTransactions #1 array: TypeError: RdKafka\Producer::initTransactions(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Producer::initTransactions #1 object: TypeError: RdKafka\Producer::initTransactions(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\Producer::initTransactions #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::initTransactions #1 null: [RdKafka\Producer::initTransactions(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::initTransactions #1 word: TypeError: RdKafka\Producer::initTransactions(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\Producer::initTransactions #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::metadata #1 array: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #1 ($all_topics) must be of type bool, array given
RdKafka\Producer::metadata #1 object: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #1 ($all_topics) must be of type bool, stdClass given
RdKafka\Producer::metadata #1 frac: [Method RdKafka::metadata() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::metadata #1 null: [Method RdKafka::metadata() is deprecated] [RdKafka::metadata(): Passing null to parameter #1 ($all_topics) of type bool is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::metadata #1 word: [Method RdKafka::metadata() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::metadata #1 true: [Method RdKafka::metadata() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::metadata #2 array: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, array given
RdKafka\Producer::metadata #2 object: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, stdClass given
RdKafka\Producer::metadata #2 frac: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, float given
RdKafka\Producer::metadata #2 null: [Method RdKafka::metadata() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::metadata #2 word: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, string given
RdKafka\Producer::metadata #2 true: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #2 ($only_topic) must be of type ?RdKafka\Topic, bool given
RdKafka\Producer::metadata #3 array: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #3 ($timeout_ms) must be of type int, array given
RdKafka\Producer::metadata #3 object: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #3 ($timeout_ms) must be of type int, stdClass given
RdKafka\Producer::metadata #3 frac: [Method RdKafka::metadata() is deprecated] [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::metadata #3 null: [Method RdKafka::metadata() is deprecated] [RdKafka::metadata(): Passing null to parameter #3 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::metadata #3 word: [Method RdKafka::metadata() is deprecated] TypeError: RdKafka::metadata(): Argument #3 ($timeout_ms) must be of type int, string given
RdKafka\Producer::metadata #3 true: [Method RdKafka::metadata() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::newTopic #1 array: TypeError: RdKafka::newTopic(): Argument #1 ($topic_name) must be of type string, array given
RdKafka\Producer::newTopic #1 object: TypeError: RdKafka::newTopic(): Argument #1 ($topic_name) must be of type string, stdClass given
RdKafka\Producer::newTopic #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::newTopic #1 null: [RdKafka::newTopic(): Passing null to parameter #1 ($topic_name) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::newTopic #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::newTopic #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::newTopic #2 array: TypeError: RdKafka::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, array given
RdKafka\Producer::newTopic #2 object: TypeError: RdKafka::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, stdClass given
RdKafka\Producer::newTopic #2 frac: TypeError: RdKafka::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, float given
RdKafka\Producer::newTopic #2 null: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::newTopic #2 word: TypeError: RdKafka::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, string given
RdKafka\Producer::newTopic #2 true: TypeError: RdKafka::newTopic(): Argument #2 ($topic_conf) must be of type ?RdKafka\TopicConf, bool given
RdKafka\Producer::oauthbearerSetToken #1 array: TypeError: RdKafka::oauthbearerSetToken(): Argument #1 ($token_value) must be of type string, array given
RdKafka\Producer::oauthbearerSetToken #1 object: TypeError: RdKafka::oauthbearerSetToken(): Argument #1 ($token_value) must be of type string, stdClass given
RdKafka\Producer::oauthbearerSetToken #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #1 null: [RdKafka::oauthbearerSetToken(): Passing null to parameter #1 ($token_value) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #2 array: TypeError: RdKafka::oauthbearerSetToken(): Argument #2 ($lifetime_ms) must be of type int, array given
RdKafka\Producer::oauthbearerSetToken #2 object: TypeError: RdKafka::oauthbearerSetToken(): Argument #2 ($lifetime_ms) must be of type int, stdClass given
RdKafka\Producer::oauthbearerSetToken #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #2 null: [RdKafka::oauthbearerSetToken(): Passing null to parameter #2 ($lifetime_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #2 word: TypeError: RdKafka::oauthbearerSetToken(): Argument #2 ($lifetime_ms) must be of type int, string given
RdKafka\Producer::oauthbearerSetToken #2 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #3 array: TypeError: RdKafka::oauthbearerSetToken(): Argument #3 ($principal_name) must be of type string, array given
RdKafka\Producer::oauthbearerSetToken #3 object: TypeError: RdKafka::oauthbearerSetToken(): Argument #3 ($principal_name) must be of type string, stdClass given
RdKafka\Producer::oauthbearerSetToken #3 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #3 null: [RdKafka::oauthbearerSetToken(): Passing null to parameter #3 ($principal_name) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #3 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #3 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #4 array: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetToken #4 object: TypeError: RdKafka::oauthbearerSetToken(): Argument #4 ($extensions) must be of type array, stdClass given
RdKafka\Producer::oauthbearerSetToken #4 frac: TypeError: RdKafka::oauthbearerSetToken(): Argument #4 ($extensions) must be of type array, float given
RdKafka\Producer::oauthbearerSetToken #4 null: TypeError: RdKafka::oauthbearerSetToken(): Argument #4 ($extensions) must be of type array, null given
RdKafka\Producer::oauthbearerSetToken #4 word: TypeError: RdKafka::oauthbearerSetToken(): Argument #4 ($extensions) must be of type array, string given
RdKafka\Producer::oauthbearerSetToken #4 true: TypeError: RdKafka::oauthbearerSetToken(): Argument #4 ($extensions) must be of type array, bool given
RdKafka\Producer::oauthbearerSetTokenFailure #1 array: TypeError: RdKafka::oauthbearerSetTokenFailure(): Argument #1 ($error) must be of type string, array given
RdKafka\Producer::oauthbearerSetTokenFailure #1 object: TypeError: RdKafka::oauthbearerSetTokenFailure(): Argument #1 ($error) must be of type string, stdClass given
RdKafka\Producer::oauthbearerSetTokenFailure #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetTokenFailure #1 null: [RdKafka::oauthbearerSetTokenFailure(): Passing null to parameter #1 ($error) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetTokenFailure #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::oauthbearerSetTokenFailure #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::offsetsForTimes #1 array: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::offsetsForTimes #1 object: TypeError: RdKafka::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\Producer::offsetsForTimes #1 frac: TypeError: RdKafka::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\Producer::offsetsForTimes #1 null: TypeError: RdKafka::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\Producer::offsetsForTimes #1 word: TypeError: RdKafka::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\Producer::offsetsForTimes #1 true: TypeError: RdKafka::offsetsForTimes(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\Producer::offsetsForTimes #2 array: TypeError: RdKafka::offsetsForTimes(): Argument #2 ($timeout_ms) must be of type int, array given
RdKafka\Producer::offsetsForTimes #2 object: TypeError: RdKafka::offsetsForTimes(): Argument #2 ($timeout_ms) must be of type int, stdClass given
RdKafka\Producer::offsetsForTimes #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::offsetsForTimes #2 null: [RdKafka::offsetsForTimes(): Passing null to parameter #2 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::offsetsForTimes #2 word: TypeError: RdKafka::offsetsForTimes(): Argument #2 ($timeout_ms) must be of type int, string given
RdKafka\Producer::offsetsForTimes #2 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::pausePartitions #1 array: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::pausePartitions #1 object: TypeError: RdKafka::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\Producer::pausePartitions #1 frac: TypeError: RdKafka::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\Producer::pausePartitions #1 null: TypeError: RdKafka::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\Producer::pausePartitions #1 word: TypeError: RdKafka::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\Producer::pausePartitions #1 true: TypeError: RdKafka::pausePartitions(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\Producer::poll #1 array: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Producer::poll #1 object: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\Producer::poll #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::poll #1 null: [RdKafka::poll(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::poll #1 word: TypeError: RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\Producer::poll #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::purge #1 array: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, array given
RdKafka\Producer::purge #1 object: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, stdClass given
RdKafka\Producer::purge #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::purge #1 null: [RdKafka::purge(): Passing null to parameter #1 ($purge_flags) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::purge #1 word: TypeError: RdKafka::purge(): Argument #1 ($purge_flags) must be of type int, string given
RdKafka\Producer::purge #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::queryWatermarkOffsets #1 array: TypeError: RdKafka::queryWatermarkOffsets(): Argument #1 ($topic) must be of type string, array given
RdKafka\Producer::queryWatermarkOffsets #1 object: TypeError: RdKafka::queryWatermarkOffsets(): Argument #1 ($topic) must be of type string, stdClass given
RdKafka\Producer::queryWatermarkOffsets #1 frac: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::queryWatermarkOffsets #1 null: [RdKafka::queryWatermarkOffsets(): Passing null to parameter #1 ($topic) of type string is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::queryWatermarkOffsets #1 word: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::queryWatermarkOffsets #1 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::queryWatermarkOffsets #2 array: TypeError: RdKafka::queryWatermarkOffsets(): Argument #2 ($partition) must be of type int, array given
RdKafka\Producer::queryWatermarkOffsets #2 object: TypeError: RdKafka::queryWatermarkOffsets(): Argument #2 ($partition) must be of type int, stdClass given
RdKafka\Producer::queryWatermarkOffsets #2 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::queryWatermarkOffsets #2 null: [RdKafka::queryWatermarkOffsets(): Passing null to parameter #2 ($partition) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::queryWatermarkOffsets #2 word: TypeError: RdKafka::queryWatermarkOffsets(): Argument #2 ($partition) must be of type int, string given
RdKafka\Producer::queryWatermarkOffsets #2 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::queryWatermarkOffsets #5 array: TypeError: RdKafka::queryWatermarkOffsets(): Argument #5 ($timeout_ms) must be of type int, array given
RdKafka\Producer::queryWatermarkOffsets #5 object: TypeError: RdKafka::queryWatermarkOffsets(): Argument #5 ($timeout_ms) must be of type int, stdClass given
RdKafka\Producer::queryWatermarkOffsets #5 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::queryWatermarkOffsets #5 null: [RdKafka::queryWatermarkOffsets(): Passing null to parameter #5 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::queryWatermarkOffsets #5 word: TypeError: RdKafka::queryWatermarkOffsets(): Argument #5 ($timeout_ms) must be of type int, string given
RdKafka\Producer::queryWatermarkOffsets #5 true: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::resumePartitions #1 array: Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::resumePartitions #1 object: TypeError: RdKafka::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, stdClass given
RdKafka\Producer::resumePartitions #1 frac: TypeError: RdKafka::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, float given
RdKafka\Producer::resumePartitions #1 null: TypeError: RdKafka::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, null given
RdKafka\Producer::resumePartitions #1 word: TypeError: RdKafka::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, string given
RdKafka\Producer::resumePartitions #1 true: TypeError: RdKafka::resumePartitions(): Argument #1 ($topic_partitions) must be of type array, bool given
RdKafka\Producer::setLogLevel #1 array: [Method RdKafka::setLogLevel() is deprecated] TypeError: RdKafka::setLogLevel(): Argument #1 ($level) must be of type int, array given
RdKafka\Producer::setLogLevel #1 object: [Method RdKafka::setLogLevel() is deprecated] TypeError: RdKafka::setLogLevel(): Argument #1 ($level) must be of type int, stdClass given
RdKafka\Producer::setLogLevel #1 frac: [Method RdKafka::setLogLevel() is deprecated] [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::setLogLevel #1 null: [Method RdKafka::setLogLevel() is deprecated] [RdKafka::setLogLevel(): Passing null to parameter #1 ($level) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::setLogLevel #1 word: [Method RdKafka::setLogLevel() is deprecated] TypeError: RdKafka::setLogLevel(): Argument #1 ($level) must be of type int, string given
RdKafka\Producer::setLogLevel #1 true: [Method RdKafka::setLogLevel() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::setLogger #1 array: [Method RdKafka::setLogger() is deprecated] TypeError: RdKafka::setLogger(): Argument #1 ($logger) must be of type int, array given
RdKafka\Producer::setLogger #1 object: [Method RdKafka::setLogger() is deprecated] TypeError: RdKafka::setLogger(): Argument #1 ($logger) must be of type int, stdClass given
RdKafka\Producer::setLogger #1 frac: [Method RdKafka::setLogger() is deprecated] [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::setLogger #1 null: [Method RdKafka::setLogger() is deprecated] [RdKafka::setLogger(): Passing null to parameter #1 ($logger) of type int is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::setLogger #1 word: [Method RdKafka::setLogger() is deprecated] TypeError: RdKafka::setLogger(): Argument #1 ($logger) must be of type int, string given
RdKafka\Producer::setLogger #1 true: [Method RdKafka::setLogger() is deprecated] Exception: RdKafka\Kafka::__construct() has not been called
RdKafka\ProducerTopic::produce #1 array: TypeError: RdKafka\ProducerTopic::produce(): Argument #1 ($partition) must be of type int, array given
RdKafka\ProducerTopic::produce #1 object: TypeError: RdKafka\ProducerTopic::produce(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\ProducerTopic::produce #1 frac: skipped
RdKafka\ProducerTopic::produce #1 null: skipped
RdKafka\ProducerTopic::produce #1 word: skipped
RdKafka\ProducerTopic::produce #1 true: skipped
RdKafka\ProducerTopic::produce #2 array: TypeError: RdKafka\ProducerTopic::produce(): Argument #2 ($msgflags) must be of type int, array given
RdKafka\ProducerTopic::produce #2 object: TypeError: RdKafka\ProducerTopic::produce(): Argument #2 ($msgflags) must be of type int, stdClass given
RdKafka\ProducerTopic::produce #2 frac: skipped
RdKafka\ProducerTopic::produce #2 null: skipped
RdKafka\ProducerTopic::produce #2 word: skipped
RdKafka\ProducerTopic::produce #2 true: skipped
RdKafka\ProducerTopic::produce #3 array: TypeError: RdKafka\ProducerTopic::produce(): Argument #3 ($payload) must be of type ?string, array given
RdKafka\ProducerTopic::produce #3 object: TypeError: RdKafka\ProducerTopic::produce(): Argument #3 ($payload) must be of type ?string, stdClass given
RdKafka\ProducerTopic::produce #3 frac: skipped
RdKafka\ProducerTopic::produce #3 null: skipped
RdKafka\ProducerTopic::produce #3 word: skipped
RdKafka\ProducerTopic::produce #3 true: skipped
RdKafka\ProducerTopic::produce #4 array: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, array given
RdKafka\ProducerTopic::produce #4 object: TypeError: RdKafka\ProducerTopic::produce(): Argument #4 ($key) must be of type ?string, stdClass given
RdKafka\ProducerTopic::produce #4 frac: skipped
RdKafka\ProducerTopic::produce #4 null: skipped
RdKafka\ProducerTopic::produce #4 word: skipped
RdKafka\ProducerTopic::produce #4 true: skipped
RdKafka\ProducerTopic::produce #5 array: TypeError: RdKafka\ProducerTopic::produce(): Argument #5 ($msg_opaque) must be of type ?string, array given
RdKafka\ProducerTopic::produce #5 object: TypeError: RdKafka\ProducerTopic::produce(): Argument #5 ($msg_opaque) must be of type ?string, stdClass given
RdKafka\ProducerTopic::produce #5 frac: skipped
RdKafka\ProducerTopic::produce #5 null: skipped
RdKafka\ProducerTopic::produce #5 word: skipped
RdKafka\ProducerTopic::produce #5 true: skipped
RdKafka\ProducerTopic::producev #1 array: TypeError: RdKafka\ProducerTopic::producev(): Argument #1 ($partition) must be of type int, array given
RdKafka\ProducerTopic::producev #1 object: TypeError: RdKafka\ProducerTopic::producev(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\ProducerTopic::producev #1 frac: skipped
RdKafka\ProducerTopic::producev #1 null: skipped
RdKafka\ProducerTopic::producev #1 word: skipped
RdKafka\ProducerTopic::producev #1 true: skipped
RdKafka\ProducerTopic::producev #2 array: TypeError: RdKafka\ProducerTopic::producev(): Argument #2 ($msgflags) must be of type int, array given
RdKafka\ProducerTopic::producev #2 object: TypeError: RdKafka\ProducerTopic::producev(): Argument #2 ($msgflags) must be of type int, stdClass given
RdKafka\ProducerTopic::producev #2 frac: skipped
RdKafka\ProducerTopic::producev #2 null: skipped
RdKafka\ProducerTopic::producev #2 word: skipped
RdKafka\ProducerTopic::producev #2 true: skipped
RdKafka\ProducerTopic::producev #3 array: TypeError: RdKafka\ProducerTopic::producev(): Argument #3 ($payload) must be of type ?string, array given
RdKafka\ProducerTopic::producev #3 object: TypeError: RdKafka\ProducerTopic::producev(): Argument #3 ($payload) must be of type ?string, stdClass given
RdKafka\ProducerTopic::producev #3 frac: skipped
RdKafka\ProducerTopic::producev #3 null: skipped
RdKafka\ProducerTopic::producev #3 word: skipped
RdKafka\ProducerTopic::producev #3 true: skipped
RdKafka\ProducerTopic::producev #4 array: TypeError: RdKafka\ProducerTopic::producev(): Argument #4 ($key) must be of type ?string, array given
RdKafka\ProducerTopic::producev #4 object: TypeError: RdKafka\ProducerTopic::producev(): Argument #4 ($key) must be of type ?string, stdClass given
RdKafka\ProducerTopic::producev #4 frac: skipped
RdKafka\ProducerTopic::producev #4 null: skipped
RdKafka\ProducerTopic::producev #4 word: skipped
RdKafka\ProducerTopic::producev #4 true: skipped
RdKafka\ProducerTopic::producev #5 array: skipped
RdKafka\ProducerTopic::producev #5 object: skipped
RdKafka\ProducerTopic::producev #5 frac: skipped
RdKafka\ProducerTopic::producev #5 null: skipped
RdKafka\ProducerTopic::producev #5 word: skipped
RdKafka\ProducerTopic::producev #5 true: skipped
RdKafka\ProducerTopic::producev #6 array: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, array given
RdKafka\ProducerTopic::producev #6 object: TypeError: RdKafka\ProducerTopic::producev(): Argument #6 ($timestamp_ms) must be of type ?int, stdClass given
RdKafka\ProducerTopic::producev #6 frac: skipped
RdKafka\ProducerTopic::producev #6 null: skipped
RdKafka\ProducerTopic::producev #6 word: skipped
RdKafka\ProducerTopic::producev #6 true: skipped
RdKafka\ProducerTopic::producev #7 array: TypeError: RdKafka\ProducerTopic::producev(): Argument #7 ($msg_opaque) must be of type ?string, array given
RdKafka\ProducerTopic::producev #7 object: TypeError: RdKafka\ProducerTopic::producev(): Argument #7 ($msg_opaque) must be of type ?string, stdClass given
RdKafka\ProducerTopic::producev #7 frac: skipped
RdKafka\ProducerTopic::producev #7 null: skipped
RdKafka\ProducerTopic::producev #7 word: skipped
RdKafka\ProducerTopic::producev #7 true: skipped
RdKafka\Queue::consume #1 array: TypeError: RdKafka\Queue::consume(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Queue::consume #1 object: TypeError: RdKafka\Queue::consume(): Argument #1 ($timeout_ms) must be of type int, stdClass given
RdKafka\Queue::consume #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Queue::__construct() has not been called
RdKafka\Queue::consume #1 null: [RdKafka\Queue::consume(): Passing null to parameter #1 ($timeout_ms) of type int is deprecated] Exception: RdKafka\Queue::__construct() has not been called
RdKafka\Queue::consume #1 word: TypeError: RdKafka\Queue::consume(): Argument #1 ($timeout_ms) must be of type int, string given
RdKafka\Queue::consume #1 true: Exception: RdKafka\Queue::__construct() has not been called
RdKafka\TopicConf::set #1 array: TypeError: RdKafka\TopicConf::set(): Argument #1 ($name) must be of type string, array given
RdKafka\TopicConf::set #1 object: TypeError: RdKafka\TopicConf::set(): Argument #1 ($name) must be of type string, stdClass given
RdKafka\TopicConf::set #1 frac: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::set #1 null: [RdKafka\TopicConf::set(): Passing null to parameter #1 ($name) of type string is deprecated] Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::set #1 word: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::set #1 true: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::set #2 array: TypeError: RdKafka\TopicConf::set(): Argument #2 ($value) must be of type string, array given
RdKafka\TopicConf::set #2 object: TypeError: RdKafka\TopicConf::set(): Argument #2 ($value) must be of type string, stdClass given
RdKafka\TopicConf::set #2 frac: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::set #2 null: [RdKafka\TopicConf::set(): Passing null to parameter #2 ($value) of type string is deprecated] Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::set #2 word: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::set #2 true: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::setPartitioner #1 array: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, array given
RdKafka\TopicConf::setPartitioner #1 object: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, stdClass given
RdKafka\TopicConf::setPartitioner #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::setPartitioner #1 null: [RdKafka\TopicConf::setPartitioner(): Passing null to parameter #1 ($partitioner) of type int is deprecated] Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::setPartitioner #1 word: TypeError: RdKafka\TopicConf::setPartitioner(): Argument #1 ($partitioner) must be of type int, string given
RdKafka\TopicConf::setPartitioner #1 true: Exception: RdKafka\Conf::__construct() has not been called
RdKafka\TopicPartition::setOffset #1 array: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, array given
RdKafka\TopicPartition::setOffset #1 object: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, stdClass given
RdKafka\TopicPartition::setOffset #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::setOffset #1 null: [RdKafka\TopicPartition::setOffset(): Passing null to parameter #1 ($offset) of type int is deprecated] Exception: RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::setOffset #1 word: TypeError: RdKafka\TopicPartition::setOffset(): Argument #1 ($offset) must be of type int, string given
RdKafka\TopicPartition::setOffset #1 true: Exception: RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::setPartition #1 array: TypeError: RdKafka\TopicPartition::setPartition(): Argument #1 ($partition) must be of type int, array given
RdKafka\TopicPartition::setPartition #1 object: TypeError: RdKafka\TopicPartition::setPartition(): Argument #1 ($partition) must be of type int, stdClass given
RdKafka\TopicPartition::setPartition #1 frac: [Implicit conversion from float 1.5 to int loses precision] Exception: RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::setPartition #1 null: [RdKafka\TopicPartition::setPartition(): Passing null to parameter #1 ($partition) of type int is deprecated] Exception: RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::setPartition #1 word: TypeError: RdKafka\TopicPartition::setPartition(): Argument #1 ($partition) must be of type int, string given
RdKafka\TopicPartition::setPartition #1 true: Exception: RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::setTopic #1 array: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, array given
RdKafka\TopicPartition::setTopic #1 object: TypeError: RdKafka\TopicPartition::setTopic(): Argument #1 ($topic_name) must be of type string, stdClass given
RdKafka\TopicPartition::setTopic #1 frac: Exception: RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::setTopic #1 null: [RdKafka\TopicPartition::setTopic(): Passing null to parameter #1 ($topic_name) of type string is deprecated] Exception: RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::setTopic #1 word: Exception: RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::setTopic #1 true: Exception: RdKafka\TopicPartition::__construct() has not been called
