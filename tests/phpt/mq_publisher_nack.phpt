--TEST--
Mq\Publisher: a message the broker nacks (a full queue with x-overflow=reject-publish) is NACKED; with a RetryPolicy it is republished (a copy, same message_id) until the policy's attempts are spent, then NACKED; counters; a message acked on a later attempt
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use Mq\Publisher;
use Mq\PublishOutcome;
use Mq\RetryPolicy;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('mq-publisher-full');
$ch->queue_declare($q, false, false, false, true, false, new AMQPTable(['x-max-length' => 1, 'x-overflow' => 'reject-publish']));
$nacked = [];
$ch->set_nack_handler(function (AMQPMessage $m) use (&$nacked) { $nacked[] = $m; });

$once = new Publisher($ch);
echo 'first: ', $once->publish(new AMQPMessage('fills the queue'), '', $q)->getStatus(), "\n";
$refused = $once->publish(new AMQPMessage('no room'), '', $q);
printf("no policy: %s confirmed=%s attempts=%d\n", $refused->getStatus(), var_export($refused->isConfirmed(), true), $refused->getAttempts());
var_dump($once->getCounters());

$ch2 = $conn->channel();
$retrying = new Publisher($ch2, new RetryPolicy(maxAttempts: 3, initialDelay: 0.01, jitter: 0.0));
$message = new AMQPMessage('still no room');
$outcome = $retrying->publish($message, '', $q);
printf("policy of 3 attempts: %s attempts=%d same object=%s\n", $outcome->getStatus(), $outcome->getAttempts(), var_export($outcome->getMessage() === $message, true));
var_dump($retrying->getCounters());

// Several at once: each is republished and counted on its own.
$retrying->send(new AMQPMessage('x'), '', $q);
$retrying->send(new AMQPMessage('y'), '', $q);
echo implode(', ', array_map(fn (PublishOutcome $o) => $o->getMessage()->getBody() . '=' . $o->getStatus() . '/' . $o->getAttempts(), $retrying->waitForAll())), "\n";
['nacked' => $n, 'republished' => $r] = $retrying->getCounters();
echo "nacked $n, republished $r\n";

// Room made while the Publisher retries: a later attempt is acked. The queue is emptied at the first
// nack, by a handler the Publisher chains.
$ch3 = $conn->channel();
$purged = false;
$ch3->set_nack_handler(function () use ($ch, $q, &$purged) {
    if (!$purged) {
        $ch->queue_purge($q);
        $purged = true;
    }
});
$third = new Publisher($ch3, new RetryPolicy(maxAttempts: 5, initialDelay: 0.01, jitter: 0.0));
$late = $third->publish(new AMQPMessage('room at last'), '', $q);
printf("after a purge: %s attempts=%d\n", $late->getStatus(), $late->getAttempts());
var_dump($third->getCounters()['republished']);

// What reached the queue: the one message acked last.
$got = $ch->basic_get($q, true);
var_dump($got->getBody(), $got->get('message_id') === $late->getMessage()->get('message_id'), $ch->basic_get($q, true));
echo count($nacked), " nack seen by the handler set before the first Publisher\n";
$ch->queue_delete($q);
?>
--EXPECT--
first: acked
no policy: nacked confirmed=false attempts=1
array(6) {
  ["pending"]=>
  int(0)
  ["acked"]=>
  int(1)
  ["nacked"]=>
  int(1)
  ["returned"]=>
  int(0)
  ["timed_out"]=>
  int(0)
  ["republished"]=>
  int(0)
}
policy of 3 attempts: nacked attempts=3 same object=true
array(6) {
  ["pending"]=>
  int(0)
  ["acked"]=>
  int(0)
  ["nacked"]=>
  int(1)
  ["returned"]=>
  int(0)
  ["timed_out"]=>
  int(0)
  ["republished"]=>
  int(2)
}
x=nacked/3, y=nacked/3
nacked 3, republished 6
after a purge: acked attempts=2
int(1)
string(12) "room at last"
bool(true)
NULL
1 nack seen by the handler set before the first Publisher
