//! lapin's errors as the php-amqplib exceptions user code catches.

use ext_php_rs::exception::PhpException;
use lapin::ErrorKind;

use super::{
    exceptions::{self as ex, protocol},
    transport::UnableToConnect,
};
use crate::exceptions::exception;

/// The AMQP method a call was making, for AMQPProtocolException's `amqp_method_sig` (class, method).
#[derive(Clone, Copy)]
pub struct Method(pub u16, pub u16);

pub const CHANNEL_OPEN: Method = Method(20, 10);
pub const EXCHANGE_DECLARE: Method = Method(40, 10);
pub const EXCHANGE_DELETE: Method = Method(40, 20);
pub const EXCHANGE_BIND: Method = Method(40, 30);
pub const EXCHANGE_UNBIND: Method = Method(40, 40);
pub const QUEUE_DECLARE: Method = Method(50, 10);
pub const QUEUE_BIND: Method = Method(50, 20);
pub const QUEUE_PURGE: Method = Method(50, 30);
pub const QUEUE_DELETE: Method = Method(50, 40);
pub const QUEUE_UNBIND: Method = Method(50, 50);
pub const BASIC_QOS: Method = Method(60, 10);
pub const BASIC_CONSUME: Method = Method(60, 20);
pub const BASIC_CANCEL: Method = Method(60, 30);
pub const BASIC_PUBLISH: Method = Method(60, 40);
pub const BASIC_GET: Method = Method(60, 70);
pub const BASIC_ACK: Method = Method(60, 80);
pub const BASIC_REJECT: Method = Method(60, 90);
pub const BASIC_RECOVER: Method = Method(60, 110);
pub const BASIC_NACK: Method = Method(60, 120);
pub const TX_SELECT: Method = Method(90, 10);
pub const TX_COMMIT: Method = Method(90, 20);
pub const TX_ROLLBACK: Method = Method(90, 30);
pub const CONFIRM_SELECT: Method = Method(85, 10);

/// A failed channel operation. A server-side close of the channel (404, 406, 403...) is an
/// AMQPProtocolChannelException with the reply code and text; a dead connection or channel is
/// AMQPConnectionClosedException / AMQPChannelClosedException.
pub fn channel_error(error: &lapin::Error, method: Method) -> PhpException {
    match error.kind() {
        ErrorKind::ProtocolError(amqp) if error.is_amqp_soft_error() => {
            let Method(class, id) = caused_by(amqp, method);
            protocol(ex::PROTOCOL_CHANNEL, amqp.get_id(), amqp.get_message().as_str(), class, id)
        }
        ErrorKind::InvalidChannelState(..) => exception(ex::CHANNEL_CLOSED, "Channel connection is closed.", 0),
        _ => connection_error(error, method),
    }
}

/// The method a broker's close names as its cause (php-amqplib reports that one), else `method`.
fn caused_by(amqp: &lapin::protocol::AMQPError, method: Method) -> Method {
    amqp.get_method().map_or(method, |(class, id)| Method(class, id))
}

/// A failure of the connection itself. A server's connection.close reads as php-amqplib words it:
/// "REPLY_TEXT(class, method)" with the reply code, the method being the one the close names.
pub fn connection_error(error: &lapin::Error, method: Method) -> PhpException {
    match error.kind() {
        ErrorKind::ProtocolError(amqp) => closed_by_server(amqp, method).exception(),
        ErrorKind::MissingHeartbeatError => exception(ex::HEARTBEAT_MISSED, "Missed server heartbeat", 0),
        // php-amqplib's words, with the socket's errno as the code (EPIPE, ECONNRESET...), as its write
        // failures carry it; an end of stream has none: 0, as php-amqplib's read at EOF.
        ErrorKind::IOError(io) => exception(ex::CONNECTION_CLOSED, "Broken pipe or closed connection", io.raw_os_error().unwrap_or(0)),
        ErrorKind::InvalidConnectionState(_) => exception(ex::CONNECTION_CLOSED, "Connection is closed.", 0),
        // channel() with every number of the negotiated channel_max in use: php-amqplib's words.
        ErrorKind::ChannelsLimitReached => exception(ex::RUNTIME, "No free channel ids", 0),
        ErrorKind::InvalidFrameType(_) | ErrorKind::InvalidFrameEnd(_) => exception(ex::INVALID_FRAME, frame_fault(error), 0),
        // A malformed payload: php-amqplib's class; the text says what happened to the connection.
        ErrorKind::ParsingError(_) => {
            exception(ex::INVALID_FRAME, "Framing error: the broker sent bytes that are no AMQP frame; the connection is closed", 0)
        }
        _ => exception(ex::RUNTIME, error.to_string(), 0),
    }
}

/// php-amqplib's words for a frame it refuses by its type or end octet (`wait_frame`).
fn frame_fault(error: &lapin::Error) -> String {
    match error.kind() {
        ErrorKind::InvalidFrameEnd(byte) => format!("Framing error, unexpected byte: {byte:x}"),
        ErrorKind::InvalidFrameType(frame_type) => format!("Invalid frame type {frame_type}"),
        _ => error.to_string(),
    }
}

/// No method: errors outside any call (the handshake, a connection dying on its own).
pub const NO_METHOD: Method = Method(0, 0);

/// A server's connection.close as php-amqplib reports it.
fn closed_by_server(amqp: &lapin::protocol::AMQPError, method: Method) -> ConnectFailure {
    let Method(class, id) = caused_by(amqp, method);
    ConnectFailure {
        class: ex::CONNECTION_CLOSED,
        message: format!("{}({class}, {id})", amqp.get_message().as_str()),
        code: i32::from(amqp.get_id()),
    }
}

/// A failed attempt to connect, kept apart from the PHP exception it becomes so that a retry policy
/// can judge it (`retry::Failure`) and its message can list every attempt.
#[derive(Clone, Debug)]
pub struct ConnectFailure {
    pub class: &'static str,
    pub message: String,
    pub code: i32,
}

impl ConnectFailure {
    pub fn exception(&self) -> PhpException {
        exception(self.class, self.message.clone(), self.code)
    }
}

impl crate::retry::Failure for ConnectFailure {
    fn is_a(&self, class: &str) -> bool {
        ext_php_rs::zend::ClassEntry::try_find(class)
            .is_some_and(|target| crate::exceptions::class_entry(self.class).instance_of(target))
    }
    fn code(&self) -> i64 {
        i64::from(self.code)
    }
    fn message(&self) -> &str {
        &self.message
    }
}

/// A failure to connect: refused or unreachable is AMQPIOException; a broker refusing the login (403)
/// or the vhost (530) closes the connection, AMQPConnectionClosedException as in php-amqplib.
pub fn connect_error(error: &lapin::Error) -> ConnectFailure {
    let failure = |class, message: String| ConnectFailure { class, message, code: 0 };
    match error.kind() {
        // The close names its cause: connection.open for a refused vhost (530), none for a login (403).
        ErrorKind::ProtocolError(amqp) => closed_by_server(amqp, NO_METHOD),
        // php-amqplib's answer to a login it cannot make (its "Unknown login method").
        ErrorKind::AuthProviderError(reason) => failure("InvalidArgumentException", format!("Login failed: {reason}")),
        // Bytes that are no AMQP frame: whatever answers there is not an AMQP 0-9-1 broker.
        ErrorKind::InvalidFrameType(_) | ErrorKind::InvalidFrameEnd(_) => failure(ex::INVALID_FRAME, frame_fault(error)),
        ErrorKind::ParsingError(_) => failure(
            ex::INVALID_FRAME,
            "Invalid frame: the peer does not speak AMQP 0-9-1 (is this a RabbitMQ port?)".into(),
        ),
        ErrorKind::IOError(e) => match e.get_ref().and_then(|inner| inner.downcast_ref::<UnableToConnect>()) {
            Some(unable) => ConnectFailure { class: ex::IO, message: unable.to_string(), code: unable.code },
            None => failure(ex::IO, error.to_string()),
        },
        _ => failure(ex::IO, error.to_string()),
    }
}

/// php-amqplib's message for a wait that saw nothing in time (its exception carries no timeout value),
/// the seconds printed as PHP prints a float ("1.0E-5", "0.5").
pub fn timed_out(seconds: f64) -> PhpException {
    let mut number = ext_php_rs::types::Zval::new();
    number.set_double(seconds);
    let seconds = crate::php_string::lossy(&number).unwrap_or_default();
    let message = format!("The connection timed out after {seconds} sec while awaiting incoming data");
    crate::exceptions::construct(ex::TIMEOUT, vec![&message])
}
