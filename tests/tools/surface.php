<?php
// Describes a PHP surface (classes, methods, parameters, defaults, constants) as a comparable array:
// the extension's own through Reflection, or what the stub files declare (run in a PHP without mq).
// Used by tests/phpt/stubs_match_runtime.phpt to check both agree, both ways.

function describe_type(?ReflectionType $t): ?string
{
    return $t === null ? null : (string) $t;
}

function describe_params(ReflectionFunctionAbstract $f): array
{
    $out = [];
    foreach ($f->getParameters() as $p) {
        $default = null;
        if ($p->isDefaultValueAvailable()) {
            $default = $p->isDefaultValueConstant()
                ? 'const:' . $p->getDefaultValueConstantName()
                : 'value:' . var_export($p->getDefaultValue(), true);
        }
        $out[] = [
            'name' => $p->getName(),
            'type' => describe_type($p->getType()),
            'optional' => $p->isOptional(),
            'default' => $default,
            'byref' => $p->isPassedByReference(),
            'variadic' => $p->isVariadic(),
        ];
    }
    return $out;
}

function describe_function(ReflectionFunctionAbstract $f): array
{
    // Internal functions say "tentative" and "deprecated" through Reflection; stubs (userland code)
    // through php-rdkafka's doc tags, @tentative-return-type and @deprecated.
    $doc = (string) $f->getDocComment();
    $d = [
        'params' => describe_params($f),
        'return' => describe_type($f->getReturnType() ?? $f->getTentativeReturnType()),
        'tentative' => $f->hasTentativeReturnType() || str_contains($doc, '@tentative-return-type'),
        'deprecated' => $f->isDeprecated() || str_contains($doc, '@deprecated'),
    ];
    if ($f instanceof ReflectionMethod) {
        $d['static'] = $f->isStatic();
        $d['abstract'] = $f->isAbstract();
        $d['final'] = $f->isFinal();
        $d['visibility'] = $f->isPublic() ? 'public' : ($f->isProtected() ? 'protected' : 'private');
    }
    return $d;
}

function describe_class(ReflectionClass $c): array
{
    $methods = [];
    foreach ($c->getMethods() as $m) {
        // Inherited methods of engine classes (Exception::getMessage...) are the engine's business.
        if ($m->getDeclaringClass()->getName() !== $c->getName()) {
            continue;
        }
        $methods[strtolower($m->getName())] = describe_function($m);
    }
    ksort($methods);
    $constants = [];
    foreach ($c->getReflectionConstants() as $k) {
        if ($k->getDeclaringClass()->getName() === $c->getName()) {
            $constants[$k->getName()] = var_export($k->getValue(), true);
        }
    }
    ksort($constants);
    $properties = [];
    foreach ($c->getProperties() as $p) {
        if ($p->getDeclaringClass()->getName() === $c->getName() && !$p->isPrivate()) {
            $properties[$p->getName()] = [
                'static' => $p->isStatic(),
                'type' => describe_type($p->getType()),
                'visibility' => $p->isPublic() ? 'public' : 'protected',
            ];
        }
    }
    ksort($properties);
    $interfaces = $c->getInterfaceNames();
    sort($interfaces);
    return [
        'kind' => $c->isInterface() ? 'interface' : ($c->isTrait() ? 'trait' : 'class'),
        'abstract' => $c->isAbstract() && !$c->isInterface(),
        'final' => $c->isFinal(),
        'parent' => $c->getParentClass() ? $c->getParentClass()->getName() : null,
        'interfaces' => $interfaces,
        'constants' => $constants,
        'properties' => $properties,
        'methods' => $methods,
    ];
}

function surface(array $classes, array $functions, array $constants): array
{
    $out = ['classes' => [], 'functions' => [], 'constants' => []];
    foreach ($classes as $name) {
        $out['classes'][$name] = describe_class(new ReflectionClass($name));
    }
    foreach ($functions as $name) {
        $out['functions'][$name] = describe_function(new ReflectionFunction($name));
    }
    foreach ($constants as $name => $value) {
        $out['constants'][$name] = var_export($value, true);
    }
    ksort($out['classes']);
    ksort($out['functions']);
    ksort($out['constants']);
    return $out;
}

/** Classes declared by PHP files under $dir: "namespace N;" then "class|interface|trait X". */
function declared_in(string $dir): array
{
    $names = [];
    foreach (php_files($dir) as $file) {
        $code = file_get_contents($file);
        $ns = preg_match('/^namespace\s+([^;]+);/m', $code, $m) ? $m[1] . '\\' : '';
        preg_match_all('/^(?:(?:abstract|final)\s+)*(?:class|interface|trait)\s+(\w+)/m', $code, $all);
        foreach ($all[1] as $class) {
            $names[] = $ns . $class;
        }
    }
    return $names;
}

function php_files(string $dir): array
{
    $files = [];
    foreach (new RecursiveIteratorIterator(new RecursiveDirectoryIterator($dir, FilesystemIterator::FOLLOW_SYMLINKS)) as $f) {
        if ($f->isFile() && str_ends_with($f->getFilename(), '.php')) {
            $files[] = $f->getPathname();
        }
    }
    sort($files);
    return $files;
}

/**
 * The extension's surface: what it registers, plus the classes it compiles from PHP sources in
 * $phpSources (declared on first use, so they are loaded here by name).
 */
/** @param list<string> $phpSources directories of the extension's classes written in PHP */
function extension_surface(string $extension, array $phpSources = []): array
{
    $ext = new ReflectionExtension($extension);
    $functions = array_map('strtolower', array_keys($ext->getFunctions()));
    $classes = array_keys($ext->getClasses());
    foreach (array_merge([], ...array_map('declared_in', $phpSources)) as $class) {
        if (class_exists($class) || interface_exists($class) || trait_exists($class)) {
            $classes[] = $class;
        }
    }
    return surface($classes, $functions, $ext->getConstants());
}

function stub_surface(string $dir): array
{
    $all = fn () => array_merge(get_declared_classes(), get_declared_interfaces(), get_declared_traits());
    $beforeClasses = $all();
    $beforeFunctions = get_defined_functions()['user'];
    $beforeConstants = get_defined_constants();
    // PHP-written classes (one per file, named after it) extend each other: load them on demand.
    $files = php_files($dir);
    spl_autoload_register(function (string $class) use ($files): void {
        $short = substr($class, strrpos($class, '\\') + 1);
        foreach ($files as $file) {
            if (basename($file) === "$short.php") {
                require_once $file;
            }
        }
    });
    usort($files, fn($a, $b) => str_ends_with($b, '.stub.php') <=> str_ends_with($a, '.stub.php'));
    foreach ($files as $file) {
        require_once $file;
    }
    return surface(
        array_values(array_diff($all(), $beforeClasses)),
        array_values(array_diff(get_defined_functions()['user'], $beforeFunctions)),
        array_diff_key(get_defined_constants(), $beforeConstants)
    );
}

/** Lines naming every difference between two surfaces, as "path: stubs=... runtime=...". */
function surface_diff($stubs, $runtime, string $path = ''): array
{
    if (!is_array($stubs) || !is_array($runtime)) {
        return $stubs === $runtime ? [] : ["$path: stubs=" . json_encode($stubs) . ' runtime=' . json_encode($runtime)];
    }
    $out = [];
    foreach (array_unique(array_merge(array_keys($stubs), array_keys($runtime))) as $k) {
        $sub = $path === '' ? (string) $k : "$path.$k";
        if (!array_key_exists($k, $stubs)) {
            $out[] = "$sub: missing from stubs";
        } elseif (!array_key_exists($k, $runtime)) {
            $out[] = "$sub: missing from the extension";
        } else {
            array_push($out, ...surface_diff($stubs[$k], $runtime[$k], $sub));
        }
    }
    return $out;
}

// CLI: php -n surface.php stubs DIR   prints the stubs' surface (the stubs cannot load beside the extension)
if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__ && ($argv[1] ?? '') === 'stubs') {
    echo json_encode(stub_surface($argv[2]), JSON_PRETTY_PRINT), "\n";
}
