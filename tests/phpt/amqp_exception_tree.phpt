--TEST--
php-amqplib's exception tree: parents, interface, constructors, getters, userland subclasses, file and line
--EXTENSIONS--
mq
--FILE--
<?php
use PhpAmqpLib\Exception as E;

$e = new E\AMQPTimeoutException("m", 5, 7);
var_dump($e->getMessage(), $e->getTimeout(), $e->getCode(), $e->getLine(), $e->getFile() === __FILE__);
var_dump($e instanceof RuntimeException, $e instanceof E\AMQPExceptionInterface, $e instanceof Throwable);
$w = E\AMQPTimeoutException::writeTimeout(3);
var_dump(get_class($w), $w->getMessage(), $w->getTimeout());

class MyTimeout extends E\AMQPTimeoutException {
    public function __construct() { parent::__construct("sub", 9); }
}
$m = new MyTimeout;
var_dump(get_class($m), $m->getMessage(), $m->getTimeout());

$p = new E\AMQPProtocolChannelException(404, "NOT_FOUND", [50, 10]);
var_dump($p->getMessage(), $p->getCode(), $p->amqp_reply_code, $p->amqp_reply_text, $p->args);
$c = new E\AMQPBasicCancelException("tag1");
var_dump($c->getMessage(), $c->getConsumerTag(), $c->consumerTag);

try {
    throw new E\AMQPHeartbeatMissedException("gone");
} catch (E\AMQPRuntimeException $caught) {
    echo get_class($caught), " at line ", $caught->getLine(), "\n";
}
echo implode(' < ', class_parents(new E\AMQPHeartbeatMissedException())), "\n";
foreach (['AMQPLogicException', 'AMQPOutOfBoundsException', 'AMQPOutOfRangeException', 'AMQPInvalidArgumentException', 'AMQPIOException'] as $name) {
    echo $name, ': ', get_parent_class("PhpAmqpLib\\Exception\\$name"), "\n";
}
?>
--EXPECT--
string(1) "m"
int(5)
int(7)
int(4)
bool(true)
bool(true)
bool(true)
bool(true)
string(41) "PhpAmqpLib\Exception\AMQPTimeoutException"
string(41) "Error sending data. Connection timed out."
int(3)
string(9) "MyTimeout"
string(3) "sub"
int(9)
string(9) "NOT_FOUND"
int(404)
int(404)
string(9) "NOT_FOUND"
array(3) {
  [0]=>
  int(404)
  [1]=>
  string(9) "NOT_FOUND"
  [2]=>
  array(2) {
    [0]=>
    int(50)
    [1]=>
    int(10)
  }
}
string(20) "Channel was canceled"
string(4) "tag1"
string(4) "tag1"
PhpAmqpLib\Exception\AMQPHeartbeatMissedException at line 22
PhpAmqpLib\Exception\AMQPConnectionClosedException < PhpAmqpLib\Exception\AMQPRuntimeException < RuntimeException < Exception
AMQPLogicException: LogicException
AMQPOutOfBoundsException: OutOfBoundsException
AMQPOutOfRangeException: OutOfRangeException
AMQPInvalidArgumentException: RuntimeException
AMQPIOException: Exception
