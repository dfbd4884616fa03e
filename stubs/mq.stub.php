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

/**
 * The callbacks set on `$conf`, by php-rdkafka's names for them (`setErrorCb()` sets `error_cb`):
 * `dr_msg_cb`, `error_cb`, `rebalance_cb`, `log_cb`, `stats_cb`, `offset_commit_cb`, `consume_cb`,
 * `oauthbearer_token_refresh_cb`; those not set are left out. Mq\KafkaProducer copies a Conf with this
 * and mq_kafka_conf_entries(). Only with mq's Kafka API (not registered when php-rdkafka is loaded).
 *
 * @return array<string, callable>
 */
function mq_kafka_conf_callbacks(\RdKafka\Conf $conf): array {}
