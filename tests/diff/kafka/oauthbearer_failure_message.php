<?php
// oauthbearerSetTokenFailure() refused by librdkafka: the exception codes and (empty) messages.
require __DIR__ . '/_prelude.php';

$p = new RdKafka\Producer(conf());
attempt('setTokenFailure without OAUTHBEARER', fn () => $p->oauthbearerSetTokenFailure('no'));
$o = new RdKafka\Producer(conf(['security.protocol' => 'SASL_PLAINTEXT', 'sasl.mechanisms' => 'OAUTHBEARER',
    'bootstrap.servers' => kafka_sasl_bootstrap(), 'log_level' => '0']));
attempt('setTokenFailure("")', fn () => $o->oauthbearerSetTokenFailure(''));
