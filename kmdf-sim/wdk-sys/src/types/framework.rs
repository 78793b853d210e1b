//! Types of wdfdriver.h, wdfqueryinterface.h, wdfcompaniontarget.h and wdfcx.h beyond the basic
//! set in the parent module. DDI pages "_WDF_<NAME> (<header>)", "EVT_WDF_<NAME> (<header>)".

#[cfg_attr(
    not(test),
    expect(
        clippy::wildcard_imports,
        reason = "the parent's typedefs, as bindgen's one flat scope has them"
    )
)]
use super::*;

// ---------------------------------------------------------------------------------------------
// wdfdriver.h

callbacks! {
    EVT_WDF_TRACE_CALLBACK = PFN_WDF_TRACE_CALLBACK(
        minorFunction: UCHAR, dataPath: PVOID, bufferLength: ULONG, buffer: PVOID, context: PVOID, size: PULONG) -> NTSTATUS;
}

/// DDI: "_WDF_DRIVER_VERSION_AVAILABLE_PARAMS (wdfdriver.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_DRIVER_VERSION_AVAILABLE_PARAMS {
    pub Size: ULONG,
    pub MajorVersion: ULONG,
    pub MinorVersion: ULONG,
}
pub type WDF_DRIVER_VERSION_AVAILABLE_PARAMS = _WDF_DRIVER_VERSION_AVAILABLE_PARAMS;
pub type PWDF_DRIVER_VERSION_AVAILABLE_PARAMS = *mut _WDF_DRIVER_VERSION_AVAILABLE_PARAMS;

// ---------------------------------------------------------------------------------------------
// wdfqueryinterface.h

callbacks! {
    EVT_WDF_DEVICE_PROCESS_QUERY_INTERFACE_REQUEST = PFN_WDF_DEVICE_PROCESS_QUERY_INTERFACE_REQUEST(
        Device: WDFDEVICE, InterfaceType: LPGUID, ExposedInterface: PINTERFACE, ExposedInterfaceSpecificData: PVOID)
        -> NTSTATUS;
}

/// DDI: "_WDF_QUERY_INTERFACE_CONFIG (wdfqueryinterface.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_QUERY_INTERFACE_CONFIG {
    pub Size: ULONG,
    pub Interface: PINTERFACE,
    pub InterfaceType: *const GUID,
    pub SendQueryToParentStack: BOOLEAN,
    pub EvtDeviceProcessQueryInterfaceRequest: PFN_WDF_DEVICE_PROCESS_QUERY_INTERFACE_REQUEST,
    pub ImportInterface: BOOLEAN,
}
pub type WDF_QUERY_INTERFACE_CONFIG = _WDF_QUERY_INTERFACE_CONFIG;
pub type PWDF_QUERY_INTERFACE_CONFIG = *mut _WDF_QUERY_INTERFACE_CONFIG;

// ---------------------------------------------------------------------------------------------
// wdfcompaniontarget.h

c_enum!(_WDF_TASK_SEND_OPTIONS_FLAGS, WDF_TASK_SEND_OPTIONS_FLAGS {
    WDF_TASK_SEND_OPTION_TIMEOUT = 0x0000_0001,
    WDF_TASK_SEND_OPTION_SYNCHRONOUS = 0x0000_0002,
});

/// DDI: "_WDF_TASK_SEND_OPTIONS (wdfcompaniontarget.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_TASK_SEND_OPTIONS {
    pub Size: ULONG,
    pub Flags: ULONG,
    pub Timeout: LONGLONG,
}
pub type WDF_TASK_SEND_OPTIONS = _WDF_TASK_SEND_OPTIONS;
pub type PWDF_TASK_SEND_OPTIONS = *mut _WDF_TASK_SEND_OPTIONS;

// ---------------------------------------------------------------------------------------------
// wdfcx.h (class extensions). The header is not among the public KMDF headers this mirror is
// transcribed from, so its structures are opaque here (see the parent module's list).

/// Opaque, as in the header: `typedef struct WDFCXDEVICE_INIT *PWDFCXDEVICE_INIT;`
#[repr(C)]
#[derive(Debug)]
pub struct WDFCXDEVICE_INIT {
    _unused: [u8; 0],
}
pub type PWDFCXDEVICE_INIT = *mut WDFCXDEVICE_INIT;

macro_rules! opaque_wdf_types {
    ($($name:ident, $alias:ident => $ptr:ident;)*) => {$(
        #[repr(C)]
        #[derive(Debug, Copy, Clone)]
        pub struct $name {
            _unused: [u8; 0],
        }
        pub type $alias = $name;
        pub type $ptr = *mut $name;
    )*};
}
opaque_wdf_types! {
    _WDFCX_FILEOBJECT_CONFIG, WDFCX_FILEOBJECT_CONFIG => PWDFCX_FILEOBJECT_CONFIG;
    _WDFCX_PNPPOWER_EVENT_CALLBACKS, WDFCX_PNPPOWER_EVENT_CALLBACKS => PWDFCX_PNPPOWER_EVENT_CALLBACKS;
    _WDFCX_POWER_POLICY_EVENT_CALLBACKS, WDFCX_POWER_POLICY_EVENT_CALLBACKS => PWDFCX_POWER_POLICY_EVENT_CALLBACKS;
}

/// `PFN_WDFCXDEVICE_WDM_IRP_PREPROCESS` (wdfcx.h): the framework calls it with the device, the
/// IRP and the dispatch context and returns its status (KMDF source, `FxDevice` preprocessing).
pub type EVT_WDFCXDEVICE_WDM_IRP_PREPROCESS = Option<
    unsafe extern "C" fn(Device: WDFDEVICE, Irp: PIRP, DispatchContext: WDFCONTEXT) -> NTSTATUS,
>;
pub type PFN_WDFCXDEVICE_WDM_IRP_PREPROCESS = EVT_WDFCXDEVICE_WDM_IRP_PREPROCESS;

zero_default!(_WDF_QUERY_INTERFACE_CONFIG);

// Layout checks against the x64 sizes and offsets of the WDK headers.
const _: () = {
    use core::mem::offset_of;
    assert!(size_of::<WDF_DRIVER_VERSION_AVAILABLE_PARAMS>() == 0x0C);
    assert!(size_of::<WDF_QUERY_INTERFACE_CONFIG>() == 0x30);
    assert!(offset_of!(_WDF_QUERY_INTERFACE_CONFIG, SendQueryToParentStack) == 0x18);
    assert!(offset_of!(_WDF_QUERY_INTERFACE_CONFIG, ImportInterface) == 0x28);
    assert!(size_of::<WDF_TASK_SEND_OPTIONS>() == 0x10);
};
