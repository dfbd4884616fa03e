//! PHP values a `#[php_class]` object holds in its Rust state, reported to PHP's cycle collector with its
//! properties (a `get_gc` handler): a channel's messages awaiting their confirm, a Kafka Conf's or
//! client's callbacks. A cycle through them (a callback capturing its own client) is then collected as a
//! cycle through properties is.

use std::ffi::c_int;

use ext_php_rs::{
    class::RegisteredClass,
    types::{ZendClassObject, ZendHashTable, ZendObject, Zval},
};

/// A class whose objects hold PHP values natively.
pub trait HeldValues: RegisteredClass {
    /// Calls `each` once per value held, each holding one reference count: the collector subtracts one
    /// per report, so a value reported twice would be freed while still in use; one not reported only
    /// stays alive (what to do when the values cannot be read safely, e.g. borrowed).
    fn each_held(&self, each: &mut dyn FnMut(&Zval));
}

/// Makes `T`'s handlers report its held values (before any object of `T` exists).
pub fn install<T: HeldValues>() {
    crate::classes::patch_handlers::<T>(|handlers| handlers.get_gc = Some(get_gc::<T>));
}

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

/// ext-php-rs' own `get_gc` (the standard object's, without calling `get_properties`), plus the values
/// the object holds.
unsafe extern "C" fn get_gc<T: HeldValues>(object: *mut ZendObject, table: *mut *mut Zval, n: *mut c_int) -> *mut ZendHashTable {
    // SAFETY: the engine passes a live object and out-pointers; the buffer is the engine's.
    unsafe {
        let buffer = zend_get_gc_buffer_create();
        let obj = &mut *object;
        if obj.properties.is_null() {
            let count = usize::try_from((*obj.ce).default_properties_count).unwrap_or(0);
            let slots = std::slice::from_raw_parts(obj.properties_table.as_ptr(), count);
            slots.iter().for_each(|slot| add(buffer, slot));
        }
        if let Some(holder) = ZendClassObject::<T>::from_zend_obj(obj) {
            holder.each_held(&mut |value| add(buffer, value));
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
