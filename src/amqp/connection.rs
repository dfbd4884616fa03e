//! `PhpAmqpLib\Connection\*`: the connection classes, on one lapin connection each.

use std::{cell::RefCell, time::Duration};

use ext_php_rs::{
    builders::{ClassBuilder, ClassProperty},
    convert::IntoZval,
    exception::PhpResult,
    flags::PropertyFlags,
    prelude::*,
    types::{ZendClassObject, ZendEmptyArray, ZendHashTable, Zval},
    zend::ClassEntry,
};
use lapin::{
    uri::{AMQPAuthority, AMQPQueryString, AMQPScheme, AMQPUri, AMQPUserInfo, SASLMechanism},
    Connection, ConnectionProperties,
};

use super::{
    channel::{mixed, AmqpChannel},
    errors::{self, Method},
    exceptions as ex,
};
use crate::{
    classes,
    mixed::{Mixed, NULL, ZERO_SIG},
    exceptions::exception,
    runtime::{self, OnSignal, OwnerPid, Waited},
};

pub const ABSTRACT: &str = "PhpAmqpLib\\Connection\\AbstractConnection";
pub const STREAM: &str = "PhpAmqpLib\\Connection\\AMQPStreamConnection";

/// Where and how to connect: php-amqplib's constructor arguments, kept for reconnect().
#[derive(Clone, Debug)]
pub struct Settings {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
    pub vhost: String,
    pub connection_timeout: f64,
    pub read_write_timeout: f64,
    pub channel_rpc_timeout: f64,
    pub heartbeat: u16,
    pub tls: Option<Tls>,
    pub connection_name: Option<String>,
    /// php-amqplib's `$login_method`: AMQPLAIN (its default), PLAIN or EXTERNAL.
    pub login_method: String,
}

#[derive(Clone, Debug, Default)]
pub struct Tls {
    /// CA certificates (PEM) the server's certificate must chain to; None: the system's roots.
    pub ca_pem: Option<String>,
}

impl Settings {
    /// Channel RPCs (declare, bind, get...) wait this long for the broker's answer, as php-amqplib's
    /// socket reads do: `channel_rpc_timeout` when set, else the read/write timeout; 0 is no limit.
    pub fn rpc_timeout(&self) -> Option<Duration> {
        let seconds = if self.channel_rpc_timeout > 0.0 { self.channel_rpc_timeout } else { self.read_write_timeout };
        (seconds > 0.0).then(|| Duration::from_secs_f64(seconds))
    }

    fn uri(&self) -> AMQPUri {
        AMQPUri {
            scheme: if self.tls.is_some() { AMQPScheme::AMQPS } else { AMQPScheme::AMQP },
            authority: AMQPAuthority {
                userinfo: AMQPUserInfo { username: self.user.clone(), password: self.password.clone() },
                host: self.host.clone(),
                port: self.port,
            },
            vhost: self.vhost.clone(),
            query: AMQPQueryString {
                heartbeat: Some(self.heartbeat),
                auth_mechanism: Some(match self.login_method.as_str() {
                    "PLAIN" => SASLMechanism::Plain,
                    "EXTERNAL" => SASLMechanism::External,
                    _ => SASLMechanism::AMQPlain,
                }),
                connection_timeout: (self.connection_timeout > 0.0)
                    .then(|| (self.connection_timeout * 1000.0) as u64),
                ..Default::default()
            },
        }
    }
}

/// A live lapin connection and the process that opened it.
pub struct Link {
    /// Dropped only in the process that opened it (see `Drop`).
    pub connection: std::mem::ManuallyDrop<Connection>,
    pub owner: OwnerPid,
    /// How long channel RPCs wait (`Settings::rpc_timeout`).
    pub rpc_timeout: Option<Duration>,
}

impl Link {
    /// Refuses use from a forked child: the connection's socket and threads belong to the parent.
    pub fn check_owner(&self) -> PhpResult<()> {
        if self.owner.is_current() {
            Ok(())
        } else {
            Err(exception(
                ex::CONNECTION_CLOSED,
                "This connection was opened by a parent process before fork(): open a new connection in the child.",
                0,
            ))
        }
    }

    pub fn is_connected(&self) -> bool {
        self.owner.is_current() && self.connection.status().connected()
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        // In a forked child the parent still uses this socket, and the connection's threads are gone:
        // leak it rather than close it for the parent or wait on dead threads.
        if self.owner.is_current() {
            // SAFETY: dropped exactly once, here.
            unsafe { std::mem::ManuallyDrop::drop(&mut self.connection) };
        }
    }
}

fn connect(settings: &Settings) -> PhpResult<Link> {
    let runtime = runtime::runtime()?;
    let mut properties = ConnectionProperties::default()
        .with_client_property("product".into(), "mq".into())
        .with_client_property("version".into(), crate::VERSION.into())
        .with_client_property("platform".into(), "PHP".into());
    if let Some(name) = &settings.connection_name {
        properties = properties.with_connection_name(name.clone().into());
    }
    let tls = lapin::tcp::OwnedTLSConfig {
        identity: None,
        cert_chain: settings.tls.as_ref().and_then(|t| t.ca_pem.clone()),
    };
    let rt = async_rs::Runtime::tokio_with_handle(runtime.handle().clone());
    let uri = settings.uri();
    let attempt = Connection::connect_uri_with_config(uri, properties, tls, rt);
    let limit = (settings.connection_timeout > 0.0).then(|| Duration::from_secs_f64(settings.connection_timeout));
    match runtime::wait(attempt, limit, OnSignal::Dispatch)? {
        Waited::Ready(Ok(connection)) => Ok(Link {
            connection: std::mem::ManuallyDrop::new(connection),
            owner: OwnerPid::current(),
            rpc_timeout: settings.rpc_timeout(),
        }),
        Waited::Ready(Err(e)) => Err(errors::connect_error(&e)),
        Waited::TimedOut => Err(exception(
            ex::IO,
            format!("Connection to {}:{} timed out after {} sec", settings.host, settings.port, settings.connection_timeout),
            0,
        )),
        Waited::Interrupted => unreachable!("signals are dispatched while connecting"),
    }
}

fn abstract_connection() -> &'static ClassEntry {
    classes::class(ABSTRACT)
}

/// Declares `public $channels = []` as an ordinary property, so `$conn->channels[...]` behaves as in
/// php-amqplib and the cycle collector sees the channels.
fn declare_channels(builder: ClassBuilder) -> ClassBuilder {
    builder.property(ClassProperty {
        name: "channels".into(),
        flags: PropertyFlags::Public,
        default: Some(Box::new(|| ZendEmptyArray.into_zval(true))),
        docs: &[],
        ty: None,
        nullable: true,
        readonly: false,
        default_stub: Some("[]".into()),
    })
}

#[php_class]
#[php(name = "PhpAmqpLib\\Connection\\AMQPStreamConnection")]
#[php(extends(ce = abstract_connection, stub = "\\PhpAmqpLib\\Connection\\AbstractConnection"))]
#[php(modifier = declare_channels)]
pub struct AmqpStreamConnection {
    settings: Settings,
    link: RefCell<Option<std::sync::Arc<Link>>>,
    close_on_destruct: std::cell::Cell<bool>,
}

impl AmqpStreamConnection {
    pub fn new_connected(settings: Settings, lazy: bool) -> PhpResult<Self> {
        let link = if lazy { None } else { Some(std::sync::Arc::new(connect(&settings)?)) };
        Ok(Self { settings, link: RefCell::new(link), close_on_destruct: std::cell::Cell::new(true) })
    }

    /// The live connection: connects a lazy one on first use and, as php-amqplib's channel() does,
    /// a closed one again.
    pub fn link(&self) -> PhpResult<std::sync::Arc<Link>> {
        if let Some(link) = self.link.borrow().as_ref() {
            link.check_owner()?;
            if link.connection.status().connected() {
                return Ok(link.clone());
            }
        }
        let link = std::sync::Arc::new(connect(&self.settings)?);
        *self.link.borrow_mut() = Some(link.clone());
        Ok(link)
    }

    fn channels(self_: &mut ZendClassObject<Self>) -> Zval {
        let this = self_.get_mut_zend_obj();
        classes::read(this, this.get_class_entry(), "channels")
    }

    fn close_link(&self) -> PhpResult<()> {
        let Some(link) = self.link.borrow_mut().take() else { return Ok(()) };
        if !link.is_connected() {
            return Ok(());
        }
        let closing = link.connection.close(200, "".into());
        match runtime::wait(closing, Some(Duration::from_secs(3)), OnSignal::Dispatch)? {
            Waited::Ready(Err(e)) if !matches!(e.kind(), lapin::ErrorKind::InvalidConnectionState(_)) => {
                Err(errors::connection_error(&e, Method(10, 50)))
            }
            _ => Ok(()),
        }
    }
}

impl Settings {
    /// Host, port and credentials as php-amqplib takes them, with its defaults for the rest.
    pub fn endpoint(host: &Zval, port: &Zval, user: &Zval, password: &Zval) -> PhpResult<Self> {
        let text = |z: &Zval| z.coerce_to_string().unwrap_or_default();
        let port = port.coerce_to_long().filter(|p| (1..=65535).contains(p)).ok_or_else(|| {
            exception("InvalidArgumentException", format!("Invalid port: {}", text(port)), 0)
        })?;
        Ok(Settings {
            host: text(host),
            port: port as u16,
            user: text(user),
            password: text(password),
            vhost: "/".into(),
            connection_timeout: 3.0,
            read_write_timeout: 3.0,
            channel_rpc_timeout: 0.0,
            heartbeat: 0,
            tls: None,
            connection_name: None,
            login_method: "AMQPLAIN".into(),
        })
    }

    /// php-amqplib's constructor check.
    pub fn validate(&self) -> PhpResult<()> {
        if self.channel_rpc_timeout > self.read_write_timeout {
            return Err(exception(
                "InvalidArgumentException",
                "channel RPC timeout must not be greater than I/O read-write timeout",
                0,
            ));
        }
        Ok(())
    }
}

#[php_impl]
#[php(change_method_case = "snake_case")]
impl AmqpStreamConnection {
    #[php(defaults(
        vhost = "\"/\"",
        insist = false,
        login_method = "\"AMQPLAIN\"",
        login_response = NULL,
        locale = "\"en_US\"",
        connection_timeout = 3.0,
        read_write_timeout = 3.0,
        context = NULL,
        keepalive = false,
        heartbeat = 0,
        channel_rpc_timeout = 0.0,
        ssl_protocol = NULL,
        config = NULL
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn __construct(
        host: &Zval,
        port: &Zval,
        user: &Zval,
        password: &Zval,
        vhost: Mixed,
        insist: Mixed,
        login_method: Mixed,
        login_response: Mixed,
        locale: Mixed,
        connection_timeout: Mixed,
        read_write_timeout: Mixed,
        context: Mixed,
        keepalive: Mixed,
        heartbeat: Mixed,
        channel_rpc_timeout: Mixed,
        ssl_protocol: Mixed,
        config: Mixed,
    ) -> PhpResult<Self> {
        let _ = (insist, login_response, locale, context, keepalive, ssl_protocol, config);
        let settings = Settings {
            login_method: login_method.text(),
            vhost: vhost.text(),
            connection_timeout: connection_timeout.float(),
            read_write_timeout: read_write_timeout.float(),
            channel_rpc_timeout: channel_rpc_timeout.float(),
            heartbeat: heartbeat.int().clamp(0, 65535) as u16,
            ..Settings::endpoint(host, port, user, password)?
        };
        settings.validate()?;
        Self::new_connected(settings, false)
    }

    /// A channel: the open one with this id, or a new one.
    #[php(defaults(channel_id = NULL))]
    pub fn channel(self_: &mut ZendClassObject<Self>, channel_id: Mixed) -> PhpResult<Zval> {
        let channels = Self::channels(self_);
        let channel_id = (!channel_id.is_null()).then(|| channel_id.int());
        if let (Some(id), Some(open)) = (channel_id, channels.array()) {
            if let Some(existing) = open.get_index(id) {
                return Ok(existing.shallow_clone());
            }
        }
        let link = self_.link()?;
        let mut connection = Zval::new();
        connection.set_object(self_.get_mut_zend_obj());
        let (id, channel) = AmqpChannel::open(link, connection)?;
        let mut list: ext_php_rs::boxed::ZBox<ZendHashTable> =
            channels.array().map(|a| a.to_owned()).unwrap_or_else(ZendHashTable::new);
        if list.get_index(0).is_none() {
            // php-amqplib's connection is its own channel 0.
            let mut this = Zval::new();
            this.set_object(self_.get_mut_zend_obj());
            list.insert_at_index(0, this)?;
        }
        list.insert_at_index(i64::from(id), channel.shallow_clone())?;
        let this = self_.get_mut_zend_obj();
        let scope = this.get_class_entry();
        classes::write(this, scope, "channels", list.into_zval(false)?);
        Ok(channel)
    }

    /// Closes every channel, then the connection.
    #[php(defaults(reply_code = 0, reply_text = "\"\"", method_sig = ZERO_SIG))]
    pub fn close(self_: &mut ZendClassObject<Self>, reply_code: Mixed, reply_text: Mixed, method_sig: Mixed) -> PhpResult<Zval> {
        let _ = (reply_code, reply_text, method_sig);
        if let Some(channels) = Self::channels(self_).array() {
            // Index 0 is the connection itself.
            for (_, channel) in channels.iter().filter(|(k, _)| k.to_string() != "0") {
                if let Some(object) = channel.object() {
                    let _ = object.try_call_method("close", vec![]);
                }
            }
        }
        let this = self_.get_mut_zend_obj();
        let scope = this.get_class_entry();
        classes::write(this, scope, "channels", ZendEmptyArray.into_zval(false)?);
        self_.close_link()?;
        Ok(Zval::new())
    }

    /// Closes (if open) and connects again with the same arguments; channels are not recreated.
    pub fn reconnect(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        let _ = self_.close_link();
        let this = self_.get_mut_zend_obj();
        let scope = this.get_class_entry();
        classes::write(this, scope, "channels", ZendEmptyArray.into_zval(false)?);
        let link = std::sync::Arc::new(connect(&self_.settings)?);
        *self_.link.borrow_mut() = Some(link);
        Ok(())
    }

    #[php(name = "isConnected")]
    pub fn is_connected(&self) -> Zval {
        mixed(self.link.borrow().as_ref().is_some_and(|l| l.is_connected()))
    }

    #[php(name = "isBlocked")]
    pub fn is_blocked(&self) -> Zval {
        mixed(false)
    }

    #[php(name = "getHeartbeat")]
    pub fn get_heartbeat(&self) -> Zval {
        let link = self.link.borrow();
        mixed(link.as_ref().map_or(i64::from(self.settings.heartbeat), |l| i64::from(l.connection.configuration().heartbeat())))
    }

    #[php(name = "getReadTimeout")]
    pub fn get_read_timeout(&self) -> Zval {
        mixed(self.settings.read_write_timeout)
    }

    /// Heartbeats run on mq's I/O threads; there is nothing for PHP to check.
    #[php(name = "checkHeartBeat")]
    pub fn check_heart_beat(&self) {}

    #[php(name = "connectOnConstruct")]
    pub fn connect_on_construct(&self) -> Zval {
        mixed(true)
    }

    #[php(defaults(close = true))]
    pub fn set_close_on_destruct(&self, close: Mixed) {
        self.close_on_destruct.set(close.flag());
    }
}

impl Drop for AmqpStreamConnection {
    fn drop(&mut self) {
        if self.close_on_destruct.get() {
            let _ = self.close_link();
        }
    }
}

/// Classes registered at startup, before the macro-registered ones that extend them.
pub fn abstract_classes() -> Vec<classes::PlainClass> {
    vec![
        classes::PlainClass {
            flags: ext_php_rs::flags::ClassFlags::Abstract,
            ..classes::PlainClass::simple("PhpAmqpLib\\Channel\\AbstractChannel", classes::Parent::None, &[])
        },
        classes::PlainClass {
            flags: ext_php_rs::flags::ClassFlags::Abstract,
            ..classes::PlainClass::simple(ABSTRACT, classes::Parent::Own("PhpAmqpLib\\Channel\\AbstractChannel"), &[])
        },
    ]
}
