--TEST--
pcntl_fork: the child gets a clear exception (no hang) using the parent's connection and channel, can open its own connection; the child's exit leaves the parent's connection working
--EXTENSIONS--
mq
pcntl
--CONFLICTS--
rabbitmq
--FILE_EXTERNAL--
shared/amqp_fork.inc
--EXPECT--
string(23) "from parent before fork"
3 children:
basic_publish: closed exception, mentions fork, fast
basic_get: closed exception, mentions fork, fast
queue_declare: closed exception, mentions fork, fast
channel(): closed exception, mentions fork, fast
isConnected: false
own connection: true
exit: 7
array(3) {
  [0]=>
  string(12) "from child 1"
  [1]=>
  string(12) "from child 2"
  [2]=>
  string(12) "from child 3"
}
string(22) "from parent after fork"
bool(true)
bool(true)
NULL
