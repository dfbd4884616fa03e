//! `Settings` read from php-amqplib's `AMQPConnectionConfig` (and `create_connection()`'s host list).

use ext_php_rs::{exception::PhpResult, types::Zval};

use super::{
    exceptions as ex,
    settings::{Endpoint, Settings},
    tls::{Fingerprint, TlsOptions},
    wire,
};
use crate::{classes, exceptions::exception, ini, retry::php::PhpRetryPolicy};

/// `$config->$method()`, null if the call fails (an exception is then pending).
pub(super) fn call(config: &Zval, method: &str) -> Zval {
    config.object().and_then(|o| o.try_call_method(method, vec![]).ok()).unwrap_or_default()
}

/// A string setting (bytes that are not UTF-8 read lossily: RabbitMQ takes UTF-8 names only).
fn text(config: &Zval, method: &str) -> Option<String> {
    let value = call(config, method);
    (!value.is_null()).then(|| crate::php_string::lossy(&value).unwrap_or_default())
}

/// A string setting as bytes (PHP's credentials, paths and passphrases need not be UTF-8).
fn bytes(config: &Zval, method: &str) -> Option<Vec<u8>> {
    let value = call(config, method);
    (!value.is_null()).then(|| crate::php_string::try_bytes(&value).unwrap_or_default())
}

/// A file or directory setting: an empty path is none.
fn path(config: &Zval, method: &str) -> Option<Vec<u8>> {
    bytes(config, method).filter(|p| !p.is_empty())
}

fn number(config: &Zval, method: &str) -> f64 {
    call(config, method).coerce_to_double().unwrap_or(0.0)
}

/// Whether `value` is an AMQPConnectionConfig, the class whose getters `Settings::from_config` reads.
pub fn is_config(value: &Zval) -> bool {
    value.object().is_some_and(|o| o.get_class_name().is_ok_and(|n| n == "PhpAmqpLib\\Connection\\AMQPConnectionConfig"))
}

impl Settings {
    /// Reads an AMQPConnectionConfig: endpoint, login, timeouts, heartbeat, TLS, connection name.
    pub fn from_config(config: &Zval) -> PhpResult<Self> {
        if !is_config(config) {
            return Err(exception("InvalidArgumentException", "expected an AMQPConnectionConfig", 0));
        }
        let tls = call(config, "isSecure").coerce_to_bool().then(|| tls(config));
        let primary = Endpoint {
            host: text(config, "getHost").unwrap_or_default(),
            port: port(number(config, "getPort")),
            user: bytes(config, "getUser").unwrap_or_default(),
            password: bytes(config, "getPassword").unwrap_or_default(),
            vhost: text(config, "getVhost").unwrap_or_else(|| "/".into()),
        };
        let policy = call(config, "getRetryPolicy");
        let settings = Settings {
            hosts: std::iter::once(primary).chain(failover_hosts(config)).collect(),
            retry: PhpRetryPolicy::of(&policy),
            connection_timeout: number(config, "getConnectionTimeout"),
            read_write_timeout: number(config, "getReadTimeout").max(number(config, "getWriteTimeout")),
            channel_rpc_timeout: number(config, "getChannelRPCTimeout"),
            heartbeat: number(config, "getHeartbeat").clamp(0.0, 65535.0) as u16,
            tls,
            connection_name: text(config, "getConnectionName").filter(|n| !n.is_empty()),
            client_properties: super::table::encode_table(&super::library_properties::current())?,
            login_method: text(config, "getLoginMethod").unwrap_or_else(|| "AMQPLAIN".into()),
            recovery: match call(config, "getAutomaticRecovery") {
                set if set.is_null() => ini::amqp_recovery(),
                set => set.coerce_to_bool(),
            },
            socket_io: text(config, "getIoType").as_deref() == Some("socket"),
        };
        if crate::executor::has_exception() {
            return Err(exception(ex::RUNTIME, "reading the connection config failed", 0));
        }
        // The vhost is a short string of connection.open (php-amqplib's write_shortstr check).
        for endpoint in &settings.hosts {
            wire::short_bytes(endpoint.vhost.clone().into_bytes())?;
        }
        // mq does not send a locale (RabbitMQ knows en_US only) but checks it as php-amqplib writes it.
        wire::short_bytes(text(config, "getLocale").unwrap_or_default().into_bytes())?;
        Ok(settings)
    }
}

/// A port number as the config holds it, clamped into u16.
fn port(value: f64) -> u16 {
    value.clamp(0.0, 65535.0) as u16
}

/// The hosts after the config's own that `create_connection()` handed over (see
/// `Mq\Internal\HostFailover::$failover`): entries already checked and cast by PHP.
fn failover_hosts(config: &Zval) -> Vec<Endpoint> {
    let Some(object) = config.object() else { return Vec::new() };
    let hosts = classes::read(object, object.get_class_entry(), "failoverHosts");
    let Some(list) = hosts.array() else { return Vec::new() };
    let field = |host: &ext_php_rs::types::ZendHashTable, key: &str| host.get(key).map(|v| v.shallow_clone()).unwrap_or_default();
    let string = |value: Zval| crate::php_string::lossy(&value).unwrap_or_default();
    let bytes = |value: Zval| crate::php_string::try_bytes(&value).unwrap_or_default();
    list.iter()
        .filter_map(|(_, host)| host.array())
        .map(|host| Endpoint {
            host: string(field(host, "host")),
            port: port(field(host, "port").coerce_to_double().unwrap_or(0.0)),
            user: bytes(field(host, "user")),
            password: bytes(field(host, "password")),
            vhost: string(field(host, "vhost")),
        })
        .collect()
}

/// The config's TLS options, and those of the stream context it was made from (the private
/// `sslContextOptions` that `AMQPStreamConnection` fills). A CA file or directory not given is php.ini's
/// `openssl.cafile` / `openssl.capath`, as in PHP.
fn tls(config: &Zval) -> TlsOptions {
    let flag = |method| Some(call(config, method)).filter(|v| !v.is_null()).map(|v| v.coerce_to_bool());
    let whole = |v: &Zval| v.coerce_to_long().unwrap_or(0).clamp(0, i64::from(u32::MAX)) as u32;
    let ini_path = |name| Some(crate::ini::string(name)).filter(|p| !p.is_empty()).map(String::into_bytes);
    let context = config.object().map(|o| classes::read(o, o.get_class_entry(), "sslContextOptions")).unwrap_or_default();
    let option = |key: &str| context.array().and_then(|a| a.get(key)).filter(|v| !v.is_null()).map(|v| v.shallow_clone());
    TlsOptions {
        ca_file: path(config, "getSslCaCert").or_else(|| ini_path(c"openssl.cafile")),
        ca_path: path(config, "getSslCaPath").or_else(|| ini_path(c"openssl.capath")),
        cert_file: path(config, "getSslCert"),
        key_file: path(config, "getSslKey"),
        passphrase: bytes(config, "getSslPassPhrase"),
        verify_peer: flag("getSslVerify"),
        verify_peer_name: flag("getSslVerifyName"),
        ciphers: text(config, "getSslCiphers"),
        security_level: Some(call(config, "getSslSecurityLevel")).filter(|v| !v.is_null()).map(|v| whole(&v)),
        peer_name: option("peer_name").map(|v| crate::php_string::lossy(&v).unwrap_or_default()),
        peer_fingerprint: option("peer_fingerprint").map(|v| fingerprint(&v)),
        allow_self_signed: option("allow_self_signed").is_some_and(|v| v.coerce_to_bool()),
        verify_depth: option("verify_depth").map(|v| whole(&v)),
    }
}

/// `peer_fingerprint` as PHP reads it: a string, or an array of algorithm => hex digest.
fn fingerprint(value: &Zval) -> Fingerprint {
    if let Some(array) = value.array() {
        let mut pairs = Vec::new();
        for (key, digest) in array.iter() {
            if matches!(key, ext_php_rs::types::ArrayKey::Long(_)) || !digest.is_string() {
                return Fingerprint::Invalid("Invalid peer_fingerprint array; [algo => fingerprint] form required");
            }
            pairs.push((key.to_string(), crate::php_string::lossy(digest).unwrap_or_default()));
        }
        Fingerprint::Digests(pairs)
    } else if value.is_string() {
        Fingerprint::Digest(crate::php_string::lossy(value).unwrap_or_default())
    } else {
        Fingerprint::Invalid("Expected peer fingerprint must be a string or an array")
    }
}
