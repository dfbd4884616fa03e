--TEST--
Mq\Publisher: an acked publish, an unroutable mandatory one (RETURNED, never confirmed), many sent then waitForAll() in send order, counters, message_id given when missing, chained handlers, a replaced handler, bad arguments
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use Mq\Publisher;
use Mq\PublishOutcome;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('mq-publisher');
$ch->queue_declare($q, false, false, false, true);

// Handlers set before the Publisher keep being called (after its own).
$seen = [];
$ch->set_ack_handler(function (AMQPMessage $m) use (&$seen) { $seen[] = 'ack ' . $m->getBody(); });
$ch->set_return_listener(function ($code, $text, $exchange, $key, AMQPMessage $m) use (&$seen) { $seen[] = "return $code $text " . $m->getBody(); });

$publisher = new Publisher($ch);
$message = new AMQPMessage('one');
$outcome = $publisher->publish($message, '', $q, 5);
printf("acked: %s confirmed=%s attempts=%d reply=%s same object=%s\n", $outcome->getStatus(), var_export($outcome->isConfirmed(), true),
    $outcome->getAttempts(), var_export($outcome->getReplyCode(), true), var_export($outcome->getMessage() === $message, true));
var_dump((bool) preg_match('/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $message->get('message_id')));
$own = new AMQPMessage('own id', ['message_id' => 'mine']);
$publisher->publish($own, '', $q);
var_dump($own->get('message_id'));

$unroutable = $publisher->publish(new AMQPMessage('nowhere'), '', fresh_name('mq-publisher-no-queue'));
printf("unroutable: %s confirmed=%s reply=%d %s\n", $unroutable->getStatus(), var_export($unroutable->isConfirmed(), true),
    $unroutable->getReplyCode(), $unroutable->getReplyText());

// Without mandatory, the broker acks an unroutable message: that is what the flag is for.
$careless = new Publisher($conn->channel(), null, false);
echo 'not mandatory: ', $careless->publish(new AMQPMessage('dropped'), '', fresh_name('mq-publisher-no-queue'))->getStatus(), "\n";

// Many sent, one of them unroutable and one object sent twice, then one wait.
$again = new AMQPMessage('twice');
foreach (['a', 'b', 'lost', 'c'] as $body) {
    $publisher->send(new AMQPMessage($body), '', $body === 'lost' ? fresh_name('mq-publisher-no-queue') : $q);
}
$publisher->send($again, '', $q);
$publisher->send($again, '', $q);
var_dump($publisher->getCounters()['pending']);
$all = $publisher->waitForAll(5);
echo implode(', ', array_map(fn (PublishOutcome $o) => $o->getMessage()->getBody() . '=' . $o->getStatus(), $all)), "\n";
var_dump($publisher->waitForAll(), $publisher->getCounters());
// The broker acks a, b and lost singly or as one range after lost's return (php-amqplib calls the
// listener when the return is read, so before a's ack in the second case): acks come in publish order,
// and each return before its own message's ack.
echo implode("\n", array_filter($seen, fn ($s) => str_starts_with($s, 'ack '))), "\n";
foreach ($seen as $i => $s) {
    if (str_starts_with($s, 'return ')) {
        $body = substr($s, strrpos($s, ' ') + 1);
        printf("%s, before its ack: %s\n", $s, var_export($i < array_search("ack $body", $seen, true), true));
    }
}
[, $depth] = $ch->queue_declare($q, true);
echo "in the queue: $depth\n";

// Returns matched to their own messages, also when the broker acks a range at once (`multiple`) and the
// return reaches the listener with the range's first confirm.
$batch = new Publisher($conn->channel());
$expected = [];
for ($i = 0; $i < 200; $i++) {
    $lost = $i % 7 === 3;
    $batch->send(new AMQPMessage("b$i", ['message_id' => $i % 2 ? "odd" : "even"]), '', $lost ? fresh_name('mq-publisher-no-queue') : $q);
    $expected[] = $lost ? 'returned' : 'acked';
}
$statuses = array_map(fn (PublishOutcome $o) => $o->getStatus(), $batch->waitForAll(10));
var_dump($statuses === $expected, $batch->getCounters()['returned']);
$ch->queue_purge($q);

// Handlers replaced after the Publisher took the channel: its wait says so instead of guessing.
$ch->set_ack_handler(function () {});
try {
    $publisher->publish(new AMQPMessage('x'), '', $q, 5);
} catch (LogicException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

// Bad arguments.
foreach ([-1.0, 0, NAN, INF] as $bad) {
    try {
        $careless->waitForAll($bad);
    } catch (InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
try {
    $careless->publish(new AMQPMessage('never'), '', $q, -5);
} catch (InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
foreach ([fn () => $careless->waitForAll('soon'), fn () => $careless->send('body'), fn () => new Publisher(new stdClass()),
          fn () => new Publisher($ch, new stdClass()), fn () => $careless->publish(new AMQPMessage('x'), [])] as $call) {
    try {
        $call();
    } catch (TypeError $e) {
        echo preg_replace('/, called in .*/', '', $e->getMessage()), "\n";
    }
}
var_dump($careless->getCounters());

// A handler may publish through the Publisher while it waits (a nested wait).
$ch4 = $conn->channel();
$nested = null;
$ch4->set_ack_handler(function (AMQPMessage $m) use (&$inner, &$nested, $q) {
    if ($m->getBody() === 'outer 1') {
        $nested = $inner->publish(new AMQPMessage('nested'), '', $q, 5)->getStatus();
    }
});
$inner = new Publisher($ch4);
$inner->send(new AMQPMessage('outer 1'), '', $q);
$inner->send(new AMQPMessage('outer 2'), '', $q);
echo 'outer: ', implode(', ', array_map(fn (PublishOutcome $o) => $o->getMessage()->getBody() . '=' . $o->getStatus(), $inner->waitForAll(5))), "; nested: $nested\n";

// Publishers made one after another on a channel replace each other instead of chaining without end;
// the handler set before the first stays chained and sees each confirm once.
$ch5 = $conn->channel();
$acks = 0;
$userHandler = function () use (&$acks) { $acks++; };
$ch5->set_ack_handler($userHandler);
for ($i = 0; $i < 3; $i++) {
    $last = new Publisher($ch5);
    $last->publish(new AMQPMessage("p$i"), '', $q);
}
$chained = (new ReflectionProperty(Publisher::class, 'previous'))->getValue($last);
var_dump($chained[0] === $userHandler, $acks);
$ch->queue_delete($q);
?>
--EXPECTF--
acked: acked confirmed=true attempts=1 reply=NULL same object=true
bool(true)
string(4) "mine"
unroutable: returned confirmed=false reply=312 NO_ROUTE
not mandatory: acked
int(6)
a=acked, b=acked, lost=returned, c=acked, twice=acked, twice=acked
array(0) {
}
array(6) {
  ["pending"]=>
  int(0)
  ["acked"]=>
  int(7)
  ["nacked"]=>
  int(0)
  ["returned"]=>
  int(2)
  ["timed_out"]=>
  int(0)
  ["republished"]=>
  int(0)
}
ack one
ack own id
ack nowhere
ack a
ack b
ack lost
ack c
ack twice
ack twice
return 312 NO_ROUTE nowhere, before its ack: true
return 312 NO_ROUTE lost, before its ack: true
in the queue: 7
bool(true)
int(29)
LogicException: Mq\Publisher: the channel's ack or nack handler was replaced after the Publisher was created, so it cannot know the outcome of its messages; set handlers before creating it (they are chained)
Mq\Publisher::waitForAll(): Argument #1 ($timeout) must be a positive finite number of seconds, -1.0 given
Mq\Publisher::waitForAll(): Argument #1 ($timeout) must be a positive finite number of seconds, 0.0 given
Mq\Publisher::waitForAll(): Argument #1 ($timeout) must be a positive finite number of seconds, NAN given
Mq\Publisher::waitForAll(): Argument #1 ($timeout) must be a positive finite number of seconds, INF given
Mq\Publisher::publish(): Argument #4 ($timeout) must be a positive finite number of seconds, -5.0 given
Mq\Publisher::waitForAll(): Argument #1 ($timeout) must be of type ?float, string given
Mq\Publisher::send(): Argument #1 ($message) must be of type PhpAmqpLib\Message\AMQPMessage, string given
Mq\Publisher::__construct(): Argument #1 ($channel) must be of type PhpAmqpLib\Channel\AMQPChannel, stdClass given
Mq\Publisher::__construct(): Argument #2 ($policy) must be of type ?Mq\RetryPolicy, stdClass given
Mq\Publisher::publish(): Argument #2 ($exchange) must be of type string, array given
array(6) {
  ["pending"]=>
  int(0)
  ["acked"]=>
  int(1)
  ["nacked"]=>
  int(0)
  ["returned"]=>
  int(0)
  ["timed_out"]=>
  int(0)
  ["republished"]=>
  int(0)
}
outer: outer 1=acked, outer 2=acked; nested: acked
bool(true)
int(3)
