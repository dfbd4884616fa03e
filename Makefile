# mq: build, install, brokers, tests, demo, benchmarks. `make help` lists the targets.

PHP        ?= php
PHP_CONFIG ?= php-config
SO         := modules/mq.so
CARGO_TARGET_DIR ?= target
export CARGO_TARGET_DIR

.PHONY: all build deps deps-check install uninstall brokers brokers-stop test test-rust test-phpt test-phpunit valgrind faults demo bench bench-smoke bench-laravel help

all: build

help:
	@echo "make            build $(SO) (release)"
	@echo "make deps       install every system package mq needs (idempotent)"
	@echo "make install    copy mq.so into PHP's extension dir and enable it (phpenmod mq)"
	@echo "make brokers    start the local RabbitMQ and Kafka brokers; make brokers-stop stops them"
	@echo "make test       deps check, build, brokers, then Rust, PHPT, PHPUnit, differential, Kafka group-protocol and bench smoke tests"
	@echo "make valgrind   the PHPT suite under Valgrind memcheck: fails on any memory error or definite leak not in tests/valgrind/mq.supp"
	@echo "make faults     the fault-injection suites at full size on a three-node RabbitMQ cluster and a three-broker Kafka cluster they start and stop (tests/faults/)"
	@echo "make demo       build, start the brokers and run the examples"
	@echo "make bench      benchmarks of mq against php-amqplib, php-amqp, kcat and Kafka's perf tools (bench/README.md)"
	@echo "make bench-laravel  mq's Laravel drivers against Laravel's redis and database drivers (bench/laravel.php)"

build: $(SO)

# Cargo decides what is stale; the copy keeps one fixed path for PHP to load.
$(SO): FORCE
	cargo build --release
	@mkdir -p modules
	cp $(CARGO_TARGET_DIR)/release/libmq.so $(SO)
FORCE:

deps:
	scripts/deps.sh

deps-check: deps

install: build
	install -m 0755 $(SO) "$$($(PHP_CONFIG) --extension-dir)/mq.so"
	printf '; priority=30\nextension=mq.so\n' > /etc/php/$$($(PHP) -r 'echo PHP_MAJOR_VERSION.".".PHP_MINOR_VERSION;')/mods-available/mq.ini
	phpenmod mq
	$(PHP) -m | grep -qx mq && echo "mq installed and enabled"

uninstall:
	-phpdismod mq
	rm -f "$$($(PHP_CONFIG) --extension-dir)/mq.so" /etc/php/*/mods-available/mq.ini

brokers:
	scripts/rabbitmq.sh start
	scripts/kafka.sh start

brokers-stop:
	-scripts/kafka.sh stop
	scripts/rabbitmq.sh stop

test: deps-check build brokers
	scripts/test.sh

test-rust:
	scripts/test.sh rust
test-phpt: build
	scripts/test.sh phpt
test-phpunit: build
	scripts/test.sh phpunit

# Not part of `make test` (about 7 minutes: scripts/valgrind.sh). VALGRIND_TESTS: some tests only.
valgrind: build brokers
	scripts/valgrind.sh $(VALGRIND_TESTS)

# Full size (`make test` runs the reduced size through `scripts/test.sh faults`): the RabbitMQ suite, then the
# Kafka one. The cluster of scripts/rabbitmq-cluster.sh is started by run.php and stopped here whatever the
# result; kafka.php starts and stops scripts/kafka-cluster.sh's itself. FAULTS_ARGS: e.g. --only=restart,
# --client=php-amqplib; KAFKA_FAULTS_ARGS: e.g. --only=kill-broker
faults: build
	$(PHP) -n tests/faults/run.php --so=$(CURDIR)/$(SO) $(FAULTS_ARGS); rc=$$?; scripts/rabbitmq-cluster.sh stop; \
	$(PHP) -n tests/faults/kafka.php --so=$(CURDIR)/$(SO) $(KAFKA_FAULTS_ARGS) || rc=1; exit $$rc

demo: deps build brokers
	scripts/demo.sh

# Benchmarks against php-amqplib, php-amqp, kcat and Kafka's perf tools (bench/README.md). BENCH_ARGS: e.g. --rounds=5 --only=publish
bench: build brokers
	MQ_SO=$(CURDIR)/$(SO) $(PHP) bench/run.php $(BENCH_ARGS)

bench-smoke: build brokers
	MQ_SO=$(CURDIR)/$(SO) $(PHP) bench/run.php --smoke

# The Laravel drivers against Laravel's redis and database drivers (bench/laravel.php). BENCH_ARGS: e.g. --jobs=2000
bench-laravel: build brokers
	$(PHP) -n -d memory_limit=-1 $(foreach e,dom xml mbstring tokenizer ctype pdo pdo_sqlite posix igbinary redis,-d extension=$(e)) \
	  -d extension=$(CURDIR)/$(SO) bench/laravel.php $(BENCH_ARGS)
