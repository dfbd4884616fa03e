--TEST--
stubs/ and the loaded extension declare the same surface, both ways
--EXTENSIONS--
mq
--FILE--
<?php
$root = dirname(__DIR__, 2);
require "$root/tests/tools/surface.php";

$runtime = extension_surface('mq', ["$root/src/amqp/php", "$root/src/kafka/php"]);
$json = shell_exec(escapeshellarg(PHP_BINARY) . ' -n ' . escapeshellarg("$root/tests/tools/surface.php")
    . ' stubs ' . escapeshellarg("$root/stubs"));
$stubs = json_decode((string) $json, true);
if (!is_array($stubs)) {
    exit("cannot read the stubs' surface:\n$json");
}
$diff = surface_diff($stubs, $runtime);
echo implode("\n", $diff), "\n";
printf("%d classes, %d functions, %d constants; %d differences\n",
    count($runtime['classes']), count($runtime['functions']), count($runtime['constants']), count($diff));
var_dump(count($runtime['functions']) > 0);
?>
--EXPECTF--
%d classes, %d functions, %d constants; 0 differences
bool(true)
