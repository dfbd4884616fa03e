//! Plain internal classes: objects whose state lives in ordinary, engine-managed properties and whose
//! methods are hand-written handlers.
//!
//! Used where a class must behave exactly like a PHP class: exceptions (file, line, traces), messages and
//! tables that user code subclasses, mocks without their constructor and writes into
//! (`$msg->delivery_info['x'] = ...`). Rust-backed `#[php_class]` objects can do none of that.

use std::{
    collections::BTreeMap,
    ffi::{c_char, CString},
    ptr,
    sync::{
        atomic::{AtomicPtr, Ordering},
        Mutex,
    },
};

use ext_php_rs::{
    args::{Arg, ArgInfoTables},
    builders::{ClassBuilder, ClassProperty, FunctionBuilder},
    convert::IntoZval,
    ffi::{zend_array, zend_call_known_function, zend_class_entry, zend_object, zend_string, zval},
    flags::{ClassFlags, ConstantFlags, DataType, MethodFlags, PropertyFlags},
    types::{ZendEmptyArray, ZendHashTable, ZendObject, Zval},
    zend::{ce, ClassEntry, ExecuteData},
};

pub type Methods = Vec<(FunctionBuilder<'static>, MethodFlags)>;

/// Where a class hangs.
#[derive(Clone, Copy)]
pub enum Parent {
    None,
    /// `\Exception`.
    Exception,
    /// An SPL class, found by its C symbol (`"RuntimeException"` reads `spl_ce_RuntimeException`).
    Spl(&'static str),
    /// A class registered earlier through this module.
    Own(&'static str),
}

/// A property's default value. Arrays can only be the shared empty array: internal class defaults must
/// not be refcounted.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Initial {
    Null,
    False,
    EmptyArray,
    /// A typed property (a `MAY_BE_*` mask) without default: uninitialized until written, so reading it
    /// first is PHP's "must not be accessed before initialization" `Error`, as for php-rdkafka's.
    Typed(u32),
}

/// Zend type masks (zend_type_info.h) for `Initial::Typed`, `declare_typed_property` and the argument
/// checks of `internal_methods`.
pub const MAY_BE_NULL: u32 = 1 << 1;
const MAY_BE_FALSE: u32 = 1 << 2;
const MAY_BE_TRUE: u32 = 1 << 3;
pub const MAY_BE_BOOL: u32 = MAY_BE_FALSE | MAY_BE_TRUE;
pub const MAY_BE_LONG: u32 = 1 << 4;
pub const MAY_BE_STRING: u32 = 1 << 6;
pub const MAY_BE_ARRAY: u32 = 1 << 7;

extern "C" {
    fn zend_declare_typed_property(
        ce: *mut zend_class_entry,
        name: *mut ext_php_rs::ffi::zend_string,
        property: *mut Zval,
        access_type: std::ffi::c_int,
        doc_comment: *mut ext_php_rs::ffi::zend_string,
        ty: ext_php_rs::ffi::zend_type,
    ) -> *mut ext_php_rs::ffi::zend_property_info;
}

/// Declares a typed property on a class being registered (ext-php-rs declares only untyped ones): with
/// `MAY_BE_NULL` in `mask` it starts as null, otherwise uninitialized.
pub fn declare_typed_property(ce: &ClassEntry, name: &str, flags: PropertyFlags, mask: u32) {
    let mut default = Zval::new();
    if mask & MAY_BE_NULL == 0 {
        // IS_UNDEF: a typed property without default starts uninitialized.
        default.u1.type_info = 0;
    }
    let ty = ext_php_rs::ffi::zend_type { ptr: ptr::null_mut(), type_mask: mask };
    let name = ext_php_rs::types::ZendStr::new_interned(name, true);
    // SAFETY: called at MINIT on a class just registered; the interned name is persistent and kept by
    // the property table.
    unsafe {
        zend_declare_typed_property(
            ptr::from_ref(ce).cast_mut(),
            name.as_ptr().cast_mut(),
            &mut default,
            flags.bits() as std::ffi::c_int,
            ptr::null_mut(),
            ty,
        );
    }
    std::mem::forget(name);
}

/// One class (or interface) to register.
pub struct PlainClass {
    pub name: &'static str,
    pub parent: Parent,
    /// Interfaces registered earlier through this module, or engine interfaces by getter.
    pub implements: &'static [Interface],
    pub flags: ClassFlags,
    pub constants: &'static [(&'static str, Constant)],
    pub properties: &'static [(&'static str, PropertyFlags, Initial)],
    pub methods: fn() -> Methods,
}

#[derive(Clone, Copy)]
pub enum Interface {
    Own(&'static str),
    Engine(fn() -> &'static ClassEntry),
}

#[derive(Clone, Copy)]
pub enum Constant {
    Int(i64),
    Str(&'static str),
}

pub fn no_methods() -> Methods {
    Vec::new()
}

impl PlainClass {
    /// A class with nothing but a name and a parent (most exceptions).
    pub const fn simple(name: &'static str, parent: Parent, implements: &'static [Interface]) -> Self {
        Self { name, parent, implements, flags: ClassFlags::empty(), constants: &[], properties: &[], methods: no_methods }
    }
}

// ClassBuilder takes parents and interfaces as plain `fn` pointers; the class being registered stages
// them here (MINIT is single-threaded).
static STAGED_PARENT: AtomicPtr<ClassEntry> = AtomicPtr::new(ptr::null_mut());
static STAGED_INTERFACES: [AtomicPtr<ClassEntry>; 2] = [AtomicPtr::new(ptr::null_mut()), AtomicPtr::new(ptr::null_mut())];

fn staged(slot: &AtomicPtr<ClassEntry>) -> &'static ClassEntry {
    // SAFETY: set to a registered class entry just before ClassBuilder::register calls the getter.
    unsafe { &*slot.load(Ordering::Relaxed) }
}
fn staged_parent() -> &'static ClassEntry {
    staged(&STAGED_PARENT)
}
fn staged_interface_0() -> &'static ClassEntry {
    staged(&STAGED_INTERFACES[0])
}
fn staged_interface_1() -> &'static ClassEntry {
    staged(&STAGED_INTERFACES[1])
}

/// An SPL class entry, read from its C global (no `ce::` helper exists for SPL classes, and looking them
/// up by name fails during MINIT).
pub fn spl_class(name: &str) -> Option<&'static ClassEntry> {
    let symbol = CString::new(format!("spl_ce_{name}")).ok()?;
    // SAFETY: spl_ce_* are `zend_class_entry *` globals of the PHP binary, set before extensions start.
    unsafe {
        let slot = libc::dlsym(libc::RTLD_DEFAULT, symbol.as_ptr()) as *const *const ClassEntry;
        slot.as_ref().and_then(|ce| ce.as_ref())
    }
}

/// Classes registered through this module, by name. `ClassEntry::try_find` cannot be used during MINIT
/// (it reads the executor's class table, which does not exist yet).
static REGISTERED: Mutex<BTreeMap<String, usize>> = Mutex::new(BTreeMap::new());

/// Registration callback that records a class, for `registered()` and `class()`.
pub fn remember(ce: &'static mut ClassEntry, _: ArgInfoTables) {
    if let Some(name) = ce.name() {
        let name = name.to_string();
        REGISTERED.lock().unwrap_or_else(|e| e.into_inner()).insert(name, ptr::from_ref(ce) as usize);
    }
}

pub fn registered(name: &str) -> Option<&'static ClassEntry> {
    let address = *REGISTERED.lock().unwrap_or_else(|e| e.into_inner()).get(name)?;
    // SAFETY: class entries of internal classes live until module shutdown.
    unsafe { (address as *const ClassEntry).as_ref() }
}

/// A class by name: one registered here, else any the engine knows or can autoload (our PHP-written
/// classes among them). `\Exception` if none: a bug, but still a class.
pub fn class(name: &str) -> &'static ClassEntry {
    registered(name).or_else(|| ClassEntry::try_find(name)).unwrap_or_else(ce::exception)
}

/// A class table ordered wrongly: a bug of ours, reported once at startup (the engine then refuses the
/// module with its own message).
fn missing(what: &str) -> ext_php_rs::error::Error {
    eprintln!("mq: class {what} is used before it is registered");
    ext_php_rs::error::Error::InvalidPointer
}

/// An untyped property declaration with a default that internal classes may have.
pub fn property(name: &str, flags: PropertyFlags, default: Initial) -> ClassProperty {
    ClassProperty {
        name: name.into(),
        flags,
        default: match default {
            Initial::Null => None,
            Initial::False => Some(Box::new(|| false.into_zval(true))),
            Initial::EmptyArray => Some(Box::new(|| ZendEmptyArray.into_zval(true))),
            Initial::Typed(_) => unreachable!("typed properties are declared by declare_typed_property"),
        },
        docs: &[],
        ty: None,
        nullable: true,
        readonly: false,
        default_stub: matches!(default, Initial::EmptyArray).then(|| "[]".into()),
    }
}

/// A zval holding `object` (a new reference to it).
pub fn object(object: &mut ZendObject) -> Zval {
    let mut zval = Zval::new();
    zval.set_object(object);
    zval
}

/// A PHP string of raw bytes (binary-safe).
pub fn binary(bytes: &[u8]) -> Zval {
    let mut zval = Zval::new();
    zval.set_zend_string(ext_php_rs::types::ZendStr::new(bytes, false));
    zval
}

/// Registers classes in order: parents and interfaces before the classes that use them.
pub fn register(classes: &[PlainClass]) -> ext_php_rs::error::Result<()> {
    for class in classes {
        let mut builder = ClassBuilder::new(class.name).registration(remember).flags(class.flags);
        for (method, flags) in (class.methods)() {
            builder = builder.method(method, flags);
        }
        for &(name, value) in class.constants {
            builder = match value {
                Constant::Int(v) => builder.constant(name, v, &[], ConstantFlags::Public)?,
                Constant::Str(v) => builder.constant(name, v, &[], ConstantFlags::Public)?,
            };
        }
        for &(name, flags, default) in class.properties {
            if !matches!(default, Initial::Typed(_)) {
                builder = builder.property(property(name, flags, default));
            }
        }
        let parent = match class.parent {
            Parent::None => None,
            Parent::Exception => Some(ce::exception()),
            Parent::Spl(name) => Some(spl_class(name).ok_or_else(|| missing(name))?),
            Parent::Own(name) => Some(registered(name).ok_or_else(|| missing(name))?),
        };
        if let Some(parent) = parent {
            STAGED_PARENT.store(ptr::from_ref(parent).cast_mut(), Ordering::Relaxed);
            builder = builder.extends((staged_parent, "parent"));
        }
        let getters: [fn() -> &'static ClassEntry; 2] = [staged_interface_0, staged_interface_1];
        assert!(class.implements.len() <= getters.len(), "more interfaces than staging slots");
        for (i, interface) in class.implements.iter().enumerate() {
            let entry = match *interface {
                Interface::Own(name) => registered(name).ok_or_else(|| missing(name))?,
                Interface::Engine(getter) => getter(),
            };
            STAGED_INTERFACES[i].store(ptr::from_ref(entry).cast_mut(), Ordering::Relaxed);
            builder = builder.implements((getters[i], "interface"));
        }
        builder.register()?;
        for &(name, flags, default) in class.properties {
            if let Initial::Typed(mask) = default {
                declare_typed_property(registered(class.name).ok_or_else(|| missing(class.name))?, name, flags, mask);
            }
        }
    }
    Ok(())
}

/// Changes entries of the object handlers ext-php-rs made for `T` (a `get_gc`, a `get_debug_info`, no
/// `clone_obj`), before any object of `T` exists (at module startup, or the first request's). ext-php-rs knows its objects by
/// the address of this table (`ZendClassObject::from_zend_obj`), so the entries are written into it
/// rather than into a copy.
pub fn patch_handlers<T: ext_php_rs::class::RegisteredClass>(patch: impl FnOnce(&mut ext_php_rs::zend::ZendObjectHandlers)) {
    let table = T::get_metadata().handlers();
    let mut handlers = *table;
    patch(&mut handlers);
    // SAFETY: the class's own table, filled once by `handlers()` and otherwise only read, by the engine
    // through the pointers objects hold, on PHP's thread; no object holds it yet.
    unsafe { std::ptr::from_ref(table).cast_mut().write(handlers) };
}

/// Lets `serialize()` take objects of a `#[php_class]` class, which ext-php-rs forbids
/// (`ZEND_ACC_NOT_SERIALIZABLE`) because an unserialized object has no Rust state: for a class whose
/// methods all check for one made without its constructor.
pub fn allow_serialization(ce: &ClassEntry) {
    let ce = std::ptr::from_ref(ce).cast_mut();
    // SAFETY: a class entry's flags, on PHP's thread, before any script runs.
    unsafe { (*ce).ce_flags &= !ClassFlags::NotSerializable.bits() };
}

/// Removes the declared return types of `ce`'s own methods but those in `keep` (lower case).
///
/// php-amqplib declares almost no return types, and PHP rejects an override without one (`class MyChannel
/// extends AMQPChannel { function is_open() {...} }`) when the parent declares any, even `mixed`. ext-php-rs'
/// macros always declare one, so they are taken off the registered methods: once, after the engine
/// registered the class, on the first request (module startup registers macro classes after our hook).
pub fn drop_return_types(ce: &ClassEntry, keep: &[&str]) {
    use ext_php_rs::ffi::{zend_function, ZEND_ACC_HAS_RETURN_TYPE, ZEND_INTERNAL_FUNCTION};
    for (name, entry) in ce.function_table.iter() {
        if keep.iter().any(|k| name.to_string() == *k) {
            continue;
        }
        // SAFETY: a class's function table holds `zend_function` pointers; the methods live as long as
        // the class, and their arg_info was allocated by ext-php-rs and stays writable. For internal
        // functions the return type sits at arg_info[-1].
        unsafe {
            let Some(function) = entry.ptr::<zend_function>() else { continue };
            let common = &mut (*function).common;
            if u32::from(common.type_) != ZEND_INTERNAL_FUNCTION
                || !std::ptr::eq(common.scope, ce)
                || common.fn_flags & ZEND_ACC_HAS_RETURN_TYPE == 0
            {
                continue;
            }
            common.fn_flags &= !ZEND_ACC_HAS_RETURN_TYPE;
            let info = (*function).internal_function.arg_info.offset(-1);
            (*info).type_.type_mask = 0;
            (*info).type_.ptr = ptr::null_mut();
        }
    }
}

/// Makes `ce`'s own method `name` (lower case), a Rust function declared without a receiver (which
/// ext-php-rs registers as static), an instance method that finds `$this` itself (`this_of_current_call`),
/// so it also runs on an object made without its constructor. For a few methods of a class that
/// `internal_methods::seal` does not wrap: seal makes a whole class's functions instance methods, and
/// wraps every method in argument coercion.
pub fn make_instance_method(ce: &ClassEntry, name: &str) {
    use ext_php_rs::ffi::{zend_function, ZEND_ACC_STATIC};
    // SAFETY: a class's function table holds `zend_function` pointers; a method of a registered class
    // lives for the process. Called once, on the first request, before any PHP code runs.
    unsafe {
        let Some(function) = ce.function_table.get(name).and_then(|entry| entry.ptr::<zend_function>()) else { return };
        if std::ptr::eq((*function).common.scope, ce) {
            (*function).common.fn_flags &= !ZEND_ACC_STATIC;
        }
    }
}

/// A new object of a registered class, built by its own constructor with `args`.
pub fn instantiate(class_name: &str, args: Vec<&dyn ext_php_rs::convert::IntoZvalDyn>) -> ext_php_rs::error::Result<Zval> {
    let object = ZendObject::new(class(class_name));
    object.try_call_method("__construct", args)?;
    object.into_zval(false)
}

/// A method handler, as `zend_fastcall!` declares them.
pub type Handler = extern "C" fn(&mut ExecuteData, &mut Zval);

/// A method declaration: `method("name", handler).arg(...)`.
pub fn method(name: &str, handler: Handler) -> FunctionBuilder<'static> {
    FunctionBuilder::new(name, handler)
}

/// An untyped (`mixed`) parameter, as php-amqplib declares almost all of its parameters.
pub fn param(name: &str) -> Arg<'static> {
    Arg::new(name, DataType::Mixed)
}

/// An untyped parameter with a default written as PHP source (`"''"`, `"0"`, `"null"`, `"[]"`).
pub fn param_or(name: &str, default: &str) -> Arg<'static> {
    Arg::new(name, DataType::Mixed).default(default)
}

// ---- inside method handlers ----

/// The handler's arguments as zvals (absent optional ones as null); `None` when parsing failed and an
/// exception is pending.
pub fn args<const N: usize>(ex: &mut ExecuteData, names: [&str; N], required: usize) -> Option<[Zval; N]> {
    let mut parsed: Vec<Arg> = names.iter().map(|n| Arg::new(*n, DataType::Mixed)).collect();
    let mut parser = ex.parser();
    for (i, arg) in parsed.iter_mut().enumerate() {
        if i == required {
            parser = parser.not_required();
        }
        parser = parser.arg(arg);
    }
    parser.parse().ok()?;
    Some(std::array::from_fn(|i| parsed[i].zval().map(|z| z.shallow_clone()).unwrap_or_default()))
}

/// `$value ?? $default` for an optional argument.
pub fn or(value: Zval, default: impl IntoZval) -> Zval {
    if value.is_null() {
        default.into_zval(false).unwrap_or_default()
    } else {
        value
    }
}

/// The class declaring the running method (the scope private properties are read in).
pub fn scope(ex: &ExecuteData) -> Option<&'static ClassEntry> {
    // SAFETY: a method's function entry always has its declaring scope, alive for the process.
    ex.function().and_then(|f| unsafe { f.common.scope.as_ref() })
}

/// A property name or array key interned for the process at module start (`Name::intern`): a write with
/// it allocates and hashes no string per call, where `write` makes and frees one (the engine compares
/// interned keys by pointer). For names written per message; until interned, the plain path is taken.
pub struct Name {
    text: &'static str,
    interned: AtomicPtr<zend_string>,
}

impl Name {
    pub const fn new(text: &'static str) -> Self {
        Self { text, interned: AtomicPtr::new(ptr::null_mut()) }
    }

    /// Interns `names`. Only at module startup: permanent interned strings are made then only (during
    /// a request the engine's interning hook makes strings that die with the request).
    pub fn intern(names: &[&Name]) {
        for name in names {
            // SAFETY: at MINIT the hook is the engine's permanent interning function; it returns a
            // string that lives as long as the process.
            if let Some(init) = unsafe { zend_string_init_interned } {
                let interned = unsafe { init(name.text.as_ptr().cast(), name.text.len(), true) };
                name.interned.store(interned, Ordering::Relaxed);
            }
        }
    }

    fn get(&self) -> Option<*mut zend_string> {
        Some(self.interned.load(Ordering::Relaxed)).filter(|p| !p.is_null())
    }
}

/// `write` with an interned name.
pub fn write_named(object: &ZendObject, scope: &ClassEntry, name: &Name, mut value: Zval) {
    let Some(interned) = name.get() else { return write(object, scope, name.text, value) };
    // SAFETY: live object and class entry; the engine copies the value, adding a reference.
    unsafe { zend_update_property_ex(ptr::from_ref(scope).cast_mut(), ptr::from_ref(object).cast_mut(), interned, &mut value) }
}

/// `$table[name] = $value` with an interned key (not a numeric string).
pub fn insert_named(table: &mut ZendHashTable, name: &Name, value: Zval) -> ext_php_rs::error::Result<()> {
    let Some(interned) = name.get() else { return table.insert(name.text, value) };
    let mut value = std::mem::ManuallyDrop::new(value);
    // SAFETY: a live table; it takes the value over (no reference added, so it is not dropped here)
    // and an interned key needs no reference.
    unsafe { zend_hash_update(ptr::from_mut(table).cast(), interned, &mut *value) };
    Ok(())
}

extern "C" {
    static zend_string_init_interned: Option<unsafe extern "C" fn(*const c_char, usize, bool) -> *mut zend_string>;
    fn zend_update_property_ex(scope: *mut zend_class_entry, object: *mut zend_object, name: *mut zend_string, value: *mut zval);
    fn zend_hash_update(table: *mut zend_array, key: *mut zend_string, value: *mut zval) -> *mut zval;
    fn zend_update_property(
        scope: *mut zend_class_entry,
        object: *mut zend_object,
        name: *const c_char,
        name_length: usize,
        value: *mut zval,
    );
    fn zend_read_property(
        scope: *mut zend_class_entry,
        object: *mut zend_object,
        name: *const c_char,
        name_length: usize,
        silent: bool,
        rv: *mut zval,
    ) -> *mut zval;
}

/// `$object->name` as code of class `scope` reads it (private and protected properties included),
/// quietly: an uninitialized typed property reads as null.
pub fn read(object: &ZendObject, scope: &ClassEntry, name: &str) -> Zval {
    read_as(object, scope, name, true)
}

/// `read`, or with `silent` false as an expression reads it: an uninitialized typed property is PHP's
/// "must not be accessed before initialization" `Error` (pending when this returns null).
fn read_as(object: &ZendObject, scope: &ClassEntry, name: &str, silent: bool) -> Zval {
    let mut rv = Zval::new();
    // SAFETY: live object and class entry; the engine returns a pointer valid until the next write.
    unsafe {
        let found = zend_read_property(
            ptr::from_ref(scope).cast_mut(),
            ptr::from_ref(object).cast_mut(),
            name.as_ptr().cast(),
            name.len(),
            silent,
            &mut rv,
        );
        found.as_ref().map(|z| z.dereference().shallow_clone()).unwrap_or_default()
    }
}

/// `$object->name = $value` as code of class `scope` writes it. (PHP objects are shared and mutable
/// through any handle; the engine does the writing.)
pub fn write(object: &ZendObject, scope: &ClassEntry, name: &str, mut value: Zval) {
    // SAFETY: live object and class entry; the engine copies the value, adding a reference.
    unsafe {
        zend_update_property(
            ptr::from_ref(scope).cast_mut(),
            ptr::from_ref(object).cast_mut(),
            name.as_ptr().cast(),
            name.len(),
            &mut value,
        );
    }
}

/// `$this->name` inside a method handler, as PHP code reads it (php-rdkafka's getters read their typed
/// properties so: one its constructor never set is PHP's `Error`, left pending).
pub fn this_read(ex: &mut ExecuteData, name: &str) -> Zval {
    let Some(scope) = scope(ex) else { return Zval::new() };
    ex.get_self().map(|this| read_as(this, scope, name, false)).unwrap_or_default()
}

/// `$this->name = $value` inside a method handler.
pub fn this_write(ex: &mut ExecuteData, name: &str, value: Zval) {
    let Some(scope) = scope(ex) else { return };
    if let Some(this) = ex.get_self() {
        write(this, scope, name, value);
    }
}

/// `$this` of the method PHP is running, for code the macros give no `$this` (constructors).
/// Read without ext-php-rs's lock (`executor`), which cost a third of an idle Kafka `poll(0)`.
pub fn this_of_current_call() -> Option<&'static mut ZendObject> {
    // SAFETY: the running call's frame outlives the call, which is where this is used.
    unsafe { crate::executor::globals().current_execute_data.as_mut()?.get_self() }
}

/// `parent::__construct(...$args)` from a constructor handler: the parent of the class declaring the
/// running method, not of `$this`'s class, so a userland subclass calling it does not loop back into us.
pub fn call_parent_constructor(ex: &mut ExecuteData, args: &mut [Zval]) {
    let Some(scope) = scope(ex) else { return };
    let Some(this) = ex.get_self() else { return };
    let called = ptr::from_ref(this.get_class_entry()).cast_mut();
    // SAFETY: an internal class's parent pointer is set at registration; its constructor is a valid
    // function of the engine; `args` outlives the call.
    unsafe {
        let Some(parent) = scope.__bindgen_anon_1.parent.as_ref() else { return };
        let mut retval = Zval::new();
        zend_call_known_function(
            parent.constructor,
            ptr::from_mut(this),
            called,
            &mut retval,
            args.len() as u32,
            args.as_mut_ptr(),
            ptr::null_mut(),
        );
    }
}
