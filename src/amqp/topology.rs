//! What a connection declared (exchanges, queues, bindings), recorded as declared so that recovery can
//! declare it again on a new connection, in that order.
//!
//! Pure data: the PHP classes record into it (`session::Session::topology`), `replay` sends it.
//! Passive declares check and create nothing: they are not recorded. Deletes forget the entity and
//! every binding that names it, so a replay never brings back what the program removed.

use std::{collections::HashMap, time::Duration};

use lapin::{
    options::{ExchangeBindOptions, ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions},
    types::{FieldTable, ShortString},
    Channel, ExchangeKind,
};

#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    pub name: ShortString,
    pub kind: String,
    pub options: ExchangeDeclareOptions,
    pub arguments: FieldTable,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Queue {
    /// The name the broker knows it by now (for a server-named queue, the one it was last given).
    pub name: ShortString,
    pub options: QueueDeclareOptions,
    pub arguments: FieldTable,
    /// Declared with an empty name: the broker names it anew on every declare.
    pub server_named: bool,
}

/// A binding of a queue (`Queue`) or of an exchange (`Exchange`) to a source exchange.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub destination: ShortString,
    pub to_queue: bool,
    pub source: ShortString,
    pub routing_key: ShortString,
    pub arguments: FieldTable,
}

#[derive(Clone, Default, Debug)]
pub struct Topology {
    exchanges: Vec<Exchange>,
    queues: Vec<Queue>,
    bindings: Vec<Binding>,
    /// Consumers the program started on each queue and has not cancelled: the broker deletes an
    /// auto-delete queue when its last one is cancelled, so the replay must forget it then.
    consumers: HashMap<ShortString, Consumers>,
}

/// How many consumers of the program's a queue has, and how many of them are exclusive.
#[derive(Clone, Copy, Debug, Default)]
struct Consumers {
    all: usize,
    exclusive: usize,
}

impl Topology {
    /// A redeclaration replaces the earlier one (RabbitMQ accepts it only with equal settings anyway).
    pub fn exchange_declared(&mut self, exchange: Exchange) {
        if exchange.options.passive || exchange.name.as_str().is_empty() {
            return;
        }
        self.exchanges.retain(|e| e.name != exchange.name);
        self.exchanges.push(exchange);
    }

    pub fn exchange_deleted(&mut self, name: &ShortString) {
        self.exchanges.retain(|e| &e.name != name);
        self.bindings.retain(|b| &b.source != name && !(!b.to_queue && &b.destination == name));
    }

    pub fn queue_declared(&mut self, queue: Queue) {
        if queue.options.passive {
            return;
        }
        self.queues.retain(|q| q.name != queue.name);
        self.queues.push(queue);
    }

    pub fn queue_deleted(&mut self, name: &ShortString) {
        self.queues.retain(|q| &q.name != name);
        self.bindings.retain(|b| !(b.to_queue && &b.destination == name));
    }

    /// A binding of `""` (a queue declared with `$nowait`, whose name the broker alone knows) is not
    /// recorded: a replay's `""` would name whatever queue the replay declared last.
    pub fn bound(&mut self, binding: Binding) {
        if binding.to_queue && binding.destination.as_str().is_empty() {
            return;
        }
        if !self.bindings.contains(&binding) {
            self.bindings.push(binding);
        }
    }

    pub fn unbound(&mut self, binding: &Binding) {
        self.bindings.retain(|b| b != binding);
    }

    pub fn consumer_started(&mut self, queue: &ShortString, exclusive: bool) {
        let consumers = self.consumers.entry(queue.clone()).or_default();
        consumers.all += 1;
        consumers.exclusive += usize::from(exclusive);
    }

    /// A consumer cancelled by the program or the broker: the last one of an auto-delete queue takes
    /// the queue (and its bindings) with it, as the broker does.
    pub fn consumer_cancelled(&mut self, queue: &ShortString, exclusive: bool) {
        let Some(consumers) = self.consumers.get_mut(queue) else { return };
        consumers.all = consumers.all.saturating_sub(1);
        consumers.exclusive = consumers.exclusive.saturating_sub(usize::from(exclusive));
        if consumers.all == 0 {
            self.consumers.remove(queue);
            if self.queues.iter().any(|q| &q.name == queue && q.options.auto_delete) {
                self.queue_deleted(queue);
            }
        }
    }

    /// A server-named queue got a new name from the broker: its bindings follow it.
    pub fn queue_renamed(&mut self, old: &ShortString, new: &ShortString) {
        for queue in self.queues.iter_mut().filter(|q| &q.name == old) {
            queue.name = new.clone();
        }
        for binding in self.bindings.iter_mut().filter(|b| b.to_queue && &b.destination == old) {
            binding.destination = new.clone();
        }
        if let Some(consumers) = self.consumers.remove(old) {
            self.consumers.insert(new.clone(), consumers);
        }
    }

    pub fn exchanges(&self) -> &[Exchange] {
        &self.exchanges
    }

    pub fn queues(&self) -> &[Queue] {
        &self.queues
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }
}

/// What a replay did: the new names of server-named queues, `(old, new)`, for `queue_renamed` and the
/// consumers of those queues; and what the broker refused, in words.
#[derive(Debug, Default)]
pub struct Replayed {
    pub renamed: Vec<(ShortString, ShortString)>,
    pub refused: Vec<String>,
}

/// Declares a recorded topology again on a new connection: exchanges, queues, then bindings. An entity
/// the broker refuses (a queue another connection now holds exclusively, a binding to an exchange
/// someone deleted) closes only the channel used: it is noted and the replay goes on, on a new channel,
/// as RabbitMQ's Java client does. A connection error ends it. Each declaration waits at most `step`
/// (the connection's RPC timeout), as the program's own declarations do.
pub async fn replay(topology: Topology, connection: &lapin::Connection, step: Option<Duration>) -> lapin::Result<Replayed> {
    let Topology { exchanges, queues, mut bindings, consumers } = topology;
    let mut replayed = Replayed::default();
    let mut channel = bounded(step, connection.create_channel()).await?;
    for e in exchanges {
        let declared = bounded(step, channel.exchange_declare(e.name.clone(), ExchangeKind::Custom(e.kind), e.options, e.arguments)).await;
        refused(declared, format!("exchange '{}'", e.name), step, connection, &mut channel, &mut replayed).await?;
    }
    for q in queues {
        if q.server_named && outlives_connection(&q, &consumers) {
            // Still there: it keeps its name and its messages (one declared anew in its place would
            // leave them in a queue nobody reads). A name the broker reserves cannot be declared again.
            let passive = QueueDeclareOptions { passive: true, ..q.options };
            match bounded(step, channel.queue_declare(q.name.clone(), passive, FieldTable::default())).await {
                Ok(_) => continue,
                Err(e) if e.is_amqp_soft_error() => channel = bounded(step, connection.create_channel()).await?,
                Err(e) => return Err(e),
            }
        }
        let asked = if q.server_named { ShortString::from("") } else { q.name.clone() };
        match bounded(step, channel.queue_declare(asked, q.options, q.arguments)).await {
            Ok(declared) if declared.name() != &q.name => replayed.renamed.push((q.name, declared.name().clone())),
            Ok(_) => {}
            Err(e) => refused::<()>(Err(e), format!("queue '{}'", q.name), step, connection, &mut channel, &mut replayed).await?,
        }
    }
    for binding in &mut bindings {
        if let Some((_, new)) = replayed.renamed.iter().find(|(old, _)| binding.to_queue && old == &binding.destination) {
            binding.destination = new.clone();
        }
    }
    for b in bindings {
        let what = format!("binding of '{}' to '{}' by '{}'", b.destination, b.source, b.routing_key);
        let bound = if b.to_queue {
            bounded(step, channel.queue_bind(b.destination, b.source, b.routing_key, QueueBindOptions::default(), b.arguments)).await
        } else {
            bounded(step, channel.exchange_bind(b.destination, b.source, b.routing_key, ExchangeBindOptions::default(), b.arguments)).await
        };
        refused(bound, what, step, connection, &mut channel, &mut replayed).await?;
    }
    let _ = channel.close(200, "".into()).await;
    Ok(replayed)
}

/// Whether a queue the broker may still hold after the connection's loss, for the program to go on
/// with: not exclusive (those go with their connection), not auto-delete with consumers (the broker
/// deletes it as it cancels them), and without an exclusive consumer (the broker refuses a new one
/// while it has not noticed the old connection's death, as after missed heartbeats).
fn outlives_connection(queue: &Queue, consumers: &HashMap<ShortString, Consumers>) -> bool {
    let consumers = consumers.get(&queue.name).copied().unwrap_or_default();
    !queue.options.exclusive && !(queue.options.auto_delete && consumers.all > 0) && consumers.exclusive == 0
}

/// `future`, failing as a timed-out socket read after `limit` (None: no limit).
pub async fn bounded<T>(limit: Option<Duration>, future: impl std::future::Future<Output = lapin::Result<T>>) -> lapin::Result<T> {
    match limit {
        None => future.await,
        Some(limit) => tokio::time::timeout(limit, future).await.unwrap_or_else(|_| {
            Err(lapin::ErrorKind::IOError(std::sync::Arc::new(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!("no answer from the broker within {} s", limit.as_secs_f64()),
            )))
            .into())
        }),
    }
}

/// Notes a declaration the broker refused and opens a new channel in place of the one it closed; a
/// connection error is returned.
async fn refused<T>(
    outcome: lapin::Result<T>,
    what: String,
    step: Option<Duration>,
    connection: &lapin::Connection,
    channel: &mut Channel,
    replayed: &mut Replayed,
) -> lapin::Result<()> {
    match outcome {
        Ok(_) => Ok(()),
        Err(e) if e.is_amqp_soft_error() => {
            replayed.refused.push(format!("{what}: {e}"));
            *channel = bounded(step, connection.create_channel()).await?;
            Ok(())
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(name: &str) -> Exchange {
        Exchange { name: name.into(), kind: "direct".into(), options: Default::default(), arguments: Default::default() }
    }

    fn queue(name: &str) -> Queue {
        Queue { name: name.into(), options: Default::default(), arguments: Default::default(), server_named: name.starts_with("amq.gen") }
    }

    fn binding(queue: &str, exchange: &str, key: &str) -> Binding {
        Binding { destination: queue.into(), to_queue: true, source: exchange.into(), routing_key: key.into(), arguments: Default::default() }
    }

    #[test]
    fn passive_declares_and_the_default_exchange_are_not_recorded() {
        let mut t = Topology::default();
        let mut passive = exchange("x");
        passive.options.passive = true;
        t.exchange_declared(passive);
        t.exchange_declared(exchange(""));
        let mut q = queue("q");
        q.options.passive = true;
        t.queue_declared(q);
        assert!(t.exchanges().is_empty() && t.queues().is_empty());
    }

    #[test]
    fn a_redeclaration_replaces_and_keeps_one_entry() {
        let mut t = Topology::default();
        t.exchange_declared(exchange("x"));
        let mut durable = exchange("x");
        durable.options.durable = true;
        t.exchange_declared(durable.clone());
        assert_eq!(t.exchanges(), &[durable]);
        t.bound(binding("q", "x", "k"));
        t.bound(binding("q", "x", "k"));
        assert_eq!(t.bindings().len(), 1);
    }

    #[test]
    fn deletes_forget_the_bindings_naming_the_entity() {
        let mut t = Topology::default();
        t.exchange_declared(exchange("x"));
        t.exchange_declared(exchange("y"));
        t.queue_declared(queue("q"));
        t.bound(binding("q", "x", "a"));
        t.bound(binding("q", "y", "b"));
        t.bound(Binding { destination: "y".into(), to_queue: false, source: "x".into(), routing_key: "".into(), arguments: Default::default() });
        t.exchange_deleted(&"y".into());
        assert_eq!(t.bindings(), &[binding("q", "x", "a")]);
        t.queue_deleted(&"q".into());
        assert!(t.bindings().is_empty() && t.queues().is_empty());
        assert_eq!(t.exchanges().len(), 1);
    }

    #[test]
    fn unbinding_removes_only_that_binding() {
        let mut t = Topology::default();
        t.bound(binding("q", "x", "a"));
        t.bound(binding("q", "x", "b"));
        t.unbound(&binding("q", "x", "a"));
        assert_eq!(t.bindings(), &[binding("q", "x", "b")]);
    }

    #[test]
    fn an_auto_delete_queue_goes_with_its_last_consumer() {
        let mut t = Topology::default();
        let mut q = queue("q");
        q.options.auto_delete = true;
        t.queue_declared(q);
        t.queue_declared(queue("durable"));
        t.bound(binding("q", "x", "k"));
        t.consumer_started(&"q".into(), false);
        t.consumer_started(&"q".into(), false);
        t.consumer_started(&"durable".into(), false);
        t.consumer_cancelled(&"q".into(), false);
        assert_eq!(t.queues().len(), 2);
        t.consumer_cancelled(&"q".into(), false);
        t.consumer_cancelled(&"durable".into(), false);
        assert_eq!(t.queues().iter().map(|q| q.name.as_str()).collect::<Vec<_>>(), ["durable"]);
        assert!(t.bindings().is_empty());
        // A cancel for a queue never consumed (or already gone) changes nothing.
        t.consumer_cancelled(&"other".into(), false);
        assert_eq!(t.queues().len(), 1);
    }

    #[test]
    fn only_queues_the_broker_keeps_after_the_loss_are_looked_for_by_name() {
        let mut consumed = HashMap::new();
        consumed.insert(ShortString::from("amq.gen-c"), Consumers { all: 1, exclusive: 0 });
        consumed.insert(ShortString::from("amq.gen-x"), Consumers { all: 2, exclusive: 1 });
        let with = |name: &str, exclusive: bool, auto_delete: bool| {
            let mut q = queue(name);
            q.options.exclusive = exclusive;
            q.options.auto_delete = auto_delete;
            outlives_connection(&q, &consumed)
        };
        assert!(with("amq.gen-a", false, false));
        assert!(with("amq.gen-a", false, true), "auto-delete without a consumer is kept by the broker");
        assert!(!with("amq.gen-c", false, true), "auto-delete with consumers goes as they are cancelled");
        assert!(with("amq.gen-c", false, false));
        assert!(!with("amq.gen-a", true, false), "exclusive goes with its connection");
        assert!(!with("amq.gen-x", false, false), "an exclusive consumer may still hold it");
    }

    #[test]
    fn a_binding_of_an_unknown_queue_is_not_recorded() {
        let mut t = Topology::default();
        t.bound(binding("", "x", "k"));
        assert!(t.bindings().is_empty());
        let mut to_exchange = binding("", "x", "k");
        to_exchange.to_queue = false;
        t.bound(to_exchange.clone());
        assert_eq!(t.bindings(), &[to_exchange]);
    }

    #[test]
    fn a_renamed_server_named_queue_takes_its_bindings_along() {
        let mut t = Topology::default();
        t.queue_declared(queue("amq.gen-1"));
        t.bound(binding("amq.gen-1", "x", "k"));
        t.queue_renamed(&"amq.gen-1".into(), &"amq.gen-2".into());
        assert_eq!(t.queues()[0].name.as_str(), "amq.gen-2");
        assert!(t.queues()[0].server_named);
        assert_eq!(t.bindings(), &[binding("amq.gen-2", "x", "k")]);
    }
}
