--TEST--
Kafka: SASL/OAUTHBEARER through the token refresh callback (producer, KafkaConsumer, low-level consumer), with extensions, failures and bad tokens
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

function oauth_conf(callable $refresh, array &$errors): RdKafka\Conf
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_sasl_bootstrap());
    $conf->set('security.protocol', 'SASL_PLAINTEXT');
    $conf->set('sasl.mechanisms', 'OAUTHBEARER');
    $conf->set('sasl.oauthbearer.config', 'principal=alice scope=test');
    $conf->setOauthbearerTokenRefreshCb($refresh);
    $conf->setErrorCb(function ($kafka, $err, $reason) use (&$errors) {
        $errors[] = [rd_kafka_err2name($err), $reason];
    });
    return $conf;
}

// The producer's callback is called inside poll()/flush() with ($kafka, $oauthbearer_config) and sets
// a token carrying extensions; the broker accepts it and the message is delivered.
$topicName = fresh_name('oauth');
$calls = [];
$errors = [];
$conf = oauth_conf(function ($kafka, $config) use (&$calls) {
    $calls[] = [get_class($kafka), $config];
    $kafka->oauthbearerSetToken(unsecured_jwt('alice', 3600), (time() + 3600) * 1000, 'alice', ['traceId' => 'abc']);
}, $errors);
$reports = [];
$conf->setDrMsgCb(function ($kafka, $message) use (&$reports) {
    $reports[] = [$message->err, $message->payload];
});
$producer = new RdKafka\Producer($conf);
$producer->newTopic($topicName)->produce(RD_KAFKA_PARTITION_UA, 0, 'over oauth');
var_dump($producer->flush(20000) === RD_KAFKA_RESP_ERR_NO_ERROR);
var_dump($reports, $calls[0], $errors);

// KafkaConsumer: the callback fires inside consume() (php-rdkafka's KafkaConsumer has no
// oauthbearerSetToken(); mq's has), and the message produced above is read back over SASL.
$errors = [];
$consumerCalls = 0;
$conf = oauth_conf(function ($kafka, $config) use (&$consumerCalls) {
    $consumerCalls++;
    $kafka->oauthbearerSetToken(unsecured_jwt('bob', 3600), (time() + 3600) * 1000, 'bob');
}, $errors);
$conf->set('group.id', fresh_name('oauth-group'));
$conf->set('group.protocol', kafka_group_protocol());
$conf->set('auto.offset.reset', 'earliest');
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->subscribe([$topicName]);
$deadline = microtime(true) + 30;
do {
    $message = $consumer->consume(500);
} while ($message->err !== RD_KAFKA_RESP_ERR_NO_ERROR && microtime(true) < $deadline);
var_dump($consumerCalls > 0, $message->payload, $errors);
$consumer->close();

// The low-level consumer's poll() serves the refresh too; reading its metadata needs the token.
$errors = [];
$lowCalls = 0;
$conf = oauth_conf(function ($kafka, $config) use (&$lowCalls) {
    $lowCalls++;
    $kafka->oauthbearerSetToken(unsecured_jwt('carol', 3600), (time() + 3600) * 1000, 'carol');
}, $errors);
$low = new RdKafka\Consumer($conf);
$deadline = microtime(true) + 10;
while ($lowCalls === 0 && microtime(true) < $deadline) {
    $low->poll(100);
}
var_dump($lowCalls, count($low->getMetadata(false, $low->newTopic($topicName), 10000)->getTopics()));

// A callback that reports a failure: no token, librdkafka's error event carries the reason, and
// nothing is delivered.
$errors = [];
$conf = oauth_conf(function ($kafka, $config) {
    $kafka->oauthbearerSetTokenFailure('identity provider unreachable');
}, $errors);
$producer = new RdKafka\Producer($conf);
$producer->newTopic($topicName)->produce(RD_KAFKA_PARTITION_UA, 0, 'never');
var_dump($producer->flush(3000) === RD_KAFKA_RESP_ERR__TIMED_OUT);
var_dump(count($errors), $errors[0][0], str_contains($errors[0][1], "identity provider unreachable"));
$producer->purge(RD_KAFKA_PURGE_F_QUEUE);

// Bad tokens are refused at once with librdkafka's reason.
try {
    $producer->oauthbearerSetToken('a.b.', (time() - 10) * 1000, 'alice');
} catch (RdKafka\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    $producer->oauthbearerSetToken(unsecured_jwt('alice', 60), (time() + 60) * 1000, 'alice', ['auth' => 'x']);
} catch (RdKafka\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECTF--
bool(true)
array(1) {
  [0]=>
  array(2) {
    [0]=>
    int(0)
    [1]=>
    string(10) "over oauth"
  }
}
array(2) {
  [0]=>
  string(16) "RdKafka\Producer"
  [1]=>
  string(26) "principal=alice scope=test"
}
array(0) {
}
bool(true)
string(10) "over oauth"
array(0) {
}
int(1)
int(1)
bool(true)
int(1)
string(15) "_AUTHENTICATION"
bool(true)
RdKafka\Exception: Must supply an unexpired token: %s
RdKafka\Exception: %sauth%s
