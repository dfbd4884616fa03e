--TEST--
Kafka: mq registers a module "rdkafka" (version 6.0.4) so code checking for php-rdkafka finds its API; phpinfo says mq provides it; a php-rdkafka loaded after mq is refused by PHP and mq's classes stay (stand-in built from tests/fixtures/fake_rdkafka)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/child_php.php';

var_dump(extension_loaded('rdkafka'), phpversion('rdkafka'), class_exists('RdKafka\KafkaConsumer'));
ob_start();
(new ReflectionExtension('rdkafka'))->info();
$info = ob_get_clean();
var_dump(str_contains($info, 'provided by => mq ' . phpversion('mq')));

$build = sys_get_temp_dir() . '/mq-fake-rdkafka-after-' . getmypid();
@mkdir($build);
foreach (glob(dirname(__DIR__) . '/fixtures/fake_rdkafka/*') as $file) {
    copy($file, "$build/" . basename($file));
}
exec('cd ' . escapeshellarg($build) . ' && phpize >/dev/null 2>&1 && ./configure -q >/dev/null 2>&1 && make -s >/dev/null 2>&1', $out, $rc);
var_dump($rc);
$script = 'var_dump(get_class(new RdKafka\Conf), phpversion("rdkafka"), function_exists("rd_kafka_err2str"));';
echo shell_exec(mq_child_php('-d display_startup_errors=1 -d extension=' . escapeshellarg("$build/modules/rdkafka.so")
    . ' -r ' . escapeshellarg($script) . ' 2>&1'));
exec('rm -rf ' . escapeshellarg($build));
?>
--EXPECT--
bool(true)
string(5) "6.0.4"
bool(true)
bool(true)
int(0)

Warning: Module "rdkafka" is already loaded in Unknown on line 0
string(12) "RdKafka\Conf"
string(5) "6.0.4"
bool(true)
