//! `PhpAmqpLib\Connection\*`: the connection classes, on one lapin connection each.

use std::{
    cell::RefCell,
    rc::Rc,
    sync::Arc,
    time::{Duration, Instant},
};

use ext_php_rs::{
    builders::ClassBuilder,
    convert::IntoZval,
    exception::PhpResult,
    flags::PropertyFlags,
    prelude::*,
    types::{ZendClassObject, ZendEmptyArray, Zval},
    zend::ClassEntry,
};
use lapin::{
    uri::{AMQPAuthority, AMQPQueryString, AMQPScheme, AMQPUri, AMQPUserInfo, SASLMechanism},
    Connection, ConnectionProperties,
};

use super::{
    channel::mixed,
    flow::{Flow, Notice},
    pipeline::Pipeline,
    session::Session,
    errors::{self, ConnectFailure, Method},
    exceptions as ex, wire,
};
use crate::{
    classes::{self, property, Initial},
    mixed::{Mixed, NULL, ZERO_SIG},
    exceptions::exception,
    ini,
    retry::{self, php::PhpRetryPolicy, Attempts, RetryPolicy},
    runtime::{self, OwnerPid},
};


/// One broker to connect to, with its login.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
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
    pub tls: Option<Tls>,
    pub connection_name: Option<String>,
    /// php-amqplib's `$login_method`: AMQPLAIN (its default), PLAIN or EXTERNAL.
    pub login_method: String,
    /// Automatic recovery of a lost connection (`mq.amqp_recovery`, `AMQPConnectionConfig::setAutomaticRecovery`).
    pub recovery: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Tls {
    /// CA certificates (PEM) the server's certificate must chain to; None: the system's roots.
    pub ca_pem: Option<String>,
}

impl Settings {
    /// The retry policy connecting follows, if one was configured.
    pub fn policy(&self) -> Option<&RetryPolicy> {
        self.retry.as_ref()
    }

    /// Channel RPCs (declare, bind, get...) wait this long for the broker's answer, as php-amqplib's
    /// socket reads do: `channel_rpc_timeout` when set, else the read/write timeout; 0 is no limit.
    pub fn rpc_timeout(&self) -> Option<Duration> {
        let seconds = if self.channel_rpc_timeout > 0.0 { self.channel_rpc_timeout } else { self.read_write_timeout };
        wire::seconds_limit(seconds).unwrap_or(None)
    }

    /// How long connecting may take: None for no limit (0, INF, NAN: php-amqplib refuses the last two).
    pub fn connect_timeout(&self) -> Option<Duration> {
        wire::seconds_limit(self.connection_timeout).unwrap_or(None)
    }

    /// lapin's TLS settings: the CA chain to verify the broker with (the system's roots when None).
    pub fn tls_config(&self) -> lapin::tcp::OwnedTLSConfig {
        lapin::tcp::OwnedTLSConfig { identity: None, cert_chain: self.tls.as_ref().and_then(|t| t.ca_pem.clone()) }
    }

    /// The URI of one of `hosts`, with these settings' TLS, heartbeat, login method and timeout.
    pub fn uri(&self, endpoint: &Endpoint) -> AMQPUri {
        AMQPUri {
            scheme: if self.tls.is_some() { AMQPScheme::AMQPS } else { AMQPScheme::AMQP },
            authority: AMQPAuthority {
                userinfo: AMQPUserInfo { username: endpoint.user.clone(), password: endpoint.password.clone() },
                host: endpoint.host.clone(),
                port: endpoint.port,
            },
            vhost: endpoint.vhost.clone(),
            query: AMQPQueryString {
                heartbeat: Some(self.heartbeat),
                auth_mechanism: Some(match self.login_method.as_str() {
                    "PLAIN" => SASLMechanism::Plain,
                    "EXTERNAL" => SASLMechanism::External,
                    _ => SASLMechanism::AMQPlain,
                }),
                connection_timeout: self.connect_timeout().map(|t| t.as_millis().min(u128::from(u64::MAX)) as u64),
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
    /// Publishes queued on this connection's channels, not yet written.
    pub pipeline: Pipeline,
    /// Whether the broker blocked the connection, and its notices for PHP.
    pub flow: Flow,
    /// lapin handles of channels whose PHP objects were freed while still open (see `park`).
    parked: std::sync::Mutex<Vec<lapin::Channel>>,
    /// Whether a channel has reported why the connection ended (see `AmqpChannel::closed_by_peer`).
    pub end_reported: std::sync::atomic::AtomicBool,
    /// The broker of `Settings::hosts` this connection reached.
    pub endpoint: Endpoint,
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

    /// Waits until the publishes queued on this connection are written (see `pipeline`). Refused in a
    /// forked child: the writes belong to the parent's threads, which the child does not have.
    pub fn flush(&self) -> PhpResult<()> {
        self.check_owner()?;
        self.pipeline.flush(None)
    }

    /// Keeps the lapin handle of an open channel whose PHP object is being freed until the connection
    /// closes. Dropping the last handle makes lapin close the channel on its own, asynchronously; a
    /// connection close racing that channel close failed, and the process then ended with publishes
    /// still unread by the broker (objects are freed channel first at the end of a request).
    pub fn park(&self, channel: &lapin::Channel) {
        if self.is_connected() && channel.status().connected() {
            self.parked.lock().unwrap_or_else(|e| e.into_inner()).push(channel.clone());
        }
    }

    /// Writes the queued publishes, then closes the connection (which closes its channels), each step
    /// waiting at most until `deadline` (None: publishes without bound, the close 3 s, as php-amqplib's
    /// close waits on its socket). Does nothing on a connection already closed or from a fork child.
    pub fn close(&self, deadline: Option<Instant>) -> PhpResult<()> {
        if !self.is_connected() {
            return Ok(());
        }
        // A close overtakes publishes still queued (see `pipeline`): write them first.
        let flushed = self.pipeline.flush(deadline);
        let closing = self.connection.close(200, "".into());
        let limit = deadline.map_or(Duration::from_secs(3), |d| d.saturating_duration_since(Instant::now()));
        match runtime::wait_dispatching(closing, Some(limit))? {
            Some(Err(e)) if !matches!(e.kind(), lapin::ErrorKind::InvalidConnectionState(_)) => {
                Err(errors::connection_error(&e, Method(10, 50)))
            }
            _ => flushed,
        }
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

/// A new connection, closed at the end of the request if nothing closed it before (`shutdown`).
pub fn connect(settings: &Settings) -> PhpResult<Arc<Link>> {
    super::live_connections::collect_unreachable();
    let link = Arc::new(open(settings)?);
    super::live_connections::track(&link);
    Ok(link)
}

/// Connects to the first of `settings.hosts` that accepts. Without a policy: one pass, failing with the
/// last host's error, as php-amqplib's create_connection. With one: passes over the list until an
/// attempt (one host tried) succeeds, the attempts or the deadline run out, or an error the policy
/// does not retry stops it; the error then lists every attempt. The sleeps between attempts run signal
/// handlers as any wait does.
fn open(settings: &Settings) -> PhpResult<Link> {
    let Some(policy) = settings.policy() else {
        let mut failure = None;
        for endpoint in &settings.hosts {
            match open_one(settings, endpoint, settings.connect_timeout())? {
                Ok(link) => return Ok(link),
                Err(failed) => failure = Some(failed),
            }
        }
        return Err(failure.map_or_else(|| exception(ex::IO, "No host to connect to", 0), |f| f.exception()));
    };
    let mut attempts = Attempts::start(policy, Instant::now());
    for endpoint in settings.hosts.iter().cycle() {
        let began = Instant::now();
        // No attempt outlasts the deadline.
        let limit = match (settings.connect_timeout(), attempts.remaining(began)) {
            (Some(timeout), Some(left)) => Some(timeout.min(left)),
            (timeout, left) => timeout.or(left),
        };
        let mut failure = match open_one(settings, endpoint, limit)? {
            Ok(link) => return Ok(link),
            Err(failure) => failure,
        };
        let sleep = attempts.failed(&endpoint.address(), began, &failure.message, Instant::now(), retry::random_unit());
        match sleep {
            Some(sleep) if policy.retries(&failure) => {
                runtime::wait_dispatching(std::future::pending::<()>(), Some(sleep))?;
            }
            _ => {
                failure.message = format!("{}\n{}", failure.message, attempts.report());
                return Err(failure.exception());
            }
        }
    }
    Err(exception(ex::IO, "No host to connect to", 0))
}

/// One attempt on one host: Err for what stops connecting altogether (a signal handler's exception),
/// Ok(Err) for this host's failure.
fn open_one(settings: &Settings, endpoint: &Endpoint, limit: Option<Duration>) -> PhpResult<Result<Link, ConnectFailure>> {
    let runtime = runtime::runtime()?;
    let mut properties = ConnectionProperties::default()
        .with_client_property("product".into(), "mq".into())
        .with_client_property("version".into(), crate::VERSION.into())
        .with_client_property("platform".into(), "PHP".into());
    if let Some(name) = &settings.connection_name {
        properties = properties.with_connection_name(name.clone().into());
    }
    let tls = settings.tls_config();
    let rt = async_rs::Runtime::tokio_with_handle(runtime.handle().clone());
    let mut uri = settings.uri(endpoint);
    uri.query.connection_timeout = limit.map(|t| t.as_millis().min(u128::from(u64::MAX)) as u64);
    let attempt = Connection::connect_uri_with_config(uri, properties, tls, rt);
    Ok(match runtime::wait_dispatching(attempt, limit)? {
        Some(Ok(connection)) => Ok(Link {
            flow: Flow::watch(&connection)?,
            connection: std::mem::ManuallyDrop::new(connection),
            owner: OwnerPid::current(),
            rpc_timeout: settings.rpc_timeout(),
            pipeline: Pipeline::default(),
            parked: Default::default(),
            end_reported: Default::default(),
            endpoint: endpoint.clone(),
        }),
        Some(Err(e)) => Err(errors::connect_error(&e)),
        None => Err(ConnectFailure {
            class: ex::IO,
            message: format!("Connection to {} timed out after {} sec", endpoint.address(), match limit {
                // The configured timeout as given; a shorter one when the deadline cut it.
                Some(limit) if limit != settings.connect_timeout().unwrap_or(Duration::MAX) => limit.as_secs_f64(),
                _ => settings.connection_timeout,
            }),
            code: 0,
        }),
    })
}

/// AbstractConnection's own class entry: the scope of its private properties.
fn own_class() -> &'static ClassEntry {
    <AmqpConnection as ext_php_rs::class::RegisteredClass>::get_metadata().ce()
}

/// Records a new channel in its connection's `$channels` (index 0 is the connection itself, as in
/// php-amqplib).
pub fn register_channel(connection: &Zval, id: i64, channel: &mut ext_php_rs::types::ZendObject) -> PhpResult<()> {
    let mut handle = connection.shallow_clone(); // the same object, reached mutably
    let Some(object) = handle.object_mut() else { return Ok(()) };
    let mut list = classes::read(object, own_class(), "channels").array().map(|a| a.to_owned()).unwrap_or_default();
    if list.get_index(0).is_none() {
        list.insert_at_index(0, connection.shallow_clone())?;
    }
    let mut entry = Zval::new();
    entry.set_object(channel);
    list.insert_at_index(id, entry)?;
    classes::write(object, own_class(), "channels", list.into_zval(false)?);
    Ok(())
}

/// Passes the broker's block or unblock notice to the handler set on `connection` (an AbstractConnection).
pub fn notify(connection: &Zval, notice: Notice) -> PhpResult<()> {
    let Some(object) = connection.object() else { return Ok(()) };
    let (name, args): (&str, Vec<&dyn ext_php_rs::convert::IntoZvalDyn>) = match &notice {
        Some(reason) => ("connection_block_handler", vec![reason]),
        None => ("connection_unblock_handler", vec![]),
    };
    let handler = classes::read(object, own_class(), name);
    if handler.is_callable() {
        handler.try_call(args)?;
    }
    Ok(())
}

/// Passes a recovery state change to the handler set by set_connection_recovery_handler:
/// `$handler(string $state, string $reason)` with state `lost`, `recovered` or `failed`.
pub fn notify_recovery(connection: &Zval, notice: &super::session::Notice) -> PhpResult<()> {
    let Some(object) = connection.object() else { return Ok(()) };
    let handler = classes::read(object, own_class(), "connection_recovery_handler");
    if handler.is_callable() {
        handler.try_call(vec![&notice.name(), &notice.reason().unwrap_or("")])?;
    }
    Ok(())
}

fn abstract_channel() -> &'static ClassEntry {
    classes::class(super::channel::ABSTRACT)
}

/// Declares `public $channels = []` as an ordinary property, so `$conn->channels[...]` behaves as in
/// php-amqplib and the cycle collector sees the channels; the block handlers live beside it.
fn declare_channels(builder: ClassBuilder) -> ClassBuilder {
    builder
        .property(property("connection_block_handler", PropertyFlags::Private, Initial::Null))
        .property(property("connection_unblock_handler", PropertyFlags::Private, Initial::Null))
        .property(property("connection_recovery_handler", PropertyFlags::Private, Initial::Null))
        .property(property("channels", PropertyFlags::Public, Initial::EmptyArray))
}

/// php-amqplib's AbstractConnection, mq's native connection. The concrete classes (AMQPStreamConnection,
/// AMQPSSLConnection, the lazy ones...) are written in PHP (`php/`) and construct it from an
/// AMQPConnectionConfig.
#[php_class]
#[php(name = "PhpAmqpLib\\Connection\\AbstractConnection")]
#[php(extends(ce = abstract_channel, stub = "\\PhpAmqpLib\\Channel\\AbstractChannel"))]
#[php(modifier = declare_channels)]
pub struct AmqpConnection {
    /// Shared with the channels: the live link, the settings and what was declared.
    session: Rc<Session>,
    /// The broker's server properties, read on the first getServerProperties().
    server_properties: RefCell<Option<lapin::types::FieldTable>>,
    close_on_destruct: std::cell::Cell<bool>,
}

impl AmqpConnection {
    pub fn new_connected(settings: Settings, lazy: bool) -> PhpResult<Self> {
        let link = if lazy { None } else { Some(connect(&settings)?) };
        Ok(Self {
            session: Rc::new(Session::new(settings, link)),
            server_properties: RefCell::new(None),
            close_on_destruct: std::cell::Cell::new(true),
        })
    }

    pub fn session(&self) -> Rc<Session> {
        self.session.clone()
    }

    fn settings(&self) -> &Settings {
        &self.session.settings
    }

    fn set_handler(self_: &mut ZendClassObject<Self>, name: &str, callback: &Zval) -> PhpResult<()> {
        if !callback.is_callable() {
            return Err(exception("InvalidArgumentException", format!("{name} must be callable"), 0));
        }
        classes::write(self_.get_mut_zend_obj(), own_class(), name, callback.shallow_clone());
        Ok(())
    }

    fn channels(self_: &mut ZendClassObject<Self>) -> Zval {
        let this = self_.get_mut_zend_obj();
        classes::read(this, this.get_class_entry(), "channels")
    }

    /// Closes the live connection, if any (`Link::close`); `deadline` as there.
    fn close_link(&self, deadline: Option<Instant>) -> PhpResult<()> {
        // Taken out first: the close may run signal handlers, which may use this connection.
        let link = self.session.take();
        link.map_or(Ok(()), |link| link.close(deadline))
    }
}

/// `$config->$method()`, null if the call fails (an exception is then pending).
fn call(config: &Zval, method: &str) -> Zval {
    config.object().and_then(|o| o.try_call_method(method, vec![]).ok()).unwrap_or_default()
}

/// A string setting (bytes that are not UTF-8 read lossily: RabbitMQ takes UTF-8 names only).
fn text(config: &Zval, method: &str) -> Option<String> {
    let value = call(config, method);
    (!value.is_null()).then(|| crate::php_string::lossy(&value).unwrap_or_default())
}

fn number(config: &Zval, method: &str) -> f64 {
    call(config, method).coerce_to_double().unwrap_or(0.0)
}

impl Settings {
    /// Reads an AMQPConnectionConfig: endpoint, login, timeouts, heartbeat, TLS, connection name.
    pub fn from_config(config: &Zval) -> PhpResult<Self> {
        let is_config = config.object().is_some_and(|o| {
            o.get_class_name().is_ok_and(|n| n == "PhpAmqpLib\\Connection\\AMQPConnectionConfig")
        });
        if !is_config {
            return Err(exception("InvalidArgumentException", "expected an AMQPConnectionConfig", 0));
        }
        let tls = call(config, "isSecure").coerce_to_bool().then(|| Tls::from_config(config)).transpose()?;
        let primary = Endpoint {
            host: text(config, "getHost").unwrap_or_default(),
            port: port(number(config, "getPort")),
            user: text(config, "getUser").unwrap_or_default(),
            password: text(config, "getPassword").unwrap_or_default(),
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
            login_method: text(config, "getLoginMethod").unwrap_or_else(|| "AMQPLAIN".into()),
            recovery: match call(config, "getAutomaticRecovery") {
                set if set.is_null() => ini::amqp_recovery(),
                set => set.coerce_to_bool(),
            },
        };
        if ext_php_rs::zend::ExecutorGlobals::has_exception() {
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
/// `AMQPStreamConnection::$failover`): entries already checked and cast by PHP.
fn failover_hosts(config: &Zval) -> Vec<Endpoint> {
    let Some(object) = config.object() else { return Vec::new() };
    let hosts = classes::read(object, object.get_class_entry(), "failoverHosts");
    let Some(list) = hosts.array() else { return Vec::new() };
    let field = |host: &ext_php_rs::types::ZendHashTable, key: &str| host.get(key).map(|v| v.shallow_clone()).unwrap_or_default();
    let string = |value: Zval| crate::php_string::lossy(&value).unwrap_or_default();
    list.iter()
        .filter_map(|(_, host)| host.array())
        .map(|host| Endpoint {
            host: string(field(host, "host")),
            port: port(field(host, "port").coerce_to_double().unwrap_or(0.0)),
            user: string(field(host, "user")),
            password: string(field(host, "password")),
            vhost: string(field(host, "vhost")),
        })
        .collect()
}

impl Tls {
    /// The CA file named by the config, read now so a wrong path fails the constructor clearly.
    fn from_config(config: &Zval) -> PhpResult<Self> {
        let ca_pem = match text(config, "getSslCaCert") {
            Some(path) => Some(std::fs::read_to_string(&path).map_err(|e| {
                exception(ex::IO, format!("Unable to read the CA file {path}: {e}"), 0)
            })?),
            None => None,
        };
        Ok(Tls { ca_pem })
    }
}

#[php_impl]
#[php(change_method_case = "snake_case")]
impl AmqpConnection {
    /// Connects (unless the config is lazy) with the settings of an AMQPConnectionConfig.
    pub fn __construct(config: &Zval) -> PhpResult<Self> {
        let settings = Settings::from_config(config)?;
        let lazy = call(config, "isLazy").coerce_to_bool();
        Self::new_connected(settings, lazy)
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
        let mut this = Zval::new();
        this.set_object(self_.get_mut_zend_obj());
        Ok(classes::instantiate(super::channel::CLASS, vec![&this])?)
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
        self_.close_link(None)?;
        Ok(Zval::new())
    }

    /// Closes (if open) and connects again with the same arguments; channels are not recreated.
    pub fn reconnect(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        let _ = self_.close_link(None);
        let this = self_.get_mut_zend_obj();
        let scope = this.get_class_entry();
        classes::write(this, scope, "channels", ZendEmptyArray.into_zval(false)?);
        self_.session.link()?;
        Ok(())
    }

    /// php-amqplib's wait on its socket: returns 1 as soon as a channel of this connection has
    /// something for wait() (a delivery, a confirm), 0 when `$sec` seconds and `$usec` microseconds
    /// pass (`$sec` null: no limit) or a signal arrives, whose PHP handlers run first, as there.
    #[php(defaults(usec = 0))]
    pub fn select(self_: &mut ZendClassObject<Self>, sec: &Zval, usec: Mixed) -> PhpResult<Zval> {
        let link = self_.session.current().filter(|l| l.is_connected());
        if link.is_none() {
            return Err(exception(ex::CONNECTION_CLOSED, "Broken pipe or closed connection", 0));
        }
        // Negative is 0; too far away to represent, no limit (see `runtime::wait`).
        let timeout = (!sec.is_null()).then(|| {
            let seconds = Duration::from_secs(sec.coerce_to_long().unwrap_or(0).max(0) as u64);
            seconds.saturating_add(Duration::from_micros(usec.int().max(0) as u64))
        });
        // Signals that came while PHP ran: their handlers run first (they may close channels).
        runtime::dispatch_signals()?;
        let channels = Self::channels(self_); // keeps the channel objects alive while they are awaited
        let open: Vec<&super::channel::AmqpChannel> = channels
            .array()
            .map(|list| {
                list.iter()
                    .filter_map(|(_, channel)| channel.object())
                    .filter_map(ZendClassObject::<super::channel::AmqpChannel>::from_zend_obj)
                    .map(|channel| &**channel)
                    .collect()
            })
            .unwrap_or_default();
        let ready = async {
            if open.is_empty() {
                return std::future::pending().await;
            }
            futures_util::future::select_all(open.iter().map(|c| Box::pin(c.has_work()))).await;
        };
        let found = match runtime::wait(ready, timeout)? {
            runtime::Waited::Ready(()) => 1,
            runtime::Waited::TimedOut => 0,
            runtime::Waited::Interrupted => {
                runtime::dispatch_signals()?;
                0
            }
        };
        Ok(mixed(found))
    }

    #[php(name = "isConnected")]
    pub fn is_connected(&self) -> Zval {
        mixed(self.session.current().is_some_and(|l| l.is_connected()))
    }

    /// Whether the broker has blocked this connection (a resource alarm): publishing then throws
    /// AMQPConnectionBlockedException.
    #[php(name = "isBlocked")]
    pub fn is_blocked(&self) -> Zval {
        mixed(self.session.current().is_some_and(|l| l.flow.is_blocked()))
    }

    /// The broker's properties as php-amqplib returns them: `[name => [type symbol, value]]`.
    #[php(name = "getServerProperties")]
    pub fn get_server_properties(&self) -> PhpResult<Zval> {
        if self.server_properties.borrow().is_none() {
            // The broker this connection reached (the primary while a lazy one is not connected).
            let endpoint = self.session.current().map_or_else(|| self.settings().hosts[0].clone(), |l| l.endpoint.clone());
            let fetched = super::server_properties::fetch(self.settings(), &endpoint)?;
            *self.server_properties.borrow_mut() = Some(fetched);
        }
        let properties = self.server_properties.borrow();
        super::table::raw_table(properties.as_ref().unwrap_or(&lapin::types::FieldTable::default()))
    }

    /// The client properties as php-amqplib describes them (`[name => [type symbol, value]]`, its keys
    /// and capabilities, and `connection_name` when set), naming mq as the product.
    #[php(name = "getLibraryProperties")]
    pub fn get_library_properties(&self) -> PhpResult<Zval> {
        fn typed(symbol: &str, value: impl IntoZval) -> PhpResult<Zval> {
            let mut pair = ext_php_rs::types::ZendHashTable::new();
            pair.push(symbol)?;
            pair.push(value)?;
            Ok(pair.into_zval(false)?)
        }
        let mut capabilities = ext_php_rs::types::ZendHashTable::new();
        // lapin announces these (and more) in connection.start-ok.
        for name in ["authentication_failure_close", "publisher_confirms", "consumer_cancel_notify", "exchange_exchange_bindings", "basic.nack", "connection.blocked"] {
            capabilities.insert(name, typed("t", true)?)?;
        }
        let mut properties = ext_php_rs::types::ZendHashTable::new();
        properties.insert("product", typed("S", "mq")?)?;
        properties.insert("platform", typed("S", "PHP")?)?;
        properties.insert("version", typed("S", crate::VERSION)?)?;
        properties.insert("information", typed("S", "")?)?;
        properties.insert("copyright", typed("S", "")?)?;
        properties.insert("capabilities", typed("F", capabilities)?)?;
        if let Some(name) = &self.settings().connection_name {
            properties.insert("connection_name", typed("S", name.as_str())?)?;
        }
        Ok(properties.into_zval(false)?)
    }

    /// Called with the broker's reason when it blocks the connection.
    pub fn set_connection_block_handler(self_: &mut ZendClassObject<Self>, callback: &Zval) -> PhpResult<()> {
        Self::set_handler(self_, "connection_block_handler", callback)
    }

    /// Called without arguments when the broker unblocks the connection.
    pub fn set_connection_unblock_handler(self_: &mut ZendClassObject<Self>, callback: &Zval) -> PhpResult<()> {
        Self::set_handler(self_, "connection_unblock_handler", callback)
    }

    /// mq: called as `$handler(string $state, string $reason)` when recovery changes the connection's
    /// state: `lost` (with why), `refused` (declarations the broker refused while they were replayed; recovery went on without them), `recovered`, `failed` (recovery gave up; the call then throws).
    pub fn set_connection_recovery_handler(self_: &mut ZendClassObject<Self>, callback: &Zval) -> PhpResult<()> {
        Self::set_handler(self_, "connection_recovery_handler", callback)
    }

    #[php(name = "getHeartbeat")]
    pub fn get_heartbeat(&self) -> Zval {
        mixed(self.session.current().map_or(i64::from(self.settings().heartbeat), |l| i64::from(l.connection.configuration().heartbeat())))
    }

    #[php(name = "getReadTimeout")]
    pub fn get_read_timeout(&self) -> Zval {
        mixed(self.settings().read_write_timeout)
    }

    /// Heartbeats run on mq's I/O threads; there is nothing for PHP to check.
    #[php(name = "checkHeartBeat")]
    pub fn check_heart_beat(&self) {}

    #[php(defaults(close = true))]
    pub fn set_close_on_destruct(&self, close: Mixed) {
        self.close_on_destruct.set(close.flag());
    }
}

impl Drop for AmqpConnection {
    fn drop(&mut self) {
        let inherited = self.session.current().is_some_and(|l| !l.owner.is_current());
        if inherited {
            // A fork child leaves the parent's connection alone (see `Link`'s and the channel's Drop).
            std::mem::forget(self.session.take());
        } else if self.close_on_destruct.get() {
            let _ = self.close_link(Some(Instant::now() + ini::amqp_destruct_flush()));
        } else {
            // Left open as asked, but what basic_publish accepted still reaches the socket (no borrow
            // held: the flush may run signal handlers).
            if let Some(link) = self.session.current().filter(|l| l.is_connected()) {
                let _ = link.pipeline.flush(Some(Instant::now() + ini::amqp_destruct_flush()));
            }
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
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint() -> Endpoint {
        Endpoint { host: "h".into(), port: 5672, user: "u".into(), password: "p".into(), vhost: "/".into() }
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
            login_method: "AMQPLAIN".into(),
            recovery: false,
        }
    }

    #[test]
    fn rpc_timeout_follows_php_amqplib() {
        assert_eq!(settings(3.0, 0.0).rpc_timeout(), Some(Duration::from_secs(3)));
        assert_eq!(settings(3.0, 1.5).rpc_timeout(), Some(Duration::from_millis(1500)));
        assert_eq!(settings(0.0, 0.0).rpc_timeout(), None);
    }

    #[test]
    fn uri_carries_login_method_heartbeat_and_tls() {
        let mut s = settings(3.0, 0.0);
        s.heartbeat = 10;
        s.tls = Some(Tls::default());
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
        let second = Endpoint { host: "b".into(), port: 5673, user: "u2".into(), password: "p2".into(), vhost: "v2".into() };
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
