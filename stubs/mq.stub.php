<?php

/** @generate-class-entries */

/**
 * Diagnostics of mq's I/O runtime: runs a task on one of its worker threads and reports who ran it.
 *
 * @return array{pid: int, worker_threads: int, builds: int, thread: string}
 *   `builds` counts the runtimes built by this process and the parents it was forked from: a forked
 *   child builds its own runtime on first use.
 */
function mq_runtime_info(): array {}

/**
 * What was set on `$conf`, in order (callbacks not included): `[name, value]` for each set(),
 * `['default_topic_conf', [[name, value], ...]]` for each setDefaultTopicConf(). php-rdkafka's Conf cannot be cloned and its dump() shows neither topic-level
 * properties nor which values were set; Mq\KafkaProducer copies a Conf with this. Only with mq's Kafka API
 * (not registered when php-rdkafka is loaded).
 *
 * @return list<array{0: string, 1: string|list<array{0: string, 1: string}>}>
 */
function mq_kafka_conf_entries(\RdKafka\Conf $conf): array {}
