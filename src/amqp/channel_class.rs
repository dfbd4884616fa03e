//! What the modules below the channel class know of it: its PHP names, its abstract base (which
//! AbstractConnection extends too), and how `select()` waits on one of its objects.

use std::{future::Future, pin::Pin, sync::OnceLock};

use ext_php_rs::{types::ZendObject, zend::ClassEntry};

use crate::classes;

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
            ..classes::PlainClass::simple("PhpAmqpLib\\Channel\\AbstractChannel", classes::Parent::None, &[])
        },
    ]
}

/// Resolves once a delivery or confirm is ready for the channel's wait(); None for an object that is
/// no AMQPChannel.
pub type Work = for<'a> fn(&'a ZendObject) -> Option<Pin<Box<dyn Future<Output = ()> + 'a>>>;

static WORK: OnceLock<Work> = OnceLock::new();

/// Set once at startup by the channel class (`amqp::startup`): the connection's select() waits on its
/// channels without depending on the class that holds them.
pub fn set_work(work: Work) {
    let _ = WORK.set(work);
}

/// `object`'s wait for work, if it is a channel (see `Work`).
pub fn work(object: &ZendObject) -> Option<Pin<Box<dyn Future<Output = ()> + '_>>> {
    WORK.get().and_then(|work| work(object))
}
