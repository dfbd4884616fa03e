//! The protected properties php-amqplib's AbstractConnection constructor sets (`$vhost`, `$login_method`,
//! `$login_response`, `$config`...), declared on mq's AbstractConnection and filled from the config the
//! connection was made with, so a subclass, or a test reading one by reflection, finds php-amqplib's
//! values. What php-amqplib's changes while connected (`$is_connected`, `$channel_max`,
//! `$server_properties`...) is not declared: mq keeps that state in Rust, behind the methods, and a
//! property would go stale.

use ext_php_rs::{builders::ClassBuilder, flags::PropertyFlags, types::{ZendObject, Zval}, zend::ClassEntry};

use super::{connection_config::call, login, settings::Endpoint};
use crate::classes::{self, property, Initial};

/// Set by `describe`, but `config`, `construct_params` and `io`: the PHP constructors have the arguments
/// (`Mq\Internal\HostFailover`), and AbstractConnection's constructor sets them for a direct subclass
/// that passes a StreamIO.
const PROTECTED: [&str; 10] = [
    "config",
    "construct_params",
    "vhost",
    "insist",
    "login_method",
    "login_response",
    "locale",
    "heartbeat",
    "connection_timeout",
    "io",
];

pub fn declare(builder: ClassBuilder) -> ClassBuilder {
    PROTECTED.iter().fold(builder, |builder, name| builder.property(property(name, PropertyFlags::Protected, Initial::Null)))
}

/// Fills the properties of `connection` (scope: AbstractConnection) from `config`, the connection's
/// AMQPConnectionConfig, and `endpoint`, the broker it reached (its vhost and credentials: php-amqplib's
/// create_connection() constructs a connection per host it tries).
pub fn describe(connection: &ZendObject, scope: &ClassEntry, config: &Zval, login_method: &str, endpoint: &Endpoint) {
    let set = |name: &str, value: Zval| classes::write(connection, scope, name, value);
    set("vhost", classes::binary(endpoint.vhost.as_bytes()));
    for (name, getter) in [
        ("insist", "isInsist"),
        ("login_method", "getLoginMethod"),
        ("locale", "getLocale"),
        ("heartbeat", "getHeartbeat"),
        ("connection_timeout", "getConnectionTimeout"),
    ] {
        set(name, call(config, getter));
    }
    set("login_response", match login_response(login_method, &endpoint.user, &endpoint.password) {
        Some(response) => classes::binary(&response),
        None if login_method == "EXTERNAL" => call(config, "getLoginResponse"),
        None => Zval::new(),
    });
}

/// `$config ? clone $config : null`, as php-amqplib's constructor keeps its config argument.
pub fn cloned(config: &Zval) -> Zval {
    let Some(object) = config.object() else { return Zval::new() };
    // SAFETY: a live object; its handlers' clone (PHP's own, for AMQPConnectionConfig) returns a new
    // object with a count of one, which the Zval takes over.
    unsafe {
        let clone = (*object.handlers).clone_obj.map(|clone| clone(std::ptr::from_ref(object).cast_mut()));
        match clone.filter(|c| !c.is_null()) {
            Some(clone) => {
                let mut zval = Zval::new();
                zval.set_object(&mut *clone);
                // set_object added a count of its own: the one the clone came with goes (it stays above 0).
                (*clone).gc.refcount -= 1;
                zval
            }
            None => config.shallow_clone(),
        }
    }
}

/// php-amqplib's `$login_response` for credentials: the response its login method makes of them (PLAIN,
/// AMQPLAIN); None without both a user and a password (PHP truthiness: "" and "0" are none).
fn login_response(method: &str, user: &[u8], password: &[u8]) -> Option<Vec<u8>> {
    let given = |s: &[u8]| !s.is_empty() && s != b"0";
    (given(user) && given(password) && matches!(method, "PLAIN" | "AMQPLAIN"))
        .then(|| login::response(login::mechanism(method), user, password))
}

#[cfg(test)]
mod tests {
    use super::login_response;

    #[test]
    fn login_responses_are_php_amqplibs() {
        assert_eq!(login_response("PLAIN", b"u", b"p").unwrap(), b"\0u\0p");
        // php-amqplib's AMQPWriter::write_table(['LOGIN' => ['S', 'u'], 'PASSWORD' => ['S', 'pw']]) after
        // its four length bytes.
        assert_eq!(
            login_response("AMQPLAIN", b"u", b"pw").unwrap(),
            b"\x05LOGINS\x00\x00\x00\x01u\x08PASSWORDS\x00\x00\x00\x02pw"
        );
        assert_eq!(login_response("AMQPLAIN", b"u", b"0"), None);
        assert_eq!(login_response("EXTERNAL", b"u", b"p"), None);
    }
}
