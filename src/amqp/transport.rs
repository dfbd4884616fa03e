//! The TCP (and TLS) connect lapin calls for each connection attempt.
//!
//! lapin calls it on its I/O thread, which has nothing to do until it returns. Its own connect resolved
//! the host on the runtime's blocking pool (an IP address too: the first connection of a process
//! spawned the pool's first thread to parse "127.0.0.1") and waited for the socket to become writable
//! through the runtime's reactor, so a connection set-up crossed threads three times before its first
//! byte went out: on a busy machine each crossing waits for a CPU. Here the connect resolves and
//! connects on the thread it runs on, as lapin's blocking connect does (same addresses in the same
//! order), and hands tokio the connected socket.
//!
//! DESIGN: with a connection timeout, a plain AMQP connection is dialled before any of that, on the PHP
//! thread (`dial_and_greet`), and its protocol header sent at once: RabbitMQ takes 1–2 ms to answer
//! the header with `Connection.Start`, and the runtime's and the I/O thread's start-up (0.5–1 ms for a
//! process's first connection) now runs in that time instead of before it (a short-lived process's
//! connect, publish and close about 5 % faster). lapin is told the header is out
//! (`with_protocol_header_sent`, a patch). That connect blocks, as php-amqplib's does: signal handlers
//! run after it. Without a timeout (which could block for minutes) the connect stays on the I/O thread,
//! where the PHP thread's wait runs signal handlers meanwhile; a TLS connection's header goes inside
//! the TLS session, which is made on the I/O thread.
//!
//! lapin runs on async-rs's tokio kit, whose sockets are async-compat's `Compat` (lapin gets the socket
//! type it knows, and takes a plain one out of tokio by that type), with one difference (`Executor`):
//! the I/O thread stays in the runtime's context once it has entered it. `Compat` enters a context to
//! drop its socket, and lapin drops a TLS connection's at the end of its I/O thread, outside any:
//! async-compat then built a fallback runtime of its own, with a thread, only to drop one socket.

use std::{
    future::Future,
    io::{self, Write as _},
    net::{TcpStream, ToSocketAddrs},
    pin::Pin,
    sync::Arc,
    time::{Duration, Instant},
};

use async_rs::{
    util::{RuntimeParts, Task},
    Runtime, Tokio,
};
use lapin::{
    tcp::AsyncTcpStream,
    uri::{AMQPScheme, AMQPUri},
};
use tokio::runtime::Handle;

use super::tls::Tls;

/// What `connect` returns: the socket type of async-rs's tokio kit, as lapin's own connect gives it.
pub type Stream = AsyncTcpStream<<Tokio as async_rs::traits::Reactor>::TcpStream>;

/// The kit lapin runs a connection on: `Executor`, and tokio's reactor.
pub type Kit = RuntimeParts<Executor, Tokio>;

/// The kit for the runtime behind `handle`.
pub fn kit(handle: &'static Handle) -> Runtime<Kit> {
    let tokio = Tokio::default().with_handle(handle.clone());
    Runtime::new(RuntimeParts::new(Executor { tokio: tokio.clone(), handle }, tokio))
}

/// tokio's executor, except that a thread calling `block_on` from outside the runtime (lapin's I/O
/// thread) stays in the runtime's context for the rest of its life.
#[derive(Clone, Debug)]
pub struct Executor {
    tokio: Tokio,
    handle: &'static Handle,
}

impl async_rs::traits::Executor for Executor {
    type Task<T: Send + 'static> = <Tokio as async_rs::traits::Executor>::Task<T>;

    fn block_on<T, F: Future<Output = T>>(&self, f: F) -> T {
        if Handle::try_current().is_err() {
            // Never dropped, so never out of order with the guards entered after it; the handle is the
            // process runtime's, never freed (see runtime.rs).
            std::mem::forget(self.handle.enter());
        }
        self.tokio.block_on(f)
    }

    fn spawn<T: Send + 'static, F: Future<Output = T> + Send + 'static>(&self, f: F) -> Task<Self::Task<T>> {
        self.tokio.spawn(f)
    }

    fn spawn_blocking<T: Send + 'static, F: FnOnce() -> T + Send + 'static>(&self, f: F) -> Task<Self::Task<T>> {
        self.tokio.spawn_blocking(f)
    }
}

/// Connects to `uri`'s host (TLS set up by `tls` when given: `amqps`), the socket registered with
/// `reactor`'s runtime. With `socket_io` (AMQPSocketConnection), failures to reach the host read as
/// php-amqplib's SocketIO words them. `dialled`: the socket `dial_and_greet` opened for this attempt, if
/// it did.
pub async fn connect(
    uri: AMQPUri,
    runtime: Runtime<Kit>,
    tls: Option<&Tls>,
    reactor: &Handle,
    socket_io: bool,
    dialled: Option<TcpStream>,
    abort: &Abort,
) -> lapin::Result<Stream> {
    let socket = dialled.map_or_else(|| dial(&uri, socket_io), Ok).inspect(|socket| abort.watch(socket));
    let plain = socket.and_then(|socket| register(socket, reactor));
    let stream = match (plain, tls) {
        (Ok(plain), None) => Ok(AsyncTcpStream::Plain(plain)),
        (Ok(plain), Some(tls)) => handshake(plain, tls, host(&uri)).await.map_err(|e| UnableToConnect::tls(&e, &uri)),
        (Err(e), _) => Err(e),
    };
    if stream.is_ok() {
        abort.opened();
    }
    stream.map_err(|e| io_error(e, &runtime))
}

/// A duplicate of an attempt's socket, to end an attempt its caller stopped waiting for (the connect
/// timeout): shut down, the socket fails lapin's I/O thread wherever its handshake waits, and the thread
/// ends with its eventfd and socket (a silent peer held all three forever, one set per timed-out
/// attempt). The duplicate is ours, so its number cannot have been reused by another socket. A socket
/// the I/O thread connects after the attempt was ended is shut down at once.
#[derive(Clone, Default)]
pub struct Abort(Arc<std::sync::Mutex<Watched>>);

#[derive(Default)]
pub struct Watched {
    socket: Option<std::os::fd::OwnedFd>,
    ended: bool,
    /// Connected, and secured when TLS: what is left is the broker's AMQP handshake.
    open: bool,
}

impl Abort {
    fn watched(&self) -> std::sync::MutexGuard<'_, Watched> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps a duplicate of `socket` (none if the system refuses one: the attempt can then not be ended).
    pub fn watch(&self, socket: &TcpStream) {
        let mut watched = self.watched();
        if watched.ended {
            shutdown(std::os::fd::AsFd::as_fd(socket));
        } else {
            watched.socket = std::os::fd::AsFd::as_fd(socket).try_clone_to_owned().ok();
        }
    }

    /// The stream is connected, and secured when TLS (see `awaiting_broker`).
    pub fn opened(&self) {
        self.watched().open = true;
    }

    /// Whether the attempt got as far as the broker's AMQP handshake (its stream connected, and TLS set
    /// up when asked), not yet ended or released: a broker that is silent then is php-amqplib's read
    /// timeout.
    pub fn awaiting_broker(&self) -> bool {
        let watched = self.watched();
        watched.open && watched.socket.is_some()
    }

    /// Ends the attempt's socket, now or once it is connected.
    pub fn abort(&self) {
        let mut watched = self.watched();
        watched.ended = true;
        if let Some(fd) = watched.socket.take() {
            shutdown(std::os::fd::AsFd::as_fd(&fd));
        }
    }

    /// The attempt succeeded: closes the duplicate.
    pub fn release(&self) {
        self.watched().socket.take();
    }
}

fn shutdown(socket: std::os::fd::BorrowedFd<'_>) {
    // SAFETY: an open descriptor, borrowed for the call.
    unsafe { libc::shutdown(std::os::fd::AsRawFd::as_raw_fd(&socket), libc::SHUT_RDWR) };
}

/// The TLS handshake on a connected socket, as `tls` sets it up for `host`.
async fn handshake(plain: async_compat::Compat<tokio::net::TcpStream>, tls: &Tls, host: &str) -> io::Result<Stream> {
    let ssl = tls.ssl(host).map_err(io::Error::other)?;
    let mut stream = async_openssl::SslStream::new(ssl, plain).map_err(io::Error::other)?;
    Pin::new(&mut stream).connect().await.map_err(io::Error::other)?;
    tls.check(stream.ssl(), host).map_err(io::Error::other)?;
    Ok(AsyncTcpStream::Openssl(stream))
}

/// `uri`'s host as a name to resolve or check a certificate against: an IPv6 literal in brackets, as
/// PHP's stream URLs write it ("[::1]"), without them.
pub fn host(uri: &AMQPUri) -> &str {
    let host = uri.authority.host.as_str();
    host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host)
}

/// AMQP 0-9-1's protocol header, the client's first bytes on a connection.
const PROTOCOL_HEADER: [u8; 8] = *b"AMQP\x00\x00\x09\x01";

/// `dial`, then the protocol header written on the socket (see the DESIGN note above).
pub fn dial_and_greet(uri: &AMQPUri, socket_io: bool) -> io::Result<TcpStream> {
    let mut socket = dial(uri, socket_io)?;
    // A fresh socket's send buffer takes 8 bytes at once.
    socket.write_all(&PROTOCOL_HEADER)?;
    Ok(socket)
}

/// Resolves and connects on the calling thread: the first address that accepts, else the last error.
/// With the URI's `connection_timeout`, the addresses share it, each tried for what is left, as PHP's
/// stream connect (php-amqplib's) does; the attempt's wait gets the rest (`connect::open_one`).
pub fn dial(uri: &AMQPUri, socket_io: bool) -> io::Result<TcpStream> {
    let (host, port) = (host(uri), uri.authority.port);
    let socket = match uri.query.connection_timeout.filter(|&ms| ms > 0) {
        None => TcpStream::connect((host, port)),
        Some(ms) => (host, port).to_socket_addrs().and_then(|addresses| {
            let deadline = Instant::now() + Duration::from_millis(ms);
            let mut last = io::Error::new(io::ErrorKind::InvalidInput, "could not resolve to any address");
            for address in addresses {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                match TcpStream::connect_timeout(&address, left) {
                    Ok(socket) => return Ok(socket),
                    Err(e) => last = e,
                }
            }
            Err(last)
        }),
    };
    let socket = socket.map_err(|e| UnableToConnect::error(e, uri, socket_io))?;
    socket.set_nodelay(true)?;
    Ok(socket)
}

/// The connected socket, non-blocking and registered with `reactor`'s runtime.
fn register(socket: TcpStream, reactor: &Handle) -> io::Result<async_compat::Compat<tokio::net::TcpStream>> {
    socket.set_nonblocking(true)?;
    let _context = reactor.enter();
    Ok(async_compat::Compat::new(tokio::net::TcpStream::from_std(socket)?))
}

/// A host that could not be reached, told as php-amqplib's stream connect tells it (PHP's
/// `stream_socket_client()` warning, which user code and logs match on): `AMQPIOException`'s message is
/// this text, without lapin's "IO error: " (`errors::connect_error`), and its code is `code`. Its
/// ext-sockets connection (`socket_io`) words it "Error Connecting to server (ERRNO): STRERROR" with
/// the errno as code, a failed name lookup as ext-sockets' -10001 "Unknown host".
#[derive(Debug)]
pub struct UnableToConnect {
    message: String,
    pub code: i32,
}

impl UnableToConnect {
    /// A TLS handshake that failed: PHP's words for the connect, OpenSSL's reason (a certificate that
    /// does not verify...) where PHP says "Unknown error".
    fn tls(e: &io::Error, uri: &AMQPUri) -> io::Error {
        let message = format!("stream_socket_client(): Unable to connect to ssl://{}:{} ({e})", uri.authority.host, uri.authority.port);
        io::Error::new(e.kind(), UnableToConnect { message, code: 0 })
    }

    fn error(e: io::Error, uri: &AMQPUri, socket_io: bool) -> io::Error {
        let scheme = if uri.scheme == AMQPScheme::AMQPS { "ssl" } else { "tcp" };
        let (host, port) = (&uri.authority.host, uri.authority.port);
        let text = e.to_string();
        // strerror's text, as PHP prints it, without Rust's " (os error N)".
        let suffix = e.raw_os_error().map(|code| format!(" (os error {code})")).unwrap_or_default();
        let strerror = text.strip_suffix(suffix.as_str()).unwrap_or(&text);
        let lookup = text.strip_prefix("failed to lookup address information: ");
        let (message, code) = if socket_io {
            // ext-sockets: -10000 - h_errno for a failed lookup (HOST_NOT_FOUND 1, TRY_AGAIN 2); a
            // connect() cut short by its send timeout leaves EINPROGRESS.
            let (errno, reason) = match (lookup, e.kind()) {
                (Some(gai), _) if gai.contains("not known") || gai.contains("No address") => (-10001, "Unknown host".to_owned()),
                (Some(_), _) => (-10002, "Host name lookup failure".to_owned()),
                (None, io::ErrorKind::TimedOut) => (libc::EINPROGRESS, "Operation now in progress".to_owned()),
                (None, _) => (e.raw_os_error().unwrap_or(0), strerror.to_owned()),
            };
            (format!("Error Connecting to server ({errno}): {reason}"), errno)
        } else {
            let reason = match (lookup, e.kind()) {
                (Some(gai), _) => format!("php_network_getaddresses: getaddrinfo for {host} failed: {gai}"),
                (None, io::ErrorKind::TimedOut) => "Connection timed out".to_owned(),
                (None, _) => strerror.to_owned(),
            };
            (format!("stream_socket_client(): Unable to connect to {scheme}://{host}:{port} ({reason})"), 0)
        };
        io::Error::new(e.kind(), UnableToConnect { message, code })
    }
}

impl std::fmt::Display for UnableToConnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UnableToConnect {}

/// lapin's reading of an I/O error: the runtime shutting down is not the socket's fault.
fn io_error(e: io::Error, runtime: &Runtime<Kit>) -> lapin::Error {
    if runtime.is_runtime_shutdown_error(&e) {
        lapin::ErrorKind::RuntimeShutdownError(Arc::new(e)).into()
    } else {
        e.into()
    }
}
