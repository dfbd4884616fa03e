<?php

declare(strict_types=1);

use Mq\Extension;
use PHPUnit\Framework\TestCase;

final class ExtensionTest extends TestCase
{
    public function testReturnsTheLoadedVersion(): void
    {
        $this->assertSame(phpversion('mq'), Extension::require());
    }

    public function testRejectsAnExtensionOlderThanRequired(): void
    {
        $this->expectException(\RuntimeException::class);
        $this->expectExceptionMessage('this code needs 999.0.0 or later');
        Extension::require('999.0.0');
    }

    public function testExplainsAMissingExtension(): void
    {
        // A PHP without mq.so loaded: the message must say how to enable it.
        $script = 'require ' . var_export(__DIR__ . '/bootstrap.php', true) . ';'
            . 'try { Mq\Extension::require(); } catch (RuntimeException $e) { echo $e->getMessage(); }';
        $out = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -r ' . escapeshellarg($script));
        $this->assertStringContainsString('mq PHP extension is not loaded', (string) $out);
        $this->assertStringContainsString('make install', (string) $out);
    }
}
