<?php

declare(strict_types=1);

namespace Mq\Laravel\RabbitMQ\Console;

class ExchangeDeleteCommand extends RabbitMQCommand
{
    protected $signature = 'rabbitmq:exchange-delete {exchange} {connection=rabbitmq} {--unused : only if nothing is bound to it}';

    protected $description = 'Delete an exchange';

    public function handle(): int
    {
        $exchange = (string) $this->argument('exchange');
        $this->rabbitmq()->channel()->exchange_delete($exchange, (bool) $this->option('unused'));
        $this->info("Exchange [$exchange] deleted.");
        return 0;
    }
}
