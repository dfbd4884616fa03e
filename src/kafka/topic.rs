//! `RdKafka\Topic` (abstract) and `RdKafka\ProducerTopic`.

use std::{ffi::CString, sync::Arc};

use ext_php_rs::{exception::PhpResult, flags::ClassFlags, prelude::*, types::ZendHashTable};
use rdkafka::{
    bindings as rd,
    client::Client,
    consumer::{BaseConsumer, Consumer as _},
    message::{Header, OwnedHeaders},
    producer::{BaseRecord, Producer as _},
};

use super::{
    conf::TopicConf,
    context::Context,
    ensure_owner, errors,
    params::{Array, Bytes},
    producer::ProducerHandle,
};
use crate::runtime::OwnerPid;

#[php_class]
#[php(name = "RdKafka\\Topic")]
#[php(flags = ClassFlags::Abstract)]
pub struct Topic;

#[php_impl]
impl Topic {
    /// Private, as in php-rdkafka: topics come from newTopic().
    #[php(vis = "private")]
    pub fn __construct() -> Self {
        Topic
    }
}

/// A librdkafka topic object of a client (`rd_kafka_topic_new`), created with the TopicConf: messages
/// produced or offsets stored by name use it. Released on drop, except in a forked child, where it
/// belongs to the parent's client and is leaked with it.
pub struct NativeTopic {
    ptr: *mut rd::rd_kafka_topic_t,
    owner: OwnerPid,
}

impl NativeTopic {
    pub fn new(client: &Client<Context>, name: &str, conf: Option<&TopicConf>) -> PhpResult<Self> {
        let c_name = CString::new(name).map_err(|_| errors::exception("topic name contains a NUL byte", -1))?;
        let conf = conf.map_or(std::ptr::null_mut(), |c| c.native().dup());
        // SAFETY: a live client; librdkafka takes ownership of the configuration copy.
        let ptr = unsafe { rd::rd_kafka_topic_new(client.native_ptr(), c_name.as_ptr(), conf) };
        if ptr.is_null() {
            // SAFETY: reads librdkafka's thread-local last error.
            return Err(errors::from_code(unsafe { rd::rd_kafka_last_error() } as i32));
        }
        Ok(NativeTopic { ptr, owner: OwnerPid::current() })
    }

    pub fn ptr(&self) -> *mut rd::rd_kafka_topic_t {
        self.ptr
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

#[php_class]
#[php(name = "RdKafka\\ProducerTopic")]
#[php(extends(Topic))]
pub struct ProducerTopic {
    /// Only held: messages produced by name use this topic object and its TopicConf. Declared before the
    /// client: fields drop in order, the topic first.
    _native: NativeTopic,
    handle: Arc<ProducerHandle>,
    name: String,
}

impl ProducerTopic {
    pub fn new(handle: Arc<ProducerHandle>, name: String, conf: Option<&TopicConf>) -> PhpResult<Self> {
        let native = NativeTopic::new(handle.producer().client(), &name, conf)?;
        Ok(ProducerTopic { _native: native, handle, name })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    #[allow(clippy::too_many_arguments)]
    fn send(
        &self,
        partition: i64,
        msgflags: i64,
        payload: Option<&[u8]>,
        key: Option<&[u8]>,
        headers: Option<OwnedHeaders>,
        timestamp_ms: Option<i64>,
        opaque: Option<&[u8]>,
    ) -> PhpResult<()> {
        ensure_owner(self.handle.owner)?;
        if partition != -1 && !(0..=i64::from(i32::MAX)).contains(&partition) {
            return Err(errors::invalid_argument(format!("Out of range value '{partition}' for $partition")));
        }
        let block = msgflags == i64::from(rd::RD_KAFKA_MSG_F_BLOCK);
        if msgflags != 0 && !block {
            return Err(errors::invalid_argument(format!("Invalid value '{msgflags}' for $msgflags")));
        }
        let context = self.handle.context();
        let mut record = BaseRecord::<[u8], [u8], usize>::with_opaque_to(&self.name, context.keep_opaque(opaque));
        if partition != -1 {
            record = record.partition(partition as i32);
        }
        if let Some(payload) = payload {
            record = record.payload(payload);
        }
        if let Some(key) = key {
            record = record.key(key);
        }
        if let Some(headers) = headers {
            record = record.headers(headers);
        }
        if let Some(ts) = timestamp_ms {
            record = record.timestamp(ts);
        }
        loop {
            match self.handle.producer().send(record) {
                Ok(()) => return Ok(()),
                // RD_KAFKA_MSG_F_BLOCK: wait for room, serving delivery reports (queued for the next poll).
                Err((e, back)) if block && errors::code_of(&e) == errors::QUEUE_FULL => {
                    self.handle.producer().poll(std::time::Duration::from_millis(10));
                    record = back;
                }
                Err((e, back)) => {
                    context.take_opaque(back.delivery_opaque);
                    return Err(errors::from_kafka(&e));
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

    pub fn get_name(&self) -> String {
        self.name.clone()
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
        self.send(partition, msgflags, payload.map(|b| b.0), key.map(|b| b.0), None, None, msg_opaque.map(|b| b.0))
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
        self.send(partition, msgflags, payload.map(|b| b.0), key.map(|b| b.0), headers, timestamp_ms, msg_opaque.map(|b| b.0))
    }
}

/// Message headers from a PHP array of name => value. As in php-rdkafka, an integer key ends the list.
fn to_headers(array: &ZendHashTable) -> PhpResult<OwnedHeaders> {
    let mut headers = OwnedHeaders::new_with_capacity(array.len());
    for (name, value) in array {
        let name = match name {
            ext_php_rs::types::ArrayKey::Long(_) => break,
            other => other.to_string(),
        };
        let bytes = match value.binary_slice::<u8>() {
            Some(b) => b.to_vec(),
            None => value.string().unwrap_or_default().into_bytes(),
        };
        headers = headers.insert(Header { key: &name, value: Some(bytes.as_slice()) });
    }
    Ok(headers)
}

#[php_class]
#[php(name = "RdKafka\\KafkaConsumerTopic")]
#[php(extends(Topic))]
pub struct KafkaConsumerTopic {
    // Declared before the client: fields drop in order, the topic first.
    native: NativeTopic,
    consumer: Arc<BaseConsumer<Context>>,
    name: String,
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
    pub fn new(consumer: Arc<BaseConsumer<Context>>, name: String, conf: Option<&TopicConf>) -> PhpResult<Self> {
        let native = NativeTopic::new(consumer.client(), &name, conf)?;
        Ok(KafkaConsumerTopic { native, consumer, name })
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

#[php_impl]
impl KafkaConsumerTopic {
    #[php(vis = "private")]
    pub fn __construct() -> PhpResult<Self> {
        Err(errors::exception("RdKafka\\KafkaConsumerTopic is created by RdKafka\\KafkaConsumer::newTopic()", 0))
    }

    pub fn get_name(&self) -> String {
        self.name.clone()
    }

    /// Stores `offset` (librdkafka commits offset + 1) for the next commit; needs
    /// enable.auto.offset.store=false.
    pub fn offset_store(&self, partition: i64, offset: i64) -> PhpResult<()> {
        ensure_owner(self.native.owner)?;
        // SAFETY: a live topic object of a live consumer (the Arc keeps it).
        match unsafe { rd::rd_kafka_offset_store(self.native.ptr(), partition as i32, offset) } {
            rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR => Ok(()),
            err => Err(errors::from_code(err as i32)),
        }
    }
}
