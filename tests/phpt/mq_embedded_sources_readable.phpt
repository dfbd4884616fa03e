--TEST--
mq: the PHP sources compiled into the extension, which errors and traces name as mq://... files, stat and open as read-only files (error pages, PHPUnit's trace filter), without "Unable to find the wrapper" warnings
--EXTENSIONS--
mq
--FILE--
<?php
set_error_handler(function ($no, $message) {
    if (error_reporting() & $no) {
        echo "warning: $message\n";
    }
    return true;
});
try {
    PhpAmqpLib\Connection\AMQPLazyConnection::create_connection([['host' => '127.0.0.1'], ['host' => '127.0.0.2']]);
} catch (RuntimeException $e) {
    $file = $e->getFile();
    echo $e->getMessage(), "\n";
    var_dump(str_starts_with($file, 'mq://PhpAmqpLib/Connection/'), is_file($file), file_exists($file), is_readable($file), is_dir($file));
    // The line the exception names is the line of the source that throws it.
    echo trim(file($file)[$e->getLine() - 1]), "\n";
    var_dump(filesize($file) === strlen(file_get_contents($file)));
}
$message = 'mq://PhpAmqpLib/Message/AMQPMessage.php';
echo explode("\n", file_get_contents($message))[2], "\n";
// Read-only, and only what the extension holds.
var_dump(file_exists('mq://PhpAmqpLib/Nowhere.php'), is_file('mq://PhpAmqpLib/Nowhere.php'));
$h = fopen($message, 'r');
var_dump(fwrite($h, 'x'));
fclose($h);
var_dump(@fopen($message, 'w'), @file_put_contents($message, 'x'));
?>
--EXPECT--
Lazy connection does not support multiple hosts
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
throw new \RuntimeException('Lazy connection does not support multiple hosts');
bool(true)
namespace PhpAmqpLib\Message;
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
