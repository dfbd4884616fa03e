<?php
// Command lines for a child PHP with the same mq.so as the running test, found in this process' own
// memory map so it works wherever run-tests or the Makefile loaded it from.

function mq_so_path(): string
{
    foreach (file('/proc/self/maps', FILE_IGNORE_NEW_LINES) as $line) {
        if (preg_match('#\s(/\S*/mq\.so)$#', $line, $m)) {
            return $m[1];
        }
    }
    throw new RuntimeException('mq.so is not loaded in this process');
}

/** `php -n -d extension=<mq.so> <args>`; $args is already shell-escaped. */
function mq_child_php(string $args): string
{
    return escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg(mq_so_path()) . ' ' . $args;
}

/**
 * mq_child_php() for a child that must run into memory_limit. PHP enforces the limit in its own allocator
 * only, which run-tests.php -m (scripts/valgrind.sh) turns off with USE_ZEND_ALLOC=0: this child keeps it.
 */
function mq_child_php_limited(string $memory_limit, string $args): string
{
    return 'env USE_ZEND_ALLOC=1 ' . mq_child_php('-d memory_limit=' . $memory_limit . ' ' . $args);
}
