//! Making a client from a `RdKafka\Conf`: its configuration and callbacks, creation errors, what a new client is told.

use ext_php_rs::{exception::PhpException, types::ZendClassObject};
use rdkafka::{client::Client, config::RDKafkaLogLevel, error::KafkaError, ClientConfig};

use super::{
    callbacks::Callbacks,
    conf::Conf,
    context::Context,
    errors,
};

/// A client configuration from an optional Conf, and the callbacks it carries (without a Conf, clients log
/// at librdkafka's default level, LOG_INFO: rdkafka would set the `log` crate's).
pub fn client_config(conf: Option<&ZendClassObject<Conf>>) -> (ClientConfig, Callbacks) {
    conf.map_or_else(
        || {
            let mut config = ClientConfig::new();
            config.set_log_level(RDKafkaLogLevel::Info);
            (config, Callbacks::default())
        },
        |c| (c.client_config(), c.callbacks()),
    )
}

/// Finishes a new client: the context learns the client's name.
pub fn finish_client(client: &Client<Context>) {
    client.context().created(client.native_ptr());
}

pub fn creation_error(error: KafkaError) -> PhpException {
    match error {
        KafkaError::ClientCreation(message) => errors::exception(message, 0),
        KafkaError::ClientConfig(res, message, ..) => errors::exception(message, res as i32),
        other => errors::from_kafka(&other),
    }
}
