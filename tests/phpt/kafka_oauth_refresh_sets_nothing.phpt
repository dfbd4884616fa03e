--TEST--
Kafka: a token refresh callback that sets nothing leaves librdkafka's token in use, as php-rdkafka's does: no failure is reported and librdkafka asks again at 80 % of the token's lifetime
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

// php-rdkafka's own oauthbearer_integration.phpt: a token set with oauthbearerSetToken(), a refresh callback
// that only counts. mq used to report "the OAUTHBEARER token refresh callback set no token" as a token
// failure, after which librdkafka asked again only 10 s later.
$calls = [];
$errors = [];
$start = microtime(true);
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_sasl_bootstrap());
$conf->set('security.protocol', 'SASL_PLAINTEXT');
$conf->set('sasl.mechanisms', 'OAUTHBEARER');
$conf->set('sasl.oauthbearer.config', 'principal=alice');
$conf->setOauthbearerTokenRefreshCb(function ($kafka) use (&$calls, $start) {
    $calls[] = microtime(true) - $start;
});
$conf->setErrorCb(function ($kafka, $err, $reason) use (&$errors) {
    $errors[] = $reason;
});
$producer = new RdKafka\Producer($conf);
$lifetime = 3;
$producer->oauthbearerSetToken(unsecured_jwt('alice', $lifetime), (int) round(($start + $lifetime) * 1000), 'alice');
$producer->poll(0);
echo "refreshes at start: ", count($calls), "\n";
// librdkafka's refresh timer ticks every second: the second call comes between 80 % of the lifetime
// (2.4 s) and a tick after it.
while (count($calls) < 2 && microtime(true) - $start < 6) {
    $producer->poll(100);
}
echo "second refresh: ", count($calls) >= 2 ? 'yes' : 'no', "\n";
printf("second refresh at 80 %% of the lifetime, within a timer tick: %s\n", var_export(isset($calls[1]) && $calls[1] >= 2.3 && $calls[1] < 3.6, true));
$unanswered = array_filter($errors, fn($e) => str_contains($e, 'set no token'));
echo "failures reported for the callback: ", count($unanswered), "\n";
?>
--EXPECT--
refreshes at start: 1
second refresh: yes
second refresh at 80 % of the lifetime, within a timer tick: true
failures reported for the callback: 0
