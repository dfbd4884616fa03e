//! What PHP's cycle collector sees of a channel: its properties, as for any object, and the messages mq
//! holds for it natively (awaiting their confirm, or batched). A received message keeps its channel
//! (`delivery_info['channel']`); republished in confirm mode, the channel holds it back, and once the
//! program lets go of both before the confirm, that cycle was invisible to the collector and leaked the
//! channel, its connection and its socket. php-amqplib's, all in PHP arrays, is collected.

use std::ffi::c_int;

use ext_php_rs::types::{ZendClassObject, ZendHashTable, ZendObject, Zval};

use super::channel::AmqpChannel;

/// zend_gc.h's `zend_get_gc_buffer`: the engine's scratch list a `get_gc` handler reports values in,
/// reused by every call (the collector reads it before the next).
#[repr(C)]
struct GcBuffer {
    cur: *mut Zval,
    end: *mut Zval,
    start: *mut Zval,
}

extern "C" {
    fn zend_get_gc_buffer_create() -> *mut GcBuffer;
    fn zend_get_gc_buffer_grow(buffer: *mut GcBuffer);
}

/// zend_types.h: `IS_TYPE_REFCOUNTED` among a zval's type flags; the collector looks at no other value.
const REFCOUNTED: u32 = 1 << 8;

/// Makes AMQPChannel's handlers report the messages it holds (at module startup).
pub(super) fn install() {
    crate::classes::patch_handlers::<AmqpChannel>(|handlers| handlers.get_gc = Some(get_gc));
}

/// ext-php-rs' own `get_gc` (the standard object's, without calling `get_properties`), plus the held
/// messages. Each is reported once, as each holds one count: the collector subtracts one per report,
/// so a value reported twice would be freed while still in use; one not reported only stays alive.
unsafe extern "C" fn get_gc(object: *mut ZendObject, table: *mut *mut Zval, n: *mut c_int) -> *mut ZendHashTable {
    // SAFETY: the engine passes a live object and out-pointers; the buffer is the engine's.
    unsafe {
        let buffer = zend_get_gc_buffer_create();
        let obj = &mut *object;
        if obj.properties.is_null() {
            let count = usize::try_from((*obj.ce).default_properties_count).unwrap_or(0);
            let slots = std::slice::from_raw_parts(obj.properties_table.as_ptr(), count);
            slots.iter().for_each(|slot| add(buffer, slot));
        }
        if let Some(channel) = ZendClassObject::<AmqpChannel>::from_zend_obj(obj) {
            channel.held_messages(|message| add(buffer, message));
        }
        *table = (*buffer).start;
        *n = c_int::try_from((*buffer).cur.offset_from((*buffer).start)).unwrap_or(0);
        obj.properties
    }
}

/// zend_gc.h's `zend_get_gc_buffer_add_zval`.
unsafe fn add(buffer: *mut GcBuffer, value: &Zval) {
    // SAFETY: the engine's buffer; a reported zval is a bitwise copy, which takes no count.
    unsafe {
        if value.u1.type_info & REFCOUNTED == 0 {
            return;
        }
        if (*buffer).cur == (*buffer).end {
            zend_get_gc_buffer_grow(buffer);
        }
        std::ptr::copy_nonoverlapping(value, (*buffer).cur, 1);
        (*buffer).cur = (*buffer).cur.add(1);
    }
}
