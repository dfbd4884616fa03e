<?php
// mq-deliberate: signatures the README lists under "Where mq deliberately differs": commit(mixed), queryWatermarkOffsets(mixed &$low, mixed &$high), oauthbearerSetToken(?array $extensions = null), KafkaConsumer's oauthbearerSetToken*(), Producer::sendOffsetsToTransaction() and TopicPartition::get/setMetadata() (mq additions)
require __DIR__ . '/_prelude.php';

foreach ([['RdKafka\\KafkaConsumer', 'commit'], ['RdKafka\\KafkaConsumer', 'commitAsync'], ['RdKafka\\KafkaConsumer', 'queryWatermarkOffsets'],
          ['RdKafka\\Producer', 'queryWatermarkOffsets'], ['RdKafka\\Producer', 'oauthbearerSetToken'],
          ['RdKafka\\KafkaConsumer', 'oauthbearerSetToken'], ['RdKafka\\KafkaConsumer', 'oauthbearerSetTokenFailure'],
          ['RdKafka\\Producer', 'sendOffsetsToTransaction'], ['RdKafka\\TopicPartition', 'getMetadata'],
          ['RdKafka\\TopicPartition', 'setMetadata']] as [$c, $name]) {
    if (!method_exists($c, $name)) {
        out("$c::$name: none");
        continue;
    }
    $params = [];
    foreach ((new ReflectionMethod($c, $name))->getParameters() as $p) {
        $params[] = (string) $p->getType() . ' ' . ($p->isPassedByReference() ? '&' : '') . '$' . $p->getName()
            . ($p->isDefaultValueAvailable() ? ' = ' . repr($p->getDefaultValue()) : '');
    }
    out("$c::$name(" . implode(', ', $params) . ')');
}
