//! `wdk::wdf::SpinLock`. DDI: "WdfSpinLockCreate function (wdfsync.h)", "WdfSpinLockAcquire",
//! "WdfSpinLockRelease".

use kmdf_sim_wdk_sys::{
    NTSTATUS, WDF_OBJECT_ATTRIBUTES, WDFSPINLOCK, call_unsafe_wdf_function_binding,
};

use crate::nt_success;

/// A framework spin lock (`WDFSPINLOCK`): acquiring it raises the caller to DISPATCH_LEVEL until
/// it is released. Create it with [`SpinLock::try_new`], for code at IRQL <= DISPATCH_LEVEL.
pub struct SpinLock {
    /// The framework's handle, written once by `WdfSpinLockCreate`.
    wdf_spin_lock: WDFSPINLOCK,
}

impl SpinLock {
    /// Creates the spin lock with `attributes` (its parent, for instance).
    ///
    /// # Errors
    /// The status `WdfSpinLockCreate` returns when it fails (STATUS_INSUFFICIENT_RESOURCES, or
    /// STATUS_INVALID_PARAMETER for bad attributes).
    pub fn try_new(attributes: &mut WDF_OBJECT_ATTRIBUTES) -> Result<Self, NTSTATUS> {
        let mut wdf_spin_lock: WDFSPINLOCK = core::ptr::null_mut();
        // SAFETY:
        // - `attributes` is a valid, initialised WDF_OBJECT_ATTRIBUTES (a reference);
        // - `wdf_spin_lock` is a local the framework writes the new handle to.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(WdfSpinLockCreate, attributes, &raw mut wdf_spin_lock)
        };
        if nt_success(status) {
            Ok(Self { wdf_spin_lock })
        } else {
            Err(status)
        }
    }

    /// The same as [`SpinLock::try_new`].
    ///
    /// # Errors
    /// As [`SpinLock::try_new`].
    pub fn create(attributes: &mut WDF_OBJECT_ATTRIBUTES) -> Result<Self, NTSTATUS> {
        Self::try_new(attributes)
    }

    /// Acquires the lock (the caller is then at DISPATCH_LEVEL).
    pub fn acquire(&self) {
        // SAFETY: `wdf_spin_lock` is the handle `WdfSpinLockCreate` returned; the framework keeps
        // the lock until its parent is deleted.
        unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockAcquire, self.wdf_spin_lock) };
    }

    /// Releases the lock, restoring the IRQL from before [`SpinLock::acquire`].
    pub fn release(&self) {
        // SAFETY: as in `acquire`.
        unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockRelease, self.wdf_spin_lock) };
    }
}
