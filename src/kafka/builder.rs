//! Making a client from a `RdKafka\Conf`: its configuration and callbacks, creation errors, what a new client is told.

use ext_php_rs::{exception::PhpException, types::ZendClassObject};
use rdkafka::{client::Client, error::KafkaError, ClientConfig};

use super::{
    callbacks::Callbacks,
    client_calls::set_log_level,
    conf::Conf,
    context::Context,
    errors,
};

/// A client configuration from an optional Conf, and the callbacks it carries.
pub fn client_config(conf: Option<&ZendClassObject<Conf>>) -> (ClientConfig, Callbacks) {
    conf.map_or_else(|| (ClientConfig::new(), Callbacks::default()), |c| (c.client_config(), Conf::callbacks(c)))
}

/// Finishes a new client: librdkafka logs at the level the user configured (rdkafka otherwise
/// overrides it with the `log` crate's level), and the context learns the client's name.
pub fn finish_client(client: &Client<Context>, conf: Option<&Conf>) {
    let level = conf.and_then(|c| c.get("log_level")).and_then(|l| l.parse().ok()).unwrap_or(6);
    set_log_level(client, level);
    client.context().created(client.native_ptr());
}

pub fn creation_error(error: KafkaError) -> PhpException {
    match error {
        KafkaError::ClientCreation(message) => errors::exception(message, 0),
        KafkaError::ClientConfig(res, message, ..) => errors::exception(message, res as i32),
        other => errors::from_kafka(&other),
    }
}
