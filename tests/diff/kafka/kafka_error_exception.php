<?php
// KafkaErrorException: construction, getters, subclassing; the transaction calls' errors, which throw it.
require __DIR__ . '/_prelude.php';

$e = new RdKafka\KafkaErrorException('msg', -1, 'str', false, true, false);
show('getters', [get_class($e), $e->getMessage(), $e->getCode(), $e->getErrorString(), $e->isFatal(), $e->isRetriable(), $e->transactionRequiresAbort()]);
show('instanceof RdKafka\Exception', $e instanceof RdKafka\Exception);
class MyKafkaError extends RdKafka\KafkaErrorException
{
}
$sub = new MyKafkaError('sub', 3, 'x', false, false, false);
show('subclass', [get_class($sub), $sub->getErrorString()]);

// Transactions without transactional.id, and with one against this broker.
$p = new RdKafka\Producer(conf());
foreach (['initTransactions' => fn () => $p->initTransactions(1000), 'beginTransaction' => fn () => $p->beginTransaction(),
          'commitTransaction' => fn () => $p->commitTransaction(1000), 'abortTransaction' => fn () => $p->abortTransaction(1000)] as $label => $f) {
    try {
        $f();
        out("$label: ok");
    } catch (RdKafka\KafkaErrorException $e) {
        out("$label: " . exc($e) . ' | ' . repr([$e->getErrorString(), $e->isFatal(), $e->isRetriable(), $e->transactionRequiresAbort()]));
    }
}
