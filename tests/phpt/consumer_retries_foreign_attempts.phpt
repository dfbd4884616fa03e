--TEST--
Mq\RetryingConsumer: an x-mq-attempts header written by another client that is not a positive integer (text, zero, negative, float, array, overflowing text) counts as the first attempt; a decimal string is read as its number; one at or above maxAttempts makes the failure final
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use Mq\RetryingConsumer;
use Mq\RetryPolicy;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('retry-foreign');
$ch->exchange_declare("$q-dlx", 'fanout', false, false, true);
$ch->queue_declare("$q-dlq", false, false, false, false);
$ch->queue_bind("$q-dlq", "$q-dlx");
$ch->queue_declare($q, false, false, false, false, false, new AMQPTable(['x-dead-letter-exchange' => "$q-dlx"]));

$values = ['text' => 'abc', 'zero' => 0, 'negative' => -5, 'float' => 2.5, 'array' => [1, 2],
    'overflowing text' => '99999999999999999999', 'decimal string 2' => '2', 'decimal string 3' => '3',
    'int 3' => 3, 'huge' => PHP_INT_MAX];
foreach ($values as $label => $value) {
    $ch->basic_publish(new AMQPMessage($label, ['application_headers' => new AMQPTable(['x-mq-attempts' => $value])]), '', $q);
}
// Fails the originals; the copies made by the consumer (which carry the failure) succeed.
$handler = function (AMQPMessage $m) {
    if (!isset($m->get('application_headers')['x-mq-error-class'])) {
        throw new RuntimeException('fails');
    }
};
$consumer = new RetryingConsumer($ch, $q, $handler, new RetryPolicy(maxAttempts: 3, initialDelay: 0.1, retryOn: [RuntimeException::class]));
$seen = $copies = [];
$tag = $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use ($consumer, &$seen, &$copies) {
    $headers = $m->get('application_headers')->getNativeData();
    if (isset($headers['x-mq-error-class'])) {
        $copies[] = sprintf('%s: %s, attempt %s', $m->getBody(), $consumer->process($m), var_export($headers['x-mq-attempts'], true));
    } else {
        $seen[] = sprintf('%s: %s', $m->getBody(), $consumer->process($m));
    }
});
while (count($seen) + count($copies) < count($values) + 7) {
    $ch->wait(null, false, 10);
}
$ch->basic_cancel($tag);
echo implode("\n", $seen), "\n--\n";
sort($copies);
echo implode("\n", $copies), "\n--\n";
for ($dead = 0, $i = 0; $dead < 3 && $i < 250; $i++) {
    if (($m = $ch->basic_get("$q-dlq", true)) === null) {
        usleep(20000);
        continue;
    }
    $dead++;
    echo 'dead-lettered: ', $m->getBody(), "\n";
}
foreach ([$q, "$q-dlq", "$q.retry.100", "$q.retry.200"] as $name) {
    $ch->queue_delete($name);
}
$conn->close();
?>
--EXPECT--
text: retried
zero: retried
negative: retried
float: retried
array: retried
overflowing text: retried
decimal string 2: retried
decimal string 3: rejected
int 3: rejected
huge: rejected
--
array: handled, attempt 2
decimal string 2: handled, attempt 3
float: handled, attempt 2
negative: handled, attempt 2
overflowing text: handled, attempt 2
text: handled, attempt 2
zero: handled, attempt 2
--
dead-lettered: decimal string 3
dead-lettered: int 3
dead-lettered: huge
