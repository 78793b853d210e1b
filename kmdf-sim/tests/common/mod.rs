//! What the test drivers of kmdf-sim's tests share: the `WDF_*_INIT` helpers the C headers have
//! and wdk-sys does not generate, and a DriverEntry body.

use kmdf_sim::wdk_sys::{
    _WDF_EXECUTION_LEVEL, _WDF_SYNCHRONIZATION_SCOPE, _WDF_TRI_STATE, DRIVER_OBJECT, NTSTATUS,
    PCUNICODE_STRING, PFN_WDF_DRIVER_DEVICE_ADD, ULONG, WDF_DRIVER_CONFIG, WDF_IO_QUEUE_CONFIG,
    WDF_IO_QUEUE_DISPATCH_TYPE, WDF_NO_HANDLE, WDF_NO_OBJECT_ATTRIBUTES, WDF_OBJECT_ATTRIBUTES,
    WDFDRIVER, call_unsafe_wdf_function_binding,
};

/// `sizeof(T)` as the `ULONG` the `Size` fields take.
pub const fn size_u32<T>() -> ULONG {
    let size = size_of::<T>();
    assert!(size <= ULONG::MAX as usize);
    #[expect(clippy::cast_possible_truncation, reason = "checked just above")]
    let size = size as ULONG;
    size
}

/// `WDF_OBJECT_ATTRIBUTES_INIT`.
pub fn attributes() -> WDF_OBJECT_ATTRIBUTES {
    WDF_OBJECT_ATTRIBUTES {
        Size: size_u32::<WDF_OBJECT_ATTRIBUTES>(),
        ExecutionLevel: _WDF_EXECUTION_LEVEL::WdfExecutionLevelInheritFromParent,
        SynchronizationScope: _WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeInheritFromParent,
        ..WDF_OBJECT_ATTRIBUTES::default()
    }
}

/// `WDF_IO_QUEUE_CONFIG_INIT` (or `_INIT_DEFAULT_QUEUE`).
pub fn queue_config(
    dispatch: WDF_IO_QUEUE_DISPATCH_TYPE,
    default_queue: bool,
) -> WDF_IO_QUEUE_CONFIG {
    WDF_IO_QUEUE_CONFIG {
        Size: size_u32::<WDF_IO_QUEUE_CONFIG>(),
        DispatchType: dispatch,
        PowerManaged: _WDF_TRI_STATE::WdfUseDefault,
        DefaultQueue: u8::from(default_queue),
        ..WDF_IO_QUEUE_CONFIG::default()
    }
}

/// DriverEntry's usual body: `WdfDriverCreate` with `device_add`.
///
/// # Safety
/// Called from DriverEntry with its arguments.
pub unsafe fn create_driver(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
    device_add: PFN_WDF_DRIVER_DEVICE_ADD,
) -> NTSTATUS {
    let mut config = WDF_DRIVER_CONFIG {
        Size: size_u32::<WDF_DRIVER_CONFIG>(),
        EvtDriverDeviceAdd: device_add,
        ..WDF_DRIVER_CONFIG::default()
    };
    // SAFETY: DriverEntry context (this function's contract); `config` outlives the call.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDriverCreate,
            core::ptr::from_mut(driver),
            registry_path,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut config,
            WDF_NO_HANDLE.cast::<WDFDRIVER>()
        )
    }
}
