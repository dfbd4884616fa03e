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

use super::{context::Context, errors};

/// A token as PHP gave it.
#[derive(Clone)]
pub struct Token {
    value: CString,
    lifetime_ms: i64,
    principal: CString,
    /// Key, value, key, value… as librdkafka takes them.
    extensions: Vec<CString>,
}

fn c_string(what: &str, text: &str) -> PhpResult<CString> {
    CString::new(text).map_err(|_| errors::exception(format!("the OAUTHBEARER {what} contains a NUL byte"), errors::INVALID_ARG))
}

impl Token {
    pub fn new(value: &str, lifetime_ms: i64, principal: &str, extensions: Option<&ZendHashTable>) -> PhpResult<Self> {
        let mut pairs = Vec::new();
        for (key, val) in extensions.into_iter().flat_map(ZendHashTable::iter) {
            let val = val.string().ok_or_else(|| errors::exception("OAUTHBEARER extension values must be strings", errors::INVALID_ARG))?;
            pairs.push(c_string("extension key", &key.to_string())?);
            pairs.push(c_string("extension value", &val)?);
        }
        Ok(Token { value: c_string("token", value)?, lifetime_ms, principal: c_string("principal", principal)?, extensions: pairs })
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
pub fn set_failure(rk: *mut rd::rd_kafka_t, error: &str) -> PhpResult<()> {
    let error = c_string("error", error)?;
    // SAFETY: a live client handle and a C string librdkafka copies.
    match unsafe { rd::rd_kafka_oauthbearer_set_token_failure(rk, error.as_ptr()) } {
        rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR => Ok(()),
        code => Err(errors::from_code(code as i32)),
    }
}

/// What the PHP callback answered to one refresh.
enum Answer {
    Token(Token),
    Failure(String),
}

/// A PHP method polling a client that has a refresh callback.
struct Poll {
    context: *const Context,
    rk: *mut rd::rd_kafka_t,
    kafka: Zval,
    callback: Zval,
    /// Some while the callback runs; filled by oauthbearerSetToken()/Failure().
    answer: Option<Option<Answer>>,
    /// A token with extensions rdkafka set without them.
    reset: Option<Token>,
}

thread_local! {
    /// The polls in progress on this (the PHP) thread, innermost last.
    static POLLS: RefCell<Vec<Poll>> = const { RefCell::new(Vec::new()) };
}

/// Marks a poll of `rk` by the PHP object `kafka` for as long as it lives.
pub struct Serving(bool);

pub fn serving(context: &Context, rk: *mut rd::rd_kafka_t, kafka: &Zval, callback: Option<&Zval>) -> Serving {
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

/// `generate_oauth_token`: asks the PHP callback of the client polling `context`.
pub fn refresh(context: &Context, config: Option<&str>) -> Result<OAuthToken, Box<dyn Error>> {
    let target: *const Context = context;
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
            poll.reset = (!token.extensions.is_empty()).then(|| token.clone());
        }
        answer
    });
    match answer {
        Some(Answer::Token(token)) => Ok(OAuthToken {
            token: token.value.to_string_lossy().into_owned(),
            principal_name: token.principal.to_string_lossy().into_owned(),
            lifetime_ms: token.lifetime_ms,
        }),
        Some(Answer::Failure(error)) => Err(error.into()),
        None => Err("the OAUTHBEARER token refresh callback set no token".into()),
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
pub fn set_token_failure(rk: *mut rd::rd_kafka_t, error: &str) -> PhpResult<()> {
    set_failure(rk, error)?;
    answer(rk, Answer::Failure(error.to_string()));
    Ok(())
}

fn answer(rk: *mut rd::rd_kafka_t, answer: Answer) {
    POLLS.with_borrow_mut(|polls| {
        if let Some(slot) = polls.iter_mut().rev().find(|p| p.rk == rk).and_then(|p| p.answer.as_mut()) {
            *slot = Some(answer);
        }
    });
}
