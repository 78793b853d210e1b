//! A test driver's usual EvtDriverDeviceAdd body. Included with
//! `#[path = "common/device.rs"] mod device;` by the tests that use it (not from `common`, so
//! that test crates that do not use it get no dead-code warning).

use kmdf_sim::wdk_sys::{
    GUID, NTSTATUS, PWDFDEVICE_INIT, STATUS_SUCCESS, WDF_IO_QUEUE_CONFIG, WDF_NO_OBJECT_ATTRIBUTES,
    WDFDEVICE, WDFQUEUE, call_unsafe_wdf_function_binding,
};

/// `WdfDeviceCreate` (no attributes), a device interface of `interface`, and a queue from
/// `config`. Returns the first failure status.
///
/// # Safety
/// Called from EvtDriverDeviceAdd with its `init`.
pub unsafe fn create_device(
    mut init: PWDFDEVICE_INIT,
    interface: &GUID,
    mut config: WDF_IO_QUEUE_CONFIG,
) -> NTSTATUS {
    let mut device: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: EvtDriverDeviceAdd context (this function's contract).
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut init,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut device
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    // SAFETY: live device; `interface` outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            interface,
            core::ptr::null()
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: live device; `config` outlives the call.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut queue
        )
    }
}
