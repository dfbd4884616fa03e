//! Opening a `Link`: the settings' hosts tried in order, by the retry policy if one is set.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use ext_php_rs::exception::PhpResult;
use lapin::{Connection, ConnectionProperties};

use super::{
    errors::{self, ConnectFailure},
    exceptions as ex,
    flow::Flow,
    link::Link,
    pipeline::Pipeline,
    settings::{Endpoint, Settings},
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
    let runtime = runtime::runtime()?;
    let mut properties = ConnectionProperties::default()
        .with_client_property("product".into(), "mq".into())
        .with_client_property("version".into(), crate::VERSION.into())
        .with_client_property("platform".into(), "PHP".into());
    if let Some(name) = &settings.connection_name {
        properties = properties.with_connection_name(name.clone().into());
    }
    let tls = settings.tls_config();
    let mut uri = settings.uri(endpoint);
    uri.query.connection_timeout = limit.map(|t| t.as_millis().min(u128::from(u64::MAX)) as u64);
    let reactor = runtime.handle().clone();
    let socket_io = settings.socket_io;
    let connect = async move |uri, runtime| transport::connect(uri, runtime, &tls, &reactor, socket_io).await;
    let attempt = Connection::connector(uri, transport::kit(runtime.handle()), connect, properties);
    // A connect() that times out fails on its own at `limit` with php-amqplib's text (`transport`): the
    // wait here gives it that long and a little more, and ends a handshake that outlasts it.
    Ok(match runtime::wait_dispatching(attempt, limit.map(|l| l + CONNECT_GRACE))? {
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
