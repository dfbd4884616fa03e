<?php
// mq-known: methods php-rdkafka declares once on \RdKafka are redeclared on Producer/Consumer; no tentative return types; callback properties; KafkaErrorException/TopicPartition signatures
// Every public method of every RdKafka class: where it is declared, parameters, return type, deprecation.
// The signatures the README lists as deliberate differences are left to deliberate_signatures.php.
require __DIR__ . '/_prelude.php';

/** What deliberate_signatures.php covers: [class, method] pairs skipped, and parameters printed without type. */
const DELIBERATE_METHODS = [['RdKafka\KafkaConsumer', 'oauthbearerSetToken'], ['RdKafka\KafkaConsumer', 'oauthbearerSetTokenFailure'],
    ['RdKafka\Producer', 'sendOffsetsToTransaction'], ['RdKafka\TopicPartition', 'getMetadata'], ['RdKafka\TopicPartition', 'setMetadata']];
const DELIBERATE_PARAMS = ['commit' => ['message_or_offsets'], 'commitAsync' => ['message_or_offsets'],
    'queryWatermarkOffsets' => ['low', 'high'], 'oauthbearerSetToken' => ['extensions']];

function type_name(?ReflectionType $t): string
{
    return $t === null ? '-' : (string) $t;
}

$classes = array_values(array_filter(get_declared_classes(), fn ($c) => $c === 'RdKafka' || str_starts_with($c, 'RdKafka\\')));
sort($classes);
foreach ($classes as $c) {
    $r = new ReflectionClass($c);
    out($c);
    $methods = $r->getMethods();
    usort($methods, fn ($a, $b) => strcmp($a->name, $b->name));
    foreach ($methods as $m) {
        if (in_array([$c, $m->name], DELIBERATE_METHODS, true)) {
            continue;
        }
        $params = [];
        foreach ($m->getParameters() as $p) {
            if (in_array($p->getName(), DELIBERATE_PARAMS[$m->name] ?? [], true)) {
                $params[] = '$' . $p->getName() . ' (deliberate_signatures.php)';
                continue;
            }
            $params[] = type_name($p->getType()) . ' ' . ($p->isPassedByReference() ? '&' : '') . ($p->isVariadic() ? '...' : '')
                . '$' . $p->getName() . ($p->isOptional() ? ($p->isDefaultValueAvailable() ? ' = ' . repr($p->getDefaultValue()) : ' (optional)') : '');
        }
        $ret = $m->hasReturnType() ? type_name($m->getReturnType()) : ($m->hasTentativeReturnType() ? 'tentative ' . type_name($m->getTentativeReturnType()) : '-');
        out('  ' . implode(' ', Reflection::getModifierNames($m->getModifiers())) . ' ' . $m->name . '(' . implode(', ', $params) . '): ' . $ret
            . ($m->class !== $c ? " [from {$m->class}]" : '') . ($m->isDeprecated() ? ' [deprecated]' : ''));
    }
    $props = $r->getProperties();
    usort($props, fn ($a, $b) => strcmp($a->name, $b->name));
    foreach ($props as $p) {
        out('  ' . implode(' ', Reflection::getModifierNames($p->getModifiers())) . ' ' . type_name($p->getType()) . ' $' . $p->name
            . ($p->hasDefaultValue() ? ' = ' . repr($p->getDefaultValue()) : '') . ($p->class !== $c ? " [from {$p->class}]" : ''));
    }
}
show('method_exists(RdKafka, getMetadata)', method_exists('RdKafka', 'getMetadata'));
show('method_exists(RdKafka, poll)', method_exists('RdKafka', 'poll'));
show('method_exists(RdKafka, newTopic)', method_exists('RdKafka', 'newTopic'));
