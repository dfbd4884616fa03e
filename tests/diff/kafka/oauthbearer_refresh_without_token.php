<?php
// A token refresh callback that sets no token: librdkafka keeps the token set with oauthbearerSetToken() and asks again at 80 % of its lifetime (php-rdkafka's oauthbearer_integration.phpt).
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
