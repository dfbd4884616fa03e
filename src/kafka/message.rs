//! `RdKafka\Message`: a plain class with php-rdkafka 6's typed public properties, filled from a
//! consumed message or a delivery report.

use std::{
    ffi::CStr,
    sync::atomic::{AtomicPtr, Ordering},
};

use ext_php_rs::{
    builders::{ClassBuilder, FunctionBuilder},
    convert::IntoZval,
    exception::PhpException,
    flags::{DataType, MethodFlags, PropertyFlags},
    types::{ZendHashTable, ZendObject, Zval},
    zend::{ClassEntry, ExecuteData},
    zend_fastcall,
};
use rdkafka::bindings as rd;

use super::errors;
use crate::{
    classes::{self, this_read, MAY_BE_ARRAY, MAY_BE_LONG, MAY_BE_NULL, MAY_BE_STRING},
    php_string,
};

pub const CLASS: &str = "RdKafka\\Message";

/// (name, type mask, nullable with a null default; otherwise no default)
const PROPERTIES: &[(&str, u32, bool)] = &[
    ("err", MAY_BE_LONG, false),
    ("topic_name", MAY_BE_STRING, true),
    ("timestamp", MAY_BE_LONG, true),
    ("partition", MAY_BE_LONG, false),
    ("payload", MAY_BE_STRING, true),
    ("len", MAY_BE_LONG, true),
    ("key", MAY_BE_STRING, true),
    ("offset", MAY_BE_LONG, false),
    ("headers", MAY_BE_ARRAY, false),
    ("opaque", MAY_BE_STRING, true),
];

/// Slot of a declared property: Message has no parent, so its i-th declared property lives in slot i.
const fn slot(name: &str) -> usize {
    let mut i = 0;
    while i < PROPERTIES.len() {
        let (a, b) = (PROPERTIES[i].0.as_bytes(), name.as_bytes());
        let mut same = a.len() == b.len();
        let mut j = 0;
        while same && j < a.len() {
            same = a[j] == b[j];
            j += 1;
        }
        if same {
            return i;
        }
        i += 1;
    }
    panic!("not a declared RdKafka\\Message property")
}

extern "C" {
    /// PHP's shared immutable empty array (ZVAL_EMPTY_ARRAY).
    static zend_empty_array: ext_php_rs::ffi::HashTable;
}

/// The registered class, for building one Message per consumed message without a lookup.
static MESSAGE_CLASS: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

fn declare_properties(ce: &'static mut ClassEntry, tables: ext_php_rs::args::ArgInfoTables) {
    MESSAGE_CLASS.store(std::ptr::from_mut(ce), Ordering::Relaxed);
    for &(name, mask, nullable) in PROPERTIES {
        classes::declare_typed_property(ce, name, PropertyFlags::Public, mask | if nullable { MAY_BE_NULL } else { 0 });
    }
    classes::remember(ce, tables);
}

zend_fastcall! {
    /// php-rdkafka: the description of `err` (librdkafka always has one, "Success" for 0).
    extern "C" fn errstr(ex: &mut ExecuteData, retval: &mut Zval) {
        // No parameters: arguments are ZPP's ArgumentCountError, as in php-rdkafka.
        if classes::args(ex, [], 0).is_none() {
            return;
        }
        match this_read(ex, "err").long() {
            Some(err) => *retval = classes::binary(errors::err2str(err as i32).as_bytes()),
            None => retval.set_null(),
        }
    }
}

pub fn register() -> ext_php_rs::error::Result<()> {
    ClassBuilder::new(CLASS)
        .method(FunctionBuilder::new("errstr", errstr).returns(DataType::String, false, true), MethodFlags::Public)
        .registration(declare_properties)
        .register()
}

fn class() -> &'static ClassEntry {
    // SAFETY: set once at MINIT; class entries of internal classes live until module shutdown.
    unsafe { MESSAGE_CLASS.load(Ordering::Relaxed).as_ref() }.unwrap_or_else(|| classes::class(CLASS))
}

/// Whether `object` is an RdKafka\Message, or of a class extending it.
pub fn is_message(object: &ZendObject) -> bool {
    object.instance_of(class())
}

/// A Message object as a return value, so signatures declare `: RdKafka\Message`.
pub struct MessageObject(pub Zval);

impl IntoZval for MessageObject {
    const TYPE: DataType = DataType::object(CLASS);
    const NULLABLE: bool = false;

    fn set_zval(self, zv: &mut Zval, _persistent: bool) -> ext_php_rs::error::Result<()> {
        *zv = self.0;
        Ok(())
    }
}

/// What a message carries, borrowed from wherever it lives (a consumed message or a delivery report).
/// Topic names and header names are bytes: other clients may send any (php-rdkafka passes them on as
/// they are).
pub struct Fields<'a> {
    pub err: i32,
    pub topic: Option<&'a [u8]>,
    pub partition: i32,
    pub offset: i64,
    pub timestamp: Option<i64>,
    pub payload: Option<&'a [u8]>,
    pub key: Option<&'a [u8]>,
    pub headers: Vec<(&'a [u8], &'a [u8])>,
    pub opaque: Option<&'a [u8]>,
}

/// The head of librdkafka's `rd_kafka_msg_t` (`src/rdkafka_msg.h`), which every `rd_kafka_message_t` it
/// hands out is the start of, down to the consumer's unparsed headers.
#[repr(C)]
struct MsgHead {
    message: rd::rd_kafka_message_t,
    link: [*mut std::ffi::c_void; 2],
    flags: std::ffi::c_int,
    timestamp_type: std::ffi::c_int,
    timestamp: i64,
    headers: *mut rd::rd_kafka_headers_t,
    status: std::ffi::c_int,
    broker_id: i32,
    /// `rkm_u.consumer.binhdrs` (`rd_kafkap_bytes_t`): the record's header section, its count first.
    binary_headers_len: i32,
    binary_headers: *const u8,
}

/// RD_KAFKA_MSG_F_PRODUCER (rdkafka_msg.h): a produced message, whose headers are parsed already.
const MSG_F_PRODUCER: std::ffi::c_int = 0x40000;

// A new librdkafka may change rd_kafka_msg_t: check rdkafka_msg.h, then MsgHead.
const _: () = assert!(rd::RD_KAFKA_VERSION == 0x020c_01ff, "check MsgHead against librdkafka's rdkafka_msg.h");

/// Whether `rd_kafka_message_headers()` may find headers. For a consumed record without any, librdkafka
/// still allocates a buffer to parse the header count (a one-byte 0) and frees it again: a sixth of a
/// consume() of small messages. A parsed list, or a header section whose count is not 0, asks librdkafka.
///
/// # Safety
/// `ptr` is a live message of librdkafka.
unsafe fn may_have_headers(ptr: *mut rd::rd_kafka_message_t) -> bool {
    let head = &*ptr.cast::<MsgHead>();
    if !head.headers.is_null() {
        return true;
    }
    if head.flags & MSG_F_PRODUCER != 0 {
        return false;
    }
    head.binary_headers_len > 0 && !head.binary_headers.is_null() && *head.binary_headers != 0
}

impl<'a> Fields<'a> {
    /// A message librdkafka hands over (consumed, or the subject of a delivery report), read natively:
    /// rdkafka's own accessors panic on a topic or header name that is not UTF-8.
    ///
    /// # Safety
    /// `ptr` is a live message that outlives 'a.
    pub unsafe fn native(ptr: *mut rd::rd_kafka_message_t) -> Self {
        let m = &*ptr;
        // The bindings type err as an enum that may not list every code: read it as an int.
        let err = std::ptr::addr_of!(m.err).cast::<i32>().read();
        let bytes = |data: *const std::ffi::c_void, len: usize| {
            (!data.is_null()).then(|| std::slice::from_raw_parts(data.cast::<u8>(), len))
        };
        let topic = (!m.rkt.is_null()).then(|| CStr::from_ptr(rd::rd_kafka_topic_name(m.rkt)).to_bytes());
        let mut ts_type = rd::rd_kafka_timestamp_type_t::RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
        let timestamp = rd::rd_kafka_message_timestamp(ptr, &mut ts_type);
        let mut headers = Vec::new();
        let mut hdrs = std::ptr::null_mut();
        if err == 0
            && may_have_headers(ptr)
            && rd::rd_kafka_message_headers(ptr, &mut hdrs) == rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR
        {
            let (mut name, mut value, mut size) = (std::ptr::null(), std::ptr::null(), 0usize);
            let mut index = 0;
            while rd::rd_kafka_header_get_all(hdrs, index, &mut name, &mut value, &mut size)
                == rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR
            {
                // A null value reads as "", as in php-rdkafka.
                headers.push((CStr::from_ptr(name).to_bytes(), bytes(value, size).unwrap_or_default()));
                index += 1;
            }
        }
        Fields {
            err,
            topic,
            partition: m.partition,
            offset: m.offset,
            timestamp: Some(timestamp),
            payload: bytes(m.payload, m.len),
            key: bytes(m.key, m.key_len),
            headers,
            opaque: None,
        }
    }

    /// The PHP object. As in php-rdkafka, timestamp and len are set only with a payload, and headers
    /// only when err is 0.
    pub fn into_php(self) -> Result<MessageObject, PhpException> {
        let mut object = ZendObject::new(class());
        let mut set = |slot: usize, value: Zval| {
            // Straight into the property's slot (one object is built per consumed message): the values
            // have the declared types, and the slot held only its null or undefined default.
            // SAFETY: `slot` comes from `slot()`, so within the object's declared properties.
            unsafe { *object.properties_table.as_mut_ptr().add(slot) = value };
        };
        let long = |v: i64| {
            let mut z = Zval::new();
            z.set_long(v);
            z
        };
        let bytes = |v: Option<&[u8]>| v.map_or_else(null, classes::binary);
        set(const { slot("err") }, long(i64::from(self.err)));
        set(const { slot("topic_name") }, bytes(self.topic));
        set(const { slot("partition") }, long(i64::from(self.partition)));
        set(const { slot("offset") }, long(self.offset));
        if let Some(payload) = self.payload {
            set(const { slot("timestamp") }, long(self.timestamp.unwrap_or(-1)));
            set(const { slot("len") }, long(payload.len() as i64));
        }
        set(const { slot("payload") }, bytes(self.payload));
        set(const { slot("key") }, bytes(self.key));
        let headers = if self.err == 0 && !self.headers.is_empty() {
            let mut headers = ZendHashTable::new();
            // Later duplicates win, and "123" becomes key 123, as php-rdkafka's add_assoc_stringl does.
            for (name, value) in self.headers {
                php_string::insert(&mut headers, name, classes::binary(value))?;
            }
            let mut array = Zval::new();
            array.set_hashtable(headers);
            array
        } else {
            empty_array()
        };
        set(const { slot("headers") }, headers);
        set(const { slot("opaque") }, bytes(self.opaque));
        Ok(MessageObject(object.into_zval(false)?))
    }
}

/// `[]` without an allocation: PHP's shared immutable empty array, as ZVAL_EMPTY_ARRAY makes it.
fn empty_array() -> Zval {
    let mut z = Zval::new();
    // zend_empty_array lives as long as PHP; IS_ARRAY without the refcounted flag marks it immutable,
    // so nothing ever frees or changes it (PHP separates it on write).
    z.value.arr = (&raw const zend_empty_array).cast_mut();
    z.u1.type_info = ext_php_rs::ffi::IS_ARRAY;
    z
}

fn null() -> Zval {
    let mut z = Zval::new();
    z.set_null();
    z
}

/// A message returned by librdkafka's legacy consume calls; destroyed on drop.
pub struct RawMessage {
    ptr: std::ptr::NonNull<rd::rd_kafka_message_t>,
    /// For a consumer's fatal error, the payload php-rdkafka gives it (see `errors::fatal_text`): its err
    /// is then RD_KAFKA_RESP_ERR__FATAL.
    fatal: Option<String>,
}

impl RawMessage {
    /// Takes ownership of a message returned by a legacy consume call (None for null: a timeout).
    ///
    /// # Safety
    /// `ptr` is null or a message librdkafka handed over and nobody else destroys.
    pub unsafe fn from_ptr(ptr: *mut rd::rd_kafka_message_t) -> Option<Self> {
        std::ptr::NonNull::new(ptr).map(|ptr| RawMessage { ptr, fatal: None })
    }

    /// The message reports a fatal error, whose text (for the payload) is `text`.
    pub fn into_fatal(mut self, text: String) -> Self {
        self.fatal = Some(text);
        self
    }

    pub fn fields(&self) -> Fields<'_> {
        // SAFETY: a live message until drop; its strings and buffers live as long.
        let mut fields = unsafe { Fields::native(self.ptr.as_ptr()) };
        if let Some(text) = &self.fatal {
            fields.err = errors::FATAL;
            fields.payload = Some(text.as_bytes());
        }
        fields
    }
}

impl Drop for RawMessage {
    fn drop(&mut self) {
        // SAFETY: owned, destroyed once.
        unsafe { rd::rd_kafka_message_destroy(self.ptr.as_ptr()) }
    }
}
