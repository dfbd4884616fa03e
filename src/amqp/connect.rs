//! Opening a `Link`: the settings' hosts tried in order, by the retry policy if one is set.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use ext_php_rs::exception::PhpResult;
use lapin::{uri::AMQPScheme, Connection, ConnectionProperties};

use super::{
    errors::{self, ConnectFailure},
    exceptions as ex,
    flow::Flow,
    link::Link,
    pipeline::Pipeline,
    settings::{Endpoint, Settings},
    tls::Tls,
    transport,
};
use crate::{
    exceptions::exception,
    retry::{self, Attempts},
    runtime::{self, OwnerPid},
};

/// A new connection, closed at the end of the request if nothing closed it before (`shutdown`).
pub fn connect(settings: &Settings) -> PhpResult<Arc<Link>> {
    connect_unless(settings, &|| false)
}

/// `connect`, given up between attempts once `cancelled` says so (recovery, whose connection the
/// program closed from a signal handler meanwhile): that failure is the last attempt's.
pub fn connect_unless(settings: &Settings, cancelled: &dyn Fn() -> bool) -> PhpResult<Arc<Link>> {
    super::live_connections::collect_unreachable();
    let link = Arc::new(open(settings, cancelled)?);
    super::live_connections::track(&link);
    Ok(link)
}

/// Connects to the first of `settings.hosts` that accepts. Without a policy: one pass, failing with the
/// last host's error, as php-amqplib's create_connection. With one: passes over the list until an
/// attempt (one host tried) succeeds, the attempts or the deadline run out, or an error the policy
/// does not retry stops it; the error then lists every attempt. The sleeps between attempts run signal
/// handlers as any wait does.
fn open(settings: &Settings, cancelled: &dyn Fn() -> bool) -> PhpResult<Link> {
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
            Some(sleep) if policy.retries(&failure) && !cancelled() => {
                runtime::wait_dispatching(std::future::pending::<()>(), Some(sleep))?;
                if cancelled() {
                    return Err(failure.exception());
                }
            }
            _ => {
                failure.message = format!("{}\n{}", failure.message, attempts.report());
                return Err(failure.exception());
            }
        }
    }
    Err(exception(ex::IO, "No host to connect to", 0))
}

/// How much longer than the connection timeout an attempt is waited for (see `open_one`).
const CONNECT_GRACE: Duration = Duration::from_millis(100);

/// One attempt on one host: Err for what stops connecting altogether (a signal handler's exception),
/// Ok(Err) for this host's failure.
fn open_one(settings: &Settings, endpoint: &Endpoint, limit: Option<Duration>) -> PhpResult<Result<Link, ConnectFailure>> {
    let mut properties = ConnectionProperties::default();
    for (name, value) in settings.client_properties.inner() {
        properties = properties.with_client_property_value(name.clone(), value.clone());
    }
    if let Some(name) = &settings.connection_name {
        properties = properties.with_connection_name(name.clone().into());
    }
    properties = properties.with_auth_provider(super::login::Login::new(&settings.login_method, &endpoint.user, &endpoint.password));
    let tls = match settings.tls.as_ref().map(Tls::new).transpose() {
        Ok(tls) => tls,
        Err(message) => return Ok(Err(ConnectFailure { class: ex::IO, message, code: 0 })),
    };
    let mut uri = settings.uri(endpoint);
    // At least 1 ms: 0 would mean no limit to the connect (a deadline can leave less, or nothing).
    uri.query.connection_timeout = limit.map(|t| t.as_millis().clamp(1, u128::from(u64::MAX)) as u64);
    let socket_io = settings.socket_io;
    let began = Instant::now();
    // First, before the runtime starts (transport's DESIGN note); its failure is the attempt's, as
    // lapin would report it from the I/O thread. The connect blocks as php-amqplib's does: the
    // handlers of signals that came meanwhile run after it (on success, at the start of the wait
    // below), and a handler's exception wins (PHP would drop a signal whose dispatch finds the
    // failure's exception pending).
    let abort = transport::Abort::default();
    let dialled = if uri.scheme == AMQPScheme::AMQP && limit.is_some() {
        match transport::dial_and_greet(&uri, socket_io) {
            Ok(socket) => {
                abort.watch(&socket);
                abort.opened(); // plain: nothing but the broker's handshake is left
                Some(socket)
            }
            Err(e) => {
                runtime::dispatch_signals()?;
                return Ok(Err(errors::connect_error(&e.into())));
            }
        }
    } else {
        None
    };
    if dialled.is_some() {
        properties = properties.with_protocol_header_sent();
    }
    let runtime = runtime::runtime()?;
    let reactor = runtime.handle().clone();
    // lapin calls connect once (it would call it again only for a reconnect policy, which mq does not
    // give it): only a first call gets the dialled socket.
    let dialled = std::sync::Mutex::new(dialled);
    let watched = abort.clone();
    let connect = async move |uri, runtime| {
        let dialled = dialled.lock().unwrap_or_else(|e| e.into_inner()).take();
        transport::connect(uri, runtime, tls.as_ref(), &reactor, socket_io, dialled, &watched).await
    };
    let attempt = Connection::connector(uri, transport::kit(runtime.handle()), connect, properties);
    // A connect() that times out fails on its own at `limit` with php-amqplib's text (`transport`): the
    // wait here gives it what is left of that and a little more, and ends a handshake that outlasts it.
    let left = limit.map(|l| l.saturating_sub(began.elapsed()) + CONNECT_GRACE);
    let waited = runtime::wait_dispatching(attempt, left);
    // A stream connected (and secured, for TLS) and a broker that said nothing in time: php-amqplib's
    // read timeout.
    let silent = abort.awaiting_broker();
    // Whatever ended the wait but a connection (a timeout, a signal handler's exception, a failure),
    // the attempt's socket goes, and lapin's I/O thread with it.
    match waited {
        Ok(Some(Ok(_))) => abort.release(),
        _ => abort.abort(),
    }
    Ok(match waited? {
        Some(Ok(connection)) => Ok(Link {
            pipeline: Pipeline::new(settings.write_timeout(), connection.socket_reader().cloned()),
            flow: Flow::watch(&connection)?,
            connection: std::mem::ManuallyDrop::new(connection),
            owner: OwnerPid::current(),
            rpc_timeout: settings.rpc_timeout(),
            parked: Default::default(),
            end_reported: Default::default(),
            endpoint: endpoint.clone(),
        }),
        Some(Err(e)) => Err(errors::connect_error(&e)),
        None => {
            // The configured timeout as given; a shorter one when the deadline cut it.
            let seconds = match limit {
                Some(limit) if limit != settings.connect_timeout().unwrap_or(Duration::MAX) => limit.as_secs_f64(),
                _ => settings.connection_timeout,
            };
            Err(if silent {
                ConnectFailure {
                    class: ex::TIMEOUT,
                    message: format!("The connection timed out after {seconds} sec while awaiting incoming data"),
                    code: 0,
                }
            } else {
                ConnectFailure { class: ex::IO, message: format!("Connection to {} timed out after {seconds} sec", endpoint.address()), code: 0 }
            })
        }
    })
}
