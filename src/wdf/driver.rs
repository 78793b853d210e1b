//! The WDFDRIVER: `WdfDriverCreate` and the driver-level callbacks (EvtDriverDeviceAdd,
//! EvtDriverUnload), and the ETW provider's life, which is the driver's: registered before
//! `WdfDriverCreate`, unregistered by EvtDriverUnload or when DriverEntry fails (no
//! EvtDriverUnload follows a failed DriverEntry). DDI: "WdfDriverCreate function (wdfdriver.h)".

use wdk_sys::{
    DRIVER_OBJECT, NTSTATUS, PCUNICODE_STRING, PWDFDEVICE_INIT, ULONG, WDF_DRIVER_CONFIG,
    WDF_NO_HANDLE, WDF_NO_OBJECT_ATTRIBUTES, WDFDRIVER, call_unsafe_wdf_function_binding,
};

use super::device::DeviceInit;
use super::status::{Result, from_result, to_result};
use super::trace;

/// The driver's answers to driver-level events.
pub trait DriverCallbacks: 'static {
    /// EvtDriverDeviceAdd: create the device for a new device node.
    ///
    /// # Errors
    /// The status that fails the device add (Device Manager's Code 31).
    fn device_add(init: DeviceInit<'_>) -> Result;

    /// EvtDriverUnload: release what the driver holds outside its objects.
    fn unload() {}
}

/// Registers the ETW provider, then creates the WDFDRIVER with `T`'s callbacks; on failure
/// writes a `Failure` event and unregisters the provider again.
///
/// # Safety
/// Called from DriverEntry at PASSIVE_LEVEL, once, with the driver object and registry path the
/// I/O manager passed to it.
///
/// # Errors
/// The status `WdfDriverCreate` failed with.
pub unsafe fn create<T: DriverCallbacks>(
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
    trace::register();
    // SAFETY: called from DriverEntry at PASSIVE_LEVEL (this function's contract) with the
    // system's driver object and registry path; `config` is a complete WDF_DRIVER_CONFIG that
    // outlives the call; no attributes and no handle out-pointer are optional per the DDI.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDriverCreate,
            core::ptr::from_mut(driver),
            registry_path,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut config,
            WDF_NO_HANDLE.cast::<WDFDRIVER>()
        )
    };
    let result = to_result(status);
    if let Err(status) = result {
        trace::failure("WdfDriverCreate", status);
        trace::unregister();
    }
    result
}

unsafe extern "C" fn evt_driver_device_add<T: DriverCallbacks>(
    _driver: WDFDRIVER,
    device_init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    // SAFETY: the framework passes a live WDFDEVICE_INIT that stays valid until this callback
    // returns or WdfDeviceCreate consumes it; `DeviceInit` cannot outlive the callback.
    let init = unsafe { DeviceInit::from_raw(device_init) };
    let result = T::device_add(init);
    if let Err(status) = result {
        trace::failure("EvtDriverDeviceAdd", status);
    }
    from_result(result)
}

unsafe extern "C" fn evt_driver_unload<T: DriverCallbacks>(_driver: WDFDRIVER) {
    T::unload();
    trace::unregister();
}
