//! Classes written in PHP and compiled into the extension, declared on first use.
//!
//! php-amqplib's value classes (messages, field tables, the exchange-type constants) are plain PHP that
//! user code subclasses, mocks without constructors and writes into. Written in PHP they behave exactly
//! as PHP classes do; written as handlers they would be a long imitation. The engine asks our autoload
//! hook before any userland autoloader, so they resolve without composer, like the extension's other
//! classes, and the sources live in the binary: nothing to install beside mq.so.
//!
//! PHP names a source by its `Source::file` (`mq://PhpAmqpLib/Message/AMQPMessage.php`) in errors and
//! traces; the `mq://` stream wrapper opens and stats those names as read-only files, so code that looks
//! at a frame's file (an error page showing the source line, PHPUnit's trace filter calling `is_file()`)
//! finds it, where PHP warned that no wrapper "mq" exists (an exception, under an error handler that
//! turns warnings into exceptions, as Laravel's does).

use std::{
    ffi::{c_char, c_int, CStr, CString},
    sync::atomic::{AtomicUsize, Ordering},
};

use ext_php_rs::{
    ffi::{
        php_register_url_stream_wrapper, php_stream, php_stream_context, php_stream_statbuf, php_stream_wrapper,
        php_stream_wrapper_ops, zend_class_entry, zend_string, zval,
    },
    types::ZendStr,
};

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
    fn _php_stream_memory_open(mode: c_int, buf: *mut zend_string) -> *mut php_stream;
}

/// php_memory_streams.h: a memory stream that refuses writes.
const TEMP_STREAM_READONLY: c_int = 1;

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
    register_wrapper();
}

/// Registers the `mq://` wrapper for the process (MINIT). It lives as long as the process: PHP keeps the
/// pointer in its wrapper table.
fn register_wrapper() {
    let ops = Box::leak(Box::new(php_stream_wrapper_ops {
        stream_opener: Some(open),
        stream_closer: None,
        stream_stat: None,
        url_stat: Some(url_stat),
        dir_opener: None,
        label: c"mq".as_ptr(),
        unlink: None,
        rename: None,
        stream_mkdir: None,
        stream_rmdir: None,
        stream_metadata: None,
    }));
    let wrapper = Box::leak(Box::new(php_stream_wrapper { wops: ops, abstract_: std::ptr::null_mut(), is_url: 0 }));
    // SAFETY: MINIT; a NUL-terminated protocol name and a wrapper that is never freed. A failure (another
    // extension took "mq") leaves file names unreadable, as before.
    unsafe { php_register_url_stream_wrapper(c"mq".as_ptr(), wrapper) };
}

/// The source a `mq://` file name names.
fn source_at(url: *const c_char) -> Option<&'static Source> {
    // SAFETY: PHP passes a NUL-terminated file name.
    let url = unsafe { CStr::from_ptr(url) }.to_str().ok()?;
    SOURCES.get()?.iter().copied().find(|s| s.file == url)
}

/// Opens a source for reading, as a read-only memory stream of its text.
unsafe extern "C" fn open(
    _wrapper: *mut php_stream_wrapper,
    filename: *const c_char,
    mode: *const c_char,
    _options: c_int,
    _opened_path: *mut *mut zend_string,
    _context: *mut php_stream_context,
) -> *mut php_stream {
    // SAFETY: PHP passes a NUL-terminated mode.
    let reading = unsafe { CStr::from_ptr(mode) }.to_bytes().first() == Some(&b'r');
    let Some(source) = source_at(filename).filter(|_| reading) else { return std::ptr::null_mut() };
    let text = ZendStr::new(source.code, false);
    // SAFETY: the memory stream takes its own reference to the string; ours is released on return.
    unsafe { _php_stream_memory_open(TEMP_STREAM_READONLY, std::ptr::from_ref::<ZendStr>(&text).cast_mut().cast()) }
}

/// Stats a source as a read-only regular file of its length.
unsafe extern "C" fn url_stat(
    _wrapper: *mut php_stream_wrapper,
    url: *const c_char,
    _flags: c_int,
    ssb: *mut php_stream_statbuf,
    _context: *mut php_stream_context,
) -> c_int {
    let Some(source) = source_at(url) else { return -1 };
    // SAFETY: PHP passes a statbuf to fill; all-zero is a valid `struct stat`.
    unsafe {
        let sb = &mut (*ssb).sb;
        *sb = std::mem::zeroed();
        sb.st_mode = libc::S_IFREG | 0o444;
        sb.st_nlink = 1;
        sb.st_size = source.code.len() as _;
    }
    0
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
