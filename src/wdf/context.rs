//! Typed context memory on framework objects ("Framework Object Context Space",
//! <https://learn.microsoft.com/windows-hardware/drivers/wdf/framework-object-context-space>).
//!
//! wdk-sys has no `WDF_DECLARE_CONTEXT_TYPE`; [`declare_context!`](crate::declare_context)
//! declares the static `WDF_OBJECT_CONTEXT_TYPE_INFO` a type needs. The framework allocates the
//! memory (zeroed, fixed address) with the object; the value is written into it in place once,
//! and dropped in place by the object's cleanup callback. The memory is a [`ContextSlot`], whose
//! `ready` flag (false in zeroed memory) tells whether the value was ever written.

use core::marker::PhantomData;
use core::mem::MaybeUninit;

use wdk_sys::{
    _WDF_EXECUTION_LEVEL, _WDF_SYNCHRONIZATION_SCOPE, PCWDF_OBJECT_CONTEXT_TYPE_INFO, ULONG,
    WDF_OBJECT_ATTRIBUTES, WDF_OBJECT_CONTEXT_TYPE_INFO, WDFOBJECT,
    call_unsafe_wdf_function_binding,
};

use super::status::{NtStatus, Result};

/// The `WDF_OBJECT_CONTEXT_TYPE_INFO` of context type `T`, as a `static`. Its size is computed
/// from `T`, so it cannot disagree with the type it describes.
#[repr(transparent)]
pub struct ContextTypeInfo<T> {
    info: WDF_OBJECT_CONTEXT_TYPE_INFO,
    _type: PhantomData<fn() -> T>,
}

// SAFETY: the structure is immutable static data; its pointers refer to other static data (the
// name literal and the info itself).
unsafe impl<T> Sync for ContextTypeInfo<T> {}

impl<T> ContextTypeInfo<T> {
    /// Describes context type `T` named `name`; `unique` must be the static being defined (the
    /// framework identifies the type by this address). Fails to compile if `T` needs more than
    /// the framework's 16-byte alignment.
    #[must_use]
    pub const fn new(name: &'static core::ffi::CStr, unique: &'static Self) -> Self {
        // Evaluated at compile time (an inline const), never at run time.
        const {
            assert!(
                align_of::<ContextSlot<T>>() <= 16,
                "context types may need at most 16-byte alignment"
            );
        };
        #[expect(clippy::cast_possible_truncation, reason = "the structure is 40 bytes")]
        let info_size = size_of::<WDF_OBJECT_CONTEXT_TYPE_INFO>() as ULONG;
        Self {
            info: WDF_OBJECT_CONTEXT_TYPE_INFO {
                Size: info_size,
                ContextName: name.as_ptr(),
                ContextSize: size_of::<ContextSlot<T>>(),
                UniqueType: &raw const unique.info,
                EvtDriverGetUniqueContextType: None,
            },
            _type: PhantomData,
        }
    }

    fn as_ptr(&'static self) -> PCWDF_OBJECT_CONTEXT_TYPE_INFO {
        &raw const self.info
    }
}

/// The memory the framework allocates for a context of type `T`.
#[repr(C)]
pub struct ContextSlot<T> {
    ready: bool,
    value: MaybeUninit<T>,
}

/// A type that can be a framework object's context; implement it with
/// [`declare_context!`](crate::declare_context).
pub trait ObjectContext: Sized + Send + Sync + 'static {
    /// The type's context description.
    fn type_info() -> &'static ContextTypeInfo<Self>;
}

/// Declares `$ty` a context type, with a static `WDF_OBJECT_CONTEXT_TYPE_INFO` named `$info`.
#[macro_export]
macro_rules! declare_context {
    ($ty:ty, $info:ident) => {
        static $info: $crate::wdf::context::ContextTypeInfo<$ty> =
            $crate::wdf::context::ContextTypeInfo::new(
                match core::ffi::CStr::from_bytes_with_nul(
                    concat!(stringify!($ty), "\0").as_bytes(),
                ) {
                    Ok(name) => name,
                    Err(_) => c"context",
                },
                &$info,
            );
        impl $crate::wdf::context::ObjectContext for $ty {
            fn type_info() -> &'static $crate::wdf::context::ContextTypeInfo<$ty> {
                &$info
            }
        }
    };
}

/// Object attributes carrying context type `T` and the cleanup callback that drops it, with
/// execution level and synchronization scope inherited from the parent (what
/// `WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE` sets).
#[must_use]
pub fn attributes_for<T: ObjectContext>() -> WDF_OBJECT_ATTRIBUTES {
    WDF_OBJECT_ATTRIBUTES {
        ContextTypeInfo: T::type_info().as_ptr(),
        EvtCleanupCallback: Some(drop_context::<T>),
        ..plain_attributes()
    }
}

/// Object attributes without a context (`WDF_OBJECT_ATTRIBUTES_INIT`).
#[must_use]
pub fn plain_attributes() -> WDF_OBJECT_ATTRIBUTES {
    #[expect(clippy::cast_possible_truncation, reason = "the structure is 56 bytes")]
    let size = size_of::<WDF_OBJECT_ATTRIBUTES>() as ULONG;
    WDF_OBJECT_ATTRIBUTES {
        Size: size,
        ExecutionLevel: _WDF_EXECUTION_LEVEL::WdfExecutionLevelInheritFromParent,
        SynchronizationScope: _WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeInheritFromParent,
        ..WDF_OBJECT_ATTRIBUTES::default()
    }
}

/// The object's context slot for `T`, or null if it has none.
fn slot<T: ObjectContext>(object: WDFOBJECT) -> *mut ContextSlot<T> {
    // SAFETY: `object` is a live framework handle (callers' contract) and the type info is a
    // valid static; the call only looks the context up.
    let raw = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectGetTypedContextWorker,
            object,
            T::type_info().as_ptr()
        )
    };
    raw.cast::<ContextSlot<T>>()
}

/// Writes `value` into the object's context, in place.
///
/// # Safety
/// `object` is a live framework object created with [`attributes_for::<T>`], whose context has
/// not been initialised yet, and no other thread uses it during this call. (The framework
/// allocated the slot from `T`'s type info, whose size and alignment `ContextTypeInfo::new`
/// computed from `T`.)
///
/// # Errors
/// `STATUS_UNSUCCESSFUL` if the object has no `T` context.
pub unsafe fn init<T: ObjectContext>(object: WDFOBJECT, value: T) -> Result {
    let slot = slot::<T>(object);
    if slot.is_null() {
        return Err(NtStatus::UNSUCCESSFUL);
    }
    // SAFETY: the framework allocated the slot for `T` (size and alignment per `ObjectContext`),
    // zero-filled and at a fixed address; nobody else touches it yet (this function's contract).
    unsafe {
        (*slot).value.write(value);
    }
    // SAFETY: as above; `ready` is set only after the value is written.
    unsafe {
        (*slot).ready = true;
    }
    Ok(())
}

/// The object's `T` context, if it has one and it was initialised.
///
/// # Safety
/// `object` is a live framework object, and stays live for `'a`.
pub unsafe fn get<'a, T: ObjectContext>(object: WDFOBJECT) -> Option<&'a T> {
    let slot = slot::<T>(object);
    // SAFETY: a non-null result points at the object's slot for `T`, which lives as long as the
    // object (this function's contract); it is only written before `ready` is set and in cleanup.
    let slot = unsafe { slot.as_ref() }?;
    // SAFETY: `ready` means `value` was initialised by `init`.
    slot.ready.then(|| unsafe { slot.value.assume_init_ref() })
}

/// EvtCleanupCallback for objects with a `T` context: drops the value in place.
///
/// # Safety
/// Called once per object, as (or from) its cleanup callback, after every callback that could
/// borrow the context has returned.
pub(crate) unsafe extern "C" fn drop_context<T: ObjectContext>(object: WDFOBJECT) {
    let slot = slot::<T>(object);
    if slot.is_null() {
        return;
    }
    // SAFETY: the framework calls cleanup once, while the object and its context are still
    // allocated, after every callback that could borrow the context has returned.
    let slot = unsafe { &mut *slot };
    if slot.ready {
        slot.ready = false;
        // SAFETY: `ready` was set, so `value` holds an initialised `T`; it is dropped once.
        unsafe { slot.value.assume_init_drop() };
    }
}

/// A context type whose all-zero bytes are a valid value that needs no drop, so the
/// framework's zeroed context memory can be used as it is: no initialisation, no cleanup
/// callback (for contexts made with every request, where both would cost per request).
///
/// # Safety
/// Every all-zero bit pattern of `Self` is a valid value, and `Self` has no drop glue.
pub(crate) unsafe trait ZeroedContext: ObjectContext {}

/// Object attributes carrying context type `T`, with no cleanup callback.
#[must_use]
pub(crate) fn zeroed_attributes_for<T: ZeroedContext>() -> WDF_OBJECT_ATTRIBUTES {
    const {
        assert!(
            !core::mem::needs_drop::<T>(),
            "zeroed contexts are never dropped"
        );
    };
    WDF_OBJECT_ATTRIBUTES {
        ContextTypeInfo: T::type_info().as_ptr(),
        ..plain_attributes()
    }
}

/// The object's `T` context as the framework allocated it (zeroed at first).
///
/// # Safety
/// `object` is a live framework object created with [`zeroed_attributes_for::<T>`] (or whose
/// attributes carried `T`), and stays live for `'a`.
pub(crate) unsafe fn get_zeroed<'a, T: ZeroedContext>(object: WDFOBJECT) -> Option<&'a T> {
    let slot = slot::<T>(object);
    // SAFETY: a non-null result points at the object's slot for `T`, which lives as long as the
    // object (this function's contract).
    let slot = unsafe { slot.as_ref() }?;
    // SAFETY: the framework zero-filled the slot and zero bytes are a valid `T`
    // (`ZeroedContext`); it is only ever changed through `T`'s own interior mutability.
    Some(unsafe { slot.value.assume_init_ref() })
}
