<?php
require __DIR__ . '/_prelude.php';

$conf = new RdKafka\Conf();
$before = $conf->dump();
$cb = fn () => null;
$conf->setDrMsgCb($cb);
$conf->setErrorCb($cb);
$conf->setStatsCb($cb);
$conf->setLogCb($cb);
$conf->setRebalanceCb($cb);
$conf->setConsumeCb($cb);
$conf->setOffsetCommitCb($cb);
$conf->setOauthbearerTokenRefreshCb($cb);
$after = $conf->dump();
foreach ($after as $k => $v) {
    if (!array_key_exists($k, $before) || $before[$k] !== $v) {
        out("  $k = " . repr($v));
    }
}
