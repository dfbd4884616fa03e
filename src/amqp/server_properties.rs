//! The broker's server properties (`AbstractConnection::getServerProperties()`).
//!
//! lapin reads them in the handshake and keeps nothing of them, so they are asked for once more on a
//! short-lived socket of our own: open it (with the connection's TLS settings), send the protocol
//! header, parse the broker's connection.start, close. Done at most once per connection, on demand.

use std::{
    io::{Read, Write},
    time::{Duration, Instant},
};

use amq_protocol::{
    frame::{parse_frame, AMQPFrame},
    protocol::{connection::AMQPMethod, AMQPClass},
};
use ext_php_rs::exception::PhpResult;
use lapin::types::FieldTable;

use super::{
    exceptions as ex,
    settings::{Endpoint, Settings},
    tls::Tls,
    transport,
};
use crate::exceptions::exception;

const PROTOCOL_HEADER: &[u8] = b"AMQP\x00\x00\x09\x01";

/// The server properties of `endpoint`, reached with `settings`' TLS, all within the connection timeout
/// (at least a second).
pub fn fetch(settings: &Settings, endpoint: &Endpoint) -> PhpResult<FieldTable> {
    let failed = |e: &dyn std::fmt::Display| exception(ex::IO, format!("Reading the server properties failed: {e}"), 0);
    let uri = settings.uri(endpoint);
    let socket = transport::dial(&uri, settings.socket_io).map_err(|e| failed(&e))?;
    let limit = Duration::from_secs_f64(settings.connection_timeout.max(1.0));
    let deadline = Instant::now() + limit;
    socket.set_read_timeout(Some(limit)).and_then(|()| socket.set_write_timeout(Some(limit))).map_err(|e| failed(&e))?;
    // The same socket, for the time each read may take once it is wrapped.
    let control = socket.try_clone().map_err(|e| failed(&e))?;
    let mut stream: Box<dyn Stream> = match settings.tls.as_ref().map(Tls::new).transpose().map_err(|e| failed(&e))? {
        None => Box::new(socket),
        Some(tls) => {
            let host = transport::host(&uri);
            let stream = tls.ssl(host).map_err(|e| failed(&e))?.connect(socket).map_err(|e| failed(&e))?;
            tls.check(stream.ssl(), host).map_err(|e| failed(&e))?;
            Box::new(stream)
        }
    };
    stream.write_all(PROTOCOL_HEADER).map_err(|e| failed(&e))?;
    let mut received = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        if let Ok((_, AMQPFrame::Method(0, AMQPClass::Connection(AMQPMethod::Start(start))))) =
            parse_frame(received.as_slice())
        {
            return Ok(start.server_properties);
        }
        // A peer dripping bytes gets no more than the deadline.
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(failed(&"timed out"));
        }
        control.set_read_timeout(Some(left)).map_err(|e| failed(&e))?;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(failed(&"the broker closed the connection")),
            Ok(n) => received.extend_from_slice(&chunk[..n]),
            Err(e) => return Err(failed(&e)),
        }
        if received.len() > 1 << 20 {
            return Err(failed(&"no connection.start in the broker's first megabyte"));
        }
    }
}

/// A socket, plain or TLS.
trait Stream: Read + Write {}

impl<S: Read + Write> Stream for S {}
