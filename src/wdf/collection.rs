//! A WDFCOLLECTION of devices with a `T` context, parented to the driver (deleted with it).
//! DDI: "WdfCollectionCreate function (wdfcollection.h)", "WdfCollectionAdd",
//! "WdfCollectionRemove", "WdfCollectionGetCount", "WdfCollectionGetItem".
//!
//! Its users keep it behind a lock and remove each device in the device's own
//! [`DeviceRemoval::removed`] (under the same lock), before the device's context is dropped; so
//! while the collection is borrowed, every device in it and its context are alive.

use core::marker::PhantomData;

use wdk_sys::{WDFCOLLECTION, call_unsafe_wdf_function_binding};

use super::context::{self, plain_attributes};
use super::device::{Device, DeviceId, DeviceRemoval};
use super::driver::Driver;
use super::status::{NtStatus, Result, to_result};

/// Devices with a `T` context, in the order they were added.
pub struct Collection<T> {
    raw: WDFCOLLECTION,
    _items: PhantomData<fn() -> T>,
}

// SAFETY: a handle; every DDI on it may be called from any thread (callers serialise changes
// with their lock).
unsafe impl<T> Send for Collection<T> {}
// SAFETY: shared access only reads (count, items).
unsafe impl<T> Sync for Collection<T> {}

impl<T: DeviceRemoval> Collection<T> {
    /// `WdfCollectionCreate`, parented to `driver`.
    ///
    /// # Errors
    /// The status the framework failed with.
    pub fn in_driver(driver: Driver) -> Result<Self> {
        let mut attributes = plain_attributes();
        attributes.ParentObject = driver.object();
        let mut raw: WDFCOLLECTION = core::ptr::null_mut();
        // SAFETY: `attributes` (a live parent) and `raw` outlive the call; at most DISPATCH_LEVEL.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfCollectionCreate,
                &raw mut attributes,
                &raw mut raw
            )
        };
        to_result(status)?;
        if raw.is_null() {
            return Err(NtStatus::INSUFFICIENT_RESOURCES);
        }
        Ok(Self {
            raw,
            _items: PhantomData,
        })
    }

    /// `WdfCollectionAdd`. The device's [`DeviceRemoval::removed`] must [`Collection::remove`]
    /// it.
    ///
    /// # Errors
    /// The status the framework failed with (`STATUS_INSUFFICIENT_RESOURCES`).
    pub fn add(&mut self, device: &Device<'_, T>) -> Result {
        // SAFETY: a live collection and a live device; at most DISPATCH_LEVEL.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(WdfCollectionAdd, self.raw, device.id().object())
        };
        to_result(status)
    }

    /// `WdfCollectionRemove`, if the device is in the collection.
    pub fn remove(&mut self, device: DeviceId) {
        if self.ids().any(|id| id == device) {
            // SAFETY: a live collection holding `device` (checked).
            unsafe {
                call_unsafe_wdf_function_binding!(WdfCollectionRemove, self.raw, device.object());
            };
        }
    }

    /// `WdfCollectionGetCount`.
    #[must_use]
    pub fn len(&self) -> u32 {
        // SAFETY: a live collection.
        unsafe { call_unsafe_wdf_function_binding!(WdfCollectionGetCount, self.raw) }
    }

    /// Whether the collection is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The devices, in order.
    pub fn ids(&self) -> impl Iterator<Item = DeviceId> + '_ {
        (0..self.len()).filter_map(|index| {
            // SAFETY: a live collection; `index` is below its count.
            let item =
                unsafe { call_unsafe_wdf_function_binding!(WdfCollectionGetItem, self.raw, index) };
            (!item.is_null()).then(|| DeviceId::from_raw(item.cast()))
        })
    }

    /// The devices' contexts, in order. Each is alive while `self` is borrowed (see the module
    /// docs: a device leaves the collection before its context is dropped).
    pub fn contexts(&self) -> impl Iterator<Item = &T> + '_ {
        self.ids().filter_map(|device| {
            // SAFETY: the device is in the collection, so it is live and its context is not
            // dropped for as long as the collection is borrowed.
            unsafe { context::get::<T>(device.object()) }
        })
    }
}
