<?php
// How code written for php-rdkafka finds the extension before using it: extension_loaded(), phpversion(),
// the loaded-extension list (Composer's ext-rdkafka requirement reads these) and phpinfo()'s rows. The build
// date row is left out, and mq's extra "provided by" row (kafka_rdkafka_module.phpt) is not printed.
require __DIR__ . '/_prelude.php';

show('extension_loaded', extension_loaded('rdkafka'));
show('extension_loaded, other case', extension_loaded('RdKafka'));
show('phpversion', phpversion('rdkafka'));
show('listed', in_array('rdkafka', get_loaded_extensions(), true));
$ext = new ReflectionExtension('rdkafka');
show('ReflectionExtension name', $ext->getName());
show('ReflectionExtension version', $ext->getVersion());

ob_start();
$ext->info();
$rows = ob_get_clean();
foreach (explode("\n", $rows) as $row) {
    if (preg_match('/^(rdkafka support|version|librdkafka version \((runtime|build)\)) => /', $row)) {
        out($row);
    }
}
