<?php
// Shows that mq is loaded and that its I/O runtime runs: the AMQP and Kafka examples build on this.
if (!extension_loaded('mq')) {
    fwrite(STDERR, "mq is not loaded: run with php -d extension=modules/mq.so, or make install\n");
    exit(1);
}
$info = mq_runtime_info();
printf("mq %s loaded; runtime: %d worker threads in process %d (task ran on %s)\n",
    phpversion('mq'), $info['worker_threads'], $info['pid'], $info['thread']);
