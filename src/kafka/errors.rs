//! `RdKafka\Exception`, `RdKafka\KafkaErrorException`, and librdkafka's error table.

use std::ffi::{c_char, c_int, CStr};

use ext_php_rs::{
    args::Arg,
    builders::FunctionBuilder,
    exception::PhpException,
    flags::{DataType, MethodFlags, PropertyFlags},
    types::Zval,
    zend::ExecuteData,
    zend_fastcall,
};
use rdkafka::error::{KafkaError, RDKafkaError};

use crate::{
    classes::{self, args, call_parent_constructor, this_read, this_write, Initial, Methods, Parent, PlainClass, MAY_BE_BOOL, MAY_BE_STRING},
    exceptions,
};

pub const EXCEPTION: &str = "RdKafka\\Exception";
pub const KAFKA_ERROR: &str = "RdKafka\\KafkaErrorException";

/// Local error codes php-rdkafka users compare against.
pub const TIMED_OUT: i32 = -185;
pub const PARTITION_EOF: i32 = -191;
pub const QUEUE_FULL: i32 = -184;
pub const INVALID_ARG: i32 = -186;
/// RD_KAFKA_RESP_ERR__FATAL.
pub const FATAL: i32 = -150;

const PRIVATE: PropertyFlags = PropertyFlags::Private;

pub fn register() -> ext_php_rs::error::Result<()> {
    classes::register(&[
        PlainClass::simple(EXCEPTION, Parent::Exception, &[]),
        PlainClass {
            methods: kafka_error_methods,
            properties: &[
                ("error_string", PRIVATE, Initial::Typed(MAY_BE_STRING)),
                ("isFatal", PRIVATE, Initial::Typed(MAY_BE_BOOL)),
                ("isRetriable", PRIVATE, Initial::Typed(MAY_BE_BOOL)),
                ("transactionRequiresAbort", PRIVATE, Initial::Typed(MAY_BE_BOOL)),
            ],
            ..PlainClass::simple(KAFKA_ERROR, Parent::Own(EXCEPTION), &[])
        },
    ])
}

const FLAGS: [&str; 3] = ["isFatal", "isRetriable", "transactionRequiresAbort"];

zend_fastcall! {
    extern "C" fn kafka_error_construct(ex: &mut ExecuteData, _retval: &mut Zval) {
        // php-rdkafka parses "sl|sbbb": Reflection shows six required parameters, two are enough.
        let Some([message, code, error_string, fatal, retriable, abort]) = args(
            ex, ["message", "code", "error_string", "isFatal", "isRetriable", "transactionRequiresAbort"], 2,
        ) else { return };
        call_parent_constructor(ex, &mut [message, code]);
        this_write(ex, "error_string", classes::or(error_string, ""));
        for (name, value) in FLAGS.into_iter().zip([fatal, retriable, abort]) {
            let mut flag = Zval::new();
            flag.set_bool(value.bool().unwrap_or(false));
            this_write(ex, name, flag);
        }
    }
}

/// A getter's property: php-rdkafka's getters take no arguments (ZPP's ArgumentCountError otherwise).
fn read_without_arguments(ex: &mut ExecuteData, retval: &mut Zval, name: &str) {
    if args(ex, [], 0).is_some() {
        *retval = this_read(ex, name);
    }
}

zend_fastcall! {
    extern "C" fn get_error_string(ex: &mut ExecuteData, retval: &mut Zval) {
        read_without_arguments(ex, retval, "error_string");
    }
}

zend_fastcall! {
    extern "C" fn is_fatal(ex: &mut ExecuteData, retval: &mut Zval) {
        read_without_arguments(ex, retval, "isFatal");
    }
}

zend_fastcall! {
    extern "C" fn is_retriable(ex: &mut ExecuteData, retval: &mut Zval) {
        read_without_arguments(ex, retval, "isRetriable");
    }
}

zend_fastcall! {
    extern "C" fn requires_abort(ex: &mut ExecuteData, retval: &mut Zval) {
        read_without_arguments(ex, retval, "transactionRequiresAbort");
    }
}

fn kafka_error_methods() -> Methods {
    let getter = |name, handler, ty| (FunctionBuilder::new(name, handler).returns(ty, false, false), MethodFlags::Public);
    vec![
        (
            FunctionBuilder::constructor(kafka_error_construct)
                .arg(Arg::new("message", DataType::String))
                .arg(Arg::new("code", DataType::Long))
                .arg(Arg::new("error_string", DataType::String))
                .arg(Arg::new("isFatal", DataType::Bool))
                .arg(Arg::new("isRetriable", DataType::Bool))
                .arg(Arg::new("transactionRequiresAbort", DataType::Bool)),
            MethodFlags::Public,
        ),
        getter("getErrorString", get_error_string, DataType::String),
        getter("isFatal", is_fatal, DataType::Bool),
        getter("isRetriable", is_retriable, DataType::Bool),
        getter("transactionRequiresAbort", requires_abort, DataType::Bool),
    ]
}

/// librdkafka's `struct rd_kafka_err_desc`, with the code as a plain int: the table has gaps and the
/// bindings' Rust enum must never hold a value it does not list.
#[repr(C)]
pub struct ErrDesc {
    pub code: c_int,
    name: *const c_char,
    desc: *const c_char,
}

impl ErrDesc {
    /// The name without the RD_KAFKA_RESP_ERR_ prefix (None for gap entries).
    pub fn name(&self) -> Option<String> {
        // SAFETY: the table's strings are static C strings or null.
        unsafe { c_text(self.name) }
    }

    pub fn desc(&self) -> Option<String> {
        // SAFETY: as for name.
        unsafe { c_text(self.desc) }
    }
}

// The same symbols as rdkafka_sys declares, typed with ints for the same reason.
extern "C" {
    fn rd_kafka_get_err_descs(descs: *mut *const ErrDesc, count: *mut usize);
    fn rd_kafka_err2str(err: c_int) -> *const c_char;
    fn rd_kafka_err2name(err: c_int) -> *const c_char;
    fn rd_kafka_errno2err(errnox: c_int) -> c_int;
}

/// librdkafka's static error table (gap entries have null name and desc).
pub fn descriptions() -> &'static [ErrDesc] {
    let mut descs = std::ptr::null();
    let mut count = 0;
    // SAFETY: the table is a static array of librdkafka; it lives as long as the process.
    unsafe {
        rd_kafka_get_err_descs(&mut descs, &mut count);
        if descs.is_null() {
            return &[];
        }
        std::slice::from_raw_parts(descs, count)
    }
}

/// A C string of librdkafka as an owned string (None for null).
///
/// # Safety
/// `ptr` is null or points to a NUL-terminated string that stays valid during the call.
pub unsafe fn c_text(ptr: *const c_char) -> Option<String> {
    (!ptr.is_null()).then(|| CStr::from_ptr(ptr).to_string_lossy().into_owned())
}

/// `rd_kafka_err2str`: the description of any code ("Err-N?" for unknown ones).
/// A fatal error's text as librdkafka gives it to an error callback and in a consumer error ("Fatal
/// error: ", the underlying error's description, its reason), where php-rdkafka reports it with the code
/// RD_KAFKA_RESP_ERR__FATAL. The event API mq takes errors through hands over the underlying code and
/// reason instead (`rd_kafka_event_setup`), flagged fatal.
pub fn fatal_text(underlying: i32, reason: &str) -> String {
    format!("Fatal error: {}: {}", err2str(underlying), reason)
}

pub fn err2str(err: i32) -> String {
    // SAFETY: librdkafka accepts any int, formats unknown codes itself and returns a C string.
    unsafe { c_text(rd_kafka_err2str(err)) }.unwrap_or_default()
}

pub fn err2name(err: i32) -> String {
    // SAFETY: as for err2str.
    unsafe { c_text(rd_kafka_err2name(err)) }.unwrap_or_default()
}

pub fn errno2err(errno: i32) -> i32 {
    // SAFETY: a pure mapping function.
    unsafe { rd_kafka_errno2err(errno) }
}

/// `RdKafka\Exception` with librdkafka's description of `code`, as php-rdkafka throws it.
pub fn from_code(code: i32) -> PhpException {
    exceptions::exception(EXCEPTION, err2str(code), code)
}

pub fn exception(message: impl Into<String>, code: i32) -> PhpException {
    exceptions::exception(EXCEPTION, message, code)
}

/// The librdkafka error code inside a crate error (-1 = unknown/local error with no code).
pub fn code_of(error: &KafkaError) -> i32 {
    error.rdkafka_error_code().map_or(-1, |c| c as i32)
}

/// An `RdKafka\Exception` for a crate error: librdkafka's description and code.
pub fn from_kafka(error: &KafkaError) -> PhpException {
    match error.rdkafka_error_code() {
        Some(code) => from_code(code as i32),
        None => exception(error.to_string(), -1),
    }
}

/// `RdKafka\KafkaErrorException` for an error object (transactions), message as php-rdkafka 6.0.4 builds it.
pub fn kafka_error(error: &RDKafkaError) -> PhpException {
    kafka_error_from(error.code() as i32, error.string(), error.is_fatal(), error.is_retriable(), error.txn_requires_abort())
}

/// librdkafka's advice to event-API users who never poll for delivery reports, ending the text of a
/// timed-out commit or abort: mq polls for them, and php-rdkafka (callback mode) never shows it.
const EVENT_QUEUE_HINT: &str = ": the event queue must be polled for delivery report events";

/// [`kafka_error`] for an error object from a librdkafka call made directly; destroys it.
pub fn kafka_error_object(error: *mut rdkafka::bindings::rd_kafka_error_t) -> PhpException {
    use rdkafka::bindings as rd;
    // SAFETY: a non-null error object, read then destroyed once.
    unsafe {
        let mut text = c_text(rd::rd_kafka_error_string(error)).unwrap_or_default();
        if let Some(hint) = text.find(EVENT_QUEUE_HINT) {
            text.truncate(hint);
        }
        let exception = kafka_error_from(
            rd::rd_kafka_error_code(error) as i32,
            text,
            rd::rd_kafka_error_is_fatal(error) != 0,
            rd::rd_kafka_error_is_retriable(error) != 0,
            rd::rd_kafka_error_txn_requires_abort(error) != 0,
        );
        rd::rd_kafka_error_destroy(error);
        exception
    }
}

fn kafka_error_from(code: i32, text: String, fatal: bool, retriable: bool, requires_abort: bool) -> PhpException {
    exceptions::construct(
        KAFKA_ERROR,
        vec![
            &format!("{} (RD_KAFKA_RESP_ERR_{})", text, err2name(code)),
            &i64::from(code),
            &text,
            &fatal,
            &retriable,
            &requires_abort,
        ],
    )
}

/// InvalidArgumentException, as php-rdkafka raises for out-of-range arguments.
pub fn invalid_argument(message: String) -> PhpException {
    match classes::spl_class("InvalidArgumentException") {
        Some(ce) => PhpException::new(message, 0, ce),
        None => PhpException::from_message(message),
    }
}

/// php-rdkafka's error for an object made without its constructor ("RdKafka\Conf::__construct() has not
/// been called"): a plain `\Exception`, code 0.
pub fn not_constructed(message: &str) -> PhpException {
    PhpException::new(message.into(), 0, ext_php_rs::zend::ce::exception())
}
