//! The WDFDRIVER: `WdfDriverCreate` with a typed driver context, and the driver-level callbacks
//! (EvtDriverDeviceAdd, EvtDriverUnload). DDI: "WdfDriverCreate function (wdfdriver.h)",
//! "WdfDeviceGetDriver function (wdfdevice.h)".
//!
//! What the driver keeps across its devices lives in the WDFDRIVER's context, never in Rust
//! statics: several simulated kernels run one after another (or side by side in other
//! processes) in one test binary, each with its own driver object.
//!
//! The ETW provider's life is the driver's: registered before `WdfDriverCreate`, unregistered by
//! EvtDriverUnload or when DriverEntry fails (no EvtDriverUnload follows a failed DriverEntry).

use wdk_sys::{
    DRIVER_OBJECT, NTSTATUS, PCUNICODE_STRING, PWDFDEVICE_INIT, ULONG, WDF_DRIVER_CONFIG,
    WDFDRIVER, WDFOBJECT, call_unsafe_wdf_function_binding,
};

use super::context::{self, ObjectContext};
use super::device::DeviceInit;
use super::status::{NtStatus, Result, from_result, to_result};
use super::trace;

/// A WDFDRIVER handle, for creating objects parented to the driver and control devices.
#[derive(Clone, Copy, Debug)]
pub struct Driver {
    raw: WDFDRIVER,
}

// SAFETY: a handle; the DDIs the layer calls with it accept it from any thread.
unsafe impl Send for Driver {}
// SAFETY: as above; it is never dereferenced.
unsafe impl Sync for Driver {}

impl Driver {
    /// Wraps a live WDFDRIVER handle.
    ///
    /// # Safety
    /// `raw` is the live WDFDRIVER of this driver; it stays live while the value is used (the
    /// driver object outlives every callback and every object parented to it).
    pub(crate) unsafe fn from_raw(raw: WDFDRIVER) -> Self {
        Self { raw }
    }

    pub(crate) fn raw(self) -> WDFDRIVER {
        self.raw
    }

    /// The driver as a framework object (a parent).
    pub(crate) fn object(self) -> WDFOBJECT {
        self.raw.cast()
    }

    /// The driver's `T` context, if it has an initialised one.
    #[must_use]
    pub fn context<T: ObjectContext>(&self) -> Option<&T> {
        // SAFETY: a live driver (this type's invariant); the context is dropped only in the
        // driver's cleanup, which runs after every device and callback is gone.
        unsafe { context::get::<T>(self.object()) }
    }
}

/// The driver's answers to driver-level events, and its context.
pub trait DriverCallbacks: 'static {
    /// What the driver keeps across its devices: the WDFDRIVER's context.
    type Context: ObjectContext;

    /// The driver context, made in DriverEntry right after `WdfDriverCreate` (objects it
    /// creates, such as locks and collections, may be parented to `driver`).
    ///
    /// # Errors
    /// The status that fails DriverEntry.
    fn driver_context(driver: Driver) -> Result<Self::Context>;

    /// EvtDriverDeviceAdd: create the device for a new device node.
    ///
    /// # Errors
    /// The status that fails the device add (Device Manager's Code 31).
    fn device_add(driver: Driver, context: &Self::Context, init: DeviceInit<'_>) -> Result;

    /// EvtDriverUnload: release what the driver holds outside its objects.
    fn unload() {}
}

/// Registers the ETW provider, then creates the WDFDRIVER with `T`'s callbacks and its context;
/// on failure writes a `Failure` event and unregisters the provider again.
///
/// # Safety
/// Called from DriverEntry at PASSIVE_LEVEL, once, with the driver object and registry path the
/// I/O manager passed to it.
///
/// # Errors
/// The status `WdfDriverCreate` failed with, or the one `T::driver_context` failed with.
pub unsafe fn create<T: DriverCallbacks>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> Result {
    trace::register();
    // SAFETY: this function's contract.
    let result = unsafe { create_driver::<T>(driver, registry_path) };
    if let Err(status) = result {
        trace::failure("DriverEntry", status);
        trace::unregister();
    }
    result
}

/// [`create`] without the provider.
///
/// # Safety
/// As [`create`].
unsafe fn create_driver<T: DriverCallbacks>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> Result {
    #[expect(clippy::cast_possible_truncation, reason = "the structure is 32 bytes")]
    let size = size_of::<WDF_DRIVER_CONFIG>() as ULONG;
    let mut config = WDF_DRIVER_CONFIG {
        Size: size,
        EvtDriverDeviceAdd: Some(evt_driver_device_add::<T>),
        EvtDriverUnload: Some(evt_driver_unload::<T>),
        ..WDF_DRIVER_CONFIG::default()
    };
    let mut attributes = context::attributes_for::<T::Context>();
    let mut handle: WDFDRIVER = core::ptr::null_mut();
    // SAFETY: called from DriverEntry at PASSIVE_LEVEL (this function's contract) with the
    // system's driver object and registry path; `config`, `attributes` and `handle` outlive the
    // call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDriverCreate,
            core::ptr::from_mut(driver),
            registry_path,
            &raw mut attributes,
            &raw mut config,
            &raw mut handle
        )
    };
    to_result(status)?;
    if handle.is_null() {
        return Err(NtStatus::UNSUCCESSFUL);
    }
    // SAFETY: the WDFDRIVER just created; it lives until the driver unloads.
    let driver = unsafe { Driver::from_raw(handle) };
    let value = T::driver_context(driver)?;
    // SAFETY: the driver was created with `attributes_for::<T::Context>()` and its context is
    // not initialised yet; no device can be added before DriverEntry returns.
    unsafe { context::init::<T::Context>(driver.object(), value) }
}

unsafe extern "C" fn evt_driver_device_add<T: DriverCallbacks>(
    driver: WDFDRIVER,
    device_init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    // SAFETY: the framework passes its live WDFDRIVER.
    let driver = unsafe { Driver::from_raw(driver) };
    let Some(context) = driver.context::<T::Context>() else {
        return from_result(Err(NtStatus::UNSUCCESSFUL));
    };
    // SAFETY: the framework passes a live WDFDEVICE_INIT that stays valid until this callback
    // returns or WdfDeviceCreate consumes it; `DeviceInit` cannot outlive the callback.
    let init = unsafe { DeviceInit::from_raw(device_init) };
    let result = T::device_add(driver, context, init);
    if let Err(status) = result {
        trace::failure("EvtDriverDeviceAdd", status);
    }
    from_result(result)
}

unsafe extern "C" fn evt_driver_unload<T: DriverCallbacks>(_driver: WDFDRIVER) {
    T::unload();
    trace::unregister();
}
