//! `RdKafka\ProducerTopic` and `RdKafka\KafkaConsumerTopic`, and the librdkafka topic object all three
//! topic kinds use (the abstract `RdKafka\Topic`'s methods are in `abstract_topic`).

use std::{
    ffi::{c_int, c_void},
    sync::Arc,
};

use ext_php_rs::{
    exception::PhpResult,
    prelude::*,
    types::ZendHashTable,
};
use rdkafka::{
    bindings::{self as rd, rd_kafka_vtype_t::*},
    client::Client,
    consumer::{BaseConsumer, Consumer as _},
    producer::Producer as _,
};

use super::{
    base_classes::Topic,
    conf::TopicConf,
    context::Context,
    errors,
    owner::ensure_owner,
    params::{c_string, Array, Bytes},
    producer_handle::ProducerHandle,
};
use crate::{
    php_string::{self, Key},
    runtime::OwnerPid,
};

/// Checks a `$partition` as php-rdkafka does, before anything else: 0 to i32::MAX, or
/// RD_KAFKA_PARTITION_UA (-1) where librdkafka takes it (`unassigned`); InvalidArgumentException
/// "Out of range value '...' for $partition" otherwise (so `partition as i32` is exact afterwards).
pub fn check_partition(partition: i64, unassigned: bool) -> PhpResult<()> {
    if (unassigned && partition == -1) || (0..=i64::from(i32::MAX)).contains(&partition) {
        Ok(())
    } else {
        Err(errors::invalid_argument(format!("Out of range value '{partition}' for $partition")))
    }
}

/// A librdkafka topic object of a client (`rd_kafka_topic_new`), created with the TopicConf: messages
/// produced or offsets stored by name use it. Released on drop, except in a forked child, where it
/// belongs to the parent's client and is leaked with it.
pub struct NativeTopic {
    ptr: *mut rd::rd_kafka_topic_t,
    owner: OwnerPid,
    /// The name as librdkafka holds it: any bytes up to the first NUL, as php-rdkafka passes it.
    name: Vec<u8>,
}

impl NativeTopic {
    pub fn new(client: &Client<Context>, name: &[u8], conf: Option<&TopicConf>) -> PhpResult<Self> {
        let c_name = c_string(name);
        let conf = conf.map_or(std::ptr::null_mut(), |c| c.native().dup());
        // SAFETY: a live client; librdkafka takes ownership of the configuration copy.
        let ptr = unsafe { rd::rd_kafka_topic_new(client.native_ptr(), c_name.as_ptr(), conf) };
        if ptr.is_null() {
            // SAFETY: reads librdkafka's thread-local last error.
            return Err(errors::from_code(unsafe { rd::rd_kafka_last_error() } as i32));
        }
        Ok(NativeTopic { ptr, owner: OwnerPid::current(), name: c_name.into_bytes() })
    }

    pub fn ptr(&self) -> *mut rd::rd_kafka_topic_t {
        self.ptr
    }

    pub fn name(&self) -> &[u8] {
        &self.name
    }
}

impl Drop for NativeTopic {
    fn drop(&mut self) {
        if self.owner.is_current() {
            // SAFETY: created by rd_kafka_topic_new, released once, before its client (see field order).
            unsafe { rd::rd_kafka_topic_destroy(self.ptr) };
        }
    }
}

/// Headers of a message to produce (`rd_kafka_headers_t`): destroyed on drop unless librdkafka took them.
struct NativeHeaders(*mut rd::rd_kafka_headers_t);

impl Drop for NativeHeaders {
    fn drop(&mut self) {
        // SAFETY: created by rd_kafka_headers_new and not handed to librdkafka (see `send`).
        unsafe { rd::rd_kafka_headers_destroy(self.0) }
    }
}

/// Message headers from a PHP array of name => value, as php-rdkafka builds them: names are any bytes
/// up to the first NUL, values are PHP's `(string)` of the value (null "", true "1", 1.5 "1.5", an
/// array "Array" with PHP's warning, an object without __toString PHP's Error, and then nothing is
/// produced), and an integer key ends the list.
fn to_headers(array: &ZendHashTable) -> PhpResult<NativeHeaders> {
    let entries = php_string::entries(array);
    // SAFETY: allocates an empty list.
    let headers = NativeHeaders(unsafe { rd::rd_kafka_headers_new(entries.len()) });
    for (name, value) in entries {
        let Key::Bytes(name) = name else { break };
        let name = c_string(&name);
        let value = php_string::cast(value)?;
        // "" is an empty value (as php-rdkafka sends it), not a null one: a valid pointer either way.
        let value_ptr = if value.is_empty() { c"".as_ptr().cast() } else { value.as_ptr().cast() };
        // SAFETY: a live list; librdkafka copies the NUL-terminated name (length -1) and the value.
        unsafe { rd::rd_kafka_header_add(headers.0, name.as_ptr(), -1, value_ptr, value.len() as isize) };
    }
    Ok(headers)
}

#[php_class]
#[php(name = "RdKafka\\ProducerTopic")]
#[php(extends(Topic))]
pub struct ProducerTopic {
    /// Messages are produced with this topic object (its TopicConf, its name's bytes). Declared before
    /// the client: fields drop in order, the topic first.
    native: NativeTopic,
    handle: Arc<ProducerHandle>,
}

impl ProducerTopic {
    pub fn new(handle: Arc<ProducerHandle>, name: &[u8], conf: Option<&TopicConf>) -> PhpResult<Self> {
        let native = NativeTopic::new(handle.producer().client(), name, conf)?;
        Ok(ProducerTopic { native, handle })
    }

    pub fn name(&self) -> &[u8] {
        self.native.name()
    }

    #[allow(clippy::too_many_arguments)]
    fn send(
        &self,
        partition: i64,
        msgflags: i64,
        payload: Option<&[u8]>,
        key: Option<&[u8]>,
        headers: Option<NativeHeaders>,
        timestamp_ms: Option<i64>,
        opaque: Option<&[u8]>,
    ) -> PhpResult<()> {
        ensure_owner(self.handle.owner)?;
        check_partition(partition, true)?;
        let block = msgflags == i64::from(rd::RD_KAFKA_MSG_F_BLOCK);
        if msgflags != 0 && !block {
            return Err(errors::invalid_argument(format!("Invalid value '{msgflags}' for $msgflags")));
        }
        let context = self.handle.context();
        // rdkafka's delivery callback reads the message opaque back as this usize (the context's id).
        let opaque = context.keep_opaque(opaque);
        let raw = |b: Option<&[u8]>| b.map_or((std::ptr::null_mut(), 0), |b| (b.as_ptr().cast_mut().cast::<c_void>(), b.len()));
        let ((payload_ptr, payload_len), (key_ptr, key_len)) = (raw(payload), raw(key));
        let headers_ptr = headers.as_ref().map_or(std::ptr::null_mut(), |h| h.0);
        loop {
            // Straight onto librdkafka's queue, as rdkafka's BaseProducer::send does, but with the topic
            // object: its name may be any bytes, which rdkafka's `&str` topic cannot carry. Without
            // headers or a timestamp, rd_kafka_produce() as php-rdkafka's produce(): producev()'s
            // argument list and topic reference cost about a tenth of a `produce()` + `poll(0)` loop.
            // SAFETY: a live client and topic object; librdkafka copies payload and key (F_COPY) and owns
            // the headers once the call succeeded.
            let err = unsafe {
                if headers_ptr.is_null() && timestamp_ms.is_none() {
                    let flags = rd::RD_KAFKA_MSG_F_COPY as c_int;
                    let (key_ptr, opaque) = (key_ptr.cast_const(), opaque as *mut c_void);
                    match rd::rd_kafka_produce(self.native.ptr(), partition as i32, flags, payload_ptr, payload_len, key_ptr, key_len, opaque) {
                        0 => rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR,
                        _ => rd::rd_kafka_last_error(),
                    }
                } else {
                    rd::rd_kafka_producev(
                        self.handle.native(),
                        RD_KAFKA_VTYPE_RKT,
                        self.native.ptr(),
                        RD_KAFKA_VTYPE_PARTITION,
                        partition as i32,
                        RD_KAFKA_VTYPE_MSGFLAGS,
                        rd::RD_KAFKA_MSG_F_COPY,
                        RD_KAFKA_VTYPE_VALUE,
                        payload_ptr,
                        payload_len,
                        RD_KAFKA_VTYPE_KEY,
                        key_ptr,
                        key_len,
                        RD_KAFKA_VTYPE_OPAQUE,
                        opaque as *mut c_void,
                        RD_KAFKA_VTYPE_TIMESTAMP,
                        timestamp_ms.unwrap_or(0),
                        RD_KAFKA_VTYPE_HEADERS,
                        headers_ptr,
                        RD_KAFKA_VTYPE_END,
                    )
                }
            };
            match err as i32 {
                0 => {
                    std::mem::forget(headers);
                    return Ok(());
                }
                // RD_KAFKA_MSG_F_BLOCK: wait for room, serving delivery reports (queued for the next poll).
                errors::QUEUE_FULL if block => self.handle.serve_for(std::time::Duration::from_millis(10)),
                code => {
                    context.take_opaque(opaque);
                    return Err(errors::from_code(code));
                }
            }
        }
    }
}

#[php_impl]
impl ProducerTopic {
    #[php(vis = "private")]
    pub fn __construct() -> PhpResult<Self> {
        Err(errors::exception("RdKafka\\ProducerTopic is created by RdKafka\\Producer::newTopic()", 0))
    }

    #[php(defaults(payload = None, key = None, msg_opaque = None))]
    pub fn produce(
        &self,
        partition: i64,
        msgflags: i64,
        payload: Option<Bytes>,
        key: Option<Bytes>,
        msg_opaque: Option<Bytes>,
    ) -> PhpResult<()> {
        self.send(partition, msgflags, Bytes::opt(&payload), Bytes::opt(&key), None, None, Bytes::opt(&msg_opaque))
    }

    #[php(defaults(payload = None, key = None, headers = None, timestamp_ms = None, msg_opaque = None))]
    #[allow(clippy::too_many_arguments)]
    pub fn producev(
        &self,
        partition: i64,
        msgflags: i64,
        payload: Option<Bytes>,
        key: Option<Bytes>,
        headers: Option<Array>,
        timestamp_ms: Option<i64>,
        msg_opaque: Option<Bytes>,
    ) -> PhpResult<()> {
        let headers = headers.map(|h| to_headers(h.0)).transpose()?;
        self.send(partition, msgflags, Bytes::opt(&payload), Bytes::opt(&key), headers, timestamp_ms, Bytes::opt(&msg_opaque))
    }
}

#[php_class]
#[php(name = "RdKafka\\KafkaConsumerTopic")]
#[php(extends(Topic))]
pub struct KafkaConsumerTopic {
    // Declared before the client: fields drop in order, the topic first.
    native: NativeTopic,
    consumer: Arc<BaseConsumer<Context>>,
}

impl Drop for KafkaConsumerTopic {
    fn drop(&mut self) {
        // In a forked child the last reference must not destroy the parent's consumer (it would wait for
        // threads that stayed in the parent): one extra, forgotten reference keeps it alive.
        if !self.native.owner.is_current() {
            std::mem::forget(Arc::clone(&self.consumer));
        }
    }
}

impl KafkaConsumerTopic {
    pub fn new(consumer: Arc<BaseConsumer<Context>>, name: &[u8], conf: Option<&TopicConf>) -> PhpResult<Self> {
        let native = NativeTopic::new(consumer.client(), name, conf)?;
        Ok(KafkaConsumerTopic { native, consumer })
    }

    pub fn name(&self) -> &[u8] {
        self.native.name()
    }
}

#[php_impl]
impl KafkaConsumerTopic {
    #[php(vis = "private")]
    pub fn __construct() -> PhpResult<Self> {
        Err(errors::exception("RdKafka\\KafkaConsumerTopic is created by RdKafka\\KafkaConsumer::newTopic()", 0))
    }

    /// Stores `offset` (librdkafka commits offset + 1) for the next commit; needs
    /// enable.auto.offset.store=false.
    pub fn offset_store(&self, partition: i64, offset: i64) -> PhpResult<()> {
        check_partition(partition, false)?;
        ensure_owner(self.native.owner)?;
        // SAFETY: a live topic object of a live consumer (the Arc keeps it).
        match unsafe { rd::rd_kafka_offset_store(self.native.ptr(), partition as i32, offset) } {
            rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR => Ok(()),
            err => Err(errors::from_code(err as i32)),
        }
    }
}
