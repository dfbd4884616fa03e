//! What the modules below the channel class know of it: its PHP names, its abstract base (which
//! AbstractConnection extends too), and how `select()` waits on one of its objects.

use std::{future::Future, pin::Pin, sync::OnceLock};

use ext_php_rs::{
    convert::IntoZval,
    exception::PhpResult,
    flags::MethodFlags,
    types::{ZendEmptyArray, ZendObject, Zval},
    zend::{ClassEntry, ExecuteData},
    zend_fastcall,
};

use crate::classes::{self, Constant, Methods};

pub const ABSTRACT: &str = "PhpAmqpLib\\Channel\\AbstractChannel";
pub const CLASS: &str = "PhpAmqpLib\\Channel\\AMQPChannel";

pub fn abstract_channel() -> &'static ClassEntry {
    classes::class(ABSTRACT)
}

/// Classes registered at startup, before the macro-registered ones that extend them.
pub fn abstract_classes() -> Vec<classes::PlainClass> {
    vec![
        classes::PlainClass {
            flags: ext_php_rs::flags::ClassFlags::Abstract,
            constants: &[("PROTOCOL_080", Constant::Str(PROTOCOL_080)), ("PROTOCOL_091", Constant::Str(PROTOCOL_091))],
            methods: abstract_channel_methods,
            ..classes::PlainClass::simple("PhpAmqpLib\\Channel\\AbstractChannel", classes::Parent::None, &[])
        },
    ]
}

/// php-amqplib's `Constants080::VERSION`.
const PROTOCOL_080: &str = "8.0";
/// The protocol mq speaks, whatever `AMQP_PROTOCOL` says (php-amqplib's 0.8 support is not offered).
const PROTOCOL_091: &str = "0.9.1";

/// What AMQPChannel and AbstractConnection share from php-amqplib's AbstractChannel and need no state.
fn abstract_channel_methods() -> Methods {
    vec![
        (classes::method("getProtocolVersion", protocol_version), MethodFlags::Public | MethodFlags::Static),
        (classes::method("getMethodQueue", method_queue), MethodFlags::Public),
    ]
}

zend_fastcall! {
    extern "C" fn protocol_version(_ex: &mut ExecuteData, retval: &mut Zval) {
        // Cannot fail: a static string.
        let _ = retval.set_string(PROTOCOL_091, false);
    }
}

zend_fastcall! {
    /// php-amqplib's queue of methods read while waiting for another; mq hands every frame to the call
    /// or wait() it belongs to, so nothing is ever queued.
    extern "C" fn method_queue(_ex: &mut ExecuteData, retval: &mut Zval) {
        if let Ok(empty) = ZendEmptyArray.into_zval(false) {
            *retval = empty;
        }
    }
}

/// Resolves once a delivery or confirm is ready for the channel's wait(), after recovering the channel
/// when its connection was lost and recovery is on (which may fail); None for an object that is no
/// AMQPChannel.
pub type Work = for<'a> fn(&'a ZendObject) -> PhpResult<Option<Pin<Box<dyn Future<Output = ()> + 'a>>>>;

static WORK: OnceLock<Work> = OnceLock::new();

/// Set once at startup by the channel class (`amqp::startup`): the connection's select() waits on its
/// channels without depending on the class that holds them.
pub fn set_work(work: Work) {
    let _ = WORK.set(work);
}

/// `object`'s wait for work, if it is a channel (see `Work`).
pub fn work(object: &ZendObject) -> PhpResult<Option<Pin<Box<dyn Future<Output = ()> + '_>>>> {
    WORK.get().map_or(Ok(None), |work| work(object))
}
