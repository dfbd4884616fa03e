//! What var_dump() and print_r() show of php-rdkafka's Rust-backed value classes (TopicPartition and the
//! metadata classes): php-rdkafka gives them a `get_debug_info` handler and no properties, so (array),
//! var_export(), json_encode() and get_object_vars() see nothing while var_dump() lists their fields.

use std::ffi::c_int;

use ext_php_rs::{
    class::RegisteredClass,
    convert::IntoZval,
    exception::PhpResult,
    types::{ZendClassObject, ZendHashTable, ZendObject},
};

/// A class with php-rdkafka's debug view: its fields by name, in php-rdkafka's order.
pub trait DebugInfo: RegisteredClass {
    fn debug_info(&self, table: &mut ZendHashTable) -> PhpResult<()>;
}

/// Adds `name => value` to a debug view.
pub fn field(table: &mut ZendHashTable, name: &str, value: impl IntoZval) -> PhpResult<()> {
    Ok(table.insert(name, value.into_zval(false)?)?)
}

/// Installs the handler on `T`'s object handlers (before any object of `T` exists: at module startup).
pub fn install<T: DebugInfo>() {
    crate::classes::patch_handlers::<T>(|handlers| handlers.get_debug_info = Some(handler::<T>));
}

unsafe extern "C" fn handler<T: DebugInfo>(object: *mut ZendObject, is_temp: *mut c_int) -> *mut ZendHashTable {
    let mut table = ZendHashTable::new();
    // SAFETY: the engine passes a live object of this class and a flag to set.
    unsafe {
        *is_temp = 1;
        // An object made without its constructor has no fields to show, as in php-rdkafka.
        if let Some(object) = object.as_ref().and_then(ZendClassObject::<T>::from_zend_obj) {
            let _ = object.debug_info(&mut table);
        }
    }
    table.into_raw()
}
