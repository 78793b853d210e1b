//! Control devices (the sideband pattern): a named, non-PnP device with a symbolic link, made
//! from a driver-allocated init that is freed on every path that does not create the device,
//! and deleted explicitly before the driver unloads. DDI: "WdfControlDeviceInitAllocate function
//! (wdfcontrol.h)", "WdfDeviceInitAssignName function (wdfdevice.h)", "WdfDeviceInitFree",
//! "WdfDeviceCreateSymbolicLink", "WdfControlFinishInitializing", "WdfObjectDelete".

use wdk_sys::{PWDFDEVICE_INIT, WDFDEVICE, call_unsafe_wdf_function_binding};

use super::context::{self, ObjectContext};
use super::device::{Device, WideStr, create_raw};
use super::driver::Driver;
use super::status::{NtStatus, Result, to_result};

/// A control device's WDFDEVICE_INIT: freed (`WdfDeviceInitFree`) when dropped, unless
/// [`ControlDeviceInit::create`] consumed it.
pub struct ControlDeviceInit {
    raw: PWDFDEVICE_INIT,
}

impl Drop for ControlDeviceInit {
    fn drop(&mut self) {
        if !self.raw.is_null() {
            // SAFETY: an init from WdfControlDeviceInitAllocate that no WdfDeviceCreate
            // consumed (it sets the pointer to null when it does); freed once.
            unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitFree, self.raw) };
        }
    }
}

impl ControlDeviceInit {
    /// `WdfControlDeviceInitAllocate` with the security descriptor `sddl` (PASSIVE_LEVEL).
    ///
    /// # Errors
    /// `STATUS_INSUFFICIENT_RESOURCES` when the framework returns no init.
    pub fn allocate<const N: usize>(driver: Driver, sddl: &WideStr<N>) -> Result<Self> {
        let string = sddl.as_unicode();
        // SAFETY: a live driver; `string` and its text outlive the call (the framework copies
        // the descriptor); PASSIVE_LEVEL (the caller's: EvtDriverDeviceAdd).
        let raw = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfControlDeviceInitAllocate,
                driver.raw(),
                &raw const string
            )
        };
        if raw.is_null() {
            return Err(NtStatus::INSUFFICIENT_RESOURCES);
        }
        Ok(Self { raw })
    }

    /// `WdfDeviceInitAssignName`.
    ///
    /// # Errors
    /// The status the framework failed with.
    pub fn assign_name<const N: usize>(&mut self, name: &WideStr<N>) -> Result {
        let string = name.as_unicode();
        // SAFETY: a live, unconsumed init; `string` outlives the call; PASSIVE_LEVEL.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(WdfDeviceInitAssignName, self.raw, &raw const string)
        };
        to_result(status)
    }

    /// `WdfDeviceCreate`, with a `T` context initialised to `context`. On failure the init is
    /// freed (by this value's drop).
    ///
    /// # Errors
    /// The status `WdfDeviceCreate` failed with.
    pub fn create<T: ObjectContext>(mut self, context: T) -> Result<ControlDevice> {
        // SAFETY: a live, unconsumed init (on success the framework sets `self.raw` to null,
        // so the drop does not free it); PASSIVE_LEVEL.
        let device = unsafe { create_raw(&mut self.raw, context::attributes_for::<T>()) }?;
        let control = ControlDevice { raw: device };
        // SAFETY: the device was just created with `attributes_for::<T>()`; nobody can open it
        // before `finish_initializing`.
        if let Err(status) = unsafe { context::init::<T>(device.cast(), context) } {
            control.delete();
            return Err(status);
        }
        Ok(control)
    }
}

/// A control device. It must be [`ControlDevice::delete`]d before the driver unloads.
#[must_use = "a control device must be deleted before the driver unloads"]
pub struct ControlDevice {
    raw: WDFDEVICE,
}

// SAFETY: a handle; its DDIs may be called from any thread at their IRQLs.
unsafe impl Send for ControlDevice {}
// SAFETY: shared access makes no change through the handle.
unsafe impl Sync for ControlDevice {}

impl ControlDevice {
    /// The device with its `T` context, for creating its queue.
    #[must_use]
    pub fn device<T: ObjectContext>(&self) -> Option<Device<'_, T>> {
        // SAFETY: the device is live until `delete` consumes `self`, which the borrow prevents.
        unsafe { Device::from_raw(self.raw) }
    }

    /// `WdfDeviceCreateSymbolicLink`.
    ///
    /// # Errors
    /// The status the framework failed with.
    pub fn create_symbolic_link<const N: usize>(&self, link: &WideStr<N>) -> Result {
        let string = link.as_unicode();
        // SAFETY: a live device; `string` outlives the call; PASSIVE_LEVEL.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceCreateSymbolicLink,
                self.raw,
                &raw const string
            )
        };
        to_result(status)
    }

    /// `WdfControlFinishInitializing`: the device opens from now on.
    pub fn finish_initializing(&self) {
        // SAFETY: a live control device; at most DISPATCH_LEVEL.
        unsafe { call_unsafe_wdf_function_binding!(WdfControlFinishInitializing, self.raw) };
    }

    /// `WdfObjectDelete` (PASSIVE_LEVEL): open handles are closed, the queue purged, the device
    /// deleted.
    pub fn delete(self) {
        // SAFETY: a live control device, deleted once (`self` is consumed), at PASSIVE_LEVEL
        // (callers: EvtDriverDeviceAdd and device cleanup).
        unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, self.raw.cast()) };
    }
}
