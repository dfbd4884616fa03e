--TEST--
Kafka: Conf::dump() lists each callback that is set (dr_msg_cb, error_cb, stats_cb, log_cb, rebalance_cb, consume_cb, offset_commit_cb, oauthbearer_token_refresh_cb) with an address as librdkafka prints it ("0x..."), and setLogCb() turns on log.queue, as in php-rdkafka; unset callbacks are not listed, but for librdkafka's default log_cb
--EXTENSIONS--
mq
--FILE--
<?php
$setters = [
    'dr_msg_cb' => 'setDrMsgCb',
    'error_cb' => 'setErrorCb',
    'stats_cb' => 'setStatsCb',
    'log_cb' => 'setLogCb',
    'rebalance_cb' => 'setRebalanceCb',
    'consume_cb' => 'setConsumeCb',
    'offset_commit_cb' => 'setOffsetCommitCb',
    'oauthbearer_token_refresh_cb' => 'setOauthbearerTokenRefreshCb',
];
$conf = new RdKafka\Conf();
$before = $conf->dump();
$address = fn ($v) => preg_match('/^0x[0-9a-f]+$/', $v) ? 'address' : $v;
var_dump(array_map($address, array_intersect_key($before, $setters)), $before['log.queue']);
foreach ($setters as $key => $setter) {
    $conf->$setter(function () {});
    $dump = $conf->dump();
    printf("%s: %s\n", $key, isset($dump[$key]) && preg_match('/^0x[0-9a-f]+$/', $dump[$key]) ? 'address' : var_export($dump[$key] ?? null, true));
}
$after = $conf->dump();
var_dump($after['log.queue']);
// Nothing else changed.
var_dump(array_diff_key($after, $before, $setters, ['log.queue' => 1]), array_diff_key($before, $after));
// A client built from it works as before (the callbacks are PHP's).
$conf->set('bootstrap.servers', '127.0.0.1:1');
$producer = new RdKafka\Producer($conf);
var_dump($producer->poll(0) >= 0);
?>
--EXPECT--
array(1) {
  ["log_cb"]=>
  string(7) "address"
}
string(5) "false"
dr_msg_cb: address
error_cb: address
stats_cb: address
log_cb: address
rebalance_cb: address
consume_cb: address
offset_commit_cb: address
oauthbearer_token_refresh_cb: address
string(4) "true"
array(0) {
}
array(0) {
}
bool(true)
