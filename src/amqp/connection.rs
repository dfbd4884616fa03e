//! `PhpAmqpLib\Connection\*`: the connection classes, on one lapin connection each.

use std::{
    cell::RefCell,
    rc::Rc,
    time::Duration,
};

use ext_php_rs::{
    builders::ClassBuilder,
    convert::IntoZval,
    exception::PhpResult,
    flags::PropertyFlags,
    prelude::*,
    types::{ZendClassObject, Zval},
    zend::ClassEntry,
};

use super::{
    channel_class::{self, abstract_channel},
    connect::connect,
    connection_config::{call, is_config},
    connection_properties,
    flow::Notice,
    session::Session,
    settings::Settings,
    exceptions as ex,
};
use crate::{
    classes::{self, property, Initial},
    mixed::{mixed, Mixed, NULL, ZERO_SIG},
    exceptions::exception,
    ini,
    runtime,
};

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
    list.insert_at_index(id, classes::object(channel))?;
    classes::write(object, own_class(), "channels", list.into_zval(false)?);
    Ok(())
}

/// The lowest channel number not in `connection`'s `$channels` up to `max`, as php-amqplib's
/// get_free_channel_id() finds one: the number a channel opened without one gets.
pub fn free_channel_id(connection: &ext_php_rs::types::ZendObject, max: u16) -> Option<u16> {
    let channels = classes::read(connection, own_class(), "channels");
    let taken = |id: u16| channels.array().is_some_and(|list| list.get_index(i64::from(id)).is_some());
    (1..=max).find(|&id| !taken(id))
}

/// Empties `$channels` but for the connection itself at index 0, as php-amqplib's close leaves it.
fn forget_channels(this: &mut ext_php_rs::types::ZendObject) -> PhpResult<()> {
    let mut list = ext_php_rs::types::ZendHashTable::new();
    list.insert_at_index(0, classes::object(this))?;
    classes::write(this, own_class(), "channels", list.into_zval(false)?);
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
/// Declares `public $channels = []` as an ordinary property, so `$conn->channels[...]` behaves as in
/// php-amqplib and the cycle collector sees the channels; the block handlers live beside it, and
/// php-amqplib's protected properties (`connection_properties`).
fn declare_properties(builder: ClassBuilder) -> ClassBuilder {
    connection_properties::declare(builder)
        .property(property("connection_block_handler", PropertyFlags::Private, Initial::Null))
        .property(property("connection_unblock_handler", PropertyFlags::Private, Initial::Null))
        .property(property("connection_recovery_handler", PropertyFlags::Private, Initial::Null))
        .property(property("channels", PropertyFlags::Public, Initial::EmptyArray))
        // Its value is set at each request's start (`library_properties`).
        .property(property("LIBRARY_PROPERTIES", PropertyFlags::Public | PropertyFlags::Static, Initial::Null))
}

/// The methods (lower case) declared without a receiver and made instance methods (`amqp::adjust_methods`):
/// they answer on an object made without its constructor as php-amqplib's do (php-amqplib's own
/// LibraryPropertiesTest calls getLibraryProperties() on a PHPUnit mock built with
/// `disableOriginalConstructor()`; partial mocks call the others): not connected, not blocked, no
/// pending methods, no heartbeat, server properties, channel id, connection or IO object (null). Every
/// other method then throws ext-php-rs' "Failed to retrieve reference to `$this`".
pub const UNCONSTRUCTED: [&str; 11] = [
    "getlibraryproperties",
    "connectonconstruct",
    "iswriting",
    "isconnected",
    "isblocked",
    "getheartbeat",
    "getserverproperties",
    "getchannelid",
    "getconnection",
    "haspendingmethods",
    "getio",
];

/// php-amqplib's AbstractConnection, mq's native connection. The concrete classes (AMQPStreamConnection,
/// AMQPSSLConnection, the lazy ones...) are written in PHP (`php/`) and construct it from an
/// AMQPConnectionConfig.
#[php_class]
#[php(name = "PhpAmqpLib\\Connection\\AbstractConnection")]
#[php(extends(ce = abstract_channel, stub = "\\PhpAmqpLib\\Channel\\AbstractChannel"))]
// Abstract, as php-amqplib's: only its subclasses are made (and mocked).
#[php(flags = ext_php_rs::flags::ClassFlags::Abstract)]
#[php(modifier = declare_properties)]
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

    /// `$this` of a receiverless method (`UNCONSTRUCTED`), when its constructor ran.
    fn current() -> Option<&'static ZendClassObject<Self>> {
        classes::this_of_current_call().and_then(|this| ZendClassObject::<Self>::from_zend_obj(this))
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

    /// Closes the channel objects of `$channels`, as php-amqplib's closeChannels(), which ignores what a
    /// channel's close() throws (a channel the broker closed throws its reason).
    fn close_channels(self_: &mut ZendClassObject<Self>) {
        if let Some(channels) = Self::channels(self_).array() {
            // Index 0 is the connection itself.
            for (_, channel) in channels.iter().filter(|(k, _)| k.to_string() != "0") {
                if let Some(object) = channel.object() {
                    let _ = object.try_call_method("close", vec![]);
                    drop(ext_php_rs::zend::ExecutorGlobals::take_exception());
                }
            }
        }
    }

    /// Closes the live connection, if any (`Link::close`); `ending` as there.
    fn close_link(&self, ending: Option<Duration>) -> PhpResult<()> {
        // Taken out first: the close may run signal handlers, which may use this connection.
        let link = self.session.take();
        link.map_or(Ok(()), |link| link.close(ending))
    }
}
#[php_impl]
#[php(change_method_case = "snake_case")]
impl AmqpConnection {
    /// Connects (unless the config is lazy) with the settings of an AMQPConnectionConfig, which mq's
    /// connection classes pass; or with php-amqplib's own arguments, the socket's settings in a StreamIO
    /// (a class extending AbstractConnection as php-amqplib's AMQPStreamConnection does), gathered into
    /// a config by `Mq\Internal\AbstractConnectionArguments::io`.
    #[php(defaults(
        password = NULL,
        vhost = "\"/\"",
        insist = false,
        login_method = "\"AMQPLAIN\"",
        login_response = NULL,
        locale = "\"en_US\"",
        io = NULL,
        heartbeat = 0,
        connection_timeout = 0,
        channel_rpc_timeout = 0.0,
        config = NULL
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn __construct(
        user: &Zval,
        password: Mixed,
        vhost: Mixed,
        insist: Mixed,
        login_method: Mixed,
        login_response: Mixed,
        locale: Mixed,
        io: Mixed,
        heartbeat: Mixed,
        connection_timeout: Mixed,
        channel_rpc_timeout: Mixed,
        config: Mixed,
    ) -> PhpResult<Self> {
        let mut this = classes::this_of_current_call();
        // Kept for php-amqplib's `$config`, `$construct_params` and `$connection_timeout` below (the
        // StreamIO has the connection timeout php-amqplib dials with: that argument is only kept).
        let given_config = config.to_zval();
        let rest = [&password, &vhost, &insist, &login_method, &login_response, &locale, &io, &heartbeat, &connection_timeout,
            &channel_rpc_timeout, &config];
        let config = match (is_config(user) && io.is_null(), this.as_deref_mut()) {
            (true, _) | (false, None) => user.shallow_clone(),
            (false, Some(this)) => Zval::try_from("Mq\\Internal\\AbstractConnectionArguments::io")?.try_call(vec![
                &classes::object(this),
                user,
                &password.to_zval(),
                &vhost.to_zval(),
                &insist.to_zval(),
                &login_method.to_zval(),
                &login_response.to_zval(),
                &locale.to_zval(),
                &io.to_zval(),
                &heartbeat.to_zval(),
                &channel_rpc_timeout.to_zval(),
                &given_config,
            ])?,
        };
        let settings = Settings::from_config(&config)?;
        let lazy = call(&config, "isLazy").coerce_to_bool();
        let connection = Self::new_connected(settings, lazy)?;
        if let Some(this) = this.as_deref() {
            // The broker reached (create_connection()'s list fails over), else the first.
            let reached = connection.session.current().map(|link| link.endpoint.clone());
            let endpoint = reached.as_ref().unwrap_or(&connection.settings().hosts[0]);
            connection_properties::describe(this, own_class(), &config, &connection.settings().login_method, endpoint);
        }
        if let Some(this) = this {
            // The object being constructed is channel 0 of its `$channels` once connected, as in
            // php-amqplib; a lazy one's stay empty until its first channel.
            if !lazy {
                forget_channels(this)?;
            }
            // getIO() returns the StreamIO it was given; `$config` and `$construct_params` (the arguments
            // passed, as func_get_args()) are php-amqplib's (`connection_properties`).
            if let Some(stream_io) = io.given().filter(|io| io.is_object()) {
                let passed: Vec<Zval> = std::iter::once(user.shallow_clone())
                    .chain(rest.iter().map_while(|arg| arg.given().map(Zval::shallow_clone)))
                    .collect();
                classes::write(this, own_class(), "io", stream_io.shallow_clone());
                classes::write(this, own_class(), "config", connection_properties::cloned(&given_config));
                classes::write(this, own_class(), "connection_timeout", connection_timeout.to_zval());
                classes::write(this, own_class(), "construct_params", passed.into_zval(false)?);
            }
        }
        Ok(connection)
    }

    /// A channel: the open one with this id, or a new one.
    #[php(defaults(channel_id = NULL))]
    pub fn channel(self_: &mut ZendClassObject<Self>, channel_id: Mixed) -> PhpResult<Zval> {
        // After a loss (without recovery), the first channel() reports it unless a call did, and the next
        // connects anew: then, as php-amqplib's connect(), the lost channels leave `$channels`, so their
        // numbers are free and `channel($id)` opens a live one.
        if !self_.session.recovery() && self_.session.current().is_some_and(|link| !link.is_connected()) {
            self_.session.link()?;
            forget_channels(self_.get_mut_zend_obj())?;
        }
        let channels = Self::channels(self_);
        let channel_id = (!channel_id.is_null()).then(|| channel_id.int());
        if let (Some(id), Some(open)) = (channel_id, channels.array()) {
            if let Some(existing) = open.get_index(id) {
                return Ok(existing.shallow_clone());
            }
        }
        let this = classes::object(self_.get_mut_zend_obj());
        match channel_id {
            Some(id) => Ok(classes::instantiate(channel_class::CLASS, vec![&this, &id])?),
            None => Ok(classes::instantiate(channel_class::CLASS, vec![&this])?),
        }
    }

    /// Closes every channel, then the connection.
    #[php(defaults(reply_code = 0, reply_text = "\"\"", method_sig = ZERO_SIG))]
    pub fn close(self_: &mut ZendClassObject<Self>, reply_code: Mixed, reply_text: Mixed, method_sig: Mixed) -> PhpResult<Zval> {
        let _ = (reply_code, reply_text, method_sig);
        Self::close_channels(self_);
        // A lazy connection never used keeps its empty `$channels`, as php-amqplib's never connected.
        let used = Self::channels(self_).array().is_some_and(|list| list.get_index(0).is_some());
        if used {
            forget_channels(self_.get_mut_zend_obj())?;
        }
        self_.close_link(None)?;
        Ok(Zval::new())
    }

    /// Closes (if open) and connects again with the same arguments; channels are not recreated, and the
    /// old ones are closed, as php-amqplib's (a call on one finds it closed).
    pub fn reconnect(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        Self::close_channels(self_);
        let _ = self_.close_link(None);
        let this = self_.get_mut_zend_obj();
        forget_channels(this)?;
        self_.session.link()?;
        Ok(())
    }

    /// php-amqplib's wait on its socket: returns 1 as soon as a channel of this connection has
    /// something for wait() (a delivery, a confirm), 0 when `$sec` seconds and `$usec` microseconds
    /// pass (`$sec` null: no limit) or a signal arrives, whose PHP handlers run first, as there.
    #[php(defaults(usec = 0))]
    pub fn select(self_: &mut ZendClassObject<Self>, sec: &Zval, usec: Mixed) -> PhpResult<Zval> {
        // Without recovery, a loss no call has reported yet is something to read, as php-amqplib's
        // select() finds its dead socket readable: the next wait() reports it.
        let lost = self_.session.current().filter(|l| !l.is_connected() && l.owner.is_current());
        if lost.is_some_and(|lost| !self_.session.recovery() && !lost.end_reported.load(std::sync::atomic::Ordering::Relaxed)) {
            return Ok(mixed(1));
        }
        // Negative is 0; too far away to represent, no limit (see `runtime::wait`).
        let timeout = (!sec.is_null()).then(|| {
            let seconds = Duration::from_secs(sec.coerce_to_long().unwrap_or(0).max(0) as u64);
            seconds.saturating_add(Duration::from_micros(usec.int().max(0) as u64))
        });
        // Signals that came while PHP ran: their handlers run first (they may close channels).
        runtime::dispatch_signals()?;
        let channels = Self::channels(self_); // keeps the channel objects alive while they are awaited
        // With recovery on, lost channels are recovered here (`channel_class::Work`).
        let mut open = Vec::new();
        for (_, channel) in channels.array().into_iter().flat_map(|list| list.iter()) {
            if let Some(work) = channel.object().map(channel_class::work).transpose()?.flatten() {
                open.push(work);
            }
        }
        let link = self_.session.current().filter(|l| l.is_connected());
        if link.is_none() {
            return Err(exception(ex::CONNECTION_CLOSED, "Broken pipe or closed connection", 0));
        }
        let ready = async {
            if open.is_empty() {
                return std::future::pending().await;
            }
            futures_util::future::select_all(open).await;
        };
        let socket = link.as_deref().and_then(|link| link.socket());
        let found = match runtime::wait_on_socket(ready, timeout, socket, runtime::First::Read)? {
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
    pub fn is_connected() -> Zval {
        mixed(Self::current().is_some_and(|this| this.session.current().is_some_and(|l| l.is_connected())))
    }

    /// Whether the broker has blocked this connection (a resource alarm): publishing then throws
    /// AMQPConnectionBlockedException.
    #[php(name = "isBlocked")]
    pub fn is_blocked() -> Zval {
        mixed(Self::current().is_some_and(|this| this.session.current().is_some_and(|l| l.flow.is_blocked())))
    }

    /// The broker's properties as php-amqplib returns them: `[name => [type symbol, value]]`.
    #[php(name = "getServerProperties")]
    pub fn get_server_properties() -> PhpResult<Zval> {
        let Some(this) = Self::current() else {
            return Ok(Zval::new()); // php-amqplib's property before a handshake: null
        };
        if this.server_properties.borrow().is_none() {
            // Before a connection's handshake (a lazy one not used yet) php-amqplib has none: null.
            let Some(endpoint) = this.session.current().map(|l| l.endpoint.clone()) else { return Ok(Zval::new()) };
            let fetched = super::server_properties::fetch(this.settings(), &endpoint)?;
            *this.server_properties.borrow_mut() = Some(fetched);
        }
        let properties = this.server_properties.borrow();
        super::table::raw_table(properties.as_ref().unwrap_or(&lapin::types::FieldTable::default()))
    }

    /// `$LIBRARY_PROPERTIES` (`library_properties`), with the config's `connection_name` when set, as
    /// php-amqplib returns them. Receiverless, so a connection made without its constructor answers it
    /// too (`UNCONSTRUCTED`).
    #[php(name = "getLibraryProperties")]
    pub fn get_library_properties() -> PhpResult<Zval> {
        let name = Self::current().and_then(|this| this.settings().connection_name.as_deref());
        Ok(super::library_properties::with_connection_name(name)?)
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
    pub fn get_heartbeat() -> Zval {
        let Some(this) = Self::current() else {
            return Zval::new(); // php-amqplib's property without the constructor: null
        };
        mixed(this.session.current().map_or(i64::from(this.settings().heartbeat), |l| i64::from(l.connection.configuration().heartbeat())))
    }

    #[php(name = "getReadTimeout")]
    pub fn get_read_timeout(&self) -> Zval {
        mixed(self.settings().read_write_timeout)
    }

    /// Heartbeats run on mq's I/O threads; there is nothing for PHP to check.
    #[php(name = "checkHeartBeat")]
    pub fn check_heart_beat(&self) {}

    /// When a frame was last read or written on the connection, heartbeats included, as `microtime(true)`
    /// (php-amqplib's: the later of its socket's last read and write); null before it was made and once
    /// it is closed.
    #[php(name = "getLastActivity")]
    pub fn get_last_activity(&self) -> Zval {
        let Some(at) = self.session.current().and_then(|link| link.connection.last_activity()) else { return Zval::new() };
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        mixed(now.saturating_sub(at.elapsed()).as_secs_f64())
    }

    /// Whether the constructor connects: php-amqplib's default, true; the lazy classes return false.
    /// Receiverless (`UNCONSTRUCTED`): RabbitMqBundle calls it on a mocked AbstractConnection.
    #[php(name = "connectOnConstruct")]
    pub fn connect_on_construct() -> bool {
        true
    }

    /// php-amqplib's signal heartbeat senders skip a beat while a frame is half written; PHP never sees
    /// one of mq's writes half done (signal handlers run between calls). Receiverless (`UNCONSTRUCTED`).
    #[php(name = "isWriting")]
    pub fn is_writing() -> bool {
        false
    }

    #[php(defaults(close = true))]
    pub fn set_close_on_destruct(&self, close: Mixed) {
        self.close_on_destruct.set(close.flag());
    }

    // ---- php-amqplib's AbstractChannel, of which the connection is channel 0 ----

    /// 0; null on an object made without its constructor, as php-amqplib's (`UNCONSTRUCTED`).
    #[php(name = "getChannelId")]
    pub fn get_channel_id() -> Zval {
        Self::current().map_or_else(Zval::new, |_| mixed(0))
    }

    /// The connection itself; null without its constructor, as `getChannelId()`.
    #[php(name = "getConnection")]
    pub fn get_connection() -> Zval {
        Self::current().and(classes::this_of_current_call()).map_or_else(Zval::new, classes::object)
    }

    /// Nothing waits on channel 0 for PHP: the connection's own methods are lapin's business.
    #[php(name = "hasPendingMethods")]
    pub fn has_pending_methods() -> bool {
        false
    }

    /// php-amqplib's limit for bodies arriving on channel 0, where none arrive: accepted, for chaining.
    #[php(name = "setBodySizeLimit")]
    pub fn set_body_size_limit(self_: &mut ZendClassObject<Self>, max_bytes: &Zval) -> Zval {
        let _ = max_bytes;
        classes::object(self_.get_mut_zend_obj())
    }

    /// The number the next channel() without one gets (`free_channel_id`).
    pub fn get_free_channel_id(self_: &mut ZendClassObject<Self>) -> PhpResult<i64> {
        let max = self_.session.current().map_or(0, |l| l.connection.configuration().channel_max());
        let max = if max == 0 { u16::MAX } else { max };
        free_channel_id(self_.get_mut_zend_obj(), max)
            .map(i64::from)
            .ok_or_else(|| exception(ex::RUNTIME, "No free channel ids", 0))
    }

    /// php-amqplib's socket wrapper (`PhpAmqpLib\Wire\IO\StreamIO`), one per connection. mq's socket
    /// belongs to lapin's I/O thread: the object offers what means something without it (see its class).
    #[php(name = "getIO")]
    pub fn get_io() -> PhpResult<Zval> {
        // php-amqplib's property without the constructor: null.
        let (Some(connection), Some(this)) = (Self::current(), classes::this_of_current_call()) else { return Ok(Zval::new()) };
        let cached = classes::read(this, own_class(), "io");
        if cached.is_object() {
            return Ok(cached);
        }
        let settings = connection.settings();
        let primary = &settings.hosts[0];
        let (host, port, heartbeat) = (primary.host.clone(), i64::from(primary.port), i64::from(settings.heartbeat));
        let (connect_timeout, timeout) = (settings.connection_timeout, settings.read_write_timeout);
        let io = classes::instantiate(super::STREAM_IO, vec![&host, &port, &connect_timeout, &timeout, &(), &false, &heartbeat])?;
        classes::write(this, own_class(), "io", io.shallow_clone());
        Ok(io)
    }
}

impl Drop for AmqpConnection {
    fn drop(&mut self) {
        let inherited = self.session.current().is_some_and(|l| !l.owner.is_current());
        if inherited {
            // A fork child leaves the parent's connection alone (see `Link`'s and the channel's Drop).
            std::mem::forget(self.session.take());
        } else if self.close_on_destruct.get() {
            let _ = self.close_link(Some(ini::amqp_destruct_flush()));
        } else {
            // Left open as asked, but what basic_publish accepted still reaches the socket (no borrow
            // held: the flush may run signal handlers).
            if let Some(link) = self.session.current() {
                let _ = link.flush_at_end(ini::amqp_destruct_flush());
            }
        }
    }
}
