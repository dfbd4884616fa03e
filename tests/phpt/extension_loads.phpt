--TEST--
the extension loads as module "mq" and reports its version
--EXTENSIONS--
mq
--FILE--
<?php
var_dump(extension_loaded('mq'));
var_dump(preg_match('/^\d+\.\d+\.\d+$/', phpversion('mq')));
var_dump(ini_get('mq.worker_threads'));
// System-only entry: a script cannot change the runtime it does not own.
var_dump(ini_set('mq.worker_threads', '8'));
?>
--EXPECT--
bool(true)
int(1)
string(1) "2"
bool(false)
