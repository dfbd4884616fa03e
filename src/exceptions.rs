//! Registering and throwing exception classes that behave like PHP's own.
//!
//! Rust-backed `#[php_class]` exceptions lose file, line and trace and cannot be constructed or extended
//! from PHP (ext-php-rs #203), so both clients declare their exception trees as tables of plain internal
//! classes, registered here with the raw `ClassBuilder` at module startup. Objects are created by the
//! engine's own exception constructor, so `getFile()`, `getLine()` and traces are the caller's.

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
    convert::{IntoZval, IntoZvalDyn},
    exception::PhpException,
    ffi::{zend_call_known_function, zend_class_entry, zend_object, zval},
    flags::{ClassFlags, DataType, MethodFlags, PropertyFlags},
    types::{ZendObject, Zval},
    zend::{ce, ClassEntry, ExecuteData},
};

/// Where a class of the tree hangs.
#[derive(Clone, Copy)]
pub enum Parent {
    /// An SPL class, found by its C symbol (`"RuntimeException"` reads `spl_ce_RuntimeException`).
    Spl(&'static str),
    /// `\Exception`.
    Exception,
    /// A class registered earlier from the same table.
    Own(&'static str),
}

/// One class (or interface) of an exception tree. An interface extends `\Throwable`; its parent is unused.
pub struct ExceptionClass {
    pub name: &'static str,
    pub parent: Parent,
    /// An interface registered earlier that this class implements.
    pub implements: Option<&'static str>,
    pub interface: bool,
    /// Methods beyond those inherited from `\Exception` (constructors with extra arguments, getters).
    pub methods: fn() -> Vec<(FunctionBuilder<'static>, MethodFlags)>,
    /// Declared properties (default null) the methods write.
    pub properties: &'static [(&'static str, PropertyFlags)],
}

pub fn no_methods() -> Vec<(FunctionBuilder<'static>, MethodFlags)> {
    Vec::new()
}

// ClassBuilder takes parents as plain `fn` pointers; a class being registered stages its parent and
// interface here (MINIT is single-threaded).
static STAGED_PARENT: AtomicPtr<ClassEntry> = AtomicPtr::new(ptr::null_mut());
static STAGED_INTERFACE: AtomicPtr<ClassEntry> = AtomicPtr::new(ptr::null_mut());

fn staged_parent() -> &'static ClassEntry {
    // SAFETY: set to a registered class entry just before ClassBuilder::register calls this.
    unsafe { &*STAGED_PARENT.load(Ordering::Relaxed) }
}

fn staged_interface() -> &'static ClassEntry {
    // SAFETY: as for staged_parent.
    unsafe { &*STAGED_INTERFACE.load(Ordering::Relaxed) }
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

pub fn remember(ce: &'static mut ClassEntry, _: ArgInfoTables) {
    if let Some(name) = ce.name() {
        let name = name.to_string();
        REGISTERED.lock().unwrap_or_else(|e| e.into_inner()).insert(name, ptr::from_ref(ce) as usize);
    }
}

fn registered(name: &str) -> Option<&'static ClassEntry> {
    let address = *REGISTERED.lock().unwrap_or_else(|e| e.into_inner()).get(name)?;
    // SAFETY: class entries of internal classes live until module shutdown.
    unsafe { (address as *const ClassEntry).as_ref() }
}

/// A class entry registered by this module, by name (`\Exception` if the name is unknown: a bug, but
/// still an exception).
pub fn class(name: &str) -> &'static ClassEntry {
    registered(name).unwrap_or_else(ce::exception)
}

/// Registers a tree in order: parents and interfaces before the classes that use them.
pub fn register(tree: &[ExceptionClass]) -> ext_php_rs::error::Result<()> {
    for class in tree {
        let mut builder = ClassBuilder::new(class.name).registration(remember);
        for (method, flags) in (class.methods)() {
            builder = builder.method(method, flags);
        }
        for &(name, flags) in class.properties {
            builder = builder.property(ClassProperty {
                name: name.into(),
                flags,
                default: None,
                docs: &[],
                ty: None,
                nullable: true,
                readonly: false,
                default_stub: None,
            });
        }
        if class.interface {
            builder = builder.flags(ClassFlags::Interface).implements((ce::throwable, "\\Throwable"));
        } else {
            let parent = match class.parent {
                Parent::Spl(name) => spl_class(name).ok_or(ext_php_rs::error::Error::InvalidPointer)?,
                Parent::Exception => ce::exception(),
                Parent::Own(name) => registered(name).ok_or(ext_php_rs::error::Error::InvalidPointer)?,
            };
            STAGED_PARENT.store(ptr::from_ref(parent).cast_mut(), Ordering::Relaxed);
            builder = builder.extends((staged_parent, "parent"));
        }
        if let Some(interface) = class.implements {
            let interface = registered(interface).ok_or(ext_php_rs::error::Error::InvalidPointer)?;
            STAGED_INTERFACE.store(ptr::from_ref(interface).cast_mut(), Ordering::Relaxed);
            builder = builder.implements((staged_interface, "interface"));
        }
        builder.register()?;
    }
    Ok(())
}

/// An exception of one of our classes, carrying a message and code.
pub fn exception(class_name: &str, message: impl Into<String>, code: i32) -> PhpException {
    PhpException::new(message.into(), code, class(class_name))
}

/// A new object of one of our exception classes, built by its own constructor with `args`.
pub fn new_object(class_name: &str, args: Vec<&dyn IntoZvalDyn>) -> Result<Zval, PhpException> {
    let object = ZendObject::new(class(class_name));
    object
        .try_call_method("__construct", args)
        .and_then(|_| object.into_zval(false))
        .map_err(|e| PhpException::from_message(format!("cannot construct {class_name}: {e}")))
}

/// An exception built by running the class's own constructor with `args`, for classes whose constructor
/// takes more than message and code.
pub fn construct(class_name: &str, args: Vec<&dyn IntoZvalDyn>) -> PhpException {
    match new_object(class_name, args) {
        Ok(object) => PhpException::new(String::new(), 0, class(class_name)).with_object(object),
        Err(e) => e,
    }
}

/// Calls the parent class's constructor (`\Exception::__construct` and friends) on `$this` from inside a
/// method handler, as `parent::__construct(...$args)` does in PHP.
pub fn call_parent_constructor(ex: &mut ExecuteData, args: &mut [Zval]) {
    // The parent of the class declaring the running method, not of `$this`'s class: a userland subclass
    // calling parent::__construct() must not loop back into us.
    // SAFETY: a method's function entry always has its declaring scope.
    let Some(scope) = ex.function().and_then(|f| unsafe { f.common.scope.as_ref() }) else { return };
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

extern "C" {
    pub(crate) fn zend_update_property(
        scope: *mut zend_class_entry,
        object: *mut zend_object,
        name: *const c_char,
        name_length: usize,
        value: *mut zval,
    );
    pub(crate) fn zend_read_property(
        scope: *mut zend_class_entry,
        object: *mut zend_object,
        name: *const c_char,
        name_length: usize,
        silent: bool,
        rv: *mut zval,
    ) -> *mut zval;
}

/// Writes `$this->name` as code of the declaring class would (so private properties work too).
pub fn set_this_property(ex: &mut ExecuteData, name: &str, value: Zval) {
    // SAFETY: a method's function entry always has its declaring scope.
    let Some(scope) = ex.function().map(|f| unsafe { f.common.scope }) else { return };
    let Some(this) = ex.get_self() else { return };
    let name = CString::new(name).expect("property names have no NUL");
    let mut value = value;
    // SAFETY: scope and object are live engine structures; the engine copies the value (adding a ref).
    unsafe { zend_update_property(scope, this, name.as_ptr(), name.count_bytes(), &mut value) };
}

pub fn this_property(ex: &mut ExecuteData, name: &str) -> Zval {
    ex.get_self()
        .and_then(|this| this.get_property::<&Zval>(name).ok().map(Zval::shallow_clone))
        .unwrap_or_default()
}

/// Reads the handler's arguments as zvals; `None` when parsing failed (an exception is already set).
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
