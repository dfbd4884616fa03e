//! php-amqplib's exception tree (`PhpAmqpLib\Exception\*`), with its parents and interface.

use ext_php_rs::{
    args::Arg,
    builders::FunctionBuilder,
    convert::IntoZval,
    exception::PhpException,
    flags::{ClassFlags, DataType, MethodFlags, PropertyFlags},
    types::{ZendHashTable, Zval},
    zend::ExecuteData,
    zend_fastcall,
};

use crate::{
    classes::{self, args, call_parent_constructor, method, or, param, param_or, this_read, this_write},
    classes::{Initial, Interface, Methods, Parent, PlainClass},
    exceptions,
};

pub const INTERFACE: &str = "PhpAmqpLib\\Exception\\AMQPExceptionInterface";
pub const RUNTIME: &str = "PhpAmqpLib\\Exception\\AMQPRuntimeException";
pub const IO: &str = "PhpAmqpLib\\Exception\\AMQPIOException";
pub const TIMEOUT: &str = "PhpAmqpLib\\Exception\\AMQPTimeoutException";
pub const PROTOCOL: &str = "PhpAmqpLib\\Exception\\AMQPProtocolException";
pub const PROTOCOL_CHANNEL: &str = "PhpAmqpLib\\Exception\\AMQPProtocolChannelException";
pub const PROTOCOL_CONNECTION: &str = "PhpAmqpLib\\Exception\\AMQPProtocolConnectionException";
pub const CHANNEL_CLOSED: &str = "PhpAmqpLib\\Exception\\AMQPChannelClosedException";
pub const CONNECTION_CLOSED: &str = "PhpAmqpLib\\Exception\\AMQPConnectionClosedException";
pub const CONNECTION_BLOCKED: &str = "PhpAmqpLib\\Exception\\AMQPConnectionBlockedException";
pub const HEARTBEAT_MISSED: &str = "PhpAmqpLib\\Exception\\AMQPHeartbeatMissedException";
pub const EMPTY_DELIVERY_TAG: &str = "PhpAmqpLib\\Exception\\AMQPEmptyDeliveryTagException";
pub const OUT_OF_RANGE: &str = "PhpAmqpLib\\Exception\\AMQPOutOfRangeException";
pub const OUT_OF_BOUNDS: &str = "PhpAmqpLib\\Exception\\AMQPOutOfBoundsException";
pub const INVALID_ARGUMENT: &str = "PhpAmqpLib\\Exception\\AMQPInvalidArgumentException";
pub const LOGIC: &str = "PhpAmqpLib\\Exception\\AMQPLogicException";
pub const BASIC_CANCEL: &str = "PhpAmqpLib\\Exception\\AMQPBasicCancelException";
pub const INVALID_FRAME: &str = "PhpAmqpLib\\Exception\\AMQPInvalidFrameException";
pub const DATA_READ: &str = "PhpAmqpLib\\Exception\\AMQPDataReadException";
pub const NOT_IMPLEMENTED: &str = "PhpAmqpLib\\Exception\\AMQPNotImplementedException";

const AMQP: &[Interface] = &[Interface::Own(INTERFACE)];

const fn simple(name: &'static str, parent: Parent) -> PlainClass {
    PlainClass::simple(name, parent, AMQP)
}

const PUBLIC: PropertyFlags = PropertyFlags::Public;

fn tree() -> Vec<PlainClass> {
    use Parent::*;
    vec![
        PlainClass { flags: ClassFlags::Interface, ..PlainClass::simple(INTERFACE, Parent::None, &[Interface::Engine(ext_php_rs::zend::ce::throwable)]) },
        PlainClass {
            methods: basic_cancel_methods,
            properties: &[("consumerTag", PUBLIC, Initial::Null)],
            ..simple(BASIC_CANCEL, Exception)
        },
        simple(IO, Exception),
        PlainClass {
            methods: protocol_methods,
            properties: &[
                ("amqp_reply_code", PUBLIC, Initial::Null),
                ("amqp_reply_text", PUBLIC, Initial::Null),
                ("amqp_method_sig", PUBLIC, Initial::Null),
                ("args", PUBLIC, Initial::Null),
            ],
            ..simple(PROTOCOL, Exception)
        },
        simple(PROTOCOL_CHANNEL, Own(PROTOCOL)),
        simple(PROTOCOL_CONNECTION, Own(PROTOCOL)),
        simple(RUNTIME, Spl("RuntimeException")),
        simple(CHANNEL_CLOSED, Own(RUNTIME)),
        simple(CONNECTION_BLOCKED, Own(RUNTIME)),
        simple(CONNECTION_CLOSED, Own(RUNTIME)),
        simple(HEARTBEAT_MISSED, Own(CONNECTION_CLOSED)),
        simple(DATA_READ, Own(RUNTIME)),
        simple(EMPTY_DELIVERY_TAG, Own(RUNTIME)),
        simple("PhpAmqpLib\\Exception\\AMQPIOWaitException", Own(RUNTIME)),
        simple(INVALID_FRAME, Own(RUNTIME)),
        simple("PhpAmqpLib\\Exception\\AMQPNoDataException", Own(RUNTIME)),
        simple(NOT_IMPLEMENTED, Own(RUNTIME)),
        simple("PhpAmqpLib\\Exception\\AMQPSocketException", Own(RUNTIME)),
        simple(INVALID_ARGUMENT, Spl("RuntimeException")),
        PlainClass {
            methods: timeout_methods,
            properties: &[("timeout", PropertyFlags::Private, Initial::Null)],
            ..simple(TIMEOUT, Spl("RuntimeException"))
        },
        simple(LOGIC, Spl("LogicException")),
        simple(OUT_OF_BOUNDS, Spl("OutOfBoundsException")),
        simple(OUT_OF_RANGE, Spl("OutOfRangeException")),
    ]
}

pub fn register() -> ext_php_rs::error::Result<()> {
    classes::register(&tree())
}

zend_fastcall! {
    extern "C" fn timeout_construct(ex: &mut ExecuteData, _retval: &mut Zval) {
        let Some([message, timeout, code, previous]) = args(ex, ["message", "timeout", "code", "previous"], 0) else { return };
        call_parent_constructor(ex, &mut [or(message, ""), or(code, 0i64), previous]);
        this_write(ex, "timeout", or(timeout, 0i64));
    }
}

zend_fastcall! {
    extern "C" fn timeout_get(ex: &mut ExecuteData, retval: &mut Zval) {
        *retval = this_read(ex, "timeout");
    }
}

zend_fastcall! {
    extern "C" fn timeout_write(ex: &mut ExecuteData, retval: &mut Zval) {
        let Some([timeout, code]) = args(ex, ["timeout", "code"], 1) else { return };
        match classes::instantiate(TIMEOUT, vec![&"Error sending data. Connection timed out.", &timeout, &or(code, 0i64)]) {
            Ok(object) => *retval = object,
            Err(e) => PhpException::from_message(e.to_string()).throw(),
        }
    }
}

fn timeout_methods() -> Methods {
    vec![
        (
            FunctionBuilder::constructor(timeout_construct)
                .not_required()
                .arg(param_or("message", "''"))
                .arg(param_or("timeout", "0"))
                .arg(param_or("code", "0"))
                .arg(Arg::new("previous", DataType::Object("Exception".into())).allow_null().default("null")),
            MethodFlags::Public,
        ),
        (method("getTimeout", timeout_get), MethodFlags::Public),
        (
            method("writeTimeout", timeout_write).arg(param("timeout")).not_required().arg(param_or("code", "0")),
            MethodFlags::Public | MethodFlags::Static,
        ),
    ]
}

zend_fastcall! {
    extern "C" fn protocol_construct(ex: &mut ExecuteData, _retval: &mut Zval) {
        let Some([code, text, sig]) = args(ex, ["reply_code", "reply_text", "method_sig"], 3) else { return };
        call_parent_constructor(ex, &mut [text.shallow_clone(), code.shallow_clone()]);
        let mut all = ZendHashTable::new();
        for v in [&code, &text, &sig] {
            let _ = all.push(v.shallow_clone());
        }
        this_write(ex, "amqp_reply_code", code);
        this_write(ex, "amqp_reply_text", text);
        this_write(ex, "amqp_method_sig", sig);
        this_write(ex, "args", all.into_zval(false).unwrap_or_default());
    }
}

fn protocol_methods() -> Methods {
    vec![(
        FunctionBuilder::constructor(protocol_construct)
            .arg(param("reply_code"))
            .arg(param("reply_text"))
            .arg(param("method_sig")),
        MethodFlags::Public,
    )]
}

zend_fastcall! {
    extern "C" fn cancel_construct(ex: &mut ExecuteData, _retval: &mut Zval) {
        let Some([tag]) = args(ex, ["consumerTag"], 1) else { return };
        call_parent_constructor(ex, &mut ["Channel was canceled".into_zval(false).unwrap_or_default()]);
        this_write(ex, "consumerTag", tag);
    }
}

zend_fastcall! {
    extern "C" fn cancel_get(ex: &mut ExecuteData, retval: &mut Zval) {
        *retval = this_read(ex, "consumerTag");
    }
}

fn basic_cancel_methods() -> Methods {
    vec![
        (FunctionBuilder::constructor(cancel_construct).arg(param("consumerTag")), MethodFlags::Public),
        (method("getConsumerTag", cancel_get), MethodFlags::Public),
    ]
}

/// A server's channel.close or connection.close (404, 406, 530...) as php-amqplib raises it.
pub fn protocol(class: &str, code: u16, text: &str, class_id: u16, method_id: u16) -> PhpException {
    let mut sig = ZendHashTable::new();
    let _ = sig.push(i64::from(class_id));
    let _ = sig.push(i64::from(method_id));
    exceptions::construct(class, vec![&i64::from(code), &text, &sig])
}
