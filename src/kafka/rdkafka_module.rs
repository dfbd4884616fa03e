//! The `rdkafka` module entry mq registers next to its own, so that code checking for php-rdkafka before
//! using its API finds it: `extension_loaded('rdkafka')`, `phpversion('rdkafka')` (php-rdkafka's version
//! whose API mq has), `php -m`, `php --ri rdkafka` and Composer's `ext-rdkafka` requirement.

use std::{
    ffi::CStr,
    sync::atomic::{AtomicBool, Ordering},
};

use ext_php_rs::{ffi::ext_php_rs_php_build_id, info_table_end, info_table_row, info_table_start, zend::ModuleEntry};

/// The php-rdkafka release whose API mq mirrors.
const VERSION: &CStr = c"6.0.4";

static REGISTERED: AtomicBool = AtomicBool::new(false);

/// Whether the `rdkafka` entry in PHP's module table is mq's (and not php-rdkafka's).
pub fn registered() -> bool {
    REGISTERED.load(Ordering::Relaxed)
}

extern "C" {
    fn zend_register_internal_module(module: *mut ModuleEntry) -> *mut ModuleEntry;
}

/// Registers the entry. Called from mq's `get_module`, while PHP loads extensions and before any module
/// starts, only when php-rdkafka itself is not loaded; a php-rdkafka loaded after mq is then refused by
/// PHP ("Module "rdkafka" is already loaded") instead of failing on classes mq already declared.
pub fn register() {
    // SAFETY: an all-zero entry is a module without functions, ini entries, globals or hooks. PHP keeps
    // pointers into it for the life of the process, hence leaked.
    let entry: &'static mut ModuleEntry = Box::leak(Box::new(unsafe { std::mem::zeroed() }));
    entry.size = std::mem::size_of::<ModuleEntry>() as u16;
    entry.zend_api = ext_php_rs::ffi::ZEND_MODULE_API_NO;
    entry.zend_debug = u8::from(ext_php_rs::PHP_DEBUG);
    entry.zts = u8::from(ext_php_rs::PHP_ZTS);
    entry.name = c"rdkafka".as_ptr();
    entry.version = VERSION.as_ptr();
    entry.info_func = Some(php_info);
    // SAFETY: PHP's own build id string, 'static.
    entry.build_id = unsafe { ext_php_rs_php_build_id() };
    // SAFETY: called on PHP's startup thread while it loads extensions (module table not being iterated).
    let added = unsafe { !zend_register_internal_module(entry).is_null() };
    REGISTERED.store(added, Ordering::Relaxed);
}

/// `php --ri rdkafka`: php-rdkafka's rows (but its build date), and which extension provides them.
unsafe extern "C" fn php_info(_module: *mut ModuleEntry) {
    let (_, runtime) = rdkafka::util::get_rdkafka_version();
    let build = rdkafka::bindings::RD_KAFKA_VERSION.to_be_bytes().map(|b| b.to_string()).join(".");
    info_table_start!();
    info_table_row!("rdkafka support", "enabled");
    info_table_row!("version", VERSION.to_str().unwrap_or_default());
    info_table_row!("librdkafka version (runtime)", runtime);
    info_table_row!("librdkafka version (build)", build);
    info_table_row!("provided by", format!("mq {}", crate::VERSION));
    info_table_end!();
}
