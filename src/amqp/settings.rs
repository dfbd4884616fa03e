//! Where and how a connection connects: its brokers (`Endpoint`), timeouts, TLS and login (`Settings`).

use std::time::Duration;

use lapin::uri::{AMQPAuthority, AMQPQueryString, AMQPScheme, AMQPUri, AMQPUserInfo};

use super::{tls::TlsOptions, wire};
use crate::retry::RetryPolicy;

/// One broker to connect to, with its login.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    /// The credentials' bytes as PHP has them (`login::Login` sends them).
    pub user: Vec<u8>,
    pub password: Vec<u8>,
    pub vhost: String,
}

impl Endpoint {
    /// "host:port", as attempts are listed.
    pub fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// Where and how to connect: php-amqplib's constructor arguments, kept for reconnect().
#[derive(Clone, Debug)]
pub struct Settings {
    /// The brokers, tried in order by `connect` (the first is the primary; never empty):
    /// `create_connection()`'s host list, else the one endpoint of the constructor or config.
    pub hosts: Vec<Endpoint>,
    /// How `connect` retries across `hosts` (`AMQPConnectionConfig::setRetryPolicy()`,
    /// `create_connection()`'s `retry_policy`); None: one pass, as php-amqplib's create_connection.
    pub retry: Option<RetryPolicy>,
    pub connection_timeout: f64,
    pub read_write_timeout: f64,
    pub channel_rpc_timeout: f64,
    pub heartbeat: u16,
    /// TLS, when the connection is secure; its connector is made for each connect (`tls`).
    pub tls: Option<TlsOptions>,
    pub connection_name: Option<String>,
    /// `$LIBRARY_PROPERTIES` when the connection was constructed (`library_properties`), sent in the
    /// handshake.
    pub client_properties: lapin::types::FieldTable,
    /// php-amqplib's `$login_method`: AMQPLAIN (its default), PLAIN or EXTERNAL.
    pub login_method: String,
    /// Automatic recovery of a lost connection (`mq.amqp_recovery`, `AMQPConnectionConfig::setAutomaticRecovery`).
    pub recovery: bool,
    /// The config's I/O type is 'socket' (AMQPSocketConnection): a host that cannot be reached fails as
    /// php-amqplib's ext-sockets connection words it (`transport::UnableToConnect`).
    pub socket_io: bool,
}

impl Settings {
    /// The retry policy connecting follows, if one was configured.
    pub fn policy(&self) -> Option<&RetryPolicy> {
        self.retry.as_ref()
    }

    /// Channel RPCs (declare, bind, get...) wait this long for the broker's answer: `channel_rpc_timeout`,
    /// 0 being no limit. php-amqplib waits for an answer's first byte as long (its read/write timeout
    /// bounds only a frame it has begun to read), so a slow broker's purge or declare still answers; a
    /// dead link ends the wait through mq's heartbeats.
    pub fn rpc_timeout(&self) -> Option<Duration> {
        wire::seconds_limit(self.channel_rpc_timeout).unwrap_or(None)
    }

    /// How long a publish may wait for a link that takes no byte, as php-amqplib's writes wait: the
    /// read/write timeout; 0 is no limit.
    pub fn write_timeout(&self) -> Option<Duration> {
        wire::seconds_limit(self.read_write_timeout).unwrap_or(None)
    }

    /// How long connecting may take: None for no limit (0, INF, NAN: php-amqplib refuses the last two).
    pub fn connect_timeout(&self) -> Option<Duration> {
        wire::seconds_limit(self.connection_timeout).unwrap_or(None)
    }

    /// The URI of one of `hosts`, with these settings' TLS, heartbeat, login method and timeout.
    pub fn uri(&self, endpoint: &Endpoint) -> AMQPUri {
        AMQPUri {
            scheme: if self.tls.is_some() { AMQPScheme::AMQPS } else { AMQPScheme::AMQP },
            authority: AMQPAuthority {
                // Shown by lapin only: the login is `login::Login`'s, from the bytes.
                userinfo: AMQPUserInfo {
                    username: String::from_utf8_lossy(&endpoint.user).into_owned(),
                    password: String::from_utf8_lossy(&endpoint.password).into_owned(),
                },
                host: endpoint.host.clone(),
                port: endpoint.port,
            },
            vhost: endpoint.vhost.clone(),
            query: AMQPQueryString {
                heartbeat: Some(self.heartbeat),
                auth_mechanism: Some(super::login::mechanism(&self.login_method)),
                connection_timeout: self.connect_timeout().map(|t| t.as_millis().min(u128::from(u64::MAX)) as u64),
                ..Default::default()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lapin::uri::SASLMechanism;

    fn endpoint() -> Endpoint {
        Endpoint { host: "h".into(), port: 5672, user: b"u".to_vec(), password: b"p".to_vec(), vhost: "/".into() }
    }

    fn settings(read_write: f64, rpc: f64) -> Settings {
        Settings {
            hosts: vec![endpoint()],
            retry: None,
            connection_timeout: 3.0,
            read_write_timeout: read_write,
            channel_rpc_timeout: rpc,
            heartbeat: 0,
            tls: None,
            connection_name: None,
            client_properties: Default::default(),
            login_method: "AMQPLAIN".into(),
            recovery: false,
            socket_io: false,
        }
    }

    #[test]
    fn rpc_timeout_follows_php_amqplib() {
        // The read/write timeout does not bound an RPC: only channel_rpc_timeout does.
        assert_eq!(settings(3.0, 0.0).rpc_timeout(), None);
        assert_eq!(settings(3.0, 1.5).rpc_timeout(), Some(Duration::from_millis(1500)));
        assert_eq!(settings(0.0, 0.0).rpc_timeout(), None);
        assert_eq!(settings(0.0, 2.0).rpc_timeout(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn uri_carries_login_method_heartbeat_and_tls() {
        let mut s = settings(3.0, 0.0);
        s.heartbeat = 10;
        s.tls = Some(TlsOptions::default());
        let uri = s.uri(&endpoint());
        assert_eq!(uri.scheme, AMQPScheme::AMQPS);
        assert_eq!(uri.query.heartbeat, Some(10));
        assert_eq!(uri.query.auth_mechanism, Some(SASLMechanism::AMQPlain));
        assert_eq!(uri.query.connection_timeout, Some(3000));
        s.login_method = "PLAIN".into();
        assert_eq!(s.uri(&endpoint()).query.auth_mechanism, Some(SASLMechanism::Plain));
    }

    #[test]
    fn each_host_of_the_list_connects_with_its_own_login_and_the_shared_settings() {
        let mut s = settings(3.0, 0.0);
        let second = Endpoint { host: "b".into(), port: 5673, user: b"u2".to_vec(), password: b"p2".to_vec(), vhost: "v2".into() };
        s.hosts.push(second.clone());
        s.heartbeat = 7;
        let uri = s.uri(&second);
        assert_eq!((uri.authority.host.as_str(), uri.authority.port), ("b", 5673));
        assert_eq!((uri.authority.userinfo.username.as_str(), uri.authority.userinfo.password.as_str()), ("u2", "p2"));
        assert_eq!((uri.vhost.as_str(), uri.query.heartbeat), ("v2", Some(7)));
        assert_eq!(second.address(), "b:5673");
        assert!(s.policy().is_none());
        s.retry = Some(RetryPolicy::new(3, 0.1, 2.0, 1.0, 0.0, 0.0, None).unwrap());
        assert_eq!(s.policy().map(RetryPolicy::max_attempts), Some(3));
    }
}
