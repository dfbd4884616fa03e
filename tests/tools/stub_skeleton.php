<?php
// Prints a stub skeleton of classes as the loaded extension declares them, for writing stubs/ by hand:
//   php -n -d extension=modules/mq.so tests/tools/stub_skeleton.php 'PhpAmqpLib\Channel\AMQPChannel' ...
// Add doc comments to what it prints; tests/phpt/stubs_match_runtime.phpt keeps the two in step.

function literal(ReflectionParameter $p): string
{
    if (!$p->isDefaultValueAvailable()) {
        return '';
    }
    $v = $p->getDefaultValue();
    $text = is_array($v) ? '[' . implode(', ', array_map(fn($x) => var_export($x, true), $v)) . ']' : var_export($v, true);
    return ' = ' . strtr($text, ['NULL' => 'null']);
}

foreach (array_slice($argv, 1) as $name) {
    $c = new ReflectionClass($name);
    $ns = $c->getNamespaceName();
    echo "namespace $ns;\n\n";
    $kind = $c->isInterface() ? 'interface' : (($c->isAbstract() ? 'abstract ' : '') . ($c->isFinal() ? 'final ' : '') . 'class');
    $parent = $c->getParentClass() ? ' extends \\' . $c->getParentClass()->getName() : '';
    echo "$kind {$c->getShortName()}$parent\n{\n";
    foreach ($c->getReflectionConstants() as $k) {
        if ($k->getDeclaringClass()->getName() === $name) {
            echo "    const {$k->getName()} = " . var_export($k->getValue(), true) . ";\n";
        }
    }
    foreach ($c->getProperties() as $p) {
        if ($p->getDeclaringClass()->getName() === $name && !$p->isPrivate()) {
            echo '    ' . ($p->isPublic() ? 'public' : 'protected') . ($p->isStatic() ? ' static' : '') . " \${$p->getName()};\n";
        }
    }
    foreach ($c->getMethods() as $m) {
        if ($m->getDeclaringClass()->getName() !== $name) {
            continue;
        }
        $params = array_map(fn($p) => ($p->getType() ? $p->getType() . ' ' : '') . '$' . $p->getName() . literal($p), $m->getParameters());
        $ret = $m->getReturnType() ? ': ' . $m->getReturnType() : '';
        echo "\n    public " . ($m->isStatic() ? 'static ' : '') . "function {$m->getName()}(" . implode(', ', $params) . ")$ret {}\n";
    }
    echo "}\n\n";
}
