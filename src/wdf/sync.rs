//! Locks that own what they protect: [`SpinLock`] (WDFSPINLOCK, usable up to DISPATCH_LEVEL)
//! and [`WaitLock`] (WDFWAITLOCK, PASSIVE_LEVEL only). Locking returns a guard that gives
//! access to the data and releases the lock when dropped. DDI: "WdfSpinLockCreate function
//! (wdfsync.h)", "WdfWaitLockCreate function", "WdfWaitLockAcquire function".

use core::cell::UnsafeCell;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};

use wdk_sys::{WDFOBJECT, WDFSPINLOCK, WDFWAITLOCK, call_unsafe_wdf_function_binding};

use super::context::plain_attributes;
use super::driver::Driver;
use super::status::{NtStatus, Result, to_result};

/// One kind of framework lock: how it is created, acquired and released.
pub trait LockKind {
    /// The lock's handle type.
    type Handle: Copy;
    /// Creates one, parented to `parent` (None: the driver); a null handle means failure.
    ///
    /// # Errors
    /// The status the framework failed with.
    fn create(parent: Option<WDFOBJECT>) -> Result<Self::Handle>;
    /// The handle as a framework object (for its deletion).
    fn object(handle: Self::Handle) -> WDFOBJECT;
    /// Acquires it (blocking).
    ///
    /// # Safety
    /// `handle` is a live lock of this kind, acquired at an IRQL its DDI allows.
    unsafe fn acquire(handle: Self::Handle);
    /// Releases it.
    ///
    /// # Safety
    /// `handle` is a live lock the caller holds.
    unsafe fn release(handle: Self::Handle);
}

/// WDFSPINLOCK: acquiring raises to DISPATCH_LEVEL.
pub enum Spin {}
/// WDFWAITLOCK: PASSIVE_LEVEL only.
pub enum Wait {}

impl LockKind for Spin {
    type Handle = WDFSPINLOCK;

    fn create(parent: Option<WDFOBJECT>) -> Result<WDFSPINLOCK> {
        let mut attributes = plain_attributes();
        attributes.ParentObject = parent.unwrap_or(core::ptr::null_mut());
        let mut raw: WDFSPINLOCK = core::ptr::null_mut();
        // SAFETY: `attributes` (a live parent or none: the driver) and `raw` outlive the call;
        // at most DISPATCH_LEVEL.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(WdfSpinLockCreate, &raw mut attributes, &raw mut raw)
        };
        to_result(status)?;
        if raw.is_null() {
            Err(NtStatus::INSUFFICIENT_RESOURCES)
        } else {
            Ok(raw)
        }
    }

    fn object(handle: WDFSPINLOCK) -> WDFOBJECT {
        handle.cast()
    }

    unsafe fn acquire(handle: WDFSPINLOCK) {
        // SAFETY: this function's contract.
        unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockAcquire, handle) };
    }

    unsafe fn release(handle: WDFSPINLOCK) {
        // SAFETY: this function's contract.
        unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockRelease, handle) };
    }
}

impl LockKind for Wait {
    type Handle = WDFWAITLOCK;

    fn create(parent: Option<WDFOBJECT>) -> Result<WDFWAITLOCK> {
        let mut attributes = plain_attributes();
        attributes.ParentObject = parent.unwrap_or(core::ptr::null_mut());
        let mut raw: WDFWAITLOCK = core::ptr::null_mut();
        // SAFETY: `attributes` (a live parent or none: the driver) and `raw` outlive the call;
        // at most DISPATCH_LEVEL.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(WdfWaitLockCreate, &raw mut attributes, &raw mut raw)
        };
        to_result(status)?;
        if raw.is_null() {
            Err(NtStatus::INSUFFICIENT_RESOURCES)
        } else {
            Ok(raw)
        }
    }

    fn object(handle: WDFWAITLOCK) -> WDFOBJECT {
        handle.cast()
    }

    unsafe fn acquire(handle: WDFWAITLOCK) {
        // SAFETY: this function's contract (PASSIVE_LEVEL); a null timeout waits until the lock
        // is acquired, and then the status is STATUS_SUCCESS.
        let _ = unsafe {
            call_unsafe_wdf_function_binding!(WdfWaitLockAcquire, handle, core::ptr::null_mut())
        };
    }

    unsafe fn release(handle: WDFWAITLOCK) {
        // SAFETY: this function's contract.
        unsafe { call_unsafe_wdf_function_binding!(WdfWaitLockRelease, handle) };
    }
}

/// Data behind a framework lock of kind `K`.
pub struct Lock<T, K: LockKind> {
    raw: K::Handle,
    /// Deleted when this value drops (false: with its parent, the driver).
    owned: bool,
    data: UnsafeCell<T>,
    _kind: PhantomData<K>,
}

/// Data behind a WDFSPINLOCK.
pub type SpinLock<T> = Lock<T, Spin>;
/// Data behind a WDFWAITLOCK.
pub type WaitLock<T> = Lock<T, Wait>;

// SAFETY: the data is only reached through the lock, which serialises every access; moving
// the lock moves the data; the handle may be used from any thread.
unsafe impl<T: Send, K: LockKind> Send for Lock<T, K> {}
// SAFETY: as above: `&Lock` gives `&mut T` to one holder of the lock at a time.
unsafe impl<T: Send, K: LockKind> Sync for Lock<T, K> {}

impl<T, K: LockKind> Lock<T, K> {
    /// Creates the framework lock (parented to the driver; deleted when this value drops).
    ///
    /// # Errors
    /// The status the framework failed with.
    pub fn new(value: T) -> Result<Self> {
        Ok(Self {
            raw: K::create(None)?,
            owned: true,
            data: UnsafeCell::new(value),
            _kind: PhantomData,
        })
    }

    /// Creates the framework lock as a child of `driver`, for the driver's own context: it is
    /// deleted with the driver (children before the driver's context is dropped), not when this
    /// value drops.
    ///
    /// # Errors
    /// The status the framework failed with.
    pub fn in_driver(value: T, driver: &Driver) -> Result<Self> {
        Ok(Self {
            raw: K::create(Some(driver.object()))?,
            owned: false,
            data: UnsafeCell::new(value),
            _kind: PhantomData,
        })
    }

    /// Acquires the lock until the guard drops (a spin lock raises to DISPATCH_LEVEL; a wait
    /// lock needs PASSIVE_LEVEL).
    pub fn lock(&self) -> LockGuard<'_, T, K> {
        // SAFETY: a live lock this value owns.
        unsafe { K::acquire(self.raw) };
        LockGuard { lock: self }
    }
}

impl<T, K: LockKind> Drop for Lock<T, K> {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: the lock is live, not held (a guard borrows `self`), and deleted once.
            unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, K::object(self.raw)) };
        }
    }
}

/// A held [`Lock`].
pub struct LockGuard<'a, T, K: LockKind> {
    lock: &'a Lock<T, K>,
}

/// A held [`SpinLock`].
pub type SpinLockGuard<'a, T> = LockGuard<'a, T, Spin>;
/// A held [`WaitLock`].
pub type WaitLockGuard<'a, T> = LockGuard<'a, T, Wait>;

impl<T, K: LockKind> Deref for LockGuard<'_, T, K> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the lock is held for the guard's lifetime, so no other reference exists.
        unsafe { &*self.lock.data.get() }
    }
}

impl<T, K: LockKind> DerefMut for LockGuard<'_, T, K> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as above, and `&mut self` makes this the only reference through the guard.
        unsafe { &mut *self.lock.data.get() }
    }
}

impl<T, K: LockKind> Drop for LockGuard<'_, T, K> {
    fn drop(&mut self) {
        // SAFETY: this guard acquired the lock and releases it once.
        unsafe { K::release(self.lock.raw) };
    }
}
