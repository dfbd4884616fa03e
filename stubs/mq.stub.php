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
