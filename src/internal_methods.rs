//! Rust methods that behave as PHP's own internal methods behave.
//!
//! A C extension parses its arguments with ZPP (`zend_parse_parameters`): PHP's coercion in weak mode
//! (`1 << 20` for a string, a whole float for an int, null for a scalar with PHP 8.1's deprecation, a
//! fractional float with "Implicit conversion ... loses precision"), the caller's `strict_types`, and
//! PHP's wording for errors ("X::m(): Argument #1 ($name) must be of type int, array given"). The
//! engine checks none of that for internal functions: ext-php-rs' handlers convert arguments
//! themselves, with their own rules and message. So, once the classes are registered (the first
//! request), `seal` puts `guarded` in front of the Rust handler of each method of the given classes
//! (and of the given functions). Before the Rust handler runs, `guarded`:
//!
//! 1. checks and coerces every passed argument against the type its arginfo declares, with the engine's
//!    own ZPP functions (`zend_parse_arg_*_weak`), in place in the call frame as ZPP does, so the Rust
//!    handler then reads exactly the declared type;
//! 2. throws the class's "…::__construct() has not been called" (`\Exception`, as C extensions do)
//!    when `$this` was made without its constructor (`newInstanceWithoutConstructor()`, mocks,
//!    subclasses skipping `parent::__construct()`, `unserialize()`), which ext-php-rs would report as
//!    "Failed to retrieve reference to `$this`"; and so for an argument of a guarded class (a Conf
//!    given to a client's constructor), which ext-php-rs would report as a TypeError.
//!
//! Classes that mirror PHP code (php-amqplib's) are sealed `userland` instead: their methods ignore the
//! arguments passed beyond those they declare, as a PHP method does, where ext-php-rs (and ZPP) throw
//! "expects at most N arguments"; nothing is coerced or guarded (php-amqplib declares no types).
//!
//! `seal` also sets what the macros cannot declare: deprecated methods (the engine then raises
//! "Method X::m() is deprecated" at each call), tentative return types (subclasses may override without
//! them), and instance methods of base classes whose Rust functions are declared without a receiver
//! (see `kafka::client`).

use std::{
    collections::HashMap,
    ffi::{c_char, CStr},
    hash::{BuildHasherDefault, Hasher},
    sync::OnceLock,
};

use ext_php_rs::{
    boxed::ZBox,
    exception::PhpException,
    ffi::{
        zend_execute_data, zend_function, zend_internal_arg_info, zend_string, zval, ZEND_ACC_DEPRECATED,
        ZEND_ACC_HAS_RETURN_TYPE, ZEND_ACC_STATIC, ZEND_ACC_STRICT_TYPES, ZEND_ACC_VARIADIC, _ZEND_TYPE_NAME_BIT,
    },
    types::{ZendObject, ZendStr, Zval},
    zend::{ce, ClassEntry},
};

use crate::classes::{MAY_BE_BOOL, MAY_BE_LONG, MAY_BE_STRING};

/// The handler of an internal function (`zif_handler`).
type Handler = unsafe extern "C" fn(*mut zend_execute_data, *mut zval);

// From PHP 8.2's Zend/zend_types.h, zend_type_info.h and zend_compile.h, where the bindings lack them
// or type them as u32 where the engine's fields are u8.
const MAY_BE_MASK: u32 = (1 << 18) - 1;
const MAY_BE_DOUBLE: u32 = 1 << 5;
const MAY_BE_ANY: u32 = 0x3fe;
const MAY_BE_CALLABLE: u32 = 1 << 12;
const SEND_MODE_MASK: u32 = 3 << 25;
const IS_TENTATIVE_BIT: u32 = 1 << 29;
const IS_UNDEF: u8 = 0;
const IS_NULL: u8 = 1;
const IS_LONG: u8 = 4;
const IS_OBJECT: u8 = 8;
const ZEND_INTERNAL_FUNCTION: u8 = 1;

extern "C" {
    fn zend_parse_arg_long_weak(arg: *mut zval, dest: *mut i64, arg_num: u32) -> bool;
    fn zend_parse_arg_double_weak(arg: *mut zval, dest: *mut f64, arg_num: u32) -> bool;
    fn zend_parse_arg_str_weak(arg: *mut zval, dest: *mut *mut zend_string, arg_num: u32) -> bool;
    fn zend_parse_arg_bool_weak(arg: *mut zval, dest: *mut bool, arg_num: u32) -> bool;
    fn zend_is_callable_ex(
        callable: *mut zval,
        object: *mut ext_php_rs::ffi::zend_object,
        check_flags: u32,
        callable_name: *mut *mut zend_string,
        fcc: *mut std::ffi::c_void,
        error: *mut *mut c_char,
    ) -> bool;
    fn zend_wrong_callback_error(num: u32, error: *mut c_char);
    fn zend_argument_type_error(arg_num: u32, format: *const c_char, ...);
    fn zend_type_to_string(type_: ext_php_rs::ffi::zend_type) -> *mut zend_string;
    fn zend_zval_type_name(arg: *const zval) -> *const c_char;
}

/// How a class's methods find out whether `$this` was built by a constructor.
pub struct Guard {
    /// Whether the object's Rust state exists.
    pub constructed: fn(&mut ZendObject) -> bool,
    /// php-rdkafka's message when it does not.
    pub message: &'static str,
}

/// What `seal` applies to the methods a class declares.
pub struct ClassSpec {
    pub ce: &'static ClassEntry,
    /// None: the methods need no constructed object.
    pub guard: Option<&'static Guard>,
    /// Methods (lower case) the anchor marks deprecated.
    pub deprecated: &'static [&'static str],
    /// The class's Rust functions have no receiver and find `$this` themselves: made instance methods.
    pub receiverless: bool,
    /// The class mirrors PHP code: extra arguments are ignored, none is coerced (see the module note).
    pub userland: bool,
    /// Called with `$this` after a method that threw (state php-amqplib's code changes on a failure);
    /// `userland` classes only.
    pub after_failure: Option<fn(&mut ZendObject)>,
    /// Called when the class's constructor was given an object made without its constructor (whose
    /// exception is pending): php-rdkafka's KafkaConsumer goes on to its next check, which throws too.
    pub after_unconstructed_argument: Option<fn()>,
}

impl ClassSpec {
    /// A class sealed with none of the options: no guard, nothing deprecated, methods with a receiver,
    /// arguments checked as ZPP checks them.
    pub fn new(ce: &'static ClassEntry) -> Self {
        ClassSpec {
            ce,
            guard: None,
            deprecated: &[],
            receiverless: false,
            userland: false,
            after_failure: None,
            after_unconstructed_argument: None,
        }
    }
}

/// One wrapped function: its Rust handler, and the check of `$this` before it.
struct Entry {
    handler: Handler,
    guard: Option<&'static Guard>,
    userland: bool,
    after_failure: Option<fn(&mut ZendObject)>,
    after_unconstructed_argument: Option<fn()>,
}

/// Wrapped functions by their arginfo, which a method shares with its copies in subclasses.
static ENTRIES: OnceLock<HashMap<usize, Entry, BuildHasherDefault<AddressHasher>>> = OnceLock::new();

/// The guarded classes (class entry addresses), for the objects passed as arguments (see
/// `unconstructed_argument`).
static GUARDS: OnceLock<Vec<(usize, &'static Guard)>> = OnceLock::new();

/// Hashes the arginfo addresses of `ENTRIES` (looked up at every call): a multiplication, where the
/// default hasher (SipHash) made a produce() call about 10% slower.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_usize(&mut self, address: usize) {
        self.0 = (address as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Wraps the methods of `classes` (each class's own, then the copies subclasses inherited) and the global
/// `functions` (name, deprecated). Called once, after every class is registered.
pub fn seal(classes: &[ClassSpec], functions: &[(&str, bool)]) {
    let mut entries = HashMap::default();
    let mut flags: HashMap<usize, (u32, u32), BuildHasherDefault<AddressHasher>> = HashMap::default();
    for spec in classes {
        for function in methods(spec.ce) {
            // SAFETY: internal functions of a registered class, alive for the process.
            unsafe {
                let common = &(*function).common;
                if !std::ptr::eq(common.scope, spec.ce) {
                    continue;
                }
                let Some(handler) = (*function).internal_function.handler else { continue };
                let name = CStr::from_ptr((*common.function_name).val.as_ptr()).to_bytes();
                let constructor = name.eq_ignore_ascii_case(b"__construct");
                let key = (*function).internal_function.arg_info as usize;
                let guard = if constructor { None } else { spec.guard };
                let after_unconstructed_argument = spec.after_unconstructed_argument.filter(|_| constructor);
                entries.insert(key, Entry { handler, guard, userland: spec.userland, after_failure: spec.after_failure, after_unconstructed_argument });
                let mut set = 0;
                let mut clear = 0;
                if spec.deprecated.iter().any(|d| name.eq_ignore_ascii_case(d.as_bytes())) {
                    set |= ZEND_ACC_DEPRECATED;
                }
                if spec.receiverless && !constructor {
                    clear |= ZEND_ACC_STATIC;
                }
                flags.insert(key, (set, clear));
                // A final class has no subclass that could override without a return type.
                if !spec.ce.flags().contains(ext_php_rs::flags::ClassFlags::Final) {
                    make_return_tentative(function);
                }
            }
        }
    }
    let table = crate::executor::globals().function_table();
    let mut globals = Vec::new();
    for &(name, deprecated) in functions {
        // SAFETY: the function table holds zend_function pointers; an internal function of this module
        // lives for the process.
        unsafe {
            let Some(function) = table.and_then(|t| t.get(name)).and_then(|z| z.ptr::<zend_function>()) else { continue };
            let Some(handler) = (*function).internal_function.handler else { continue };
            let key = (*function).internal_function.arg_info as usize;
            entries.insert(key, Entry { handler, guard: None, userland: false, after_failure: None, after_unconstructed_argument: None });
            flags.insert(key, (if deprecated { ZEND_ACC_DEPRECATED } else { 0 }, 0));
            globals.push(function);
        }
    }
    if ENTRIES.set(entries).is_err() {
        return;
    }
    let _ = GUARDS.set(classes.iter().filter_map(|spec| spec.guard.map(|guard| (std::ptr::from_ref(spec.ce) as usize, guard))).collect());
    let all = classes.iter().flat_map(|spec| methods(spec.ce)).chain(globals);
    for function in all {
        // SAFETY: as above; the engine reads these fields only when it calls or reflects the function,
        // on this (the only) thread during startup of the first request.
        unsafe {
            let key = (*function).internal_function.arg_info as usize;
            let Some(&(set, clear)) = flags.get(&key) else { continue };
            (*function).internal_function.handler = Some(guarded);
            (*function).common.fn_flags = ((*function).common.fn_flags | set) & !clear;
        }
    }
}

/// The internal functions of a class's method table (its own and inherited ones). Read from the
/// table's buckets: ext-php-rs' iterator made a String of every key, and this runs at the start of
/// every process, for every method of every class.
fn methods(ce: &ClassEntry) -> impl Iterator<Item = *mut zend_function> + '_ {
    let table = &ce.function_table;
    // SAFETY: a method table is a hash (never packed) of `nNumUsed` buckets, deleted ones IS_UNDEF;
    // each live one holds a zend_function pointer. Registered classes live for the process.
    let buckets = unsafe { table.__bindgen_anon_1.arData };
    (0..table.nNumUsed as usize)
        .map(move |i| unsafe { &(*buckets.add(i)).val })
        .filter(|val| unsafe { val.u1.v.type_ } != IS_UNDEF)
        .map(|val| unsafe { val.value.ptr.cast::<zend_function>() })
        .filter(|&f| unsafe { (*f).type_ == ZEND_INTERNAL_FUNCTION })
}

/// php-rdkafka declares its return types tentative (`@tentative-return-type`): a subclass overriding a
/// method without one gets a deprecation, not a fatal error.
unsafe fn make_return_tentative(function: *mut zend_function) {
    if (*function).common.fn_flags & ZEND_ACC_HAS_RETURN_TYPE != 0 {
        // For internal functions the return type sits at arg_info[-1].
        let info = (*function).internal_function.arg_info.offset(-1);
        (*info).type_.type_mask |= IS_TENTATIVE_BIT;
    }
}

/// The handler of every sealed function: checks as ZPP would, then runs the Rust handler.
unsafe extern "C" fn guarded(ex: *mut zend_execute_data, retval: *mut zval) {
    let function = (*ex).func;
    let Some(entry) = ENTRIES.get().and_then(|e| e.get(&((*function).internal_function.arg_info as usize))) else {
        return;
    };
    let passed = (*ex).This.u2.num_args;
    if entry.userland {
        let declared = (*function).common.num_args;
        if passed > declared && (*function).common.fn_flags & ZEND_ACC_VARIADIC == 0 {
            (*ex).This.u2.num_args = declared;
            (entry.handler)(ex, retval);
            (*ex).This.u2.num_args = passed; // the engine releases every argument passed
        } else {
            (entry.handler)(ex, retval);
        }
        if let Some(after_failure) = entry.after_failure {
            let this = &mut (*ex).This;
            if this.u1.v.type_ == IS_OBJECT && crate::executor::has_exception() {
                after_failure(&mut *this.value.obj);
            }
        }
        return;
    }
    // A wrong count is the Rust handler's to report, as ZPP reports it before anything else.
    let counted = passed >= (*function).common.required_num_args && passed <= (*function).common.num_args;
    if counted && !coerce_args(ex, function) {
        return;
    }
    if let (true, Some(guard)) = (counted, entry.guard) {
        let this = &mut (*ex).This;
        if this.u1.v.type_ == IS_OBJECT {
            let object = &mut *this.value.obj;
            if !(guard.constructed)(object) {
                PhpException::new(guard.message.into(), 0, ce::exception()).throw();
                return;
            }
        }
    }
    // `$this` first, as php-rdkafka's methods read their object before their arguments'.
    if counted && unconstructed_argument(ex) {
        if let Some(then) = entry.after_unconstructed_argument {
            then();
        }
        return;
    }
    (entry.handler)(ex, retval);
}

/// The `n`th argument (0-based) of a call frame (`ZEND_CALL_ARG`).
unsafe fn frame_arg(ex: *mut zend_execute_data, n: usize) -> *mut zval {
    const SLOT: usize = std::mem::size_of::<zend_execute_data>().div_ceil(std::mem::size_of::<zval>());
    ex.cast::<zval>().add(SLOT + n)
}

/// Whether the calling code declared `strict_types=1` (`ZEND_ARG_USES_STRICT_TYPES`).
unsafe fn caller_is_strict(ex: *mut zend_execute_data) -> bool {
    let prev = (*ex).prev_execute_data;
    !prev.is_null() && !(*prev).func.is_null() && (*(*prev).func).common.fn_flags & ZEND_ACC_STRICT_TYPES != 0
}

/// Coerces the passed arguments (their count is right); false with an exception pending when one is
/// refused.
unsafe fn coerce_args(ex: *mut zend_execute_data, function: *mut zend_function) -> bool {
    let passed = (*ex).This.u2.num_args;
    let strict = caller_is_strict(ex);
    for i in 0..passed {
        let info = &*(*function).internal_function.arg_info.add(i as usize);
        if !coerce(info, i + 1, frame_arg(ex, i as usize), strict) {
            return false;
        }
    }
    true
}

/// Throws the guard's message for the first argument of a class-typed parameter that is an object of a
/// guarded class made without its constructor, as php-rdkafka's methods find it once ZPP accepted every
/// argument. (A callable or mixed parameter takes any object as it is.)
unsafe fn unconstructed_argument(ex: *mut zend_execute_data) -> bool {
    let Some(guards) = GUARDS.get() else { return false };
    let arg_info = (*(*ex).func).internal_function.arg_info;
    for i in 0..(*ex).This.u2.num_args {
        let arg = frame_arg(ex, i as usize);
        let declared = (*arg_info.add(i as usize)).type_.type_mask;
        if (*arg).u1.v.type_ != IS_OBJECT || declared & _ZEND_TYPE_NAME_BIT == 0 {
            continue;
        }
        let object = &mut *(*arg).value.obj;
        // SAFETY: registered class entries, alive for the process.
        let guard = guards.iter().find(|&&(ce, _)| object.instance_of(&*(ce as *const ClassEntry))).map(|(_, guard)| guard);
        if let Some(guard) = guard.filter(|guard| !(guard.constructed)(object)) {
            PhpException::new(guard.message.into(), 0, ce::exception()).throw();
            return true;
        }
    }
    false
}

/// One argument, as ZPP reads a parameter of its declared type.
unsafe fn coerce(info: &zend_internal_arg_info, num: u32, arg: *mut zval, strict: bool) -> bool {
    let mask = info.type_.type_mask;
    let types = mask & MAY_BE_MASK;
    let named = mask & _ZEND_TYPE_NAME_BIT != 0;
    // By reference: the handler reads the reference. Untyped or mixed: anything.
    if mask & SEND_MODE_MASK != 0 || (types == 0 && !named) || types & MAY_BE_ANY == MAY_BE_ANY {
        return true;
    }
    let given = (*arg).u1.v.type_;
    // null, false, true, int, float, string, array, object: one MAY_BE_ bit each (1 << type).
    if (IS_NULL..=IS_OBJECT).contains(&given) && types & (1 << given) != 0 {
        return true;
    }
    if given == IS_OBJECT && named && is_instance(&*(*arg).value.obj, info.type_.ptr.cast()) {
        return true;
    }
    if types & MAY_BE_CALLABLE != 0 {
        let mut error: *mut c_char = std::ptr::null_mut();
        if zend_is_callable_ex(arg, std::ptr::null_mut(), 0, std::ptr::null_mut(), std::ptr::null_mut(), &mut error) {
            // A callable can still come with a message (ZPP frees it too).
            if !error.is_null() {
                ext_php_rs::alloc::efree(error.cast());
            }
            return true;
        }
        // Throws PHP's "must be a valid callback, ..." and frees the message.
        zend_wrong_callback_error(num, error);
        return false;
    }
    // PHP's one exception to strict mode: an int for a float.
    if types & MAY_BE_DOUBLE != 0 && given == IS_LONG {
        let value = (*arg).value.lval as f64;
        (*arg).set_double(value);
        return true;
    }
    if !strict && weak_scalar(types, num, arg) {
        return true;
    }
    if !crate::executor::has_exception() {
        // The engine's new string, released by the box.
        let expected: ZBox<ZendStr> = ZBox::from_raw(zend_type_to_string(info.type_).cast());
        zend_argument_type_error(num, c"must be of type %s, %s given".as_ptr(), expected.val.as_ptr(), zend_zval_type_name(arg));
    }
    false
}

/// PHP's weak-mode conversion of a scalar parameter, in place. False when refused (or a deprecation
/// was turned into an exception).
unsafe fn weak_scalar(types: u32, num: u32, arg: *mut zval) -> bool {
    let zval: &mut Zval = &mut *arg;
    if types & MAY_BE_LONG != 0 {
        let mut value = 0;
        if zend_parse_arg_long_weak(arg, &mut value, num) && !crate::executor::has_exception() {
            zval.set_long(value);
            return true;
        }
    } else if types & MAY_BE_DOUBLE != 0 {
        let mut value = 0.0;
        if zend_parse_arg_double_weak(arg, &mut value, num) && !crate::executor::has_exception() {
            zval.set_double(value);
            return true;
        }
    } else if types & MAY_BE_STRING != 0 {
        // Converts the zval itself, as ZPP does.
        let mut value = std::ptr::null_mut();
        return zend_parse_arg_str_weak(arg, &mut value, num) && !crate::executor::has_exception();
    } else if types & MAY_BE_BOOL == MAY_BE_BOOL {
        let mut value = false;
        if zend_parse_arg_bool_weak(arg, &mut value, num) && !crate::executor::has_exception() {
            zval.set_bool(value);
            return true;
        }
    }
    false
}

/// `$object instanceof Name`, for a class name of an arginfo (a zend_string once the engine registered
/// the function).
unsafe fn is_instance(object: &ZendObject, name: *const zend_string) -> bool {
    let name = CStr::from_ptr((*name).val.as_ptr()).to_string_lossy();
    ClassEntry::try_find(&name).is_some_and(|ce| object.instance_of(ce))
}
