//! php-amqplib's exception tree (`PhpAmqpLib\Exception\*`), with its parents and interface.

use ext_php_rs::{
    args::Arg,
    builders::FunctionBuilder,
    convert::IntoZval,
    exception::PhpException,
    flags::{DataType, MethodFlags, PropertyFlags},
    types::Zval,
    zend::ExecuteData,
    zend_fastcall,
};

use crate::exceptions::{self, args, call_parent_constructor, no_methods, set_this_property, this_property, ExceptionClass, Parent};

pub const NS: &str = "PhpAmqpLib\\Exception\\";
pub const INTERFACE: &str = "PhpAmqpLib\\Exception\\AMQPExceptionInterface";
pub const RUNTIME: &str = "PhpAmqpLib\\Exception\\AMQPRuntimeException";
pub const IO: &str = "PhpAmqpLib\\Exception\\AMQPIOException";
pub const TIMEOUT: &str = "PhpAmqpLib\\Exception\\AMQPTimeoutException";
pub const PROTOCOL_CHANNEL: &str = "PhpAmqpLib\\Exception\\AMQPProtocolChannelException";
pub const PROTOCOL_CONNECTION: &str = "PhpAmqpLib\\Exception\\AMQPProtocolConnectionException";
pub const CHANNEL_CLOSED: &str = "PhpAmqpLib\\Exception\\AMQPChannelClosedException";
pub const CONNECTION_CLOSED: &str = "PhpAmqpLib\\Exception\\AMQPConnectionClosedException";
pub const EMPTY_DELIVERY_TAG: &str = "PhpAmqpLib\\Exception\\AMQPEmptyDeliveryTagException";
pub const OUT_OF_RANGE: &str = "PhpAmqpLib\\Exception\\AMQPOutOfRangeException";
pub const OUT_OF_BOUNDS: &str = "PhpAmqpLib\\Exception\\AMQPOutOfBoundsException";
pub const INVALID_ARGUMENT: &str = "PhpAmqpLib\\Exception\\AMQPInvalidArgumentException";
pub const LOGIC: &str = "PhpAmqpLib\\Exception\\AMQPLogicException";
pub const BASIC_CANCEL: &str = "PhpAmqpLib\\Exception\\AMQPBasicCancelException";

const fn class(name: &'static str, parent: Parent) -> ExceptionClass {
    with_methods(name, parent, no_methods, &[])
}

const fn with_methods(
    name: &'static str,
    parent: Parent,
    methods: fn() -> Vec<(FunctionBuilder<'static>, MethodFlags)>,
    properties: &'static [(&'static str, PropertyFlags)],
) -> ExceptionClass {
    ExceptionClass { name, parent, implements: Some(INTERFACE), interface: false, methods, properties }
}

const PUBLIC: PropertyFlags = PropertyFlags::Public;

fn tree() -> Vec<ExceptionClass> {
    use Parent::*;
    vec![
        ExceptionClass {
            name: INTERFACE,
            parent: Exception,
            implements: None,
            interface: true,
            methods: no_methods,
            properties: &[],
        },
        with_methods(BASIC_CANCEL, Exception, basic_cancel_methods, &[("consumerTag", PUBLIC)]),
        class(IO, Exception),
        with_methods(
            "PhpAmqpLib\\Exception\\AMQPProtocolException",
            Exception,
            protocol_methods,
            &[("amqp_reply_code", PUBLIC), ("amqp_reply_text", PUBLIC), ("amqp_method_sig", PUBLIC), ("args", PUBLIC)],
        ),
        class(PROTOCOL_CHANNEL, Own("PhpAmqpLib\\Exception\\AMQPProtocolException")),
        class(PROTOCOL_CONNECTION, Own("PhpAmqpLib\\Exception\\AMQPProtocolException")),
        class(RUNTIME, Spl("RuntimeException")),
        class(CHANNEL_CLOSED, Own(RUNTIME)),
        class("PhpAmqpLib\\Exception\\AMQPConnectionBlockedException", Own(RUNTIME)),
        class(CONNECTION_CLOSED, Own(RUNTIME)),
        class("PhpAmqpLib\\Exception\\AMQPHeartbeatMissedException", Own(CONNECTION_CLOSED)),
        class("PhpAmqpLib\\Exception\\AMQPDataReadException", Own(RUNTIME)),
        class(EMPTY_DELIVERY_TAG, Own(RUNTIME)),
        class("PhpAmqpLib\\Exception\\AMQPIOWaitException", Own(RUNTIME)),
        class("PhpAmqpLib\\Exception\\AMQPInvalidFrameException", Own(RUNTIME)),
        class("PhpAmqpLib\\Exception\\AMQPNoDataException", Own(RUNTIME)),
        class("PhpAmqpLib\\Exception\\AMQPNotImplementedException", Own(RUNTIME)),
        class("PhpAmqpLib\\Exception\\AMQPSocketException", Own(RUNTIME)),
        class(INVALID_ARGUMENT, Spl("RuntimeException")),
        with_methods(TIMEOUT, Spl("RuntimeException"), timeout_methods, &[("timeout", PropertyFlags::Private)]),
        class(LOGIC, Spl("LogicException")),
        class(OUT_OF_BOUNDS, Spl("OutOfBoundsException")),
        class(OUT_OF_RANGE, Spl("OutOfRangeException")),
    ]
}

pub fn register() -> ext_php_rs::error::Result<()> {
    exceptions::register(&tree())
}

fn or(value: Zval, default: impl IntoZval) -> Zval {
    if value.is_null() { default.into_zval(false).unwrap_or_default() } else { value }
}

zend_fastcall! {
    extern "C" fn timeout_construct(ex: &mut ExecuteData, _retval: &mut Zval) {
        let Some([message, timeout, code, previous]) = args(ex, ["message", "timeout", "code", "previous"], 0) else { return };
        call_parent_constructor(ex, &mut [or(message, ""), or(code, 0i64), previous]);
        set_this_property(ex, "timeout", or(timeout, 0i64));
    }
}

zend_fastcall! {
    extern "C" fn timeout_get(ex: &mut ExecuteData, retval: &mut Zval) {
        *retval = this_property(ex, "timeout");
    }
}

zend_fastcall! {
    extern "C" fn timeout_write(ex: &mut ExecuteData, retval: &mut Zval) {
        let Some([timeout, code]) = args(ex, ["timeout", "code"], 1) else { return };
        match exceptions::new_object(TIMEOUT, vec![&"Error sending data. Connection timed out.", &timeout, &or(code, 0i64)]) {
            Ok(object) => *retval = object,
            Err(e) => e.throw(),
        }
    }
}

fn timeout_methods() -> Vec<(FunctionBuilder<'static>, MethodFlags)> {
    vec![
        (
            FunctionBuilder::constructor(timeout_construct)
                .not_required()
                .arg(Arg::new("message", DataType::Mixed).default("''"))
                .arg(Arg::new("timeout", DataType::Mixed).default("0"))
                .arg(Arg::new("code", DataType::Mixed).default("0"))
                .arg(Arg::new("previous", DataType::Object("Exception".into())).allow_null().default("null")),
            MethodFlags::Public,
        ),
        (FunctionBuilder::new("getTimeout", timeout_get), MethodFlags::Public),
        (
            FunctionBuilder::new("writeTimeout", timeout_write)
                .arg(Arg::new("timeout", DataType::Mixed))
                .not_required()
                .arg(Arg::new("code", DataType::Mixed).default("0")),
            MethodFlags::Public | MethodFlags::Static,
        ),
    ]
}

zend_fastcall! {
    extern "C" fn protocol_construct(ex: &mut ExecuteData, _retval: &mut Zval) {
        let Some([code, text, sig]) = args(ex, ["reply_code", "reply_text", "method_sig"], 3) else { return };
        call_parent_constructor(ex, &mut [text.shallow_clone(), code.shallow_clone()]);
        let mut all = ext_php_rs::types::ZendHashTable::new();
        for v in [&code, &text, &sig] {
            let _ = all.push(v.shallow_clone());
        }
        set_this_property(ex, "amqp_reply_code", code);
        set_this_property(ex, "amqp_reply_text", text);
        set_this_property(ex, "amqp_method_sig", sig);
        set_this_property(ex, "args", all.into_zval(false).unwrap_or_default());
    }
}

fn protocol_methods() -> Vec<(FunctionBuilder<'static>, MethodFlags)> {
    vec![(
        FunctionBuilder::constructor(protocol_construct)
            .arg(Arg::new("reply_code", DataType::Mixed))
            .arg(Arg::new("reply_text", DataType::Mixed))
            .arg(Arg::new("method_sig", DataType::Mixed)),
        MethodFlags::Public,
    )]
}

zend_fastcall! {
    extern "C" fn cancel_construct(ex: &mut ExecuteData, _retval: &mut Zval) {
        let Some([tag]) = args(ex, ["consumerTag"], 1) else { return };
        call_parent_constructor(ex, &mut ["Channel was canceled".into_zval(false).unwrap_or_default()]);
        set_this_property(ex, "consumerTag", tag);
    }
}

zend_fastcall! {
    extern "C" fn cancel_get(ex: &mut ExecuteData, retval: &mut Zval) {
        *retval = this_property(ex, "consumerTag");
    }
}

fn basic_cancel_methods() -> Vec<(FunctionBuilder<'static>, MethodFlags)> {
    vec![
        (FunctionBuilder::constructor(cancel_construct).arg(Arg::new("consumerTag", DataType::Mixed)), MethodFlags::Public),
        (FunctionBuilder::new("getConsumerTag", cancel_get), MethodFlags::Public),
    ]
}

/// A server's channel.close (404, 406...) as php-amqplib raises it.
pub fn protocol_channel(code: u16, text: &str, class_id: u16, method_id: u16) -> PhpException {
    let mut sig = ext_php_rs::types::ZendHashTable::new();
    let _ = sig.push(i64::from(class_id));
    let _ = sig.push(i64::from(method_id));
    exceptions::construct(PROTOCOL_CHANNEL, vec![&i64::from(code), &text, &sig])
}
