//! Classes written in PHP and compiled into the extension, declared on first use.
//!
//! php-amqplib's value classes (messages, field tables, the exchange-type constants) are plain PHP that
//! user code subclasses, mocks without constructors and writes into. Written in PHP they behave exactly
//! as PHP classes do; written as handlers they would be a long imitation. The engine asks our autoload
//! hook before any userland autoloader, so they resolve without composer, like the extension's other
//! classes, and the sources live in the binary: nothing to install beside mq.so.

use std::{
    ffi::{c_char, CString},
    sync::atomic::{AtomicUsize, Ordering},
};

use ext_php_rs::ffi::{zend_class_entry, zend_string, zval};

/// A PHP source file declaring one class.
pub struct Source {
    /// The class's fully qualified name.
    pub class: &'static str,
    pub file: &'static str,
    pub code: &'static str,
}

type Autoload = unsafe extern "C" fn(*mut zend_string, *mut zend_string) -> *mut zend_class_entry;

extern "C" {
    static mut zend_autoload: Option<Autoload>;
    fn zend_eval_stringl(code: *const c_char, len: usize, retval: *mut zval, name: *const c_char) -> i32;
    fn zend_lookup_class_ex(name: *mut zend_string, lc_name: *mut zend_string, flags: u32) -> *mut zend_class_entry;
}

const ZEND_FETCH_CLASS_NO_AUTOLOAD: u32 = 0x80;

/// The autoloader that was installed before ours (SPL's), called for every other class.
static PREVIOUS: AtomicUsize = AtomicUsize::new(0);
static SOURCES: std::sync::OnceLock<Vec<&'static Source>> = std::sync::OnceLock::new();

/// Installs the hook for `sources`. Called once, at module startup.
pub fn install(sources: Vec<&'static Source>) {
    if SOURCES.set(sources).is_err() {
        return;
    }
    // SAFETY: MINIT is single-threaded; zend_autoload is the engine's hook pointer, chained not replaced.
    unsafe {
        let previous = zend_autoload;
        PREVIOUS.store(previous.map_or(0, |f| f as usize), Ordering::Relaxed);
        zend_autoload = Some(autoload);
    }
}

/// The source declaring `class` (any case, as PHP class names are), if it is one of ours.
pub fn source_of(class: &str) -> Option<&'static Source> {
    SOURCES.get()?.iter().copied().find(|s| s.class.eq_ignore_ascii_case(class))
}

unsafe extern "C" fn autoload(name: *mut zend_string, lc_name: *mut zend_string) -> *mut zend_class_entry {
    let lc = (lc_name as *const ext_php_rs::types::ZendStr).as_ref();
    if let Some(source) = lc.and_then(|s| s.as_str().ok()).and_then(source_of) {
        let file = CString::new(source.file).unwrap_or_default();
        // Sources keep their `<?php` tag for editors; eval takes code without it.
        let code = source.code.trim_start().trim_start_matches("<?php");
        // The source declares the class (its parents load through this same hook); an error in it is
        // ours and surfaces as the engine's own compile error. No return value: with one, eval would
        // compile `return <code>;`.
        if zend_eval_stringl(code.as_ptr().cast(), code.len(), std::ptr::null_mut(), file.as_ptr()) == 0 {
            return zend_lookup_class_ex(name, lc_name, ZEND_FETCH_CLASS_NO_AUTOLOAD);
        }
        return std::ptr::null_mut();
    }
    match PREVIOUS.load(Ordering::Relaxed) {
        0 => std::ptr::null_mut(),
        // SAFETY: the value was a valid `Autoload` function pointer stored by `install`.
        previous => std::mem::transmute::<usize, Autoload>(previous)(name, lc_name),
    }
}
