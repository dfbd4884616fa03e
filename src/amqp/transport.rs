//! The TCP (and TLS) connect lapin calls for each connection attempt.
//!
//! lapin's own connect resolves every host through the runtime's blocking pool, an IP address too: the
//! first connection of a process spawned the pool's first thread only to parse "127.0.0.1", and waited
//! for it across two threads. Here an IP address is used as it is; a name is resolved as lapin does.

use std::{
    io,
    net::{IpAddr, SocketAddr},
    sync::Arc,
};

use async_rs::{Runtime, Tokio};
use lapin::{
    tcp::{AsyncTcpStream, OwnedTLSConfig},
    uri::{AMQPScheme, AMQPUri},
};

/// What `connect` returns: the socket type of async-rs's tokio kit, as lapin's own connect gives it.
pub type Stream = AsyncTcpStream<<Tokio as async_rs::traits::Reactor>::TcpStream>;

/// Connects to `uri`'s host (TLS for `amqps`) on `runtime`, as lapin's connect does.
pub async fn connect(uri: AMQPUri, runtime: Runtime<Tokio>, tls: &OwnedTLSConfig) -> lapin::Result<Stream> {
    let (host, port) = (uri.authority.host.as_str(), uri.authority.port);
    let stream = match host.parse::<IpAddr>() {
        Ok(ip) => AsyncTcpStream::connect(&runtime, SocketAddr::new(ip, port)).await,
        Err(_) => AsyncTcpStream::connect(&runtime, runtime.to_socket_addrs((host.to_owned(), port))).await,
    };
    let stream = match (stream, uri.scheme) {
        (Ok(plain), AMQPScheme::AMQP) => Ok(plain),
        (Ok(plain), AMQPScheme::AMQPS) => plain.into_tls(host, tls.as_ref()).await,
        (Err(e), _) => Err(e),
    };
    stream.map_err(|e| io_error(e, &runtime))
}

/// lapin's reading of an I/O error: the runtime shutting down is not the socket's fault.
fn io_error(e: io::Error, runtime: &Runtime<Tokio>) -> lapin::Error {
    if runtime.is_runtime_shutdown_error(&e) {
        lapin::ErrorKind::RuntimeShutdownError(Arc::new(e)).into()
    } else {
        e.into()
    }
}
