<?php
// oauthbearerSetToken/oauthbearerSetTokenFailure on clients not configured for OAUTHBEARER, and bad tokens.
require __DIR__ . '/_prelude.php';

$p = new RdKafka\Producer(conf());
attempt('setToken without OAUTHBEARER', fn () => $p->oauthbearerSetToken('token', (int) (microtime(true) * 1000) + 60000, 'alice'));
$o = new RdKafka\Producer(conf(['security.protocol' => 'SASL_PLAINTEXT', 'sasl.mechanisms' => 'OAUTHBEARER',
    'bootstrap.servers' => kafka_sasl_bootstrap(), 'log_level' => '0']));
$later = (int) (microtime(true) * 1000) + 60000;
try {
    $o->oauthbearerSetToken('token', 1000, 'alice');
} catch (RdKafka\Exception $e) {
    out('expired token: ' . preg_replace('/now=\d+ms/', 'now=Nms', exc($e)));
}
attempt('empty token', fn () => $o->oauthbearerSetToken('', $later, 'alice'));
attempt('empty principal', fn () => $o->oauthbearerSetToken('token', $later, ''));
attempt('bad extension name', fn () => $o->oauthbearerSetToken('token', $later, 'alice', ['auth' => 'x']));
attempt('bad extension value', fn () => $o->oauthbearerSetToken('token', $later, 'alice', ['ext' => "\x01"]));
attempt('valid token', fn () => $o->oauthbearerSetToken(unsecured_jwt('alice', 60), $later, 'alice', ['ext' => 'value']));
attempt('setTokenFailure', fn () => $o->oauthbearerSetTokenFailure('it failed'));
