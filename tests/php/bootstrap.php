<?php
// Autoloads php/ the way composer.json's PSR-4 entry does ("Mq\\" => "php/"), without composer.
spl_autoload_register(function (string $class): void {
    if (str_starts_with($class, 'Mq\\')) {
        $file = dirname(__DIR__, 2) . '/php/' . str_replace('\\', '/', substr($class, 3)) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
