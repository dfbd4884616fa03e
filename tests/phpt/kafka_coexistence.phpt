--TEST--
Kafka: with the php-rdkafka extension loaded first, mq warns once, leaves RdKafka to it and keeps working (a stand-in module "rdkafka" is built from tests/fixtures/fake_rdkafka)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/child_php.php';

$build = sys_get_temp_dir() . '/mq-fake-rdkafka-' . getmypid();
@mkdir($build);
foreach (glob(dirname(__DIR__) . '/fixtures/fake_rdkafka/*') as $file) {
    copy($file, "$build/" . basename($file));
}
exec('cd ' . escapeshellarg($build) . ' && phpize >/dev/null 2>&1 && ./configure -q >/dev/null 2>&1 && make -s >/dev/null 2>&1', $out, $rc);
var_dump($rc, is_file("$build/modules/rdkafka.so"));

$script = 'echo get_class(new RdKafka\Conf), "\n";'
    . 'var_dump(class_exists("RdKafka\\\\Producer"), defined("RD_KAFKA_PARTITION_UA"), function_exists("rd_kafka_err2str"));'
    . 'echo (new PhpAmqpLib\Wire\AMQPTable(["a" => 1]))["a"], "\n";';
echo shell_exec(escapeshellarg(PHP_BINARY) . ' -n -d display_startup_errors=1 -d extension=' . escapeshellarg("$build/modules/rdkafka.so")
    . ' -d extension=' . escapeshellarg(mq_so_path()) . ' -r ' . escapeshellarg($script) . ' 2>&1');
exec('rm -rf ' . escapeshellarg($build));
?>
--EXPECT--
int(0)
bool(true)

Warning: PHP Startup: mq: the php-rdkafka extension is loaded; its RdKafka classes are used and mq's are not registered in Unknown on line 0
RdKafka\Conf
bool(false)
bool(false)
bool(false)
1
