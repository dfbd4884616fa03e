<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ\Console;

class ExchangeDeclareCommand extends RabbitMQCommand
{
    protected $signature = 'rabbitmq:exchange-declare {exchange} {connection=rabbitmq} {--type=direct}';

    protected $description = 'Declare a durable exchange';

    public function handle(): int
    {
        $exchange = (string) $this->argument('exchange');
        $this->rabbitmq()->channel()->exchange_declare($exchange, (string) $this->option('type'), false, true, false);
        $this->info("Exchange [$exchange] declared.");
        return 0;
    }
}
