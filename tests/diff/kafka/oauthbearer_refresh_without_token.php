<?php
// mq-known: a token refresh callback that sets no token: php-rdkafka reports nothing and librdkafka keeps the token set with oauthbearerSetToken() (next refresh at 80% of its lifetime); on mq rdkafka answers every refresh with a token or a failure, so the error callback gets "Failed to acquire SASL OAUTHBEARER token: the OAUTHBEARER token refresh callback set no token" and the next refresh comes 10 s later (php-rdkafka's oauthbearer_integration.phpt)
require __DIR__ . '/_prelude.php';

$conf = conf(['security.protocol' => 'SASL_PLAINTEXT', 'sasl.mechanisms' => 'OAUTHBEARER',
    'bootstrap.servers' => kafka_sasl_bootstrap(), 'sasl.oauthbearer.config' => 'principal=alice', 'log_level' => '0']);
$conf->setErrorCb(function ($kafka, $err, $reason) {
    out('error callback:', rd_kafka_err2name($err), $reason);
});
$conf->setOauthbearerTokenRefreshCb(function ($kafka) {
    out('refresh callback, sets no token');
});
$p = new RdKafka\Producer($conf);
$p->oauthbearerSetToken(unsecured_jwt('alice', 60), (int) (microtime(true) * 1000) + 60000, 'alice');
$p->poll(0);
attempt('metadata with the token set before', fn () => $p->getMetadata(false, $p->newTopic(name('t')), 10000) instanceof RdKafka\Metadata);
$p->poll(200);
out('done');
