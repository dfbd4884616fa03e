//! SASL/OAUTHBEARER tokens: `oauthbearerSetToken()`, `oauthbearerSetTokenFailure()` and the PHP
//! `oauthbearer_token_refresh_cb`.
//!
//! rdkafka serves librdkafka's refresh event inside the client's poll and insists on setting the token
//! itself from `ClientContext::generate_oauth_token` (without extensions). So the PHP callback is called
//! from there, on the PHP thread, while a `Serving` guard of the polling PHP method says which PHP object
//! is `$kafka`; the token the callback sets is handed back to rdkafka, and one carrying extensions is set
//! again, with them, as soon as the poll returns.

use std::{
    cell::RefCell,
    error::Error,
    ffi::{c_char, CString},
};

use ext_php_rs::{exception::PhpResult, types::ZendHashTable, types::Zval};
use rdkafka::{bindings as rd, client::OAuthToken};

use super::{errors, params::c_string};
use crate::php_string;

/// A token as PHP gave it: bytes up to the first NUL, as php-rdkafka passes them on.
#[derive(Clone)]
pub struct Token {
    value: CString,
    lifetime_ms: i64,
    principal: CString,
    /// Key, value, key, value… as librdkafka takes them.
    extensions: Vec<CString>,
}

impl Token {
    /// Extension values are converted as php-rdkafka converts them (PHP's `(string)`), integer keys
    /// read as their digits.
    pub fn new(value: &[u8], lifetime_ms: i64, principal: &[u8], extensions: Option<&ZendHashTable>) -> PhpResult<Self> {
        let mut pairs = Vec::new();
        for (key, val) in extensions.map(php_string::entries).unwrap_or_default() {
            pairs.push(c_string(&key.into_bytes()));
            pairs.push(c_string(&php_string::cast(val)?));
        }
        Ok(Token { value: c_string(value), lifetime_ms, principal: c_string(principal), extensions: pairs })
    }

    /// rdkafka sets the refreshed token itself, from Rust strings: one it cannot pass on as it is
    /// (extensions, bytes that are not UTF-8) is set again natively once the poll returns.
    fn needs_reset(&self) -> bool {
        !self.extensions.is_empty() || self.value.to_str().is_err() || self.principal.to_str().is_err()
    }

    /// `rd_kafka_oauthbearer_set_token`, with librdkafka's message on failure.
    pub fn set(&self, rk: *mut rd::rd_kafka_t) -> PhpResult<()> {
        let mut extensions: Vec<*const c_char> = self.extensions.iter().map(|e| e.as_ptr()).collect();
        let mut err = [0 as c_char; 512];
        // SAFETY: a live client handle; every string outlives the call, which copies them.
        let code = unsafe {
            rd::rd_kafka_oauthbearer_set_token(
                rk,
                self.value.as_ptr(),
                self.lifetime_ms,
                self.principal.as_ptr(),
                extensions.as_mut_ptr(),
                extensions.len(),
                err.as_mut_ptr(),
                err.len(),
            )
        };
        match code {
            rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR => Ok(()),
            // SAFETY: librdkafka wrote a NUL-terminated message.
            code => Err(errors::exception(unsafe { errors::c_text(err.as_ptr()) }.unwrap_or_default(), code as i32)),
        }
    }
}

/// `rd_kafka_oauthbearer_set_token_failure`.
pub fn set_failure(rk: *mut rd::rd_kafka_t, error: &CString) -> PhpResult<()> {
    // php-rdkafka throws these two with an empty message, and ignores any other error.
    // SAFETY: a live client handle and a C string librdkafka copies.
    match unsafe { rd::rd_kafka_oauthbearer_set_token_failure(rk, error.as_ptr()) } {
        code @ (rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR__INVALID_ARG | rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR__STATE) => {
            Err(errors::exception("", code as i32))
        }
        _ => Ok(()),
    }
}

/// Which client a poll or a refresh is for: the address of its context (`context::Context::oauth_key`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ClientKey(*const ());

impl ClientKey {
    pub fn new(address: *const ()) -> Self {
        ClientKey(address)
    }
}

/// What the PHP callback answered to one refresh.
enum Answer {
    Token(Token),
    Failure(CString),
}

/// A PHP method polling a client that has a refresh callback.
struct Poll {
    context: ClientKey,
    rk: *mut rd::rd_kafka_t,
    kafka: Zval,
    callback: Zval,
    /// Some while the callback runs; filled by oauthbearerSetToken()/Failure().
    answer: Option<Option<Answer>>,
    /// A token rdkafka set without its extensions, or altered (see `Token::needs_reset`).
    reset: Option<Token>,
}

thread_local! {
    /// The polls in progress on this (the PHP) thread, innermost last.
    static POLLS: RefCell<Vec<Poll>> = const { RefCell::new(Vec::new()) };
}

/// Marks a poll of `rk` by the PHP object `kafka` for as long as it lives.
pub struct Serving(bool);

pub fn serving(context: ClientKey, rk: *mut rd::rd_kafka_t, kafka: &Zval, callback: Option<&Zval>) -> Serving {
    let Some(callback) = callback else { return Serving(false) };
    let poll = Poll { context, rk, kafka: kafka.shallow_clone(), callback: callback.shallow_clone(), answer: None, reset: None };
    POLLS.with_borrow_mut(|polls| polls.push(poll));
    Serving(true)
}

impl Drop for Serving {
    fn drop(&mut self) {
        if !self.0 {
            return;
        }
        if let Some(Poll { rk, reset: Some(token), .. }) = POLLS.with_borrow_mut(Vec::pop) {
            // Failing here leaves rdkafka's copy (no extensions): the broker decides.
            let _ = token.set(rk);
        }
    }
}

/// Drops what the polls of `rk` would set again when they end: the client is being destroyed under them
/// (a callback of `consume()` that called `close()`), and `Serving::drop` must not touch the freed handle.
pub fn forget(rk: *mut rd::rd_kafka_t) {
    POLLS.with_borrow_mut(|polls| polls.iter_mut().filter(|p| p.rk == rk).for_each(|p| p.reset = None));
}

/// `generate_oauth_token`: asks the PHP callback of the client `target` names, which a poll is serving.
/// None when the callback set neither a token nor a failure: as with php-rdkafka, librdkafka then keeps
/// the token it has and asks again on its own schedule.
pub fn refresh(target: ClientKey, config: Option<&str>) -> Result<Option<OAuthToken>, Box<dyn Error>> {
    let found = POLLS.with_borrow_mut(|polls| {
        polls.iter_mut().rev().find(|p| p.context == target).map(|p| {
            p.answer = Some(None);
            (p.kafka.shallow_clone(), p.callback.shallow_clone())
        })
    });
    let Some((kafka, callback)) = found else {
        return Err("no OAUTHBEARER token refresh callback is set; call oauthbearerSetToken()".into());
    };
    // An exception stays pending for the PHP caller of the poll; no token was set then.
    let _ = callback.try_call(vec![&kafka, &config.unwrap_or_default()]);
    let answer = POLLS.with_borrow_mut(|polls| {
        let poll = polls.iter_mut().rev().find(|p| p.context == target)?;
        let answer = poll.answer.take().flatten();
        if let Some(Answer::Token(token)) = &answer {
            poll.reset = token.needs_reset().then(|| token.clone());
        }
        answer
    });
    match answer {
        Some(Answer::Token(token)) => Ok(Some(OAuthToken {
            token: token.value.to_string_lossy().into_owned(),
            principal_name: token.principal.to_string_lossy().into_owned(),
            lifetime_ms: token.lifetime_ms,
        })),
        Some(Answer::Failure(error)) => Err(error.to_string_lossy().into()),
        None => Ok(None),
    }
}

/// `oauthbearerSetToken()`: sets the token now (so errors reach PHP) and, inside a refresh callback,
/// also answers the refresh.
pub fn set_token(rk: *mut rd::rd_kafka_t, token: Token) -> PhpResult<()> {
    token.set(rk)?;
    answer(rk, Answer::Token(token));
    Ok(())
}

/// `oauthbearerSetTokenFailure()`.
pub fn set_token_failure(rk: *mut rd::rd_kafka_t, error: &[u8]) -> PhpResult<()> {
    let error = c_string(error);
    set_failure(rk, &error)?;
    answer(rk, Answer::Failure(error));
    Ok(())
}

fn answer(rk: *mut rd::rd_kafka_t, answer: Answer) {
    POLLS.with_borrow_mut(|polls| {
        if let Some(slot) = polls.iter_mut().rev().find(|p| p.rk == rk).and_then(|p| p.answer.as_mut()) {
            *slot = Some(answer);
        }
    });
}
