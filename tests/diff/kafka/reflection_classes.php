<?php
// mq-known: Reflection: the abstract RdKafka\Topic has a private constructor
// The class tree: every RdKafka class, its modifiers, parent, interfaces and constants.
require __DIR__ . '/_prelude.php';

$classes = array_values(array_filter(get_declared_classes(), fn ($c) => $c === 'RdKafka' || str_starts_with($c, 'RdKafka\\')));
sort($classes);
show('classes', $classes);
foreach ($classes as $c) {
    $r = new ReflectionClass($c);
    $mods = implode(' ', Reflection::getModifierNames($r->getModifiers()));
    out("$c:", $mods === '' ? '-' : $mods, 'parent', $r->getParentClass() ? $r->getParentClass()->getName() : '-',
        'interfaces', implode(',', $r->getInterfaceNames()) ?: '-', 'internal', $r->isInternal(),
        'instantiable', $r->isInstantiable(), 'cloneable', $r->isCloneable(), 'iterable', $r->isIterable());
    $ctor = $r->getConstructor();
    out('  constructor', $ctor ? implode(' ', Reflection::getModifierNames($ctor->getModifiers())) . ' ' . $ctor->class : '-');
    if ($r->getConstants()) {
        show('  constants', $r->getConstants());
    }
}
