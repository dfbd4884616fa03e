//! librdkafka's events as mq's clients take them from their queues on the PHP thread: the producer's
//! main queue (`producer_handle`) and the KafkaConsumer's consumer queue (`consumer_queue`). Each kind of
//! client serves its own event types (delivery reports; fetched messages, rebalances, commits) and hands
//! the rest here: global errors, log lines, statistics and OAUTHBEARER token refreshes, which any client
//! gets.
//!
//! Not rdkafka's `poll`: it turns events into values event by event (each delivered message of a report
//! through the context's `delivery`, each consumer error into an error), where mq needs librdkafka's own
//! batches and types (see the two callers).

use std::{
    ffi::{c_int, CStr, CString},
    ptr::NonNull,
    time::Duration,
};

use rdkafka::bindings as rd;

use super::{client_calls, context::Context, errors, message::RawMessage, oauth};

/// An event taken from a queue, destroyed on drop unless handed over to a message.
pub struct Event(NonNull<rd::rd_kafka_event_t>);

impl Event {
    pub fn ptr(&self) -> *mut rd::rd_kafka_event_t {
        self.0.as_ptr()
    }

    pub fn kind(&self) -> rd::rd_kafka_event_type_t {
        // SAFETY: a live event.
        unsafe { rd::rd_kafka_event_type(self.ptr()) }
    }

    /// An error event's code and reason as php-rdkafka reports them. librdkafka's event API hands over a
    /// fatal error's underlying code and reason (`rd_kafka_event_setup`), flagged fatal; its error callback
    /// and consumer errors give RD_KAFKA_RESP_ERR__FATAL with "Fatal error: ..." (`errors::fatal_text`).
    pub fn error(&self) -> (i32, String) {
        // SAFETY: a live error event; its string lives as long as the event, and is copied here.
        unsafe {
            let code = rd::rd_kafka_event_error(self.ptr()) as i32;
            let reason = CStr::from_ptr(rd::rd_kafka_event_error_string(self.ptr())).to_string_lossy();
            if rd::rd_kafka_event_error_is_fatal(self.ptr()) != 0 {
                (errors::FATAL, errors::fatal_text(code, reason.trim()))
            } else {
                (code, reason.trim().to_string())
            }
        }
    }

    /// A message owning the event (so it is destroyed with the message).
    ///
    /// # Safety
    /// librdkafka built `message` from this event, so that destroying the message destroys the event.
    pub unsafe fn into_message(self, message: *mut rd::rd_kafka_message_t) -> Option<RawMessage> {
        let message = RawMessage::from_ptr(message)?;
        std::mem::forget(self);
        Some(message)
    }
}

impl Drop for Event {
    fn drop(&mut self) {
        // SAFETY: taken from the queue by us, destroyed once.
        unsafe { rd::rd_kafka_event_destroy(self.ptr()) }
    }
}

/// The next event of `queue`, waiting up to `timeout` for one.
///
/// # Safety
/// `queue` is a live queue of a live client.
pub unsafe fn take(queue: *mut rd::rd_kafka_queue_t, timeout: Duration) -> Option<Event> {
    let timeout = timeout.as_millis().min(i32::MAX as u128) as c_int;
    NonNull::new(rd::rd_kafka_queue_poll(queue, timeout)).map(Event)
}

/// Serves an event every client gets (a global error, a log line, statistics, a token refresh) through
/// the context (callbacks, log) or librdkafka; other types are dropped.
pub fn serve_common(context: &Context, rk: *mut rd::rd_kafka_t, event: Event) {
    // SAFETY: a live event; each accessor is the one librdkafka documents for the event's type, and what
    // they return lives as long as the event.
    unsafe {
        match event.kind() {
            rd::RD_KAFKA_EVENT_ERROR => {
                let (code, reason) = event.error();
                context.global_error(code, &reason, logs_errors(rk));
            }
            rd::RD_KAFKA_EVENT_LOG => {
                let (mut facility, mut message, mut level) = (std::ptr::null(), std::ptr::null(), 0);
                if rd::rd_kafka_event_log(event.ptr(), &mut facility, &mut message, &mut level) == 0 {
                    let text = |p| CStr::from_ptr(p).to_string_lossy();
                    context.log_line(level, &text(facility), &text(message));
                }
            }
            rd::RD_KAFKA_EVENT_STATS => context.stats(CStr::from_ptr(rd::rd_kafka_event_stats(event.ptr())).to_bytes()),
            rd::RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH => {
                let config = rd::rd_kafka_event_config_string(event.ptr());
                let config = (!config.is_null()).then(|| CStr::from_ptr(config).to_string_lossy());
                refresh_token(context, rk, config.as_deref());
            }
            _ => {}
        }
    }
}

/// Whether `rk`'s `log_level` (as set now: `setLogLevel()` changes it) lets librdkafka log an error, as
/// its own log does for the error it serves without an error callback.
fn logs_errors(rk: *mut rd::rd_kafka_t) -> bool {
    client_calls::conf_value(rk, c"log_level").and_then(|level| level.parse::<i32>().ok()).is_none_or(|level| level >= 3)
}

/// Answers librdkafka's token refresh with what the PHP callback set, as rdkafka's own poll does; a
/// callback that set nothing leaves librdkafka's token as it is, as php-rdkafka's does.
fn refresh_token(context: &Context, rk: *mut rd::rd_kafka_t, config: Option<&str>) {
    let error = match oauth::refresh(context.oauth_key(), config) {
        Ok(None) => return,
        Ok(Some(token)) => match oauth::Token::new(token.token.as_bytes(), token.lifetime_ms, token.principal_name.as_bytes(), None)
            .and_then(|token| token.set(rk))
        {
            Ok(()) => return,
            Err(_) => "the token set by the refresh callback was refused".to_string(),
        },
        Err(e) => e.to_string(),
    };
    let _ = oauth::set_failure(rk, &CString::new(error.replace('\0', " ")).unwrap_or_default());
}
