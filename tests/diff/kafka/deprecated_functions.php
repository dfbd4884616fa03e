<?php
require __DIR__ . '/_prelude.php';

show('errno2err(110)', rd_kafka_errno2err(110));
show('errno2err(0)', rd_kafka_errno2err(0));
show('errno is int', is_int(rd_kafka_errno()));
