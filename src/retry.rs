//! Retry policies: how many attempts, how long to sleep between them, until when, and which errors are
//! worth another attempt (AMQP's here, Kafka's in `kafka`). Pure Rust, unit-tested without PHP; `php`
//! wraps it as `Mq\RetryPolicy`, and connecting (`amqp::connect::connect`) follows it across a host
//! list.

use std::{
    fmt,
    time::{Duration, Instant},
};

use crate::amqp::exceptions as amqp;

pub mod kafka;
pub mod php;

/// A validated policy. Seconds are kept as the caller gave them (getters return them unchanged).
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u64,
    initial_delay: f64,
    multiplier: f64,
    max_delay: f64,
    jitter: f64,
    deadline: f64,
    retry_on: Option<Vec<String>>,
}

/// One argument refused by `RetryPolicy::new`: its position and name in `Mq\RetryPolicy::__construct`.
#[derive(Debug, PartialEq)]
pub struct Invalid {
    pub position: u8,
    pub name: &'static str,
    pub requirement: String,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Argument #{} (${}) {}", self.position, self.name, self.requirement)
    }
}

/// The built-in defaults, also what an unreadable php.ini entry falls back to.
pub const DEFAULT_MAX_ATTEMPTS: i64 = 5;
pub const DEFAULT_INITIAL_DELAY: f64 = 0.1;
pub const DEFAULT_MULTIPLIER: f64 = 2.0;
pub const DEFAULT_MAX_DELAY: f64 = 30.0;
pub const DEFAULT_JITTER: f64 = 0.2;
pub const DEFAULT_DEADLINE: f64 = 0.0;

/// The errors retried when a policy names none: a connection or channel that failed or timed out.
const TRANSIENT: [&str; 4] = [amqp::IO, amqp::TIMEOUT, amqp::CONNECTION_CLOSED, amqp::CHANNEL_CLOSED];

/// AMQP reply codes no retry can fix: ACCESS_REFUSED (a refused login or permission),
/// PRECONDITION_FAILED (a declaration that contradicts an existing one), NOT_ALLOWED (no such vhost).
const NEVER_CODES: [i64; 3] = [403, 406, 530];

impl RetryPolicy {
    /// A policy from `Mq\RetryPolicy`'s arguments, in its order, each checked.
    pub fn new(
        max_attempts: i64,
        initial_delay: f64,
        multiplier: f64,
        max_delay: f64,
        jitter: f64,
        deadline: f64,
        retry_on: Option<Vec<String>>,
    ) -> Result<Self, Invalid> {
        let refuse = |position, name, requirement: &str, given: String| {
            Err(Invalid { position, name, requirement: format!("{requirement}, {given} given") })
        };
        if max_attempts < 1 {
            return refuse(1, "maxAttempts", "must be greater than or equal to 1", max_attempts.to_string());
        }
        let seconds = [(2, "initialDelay", initial_delay), (4, "maxDelay", max_delay), (6, "deadline", deadline)];
        for (position, name, value) in seconds {
            if !(value.is_finite() && value >= 0.0) {
                return refuse(position, name, "must be a finite number of seconds >= 0", float(value));
            }
        }
        if !(multiplier.is_finite() && multiplier >= 1.0) {
            return refuse(3, "multiplier", "must be a finite number >= 1", float(multiplier));
        }
        if !(0.0..=1.0).contains(&jitter) {
            return refuse(5, "jitter", "must be between 0 and 1", float(jitter));
        }
        Ok(Self { max_attempts: max_attempts as u64, initial_delay, multiplier, max_delay, jitter, deadline, retry_on })
    }

    pub fn max_attempts(&self) -> u64 {
        self.max_attempts
    }
    pub fn initial_delay(&self) -> f64 {
        self.initial_delay
    }
    pub fn multiplier(&self) -> f64 {
        self.multiplier
    }
    pub fn max_delay(&self) -> f64 {
        self.max_delay
    }
    pub fn jitter(&self) -> f64 {
        self.jitter
    }
    /// Seconds across all attempts; 0 is none.
    pub fn deadline_seconds(&self) -> f64 {
        self.deadline
    }
    pub fn retry_on(&self) -> Option<&[String]> {
        self.retry_on.as_deref()
    }

    /// The overall limit, None when there is none.
    pub fn deadline(&self) -> Option<Duration> {
        (self.deadline > 0.0).then(|| duration(self.deadline))
    }

    /// Seconds to sleep after the `attempt`-th failed attempt (1-based), before jitter:
    /// `min(maxDelay, initialDelay * multiplier^(attempt-1))`.
    pub fn delay_seconds(&self, attempt: u64) -> f64 {
        if self.initial_delay == 0.0 {
            return 0.0; // 0 * INF would be NaN
        }
        let grown = self.initial_delay * self.multiplier.powf(attempt.saturating_sub(1) as f64);
        grown.min(self.max_delay) // an overflow to INF is capped too
    }

    pub fn delay(&self, attempt: u64) -> Duration {
        duration(self.delay_seconds(attempt))
    }

    /// The sleep after the `attempt`-th failed attempt: the delay spread uniformly over ±jitter
    /// (`random` in [0, 1) picks where), never above maxDelay.
    pub fn jittered(&self, attempt: u64, random: f64) -> Duration {
        let spread = 1.0 + self.jitter * (2.0 * random.clamp(0.0, 1.0) - 1.0);
        duration((self.delay_seconds(attempt) * spread).min(self.max_delay))
    }

    /// Whether `error` is worth another attempt by its class and code (attempt counts aside): one of
    /// `retryOn` (by default the transient AMQP and Kafka errors), and never a refused login, an access
    /// refusal, a precondition failure, a missing vhost, nor a fatal, authorization or configuration
    /// error of Kafka.
    pub fn retries(&self, error: &impl Failure) -> bool {
        if never_retried(error) || kafka::never(error) {
            return false;
        }
        match &self.retry_on {
            None => TRANSIENT.iter().any(|class| error.is_a(class)) || kafka::transient(error),
            Some(classes) => classes.iter().any(|class| error.is_a(class)),
        }
    }
}

/// What a retry decision needs to know of an error.
pub trait Failure {
    /// `$error instanceof $class`.
    fn is_a(&self, class: &str) -> bool;
    fn code(&self) -> i64;
    fn message(&self) -> &str;
    /// What an `RdKafka\KafkaErrorException` says of itself (None for any other error).
    fn kafka_flags(&self) -> Option<kafka::Flags> {
        None
    }
}

fn never_retried(error: &impl Failure) -> bool {
    // A refused login is a 403 connection close; its text is checked too, whatever code carries it.
    error.is_a(amqp::INTERFACE) && (NEVER_CODES.contains(&error.code()) || error.message().starts_with("ACCESS_REFUSED"))
}

/// Seconds as a Duration; a value too large to represent is the longest one (only finite values >= 0
/// reach here).
fn duration(seconds: f64) -> Duration {
    Duration::try_from_secs_f64(seconds.max(0.0)).unwrap_or(Duration::MAX)
}

/// A float as PHP prints it in messages (NAN, INF, -INF, 1.5).
pub fn float(value: f64) -> String {
    match value {
        v if v.is_nan() => "NAN".into(),
        v if v.is_infinite() => if v > 0.0 { "INF" } else { "-INF" }.into(),
        v => v.to_string(),
    }
}

/// A number in [0, 1) for jitter. Not cryptographic: std's randomly keyed hasher over a counter.
pub fn random_unit() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// The bookkeeping of one run of attempts under a policy: how many were made, since when, and what
/// each one ran into, for the final error.
pub struct Attempts<'a> {
    policy: &'a RetryPolicy,
    started: Instant,
    made: u64,
    log: Vec<String>,
}

impl<'a> Attempts<'a> {
    pub fn start(policy: &'a RetryPolicy, now: Instant) -> Self {
        Self { policy, started: now, made: 0, log: Vec::new() }
    }

    /// How long the next attempt may take before the deadline passes (None: no deadline).
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        self.policy.deadline().map(|d| d.saturating_sub(now.saturating_duration_since(self.started)))
    }

    /// Records a failed attempt on `target` that began at `began`. Returns the sleep before the next
    /// attempt, or None when none is left: the attempts are used up, or the next one would begin after
    /// the deadline.
    pub fn failed(&mut self, target: &str, began: Instant, message: &str, now: Instant, random: f64) -> Option<Duration> {
        self.made += 1;
        let since = began.saturating_duration_since(self.started).as_secs_f64();
        self.log.push(format!("{}) {target} after {since:.3}s: {message}", self.made));
        if self.made >= self.policy.max_attempts {
            return None;
        }
        let sleep = self.policy.jittered(self.made, random);
        match self.remaining(now) {
            Some(left) if sleep >= left => None,
            _ => Some(sleep),
        }
    }

    pub fn made(&self) -> u64 {
        self.made
    }

    /// "Attempts: 1) host:port after 0.000s: message; 2) ...".
    pub fn report(&self) -> String {
        format!("Attempts: {}", self.log.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(max_attempts: i64, initial: f64, multiplier: f64, max: f64, jitter: f64, deadline: f64) -> RetryPolicy {
        RetryPolicy::new(max_attempts, initial, multiplier, max, jitter, deadline, None).unwrap()
    }

    fn defaults() -> RetryPolicy {
        policy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_DELAY, DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY, DEFAULT_JITTER, DEFAULT_DEADLINE)
    }

    #[test]
    fn delays_grow_by_the_multiplier_up_to_the_cap() {
        let p = policy(10, 0.1, 2.0, 1.0, 0.0, 0.0);
        let delays: Vec<f64> = (1..=6).map(|n| p.delay_seconds(n)).collect();
        assert_eq!(delays, [0.1, 0.2, 0.4, 0.8, 1.0, 1.0]);
        assert_eq!(p.delay(3), Duration::from_millis(400));
        // Multiplier 1: constant delays.
        assert_eq!(policy(3, 0.25, 1.0, 30.0, 0.0, 0.0).delay_seconds(50), 0.25);
    }

    #[test]
    fn huge_values_saturate_instead_of_overflowing() {
        let p = policy(i64::MAX, 1.0, 1e300, 5.0, 0.0, 0.0);
        assert_eq!(p.delay_seconds(u64::MAX), 5.0);
        assert_eq!(p.max_attempts(), i64::MAX as u64);
        // Zero delay stays zero whatever the multiplier (0 * INF would be NaN).
        assert_eq!(policy(3, 0.0, 1e308, 5.0, 0.0, 0.0).delay_seconds(1000), 0.0);
        // Seconds beyond Duration's range are the longest Duration.
        assert_eq!(policy(3, 1e300, 1.0, 1e300, 0.0, 0.0).delay(1), Duration::MAX);
        assert_eq!(policy(3, 1.0, 1.0, 1.0, 0.0, 1e300).deadline(), Some(Duration::MAX));
    }

    #[test]
    fn jitter_stays_within_its_bounds_and_under_the_cap() {
        let p = policy(5, 1.0, 2.0, 3.0, 0.2, 0.0);
        assert_eq!(p.jittered(1, 0.0), Duration::from_millis(800));
        assert_eq!(p.jittered(1, 0.5), Duration::from_secs(1));
        assert!(p.jittered(1, 0.999_999) <= Duration::from_millis(1200));
        // 2 s * 1.2 = 2.4 s, under the 3 s cap; 4 s capped to 3 s, jittered down to 2.4 s at most.
        assert_eq!(p.jittered(3, 0.0), Duration::from_millis(2400));
        assert_eq!(p.jittered(3, 1.0), Duration::from_secs(3));
        for _ in 0..1000 {
            let r = random_unit();
            assert!((0.0..1.0).contains(&r));
            let d = p.jittered(2, r).as_secs_f64();
            assert!((1.6..=2.4).contains(&d), "{d}");
        }
        // No jitter: exactly the delay.
        assert_eq!(policy(5, 1.0, 2.0, 30.0, 0.0, 0.0).jittered(2, 0.9), Duration::from_secs(2));
    }

    #[test]
    fn arguments_are_validated_by_name() {
        let err = |r: Result<RetryPolicy, Invalid>| r.unwrap_err().to_string();
        assert_eq!(err(RetryPolicy::new(0, 0.1, 2.0, 1.0, 0.2, 0.0, None)), "Argument #1 ($maxAttempts) must be greater than or equal to 1, 0 given");
        assert_eq!(err(RetryPolicy::new(1, f64::NAN, 2.0, 1.0, 0.2, 0.0, None)), "Argument #2 ($initialDelay) must be a finite number of seconds >= 0, NAN given");
        assert_eq!(err(RetryPolicy::new(1, -0.5, 2.0, 1.0, 0.2, 0.0, None)), "Argument #2 ($initialDelay) must be a finite number of seconds >= 0, -0.5 given");
        assert_eq!(err(RetryPolicy::new(1, 0.1, 0.5, 1.0, 0.2, 0.0, None)), "Argument #3 ($multiplier) must be a finite number >= 1, 0.5 given");
        assert_eq!(err(RetryPolicy::new(1, 0.1, f64::INFINITY, 1.0, 0.2, 0.0, None)), "Argument #3 ($multiplier) must be a finite number >= 1, INF given");
        assert_eq!(err(RetryPolicy::new(1, 0.1, 2.0, f64::INFINITY, 0.2, 0.0, None)), "Argument #4 ($maxDelay) must be a finite number of seconds >= 0, INF given");
        assert_eq!(err(RetryPolicy::new(1, 0.1, 2.0, 1.0, 1.5, 0.0, None)), "Argument #5 ($jitter) must be between 0 and 1, 1.5 given");
        assert_eq!(err(RetryPolicy::new(1, 0.1, 2.0, 1.0, f64::NAN, 0.0, None)), "Argument #5 ($jitter) must be between 0 and 1, NAN given");
        assert_eq!(err(RetryPolicy::new(1, 0.1, 2.0, 1.0, 0.2, f64::NEG_INFINITY, None)), "Argument #6 ($deadline) must be a finite number of seconds >= 0, -INF given");
        assert!(RetryPolicy::new(1, 0.0, 1.0, 0.0, 1.0, 0.0, Some(vec![])).is_ok());
    }

    #[test]
    fn attempts_stop_at_the_count() {
        let p = policy(3, 0.1, 2.0, 30.0, 0.0, 0.0);
        let t0 = Instant::now();
        let mut a = Attempts::start(&p, t0);
        assert_eq!(a.failed("h:1", t0, "refused", t0, 0.5), Some(Duration::from_millis(100)));
        assert_eq!(a.failed("h:2", t0 + Duration::from_millis(100), "refused", t0, 0.5), Some(Duration::from_millis(200)));
        assert_eq!(a.failed("h:1", t0 + Duration::from_millis(1300), "timed out", t0, 0.5), None);
        assert_eq!(a.made(), 3);
        assert_eq!(
            a.report(),
            "Attempts: 1) h:1 after 0.000s: refused; 2) h:2 after 0.100s: refused; 3) h:1 after 1.300s: timed out"
        );
        // A single attempt: no sleep at all.
        let one = policy(1, 0.1, 2.0, 30.0, 0.0, 0.0);
        assert_eq!(Attempts::start(&one, t0).failed("h:1", t0, "x", t0, 0.5), None);
    }

    #[test]
    fn the_deadline_stops_attempts_that_would_begin_after_it() {
        let p = policy(100, 1.0, 1.0, 30.0, 0.0, 2.5);
        let t0 = Instant::now();
        let mut a = Attempts::start(&p, t0);
        assert_eq!(a.remaining(t0), Some(Duration::from_millis(2500)));
        assert_eq!(a.failed("h:1", t0, "x", t0, 0.5), Some(Duration::from_secs(1)));
        let t1 = t0 + Duration::from_secs(1);
        assert_eq!(a.failed("h:1", t1, "x", t1, 0.5), Some(Duration::from_secs(1)));
        // At 2 s a 1 s sleep would end at 3 s, past the 2.5 s deadline.
        let t2 = t0 + Duration::from_secs(2);
        assert_eq!(a.remaining(t2), Some(Duration::from_millis(500)));
        assert_eq!(a.failed("h:1", t2, "x", t2, 0.5), None);
        assert_eq!(a.made(), 3);
        assert_eq!(Attempts::start(&defaults(), t0).remaining(t2), None);
    }

    struct Fake {
        classes: &'static [&'static str],
        code: i64,
        message: &'static str,
        kafka: Option<kafka::Flags>,
    }

    impl Failure for Fake {
        fn is_a(&self, class: &str) -> bool {
            self.classes.contains(&class)
        }
        fn code(&self) -> i64 {
            self.code
        }
        fn message(&self) -> &str {
            self.message
        }
        fn kafka_flags(&self) -> Option<kafka::Flags> {
            self.kafka
        }
    }

    const CLOSED: &[&str] = &[amqp::CONNECTION_CLOSED, amqp::RUNTIME, "RuntimeException", "Exception", amqp::INTERFACE, "Throwable"];
    const IO: &[&str] = &[amqp::IO, "Exception", amqp::INTERFACE, "Throwable"];
    const CHANNEL: &[&str] = &[amqp::PROTOCOL_CHANNEL, amqp::PROTOCOL, "Exception", amqp::INTERFACE, "Throwable"];
    const PLAIN: &[&str] = &["RuntimeException", "Exception", "Throwable"];

    fn fake(classes: &'static [&'static str], code: i64, message: &'static str) -> Fake {
        Fake { classes, code, message, kafka: None }
    }

    #[test]
    fn default_classification_retries_transient_errors_only() {
        let p = defaults();
        assert!(p.retries(&fake(IO, 0, "Connection refused")));
        assert!(p.retries(&fake(CLOSED, 320, "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'(0, 0)")));
        assert!(p.retries(&fake(CLOSED, 0, "Broken pipe or closed connection")));
        assert!(!p.retries(&fake(CLOSED, 403, "ACCESS_REFUSED - Login was refused using authentication mechanism AMQPLAIN.(0, 0)")));
        assert!(!p.retries(&fake(CLOSED, 406, "PRECONDITION_FAILED")));
        assert!(!p.retries(&fake(CLOSED, 530, "NOT_ALLOWED - vhost x not found(10, 40)")));
        assert!(!p.retries(&fake(CHANNEL, 406, "PRECONDITION_FAILED - inequivalent arg")));
        assert!(!p.retries(&fake(CHANNEL, 404, "NOT_FOUND - no queue")), "a channel error is not transient");
        assert!(!p.retries(&fake(PLAIN, 0, "boom")));
        // A refused login keeps its verdict whatever code carries it.
        assert!(!p.retries(&fake(CLOSED, 0, "ACCESS_REFUSED - Login was refused")));
    }

    #[test]
    fn retry_on_narrows_the_classes_but_never_the_never_list() {
        let only_io = RetryPolicy::new(5, 0.1, 2.0, 30.0, 0.2, 0.0, Some(vec![amqp::IO.into()])).unwrap();
        assert!(only_io.retries(&fake(IO, 0, "refused")));
        assert!(!only_io.retries(&fake(CLOSED, 320, "CONNECTION_FORCED")));
        let broad = RetryPolicy::new(5, 0.1, 2.0, 30.0, 0.2, 0.0, Some(vec!["Throwable".into()])).unwrap();
        assert!(broad.retries(&fake(PLAIN, 403, "not an AMQP code")));
        assert!(broad.retries(&fake(CHANNEL, 404, "NOT_FOUND")));
        assert!(!broad.retries(&fake(CHANNEL, 406, "PRECONDITION_FAILED")));
        assert!(!broad.retries(&fake(CLOSED, 403, "ACCESS_REFUSED")));
        let nothing = RetryPolicy::new(5, 0.1, 2.0, 30.0, 0.2, 0.0, Some(vec![])).unwrap();
        assert!(!nothing.retries(&fake(IO, 0, "refused")));
    }

    const KAFKA: &[&str] = &[crate::kafka::errors::EXCEPTION, "Exception", "Throwable"];
    const KAFKA_ERROR: &[&str] = &[crate::kafka::errors::KAFKA_ERROR, crate::kafka::errors::EXCEPTION, "Exception", "Throwable"];

    fn kafka_error(code: i64, fatal: bool, retriable: bool) -> Fake {
        Fake { kafka: Some(kafka::Flags { fatal, retriable }), ..fake(KAFKA_ERROR, code, "error object") }
    }

    #[test]
    fn kafka_errors_retry_by_librdkafkas_word() {
        let p = defaults();
        // Plain RdKafka\Exception: by code. _MSG_TIMED_OUT, _TRANSPORT, _QUEUE_FULL, NOT_ENOUGH_REPLICAS,
        // LEADER_NOT_AVAILABLE, REQUEST_TIMED_OUT are transient.
        for code in [-192, -195, -184, 19, 5, 7, -185, -187] {
            assert!(p.retries(&fake(KAFKA, code, "transient")), "{code}");
        }
        // MSG_SIZE_TOO_LARGE, INVALID_ARG, _FATAL, TOPIC_AUTHORIZATION_FAILED, _AUTHENTICATION, a refused
        // Conf property (-1, -2), no code at all: not retried.
        for code in [10, -186, -150, 29, -169, -1, -2, 0, 17] {
            assert!(!p.retries(&fake(KAFKA, code, "permanent")), "{code}");
        }
        // An error object: its own flags, whatever its code says.
        assert!(p.retries(&kafka_error(-185, false, true)));
        assert!(!p.retries(&kafka_error(-185, false, false)));
        assert!(p.retries(&kafka_error(48, false, true)));
        assert!(!p.retries(&kafka_error(-192, true, true)), "fatal wins over retriable");
        // Not a Kafka error: the codes mean nothing.
        assert!(!p.retries(&fake(PLAIN, -192, "not Kafka's")));
    }

    #[test]
    fn retry_on_never_retries_fatal_or_refused_kafka_errors() {
        let any_kafka = RetryPolicy::new(5, 0.1, 2.0, 30.0, 0.2, 0.0, Some(vec![crate::kafka::errors::EXCEPTION.into()])).unwrap();
        assert!(any_kafka.retries(&fake(KAFKA, 10, "MSG_SIZE_TOO_LARGE")), "retryOn widens past the transient codes");
        assert!(any_kafka.retries(&kafka_error(48, false, false)));
        for code in [-150, -144, 90, 29, 30, 31, 53, 58, -169, -186, 40, -1, -2] {
            assert!(!any_kafka.retries(&fake(KAFKA, code, "never")), "{code}");
        }
        assert!(!any_kafka.retries(&kafka_error(7, true, false)));
        // retryOn without Kafka's classes: no Kafka error is retried.
        let only_io = RetryPolicy::new(5, 0.1, 2.0, 30.0, 0.2, 0.0, Some(vec![amqp::IO.into()])).unwrap();
        assert!(!only_io.retries(&fake(KAFKA, -192, "transient")));
    }
}
