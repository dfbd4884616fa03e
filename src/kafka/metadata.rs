//! `RdKafka\Metadata` and its `Metadata\{Collection, Broker, Topic, Partition}`: a copy of librdkafka's
//! metadata answer, read with the classic `rd_kafka_metadata()` call (which, unlike the crate's
//! `fetch_metadata`, can ask for the locally known topics only).

use ext_php_rs::{
    convert::IntoZval,
    exception::PhpResult,
    prelude::*,
    types::{ZendHashTable, Zval},
    zend::ce,
};
use rdkafka::{bindings as rd, client::Client};

use super::{
    context::Context,
    debug_info::{field, DebugInfo},
    errors,
    topic::NativeTopic,
    waits,
};

/// `getMetadata()` of any client handle; `only_topic` is the name of its `$only_topic`.
pub fn fetch(client: &Client<Context>, all_topics: bool, only_topic: Option<&[u8]>, timeout_ms: i64) -> PhpResult<Metadata> {
    let topic = only_topic.map(|name| NativeTopic::new(client, name, None)).transpose()?;
    let rkt = topic.as_ref().map_or(std::ptr::null_mut(), NativeTopic::ptr);
    let mut md: *const rd::rd_kafka_metadata = std::ptr::null();
    let timeout = waits::timeout_ms(timeout_ms);
    // SAFETY: a live client and topic object; librdkafka allocates md on success.
    let err = unsafe { rd::rd_kafka_metadata(client.native_ptr(), i32::from(all_topics), rkt, &mut md, timeout) };
    drop(topic);
    if err != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR || md.is_null() {
        return Err(errors::from_code(err as i32));
    }
    // SAFETY: md is a complete answer until rd_kafka_metadata_destroy.
    let metadata = unsafe { Metadata::copy(&*md) };
    // SAFETY: freed once.
    unsafe { rd::rd_kafka_metadata_destroy(md) };
    Ok(metadata)
}

/// The elements of a C array (empty when null).
unsafe fn items<'a, T>(ptr: *const T, count: i32) -> &'a [T] {
    if ptr.is_null() || count <= 0 {
        &[]
    } else {
        std::slice::from_raw_parts(ptr, count as usize)
    }
}

/// An error code field read as an int (the bindings type it as an enum that may not list every code).
unsafe fn code<T>(field: *const T) -> i64 {
    i64::from(field.cast::<i32>().read())
}

#[php_class]
#[php(name = "RdKafka\\Metadata")]
pub struct Metadata {
    orig_broker_id: i64,
    orig_broker_name: String,
    brokers: Vec<Broker>,
    topics: Vec<Topic>,
}

impl Metadata {
    /// SAFETY: `md` is a live answer of rd_kafka_metadata().
    unsafe fn copy(md: &rd::rd_kafka_metadata) -> Self {
        let brokers = items(md.brokers, md.broker_cnt)
            .iter()
            .map(|b| Broker { id: i64::from(b.id), host: errors::c_text(b.host).unwrap_or_default(), port: i64::from(b.port) })
            .collect();
        let topics = items(md.topics, md.topic_cnt)
            .iter()
            .map(|t| Topic {
                topic: errors::c_text(t.topic).unwrap_or_default(),
                err: code(std::ptr::addr_of!(t.err)),
                partitions: items(t.partitions, t.partition_cnt)
                    .iter()
                    .map(|p| Partition {
                        id: i64::from(p.id),
                        err: code(std::ptr::addr_of!(p.err)),
                        leader: i64::from(p.leader),
                        replicas: items(p.replicas, p.replica_cnt).iter().map(|&r| i64::from(r)).collect(),
                        isrs: items(p.isrs, p.isr_cnt).iter().map(|&r| i64::from(r)).collect(),
                    })
                    .collect(),
            })
            .collect();
        Metadata {
            orig_broker_id: i64::from(md.orig_broker_id),
            orig_broker_name: errors::c_text(md.orig_broker_name).unwrap_or_default(),
            brokers,
            topics,
        }
    }
}

/// What a Collection holds copies of. The classes are not `Clone`: ext-php-rs would make `clone` copy
/// them, where php-rdkafka's throws.
trait Item: IntoZval {
    fn copy(&self) -> Self;
}

impl Item for i64 {
    fn copy(&self) -> Self {
        *self
    }
}

impl Item for Broker {
    fn copy(&self) -> Self {
        Broker { id: self.id, host: self.host.clone(), port: self.port }
    }
}

impl Item for Topic {
    fn copy(&self) -> Self {
        Topic { topic: self.topic.clone(), err: self.err, partitions: self.partitions.iter().map(Item::copy).collect() }
    }
}

impl Item for Partition {
    fn copy(&self) -> Self {
        Partition { id: self.id, err: self.err, leader: self.leader, replicas: self.replicas.clone(), isrs: self.isrs.clone() }
    }
}

/// A Collection of copies of `items` as PHP values.
fn collection<T: Item>(items: &[T]) -> PhpResult<Collection> {
    let items = items.iter().map(|i| i.copy().into_zval(false)).collect::<Result<_, _>>()?;
    Ok(Collection { items, position: 0 })
}

#[php_impl]
impl Metadata {
    #[php(vis = "private")]
    pub fn __construct() -> PhpResult<Self> {
        Err(errors::exception("RdKafka\\Metadata comes from getMetadata()", 0))
    }

    pub fn get_orig_broker_id(&self) -> i64 {
        self.orig_broker_id
    }

    pub fn get_orig_broker_name(&self) -> String {
        self.orig_broker_name.clone()
    }

    pub fn get_brokers(&self) -> PhpResult<Collection> {
        collection(&self.brokers)
    }

    pub fn get_topics(&self) -> PhpResult<Collection> {
        collection(&self.topics)
    }
}

#[php_class]
#[php(name = "RdKafka\\Metadata\\Collection")]
#[php(implements(ce = ce::countable, stub = "\\Countable"))]
#[php(implements(ce = ce::iterator, stub = "\\Iterator"))]
pub struct Collection {
    items: Vec<Zval>,
    position: usize,
}

#[php_impl]
impl Collection {
    #[php(vis = "private")]
    pub fn __construct() -> PhpResult<Self> {
        Err(errors::exception("RdKafka\\Metadata\\Collection comes from RdKafka\\Metadata", 0))
    }

    pub fn count(&self) -> i64 {
        self.items.len() as i64
    }

    pub fn current(&self) -> PhpResult<Zval> {
        let item = self.items.get(self.position).ok_or_else(|| errors::exception("Called current() on invalid iterator", 0))?;
        Ok(item.shallow_clone())
    }

    pub fn key(&self) -> PhpResult<i64> {
        if !self.valid() {
            return Err(errors::exception("Called key() on invalid iterator", 0));
        }
        Ok(self.position as i64)
    }

    pub fn next(&mut self) {
        self.position += 1;
    }

    pub fn rewind(&mut self) {
        self.position = 0;
    }

    pub fn valid(&self) -> bool {
        self.position < self.items.len()
    }
}

#[php_class]
#[php(name = "RdKafka\\Metadata\\Broker")]
pub struct Broker {
    id: i64,
    host: String,
    port: i64,
}

#[php_impl]
impl Broker {
    #[php(vis = "private")]
    pub fn __construct() -> PhpResult<Self> {
        Err(errors::exception("RdKafka\\Metadata\\Broker comes from RdKafka\\Metadata", 0))
    }

    pub fn get_id(&self) -> i64 {
        self.id
    }

    pub fn get_host(&self) -> String {
        self.host.clone()
    }

    pub fn get_port(&self) -> i64 {
        self.port
    }
}

#[php_class]
#[php(name = "RdKafka\\Metadata\\Topic")]
pub struct Topic {
    topic: String,
    err: i64,
    partitions: Vec<Partition>,
}

#[php_impl]
impl Topic {
    #[php(vis = "private")]
    pub fn __construct() -> PhpResult<Self> {
        Err(errors::exception("RdKafka\\Metadata\\Topic comes from RdKafka\\Metadata", 0))
    }

    pub fn get_topic(&self) -> String {
        self.topic.clone()
    }

    pub fn get_err(&self) -> i64 {
        self.err
    }

    pub fn get_partitions(&self) -> PhpResult<Collection> {
        collection(&self.partitions)
    }
}

#[php_class]
#[php(name = "RdKafka\\Metadata\\Partition")]
pub struct Partition {
    id: i64,
    err: i64,
    leader: i64,
    replicas: Vec<i64>,
    isrs: Vec<i64>,
}

#[php_impl]
impl Partition {
    #[php(vis = "private")]
    pub fn __construct() -> PhpResult<Self> {
        Err(errors::exception("RdKafka\\Metadata\\Partition comes from RdKafka\\Metadata", 0))
    }

    pub fn get_id(&self) -> i64 {
        self.id
    }

    pub fn get_err(&self) -> i64 {
        self.err
    }

    pub fn get_leader(&self) -> i64 {
        self.leader
    }

    pub fn get_replicas(&self) -> PhpResult<Collection> {
        collection(&self.replicas)
    }

    pub fn get_isrs(&self) -> PhpResult<Collection> {
        collection(&self.isrs)
    }
}

// php-rdkafka's debug views (metadata*.c get_debug_info): the collections shown as objects.

impl DebugInfo for Metadata {
    fn debug_info(&self, table: &mut ZendHashTable) -> PhpResult<()> {
        field(table, "brokers", collection(&self.brokers)?)?;
        field(table, "topics", collection(&self.topics)?)?;
        field(table, "orig_broker_id", self.orig_broker_id)?;
        field(table, "orig_broker_name", self.orig_broker_name.as_str())
    }
}

impl DebugInfo for Collection {
    fn debug_info(&self, table: &mut ZendHashTable) -> PhpResult<()> {
        for item in &self.items {
            table.push(item.shallow_clone())?;
        }
        Ok(())
    }
}

impl DebugInfo for Broker {
    fn debug_info(&self, table: &mut ZendHashTable) -> PhpResult<()> {
        field(table, "id", self.id)?;
        field(table, "host", self.host.as_str())?;
        field(table, "port", self.port)
    }
}

impl DebugInfo for Topic {
    fn debug_info(&self, table: &mut ZendHashTable) -> PhpResult<()> {
        field(table, "topic", self.topic.as_str())?;
        field(table, "partitions", collection(&self.partitions)?)?;
        field(table, "err", self.err)
    }
}

impl DebugInfo for Partition {
    fn debug_info(&self, table: &mut ZendHashTable) -> PhpResult<()> {
        field(table, "id", self.id)?;
        field(table, "err", self.err)?;
        field(table, "leader", self.leader)?;
        field(table, "replica_cnt", self.replicas.len() as i64)?;
        field(table, "isr_cnt", self.isrs.len() as i64)
    }
}
