//! `Mq\RetryPolicy`: the PHP face of `RetryPolicy`. Immutable (no properties, none can be added): `clone`
//! copies it, serializing is refused
//! (a policy is configuration, built where it is used).

// The constructor's parameters are named as PHP sees them (`$maxAttempts`), for named arguments; the
// macros copy them into code of their own, where an attribute on the function does not reach.
#![allow(non_snake_case)]

use ext_php_rs::{
    convert::{FromZval, StubLiteral},
    exception::{PhpException, PhpResult},
    flags::{ClassFlags, DataType},
    prelude::*,
    types::{ZendClassObject, ZendHashTable, ZendObject, Zval},
    zend::{ce, ClassEntry},
};

use super::{kafka, Failure, RetryPolicy};
use crate::{exceptions::exception, ini, kafka::params::Array, php_string};

pub const CLASS: &str = "Mq\\RetryPolicy";

#[php_class]
#[php(name = "Mq\\RetryPolicy")]
#[php(flags = ClassFlags::Final.union(ClassFlags::NotSerializable).union(ClassFlags::NoDynamicProperties))]
#[derive(Clone)]
pub struct PhpRetryPolicy {
    pub policy: RetryPolicy,
}

/// A `\Throwable` parameter.
pub struct Thrown<'a>(&'a ZendObject);

impl<'a> FromZval<'a> for Thrown<'a> {
    const TYPE: DataType = DataType::object("Throwable");

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.object().filter(|o| o.instance_of(ce::throwable())).map(Thrown)
    }
}

impl StubLiteral for Thrown<'_> {
    fn stub_literal(&self) -> String {
        "null".into()
    }
}

/// A PHP exception object, as a retry decision reads it.
struct Object<'a> {
    object: &'a ZendObject,
    code: i64,
    message: String,
    kafka: Option<kafka::Flags>,
}

impl Failure for Object<'_> {
    fn is_a(&self, class: &str) -> bool {
        ClassEntry::try_find(class).is_some_and(|ce| self.object.instance_of(ce))
    }
    fn code(&self) -> i64 {
        self.code
    }
    fn message(&self) -> &str {
        &self.message
    }
    fn kafka_flags(&self) -> Option<kafka::Flags> {
        self.kafka
    }
}

/// The argument error PHP's own functions word this way.
fn invalid(message: impl std::fmt::Display) -> PhpException {
    exception("InvalidArgumentException", format!("{CLASS}::__construct(): {message}"), 0)
}

/// `$retryOn`: names of existing `\Throwable` classes or interfaces, kept as the engine spells them.
fn class_names(list: &ZendHashTable) -> PhpResult<Vec<String>> {
    let mut names = Vec::with_capacity(list.len());
    for (_, value) in list.iter() {
        if !value.is_string() {
            let given = php_string::type_name(value);
            return Err(exception(
                "TypeError",
                format!("{CLASS}::__construct(): Argument #7 ($retryOn) must contain only class names, {given} given"),
                0,
            ));
        }
        let name = php_string::lossy(value).unwrap_or_default();
        let found = ClassEntry::try_find(name.trim_start_matches('\\'));
        if crate::executor::has_exception() {
            // An autoloader threw: that exception is the one PHP sees.
            return Err(PhpException::from_message("autoloading failed".into()));
        }
        match found {
            Some(ce) if ce.instance_of(ce::throwable()) => names.push(ce.name().unwrap_or(&name).to_string()),
            _ => {
                return Err(invalid(format_args!(
                    "Argument #7 ($retryOn) must contain names of \\Throwable classes or interfaces, \"{name}\" is not one"
                )))
            }
        }
    }
    Ok(names)
}

impl PhpRetryPolicy {
    /// The policy a `Mq\RetryPolicy` object holds, or None for any other value.
    pub fn of(value: &Zval) -> Option<RetryPolicy> {
        value.object().and_then(ZendClassObject::<Self>::from_zend_obj).map(|p| p.policy.clone())
    }
}

#[php_impl]
impl PhpRetryPolicy {
    /// Every argument left null is its php.ini default (`mq.retry_*`).
    #[allow(clippy::too_many_arguments)]
    #[php(defaults(
        maxAttempts = None,
        initialDelay = None,
        multiplier = None,
        maxDelay = None,
        jitter = None,
        deadline = None,
        retryOn = None
    ))]
    pub fn __construct(
        maxAttempts: Option<i64>,
        initialDelay: Option<f64>,
        multiplier: Option<f64>,
        maxDelay: Option<f64>,
        jitter: Option<f64>,
        deadline: Option<f64>,
        retryOn: Option<Array>,
    ) -> PhpResult<Self> {
        let ini = ini::retry_defaults();
        let retry_on = retryOn.map(|list| class_names(list.0)).transpose()?;
        let policy = RetryPolicy::new(
            maxAttempts.unwrap_or(ini.max_attempts),
            initialDelay.unwrap_or(ini.initial_delay),
            multiplier.unwrap_or(ini.multiplier),
            maxDelay.unwrap_or(ini.max_delay),
            jitter.unwrap_or(ini.jitter),
            deadline.unwrap_or(ini.deadline),
            retry_on,
        )
        .map_err(invalid)?;
        Ok(Self { policy })
    }

    /// One attempt, no retry (the other settings are php.ini's).
    pub fn none() -> PhpResult<Self> {
        Self::__construct(Some(1), None, None, None, None, None, None)
    }

    pub fn get_max_attempts(&self) -> i64 {
        i64::try_from(self.policy.max_attempts()).unwrap_or(i64::MAX)
    }

    pub fn get_initial_delay(&self) -> f64 {
        self.policy.initial_delay()
    }

    pub fn get_multiplier(&self) -> f64 {
        self.policy.multiplier()
    }

    pub fn get_max_delay(&self) -> f64 {
        self.policy.max_delay()
    }

    pub fn get_jitter(&self) -> f64 {
        self.policy.jitter()
    }

    pub fn get_deadline(&self) -> f64 {
        self.policy.deadline_seconds()
    }

    /// Seconds, without jitter, slept after the `$attempt`-th failed attempt.
    pub fn delay(&self, attempt: i64) -> PhpResult<f64> {
        if attempt < 1 {
            return Err(exception(
                "InvalidArgumentException",
                format!("{CLASS}::delay(): Argument #1 ($attempt) must be greater than or equal to 1, {attempt} given"),
                0,
            ));
        }
        Ok(self.policy.delay_seconds(attempt as u64))
    }

    /// Whether `$error` is worth another attempt by its class and code.
    pub fn retries(&self, error: Thrown) -> PhpResult<bool> {
        let read = |method: &str| error.0.try_call_method(method, vec![]);
        let code = read("getCode")?.long().unwrap_or(0);
        let message = read("getMessage")?.string().unwrap_or_default();
        let mut object = Object { object: error.0, code, message, kafka: None };
        if object.is_a(crate::kafka::errors::KAFKA_ERROR) {
            let flag = |method: &str| read(method).map(|v| v.bool().unwrap_or(false));
            object.kafka = Some(kafka::Flags { fatal: flag("isFatal")?, retriable: flag("isRetriable")? });
        }
        Ok(self.policy.retries(&object))
    }
}

impl crate::kafka::debug_info::DebugInfo for PhpRetryPolicy {
    fn debug_info(&self, table: &mut ZendHashTable) -> PhpResult<()> {
        use crate::kafka::debug_info::field;
        let p = &self.policy;
        field(table, "maxAttempts", self.get_max_attempts())?;
        field(table, "initialDelay", p.initial_delay())?;
        field(table, "multiplier", p.multiplier())?;
        field(table, "maxDelay", p.max_delay())?;
        field(table, "jitter", p.jitter())?;
        field(table, "deadline", p.deadline_seconds())?;
        field(table, "retryOn", p.retry_on().map(<[String]>::to_vec))?;
        Ok(())
    }
}

pub fn startup() {
    crate::kafka::debug_info::install::<PhpRetryPolicy>();
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<PhpRetryPolicy>()
}

/// What `internal_methods::seal` applies: PHP's argument coercion and errors.
pub fn spec() -> crate::internal_methods::ClassSpec {
    use ext_php_rs::class::RegisteredClass;
    crate::internal_methods::ClassSpec::new(PhpRetryPolicy::get_metadata().ce())
}
