--TEST--
Mq\RetryPolicy::retries() for Kafka: an RdKafka\Exception whose code librdkafka or Kafka call transient is retried by default, a KafkaErrorException by its own isRetriable(); never a fatal, fenced, authentication, authorization, invalid-argument or configuration error, whatever $retryOn says
--EXTENSIONS--
mq
--FILE--
<?php
use Mq\RetryPolicy;
use RdKafka\Exception;
use RdKafka\KafkaErrorException;

$errors = [
    '_MSG_TIMED_OUT' => new Exception(rd_kafka_err2str(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT), RD_KAFKA_RESP_ERR__MSG_TIMED_OUT),
    '_TRANSPORT' => new Exception('x', RD_KAFKA_RESP_ERR__TRANSPORT),
    '_QUEUE_FULL' => new Exception('x', RD_KAFKA_RESP_ERR__QUEUE_FULL),
    '_TIMED_OUT' => new Exception('x', RD_KAFKA_RESP_ERR__TIMED_OUT),
    '_ALL_BROKERS_DOWN' => new Exception('x', RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN),
    'NOT_ENOUGH_REPLICAS' => new Exception('x', RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS),
    'LEADER_NOT_AVAILABLE' => new Exception('x', RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE),
    'NOT_LEADER_FOR_PARTITION' => new Exception('x', RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION),
    'REQUEST_TIMED_OUT' => new Exception('x', RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT),
    'MSG_SIZE_TOO_LARGE' => new Exception('x', RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE),
    '_UNKNOWN_PARTITION' => new Exception('x', RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION),
    'code 0' => new Exception('created before pcntl_fork()'),
    '_FATAL' => new Exception('x', RD_KAFKA_RESP_ERR__FATAL),
    '_FENCED' => new Exception('x', RD_KAFKA_RESP_ERR__FENCED),
    'PRODUCER_FENCED' => new Exception('x', RD_KAFKA_RESP_ERR_PRODUCER_FENCED),
    '_AUTHENTICATION' => new Exception('x', RD_KAFKA_RESP_ERR__AUTHENTICATION),
    'SASL_AUTHENTICATION_FAILED' => new Exception('x', RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED),
    'TOPIC_AUTHORIZATION_FAILED' => new Exception('x', RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED),
    'TRANSACTIONAL_ID_AUTHORIZATION_FAILED' => new Exception('x', RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED),
    '_INVALID_ARG' => new Exception('x', RD_KAFKA_RESP_ERR__INVALID_ARG),
    'CONF_INVALID' => new Exception('x', RD_KAFKA_CONF_INVALID),
    'CONF_UNKNOWN' => new Exception('x', RD_KAFKA_CONF_UNKNOWN),
    'error object retriable' => new KafkaErrorException('x', RD_KAFKA_RESP_ERR__TIMED_OUT, 'x', false, true, false),
    'error object not retriable' => new KafkaErrorException('x', RD_KAFKA_RESP_ERR__TIMED_OUT, 'x', false, false, false),
    'error object retriable, other code' => new KafkaErrorException('x', RD_KAFKA_RESP_ERR__STATE, 'x', false, true, false),
    'error object fatal' => new KafkaErrorException('x', RD_KAFKA_RESP_ERR__TIMED_OUT, 'x', true, true, false),
    'error object, flags left out' => new KafkaErrorException('x', RD_KAFKA_RESP_ERR__TRANSPORT),
    'RuntimeException -192' => new RuntimeException('not Kafka', -192),
];

function verdicts(RetryPolicy $policy, array $errors): void
{
    foreach ($errors as $label => $error) {
        printf("  %-40s %s\n", $label, $policy->retries($error) ? 'retry' : 'no');
    }
}

echo "default:\n";
verdicts(new RetryPolicy(), $errors);
echo "retryOn RdKafka\\Exception:\n";
verdicts(new RetryPolicy(retryOn: [Exception::class]), $errors);

// A real error object from librdkafka: a transaction call without transactional.id.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', '127.0.0.1:1');
try {
    (new RdKafka\Producer($conf))->beginTransaction();
} catch (KafkaErrorException $e) {
    printf("%s fatal=%d retriable=%d: %s\n", $e->getMessage(), $e->isFatal(), $e->isRetriable(), (new RetryPolicy())->retries($e) ? 'retry' : 'no');
}
?>
--EXPECT--
default:
  _MSG_TIMED_OUT                           retry
  _TRANSPORT                               retry
  _QUEUE_FULL                              retry
  _TIMED_OUT                               retry
  _ALL_BROKERS_DOWN                        retry
  NOT_ENOUGH_REPLICAS                      retry
  LEADER_NOT_AVAILABLE                     retry
  NOT_LEADER_FOR_PARTITION                 retry
  REQUEST_TIMED_OUT                        retry
  MSG_SIZE_TOO_LARGE                       no
  _UNKNOWN_PARTITION                       no
  code 0                                   no
  _FATAL                                   no
  _FENCED                                  no
  PRODUCER_FENCED                          no
  _AUTHENTICATION                          no
  SASL_AUTHENTICATION_FAILED               no
  TOPIC_AUTHORIZATION_FAILED               no
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED    no
  _INVALID_ARG                             no
  CONF_INVALID                             no
  CONF_UNKNOWN                             no
  error object retriable                   retry
  error object not retriable               no
  error object retriable, other code       retry
  error object fatal                       no
  error object, flags left out             no
  RuntimeException -192                    no
retryOn RdKafka\Exception:
  _MSG_TIMED_OUT                           retry
  _TRANSPORT                               retry
  _QUEUE_FULL                              retry
  _TIMED_OUT                               retry
  _ALL_BROKERS_DOWN                        retry
  NOT_ENOUGH_REPLICAS                      retry
  LEADER_NOT_AVAILABLE                     retry
  NOT_LEADER_FOR_PARTITION                 retry
  REQUEST_TIMED_OUT                        retry
  MSG_SIZE_TOO_LARGE                       retry
  _UNKNOWN_PARTITION                       retry
  code 0                                   retry
  _FATAL                                   no
  _FENCED                                  no
  PRODUCER_FENCED                          no
  _AUTHENTICATION                          no
  SASL_AUTHENTICATION_FAILED               no
  TOPIC_AUTHORIZATION_FAILED               no
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED    no
  _INVALID_ARG                             no
  CONF_INVALID                             no
  CONF_UNKNOWN                             no
  error object retriable                   retry
  error object not retriable               retry
  error object retriable, other code       retry
  error object fatal                       no
  error object, flags left out             retry
  RuntimeException -192                    no
The Transactional API requires transactional.id to be configured (RD_KAFKA_RESP_ERR__NOT_CONFIGURED) fatal=0 retriable=0: no
