//! Types as wdk-sys's bindgen output spells them (KMDF 1.33, x86-64), transcribed from the WDK
//! headers and Microsoft's DDI reference (`wdfdriver.h`, `wdfobject.h`, `wdfio.h`, `wdfdevice.h`,
//! `wdfrequest.h`, `wdftimer.h`, `wdfworkitem.h`, `wdm.h`, `ntdef.h`).
//!
//! Integer typedefs use fixed widths: Windows' `ULONG`/`LONG` are 32 bits while Linux's
//! `c_ulong`/`c_long` are 64, so writing `u32`/`i32` here keeps the layout of the real world.
//! Every struct carries a `const` size assertion against the size on x64 Windows.
//!
//! Submodules hold the types of one header group each (`kernel`, `io`, `device`, `framework`,
//! `hardware`, `usb`); everything is re-exported here, as bindgen's output has one flat scope.
//!
//! Opaque, fields not yet transcribed (a correctly named `#[repr(C)]` struct with no fields, so
//! that pointers to it type-check; a driver that needs a field does not compile here yet):
//! - `_WDFCX_FILEOBJECT_CONFIG`, `_WDFCX_PNPPOWER_EVENT_CALLBACKS`,
//!   `_WDFCX_POWER_POLICY_EVENT_CALLBACKS` (wdfcx.h, not among the public KMDF headers)
//!
//! Kernel structures a KMDF driver only passes through are opaque by design (see
//! `opaque_kernel_types!` below): `_DEVICE_OBJECT`, `_IRP`, `_FILE_OBJECT`, `_MDL`,
//! `_DRIVER_EXTENSION`, `_FAST_IO_DISPATCH`, `_IO_SECURITY_CONTEXT`, `_IO_STACK_LOCATION`,
//! `_KDPC`, `_KPROCESS`, `_KINTERRUPT`, `_DMA_ADAPTER`, `_SCATTER_GATHER_LIST`; and, not yet
//! transcribed, `_CM_PARTIAL_RESOURCE_DESCRIPTOR` and `_IO_RESOURCE_DESCRIPTOR` (wdm.h), whose
//! fields a driver that walks its resources reads.

#![expect(
    clippy::pub_underscore_fields,
    clippy::used_underscore_items,
    reason = "bindgen names (`__bindgen_anon_1`, `_GUID`) and DDI page titles are kept verbatim"
)]
#![expect(non_camel_case_types, reason = "C names, as bindgen keeps them")]
#![expect(non_snake_case, reason = "C field names, as bindgen keeps them")]
#![expect(
    missing_docs,
    reason = "bindgen output carries no docs; the DDI reference is the doc"
)]
#![expect(
    non_upper_case_globals,
    reason = "C enum constant names, as bindgen keeps them"
)]

use core::ffi::{c_int, c_void};
use core::mem::size_of;

// ---------------------------------------------------------------------------------------------
// Basic typedefs (ntdef.h, basetsd.h)
pub type BOOLEAN = u8;
pub type UCHAR = u8;
pub type KIRQL = UCHAR;
pub type CHAR = i8;
pub type CCHAR = i8;
pub type KPROCESSOR_MODE = CCHAR;
pub type USHORT = u16;
pub type CSHORT = i16;
pub type WCHAR = u16;
pub type ULONG = u32;
pub type ACCESS_MASK = ULONG;
pub type LONG = i32;
pub type NTSTATUS = LONG;
pub type LONGLONG = i64;
pub type ULONGLONG = u64;
pub type ULONG64 = u64;
pub type POOL_FLAGS = ULONG64;
pub type ULONG_PTR = u64;
pub type SIZE_T = ULONG_PTR;
pub type PVOID = *mut c_void;
pub type HANDLE = *mut c_void;
pub type LPCSTR = *const CHAR;
pub type PCSTR = *const CHAR;
pub type PCCH = *const CHAR;
pub type PWSTR = *mut WCHAR;
pub type PWCH = *mut WCHAR;
pub type PULONG = *mut ULONG;
pub type PLONGLONG = *mut LONGLONG;
pub type PULONG64 = *mut ULONG64;

// ---------------------------------------------------------------------------------------------
// WDF handles (wdftypes.h): `DECLARE_HANDLE(WDFDEVICE)` under STRICT.
macro_rules! wdf_handles {
    ($($handle:ident => $opaque:ident),* $(,)?) => {$(
        #[repr(C)]
        #[derive(Debug, Default, Copy, Clone)]
        pub struct $opaque {
            pub unused: c_int,
        }
        pub type $handle = *mut $opaque;
    )*};
}
wdf_handles! {
    WDFDRIVER => WDFDRIVER__,
    WDFDEVICE => WDFDEVICE__,
    WDFQUEUE => WDFQUEUE__,
    WDFREQUEST => WDFREQUEST__,
    WDFFILEOBJECT => WDFFILEOBJECT__,
    WDFMEMORY => WDFMEMORY__,
    WDFTIMER => WDFTIMER__,
    WDFWORKITEM => WDFWORKITEM__,
    WDFSPINLOCK => WDFSPINLOCK__,
    WDFWAITLOCK => WDFWAITLOCK__,
    WDFIOTARGET => WDFIOTARGET__,
    WDFKEY => WDFKEY__,
    WDFCOLLECTION => WDFCOLLECTION__,
    WDFSTRING => WDFSTRING__,
    WDFCMRESLIST => WDFCMRESLIST__,
    WDFWMIPROVIDER => WDFWMIPROVIDER__,
    WDFWMIINSTANCE => WDFWMIINSTANCE__,
    WDFDPC => WDFDPC__,
    WDFINTERRUPT => WDFINTERRUPT__,
    WDFLOOKASIDE => WDFLOOKASIDE__,
    WDFUSBDEVICE => WDFUSBDEVICE__,
    WDFUSBINTERFACE => WDFUSBINTERFACE__,
    WDFUSBPIPE => WDFUSBPIPE__,
    WDFDMAENABLER => WDFDMAENABLER__,
    WDFDMATRANSACTION => WDFDMATRANSACTION__,
    WDFCOMMONBUFFER => WDFCOMMONBUFFER__,
    WDFCHILDLIST => WDFCHILDLIST__,
    WDFIORESREQLIST => WDFIORESREQLIST__,
    WDFIORESLIST => WDFIORESLIST__,
    WDFCOMPANIONTARGET => WDFCOMPANIONTARGET__,
}
/// `WDFOBJECT` is a plain `HANDLE`, not a `…__` handle.
pub type WDFOBJECT = HANDLE;
pub type PWDFOBJECT = *mut WDFOBJECT;
pub type WDFCONTEXT = PVOID;

/// Opaque: `typedef struct WDFDEVICE_INIT *PWDFDEVICE_INIT;`. A forward declaration, so, as
/// bindgen does for one, it derives `Debug` only (not `Copy`, `Clone` or `Default`).
#[repr(C)]
#[derive(Debug)]
pub struct WDFDEVICE_INIT {
    _unused: [u8; 0],
}
pub type PWDFDEVICE_INIT = *mut WDFDEVICE_INIT;

// Kernel objects a KMDF driver only passes through. Their real definitions are large; iolab never
// reads their fields, so kmdf-sim keeps them opaque (a driver that touched a field would not
// compile here, which is the point).
macro_rules! opaque_kernel_types {
    ($($name:ident => $ptr:ident),* $(,)?) => {$(
        #[repr(C)]
        #[derive(Debug, Copy, Clone)]
        pub struct $name {
            _unused: [u8; 0],
        }
        pub type $ptr = *mut $name;
    )*};
}
opaque_kernel_types! {
    _DEVICE_OBJECT => PDEVICE_OBJECT,
    _IRP => PIRP,
    _FILE_OBJECT => PFILE_OBJECT,
    _MDL => PMDL,
    _DRIVER_EXTENSION => PDRIVER_EXTENSION,
    _FAST_IO_DISPATCH => PFAST_IO_DISPATCH,
    _IO_SECURITY_CONTEXT => PIO_SECURITY_CONTEXT,
}
pub type DEVICE_OBJECT = _DEVICE_OBJECT;
pub type IRP = _IRP;
pub type FILE_OBJECT = _FILE_OBJECT;
pub type MDL = _MDL;

// ---------------------------------------------------------------------------------------------
// ntdef.h / guiddef.h / wdm.h structures

/// DDI: "_UNICODE_STRING (ntdef.h)". `Length` and `MaximumLength` count bytes.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _UNICODE_STRING {
    pub Length: USHORT,
    pub MaximumLength: USHORT,
    pub Buffer: PWCH,
}
pub type UNICODE_STRING = _UNICODE_STRING;
pub type PUNICODE_STRING = *mut _UNICODE_STRING;
pub type PCUNICODE_STRING = *const _UNICODE_STRING;
impl Default for _UNICODE_STRING {
    fn default() -> Self {
        Self {
            Length: 0,
            MaximumLength: 0,
            Buffer: core::ptr::null_mut(),
        }
    }
}

/// Win32: "GUID structure (guiddef.h)". Derives what bindgen derives under wdk-build's settings
/// (`Debug`, `Default`, `Copy`, `Clone`) and nothing more: wdk-sys's `GUID` has no `PartialEq`,
/// `Eq` or `Hash`, so `==` on GUIDs does not compile in either world (compare the fields).
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _GUID {
    pub Data1: u32,
    pub Data2: u16,
    pub Data3: u16,
    pub Data4: [u8; 8],
}
pub type GUID = _GUID;

/// Win32: "LARGE_INTEGER union (winnt.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _LARGE_INTEGER__bindgen_ty_1 {
    pub LowPart: ULONG,
    pub HighPart: LONG,
}
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _LARGE_INTEGER__bindgen_ty_2 {
    pub LowPart: ULONG,
    pub HighPart: LONG,
}
#[repr(C)]
#[derive(Copy, Clone)]
pub union _LARGE_INTEGER {
    pub __bindgen_anon_1: _LARGE_INTEGER__bindgen_ty_1,
    pub u: _LARGE_INTEGER__bindgen_ty_2,
    pub QuadPart: LONGLONG,
}
impl Default for _LARGE_INTEGER {
    fn default() -> Self {
        Self { QuadPart: 0 }
    }
}
pub type LARGE_INTEGER = _LARGE_INTEGER;
pub type PLARGE_INTEGER = *mut _LARGE_INTEGER;

/// DDI: "_IO_STATUS_BLOCK (wdm.h)".
#[repr(C)]
#[derive(Copy, Clone)]
pub union _IO_STATUS_BLOCK__bindgen_ty_1 {
    pub Status: NTSTATUS,
    pub Pointer: PVOID,
}
/// All zero, as bindgen's `Default` for a union (`derive_default(true)`).
impl Default for _IO_STATUS_BLOCK__bindgen_ty_1 {
    fn default() -> Self {
        Self {
            Pointer: core::ptr::null_mut(),
        }
    }
}
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _IO_STATUS_BLOCK {
    pub __bindgen_anon_1: _IO_STATUS_BLOCK__bindgen_ty_1,
    pub Information: ULONG_PTR,
}
impl Default for _IO_STATUS_BLOCK {
    fn default() -> Self {
        Self {
            __bindgen_anon_1: _IO_STATUS_BLOCK__bindgen_ty_1 {
                Pointer: core::ptr::null_mut(),
            },
            Information: 0,
        }
    }
}
pub type IO_STATUS_BLOCK = _IO_STATUS_BLOCK;
pub type PIO_STATUS_BLOCK = *mut _IO_STATUS_BLOCK;

pub type PDRIVER_INITIALIZE = Option<
    unsafe extern "C" fn(
        DriverObject: *mut _DRIVER_OBJECT,
        RegistryPath: PUNICODE_STRING,
    ) -> NTSTATUS,
>;
pub type PDRIVER_STARTIO =
    Option<unsafe extern "C" fn(DeviceObject: *mut _DEVICE_OBJECT, Irp: *mut _IRP)>;
pub type PDRIVER_UNLOAD = Option<unsafe extern "C" fn(DriverObject: *mut _DRIVER_OBJECT)>;
pub type PDRIVER_DISPATCH =
    Option<unsafe extern "C" fn(DeviceObject: *mut _DEVICE_OBJECT, Irp: *mut _IRP) -> NTSTATUS>;

/// `IRP_MJ_CREATE` (wdm.h).
pub const IRP_MJ_CREATE: u32 = 0x00;
/// `IRP_MJ_READ` (wdm.h).
pub const IRP_MJ_READ: u32 = 0x03;
/// `IRP_MJ_WRITE` (wdm.h).
pub const IRP_MJ_WRITE: u32 = 0x04;
/// `IRP_MJ_DEVICE_CONTROL` (wdm.h).
pub const IRP_MJ_DEVICE_CONTROL: u32 = 0x0e;
/// `IRP_MJ_INTERNAL_DEVICE_CONTROL` (wdm.h).
pub const IRP_MJ_INTERNAL_DEVICE_CONTROL: u32 = 0x0f;
/// `IRP_MJ_MAXIMUM_FUNCTION` (wdm.h).
pub const IRP_MJ_MAXIMUM_FUNCTION: u32 = 0x1b;

/// DDI: "_DRIVER_OBJECT (wdm.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _DRIVER_OBJECT {
    pub Type: CSHORT,
    pub Size: CSHORT,
    pub DeviceObject: PDEVICE_OBJECT,
    pub Flags: ULONG,
    pub DriverStart: PVOID,
    pub DriverSize: ULONG,
    pub DriverSection: PVOID,
    pub DriverExtension: PDRIVER_EXTENSION,
    pub DriverName: UNICODE_STRING,
    pub HardwareDatabase: PUNICODE_STRING,
    pub FastIoDispatch: PFAST_IO_DISPATCH,
    pub DriverInit: PDRIVER_INITIALIZE,
    pub DriverStartIo: PDRIVER_STARTIO,
    pub DriverUnload: PDRIVER_UNLOAD,
    pub MajorFunction: [PDRIVER_DISPATCH; 28],
}
pub type DRIVER_OBJECT = _DRIVER_OBJECT;
pub type PDRIVER_OBJECT = *mut _DRIVER_OBJECT;
impl Default for _DRIVER_OBJECT {
    fn default() -> Self {
        Self {
            Type: 0,
            Size: 0,
            DeviceObject: core::ptr::null_mut(),
            Flags: 0,
            DriverStart: core::ptr::null_mut(),
            DriverSize: 0,
            DriverSection: core::ptr::null_mut(),
            DriverExtension: core::ptr::null_mut(),
            DriverName: UNICODE_STRING::default(),
            HardwareDatabase: core::ptr::null_mut(),
            FastIoDispatch: core::ptr::null_mut(),
            DriverInit: None,
            DriverStartIo: None,
            DriverUnload: None,
            MajorFunction: [None; 28],
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Enumerations: bindgen's module-const style, `Type = c_int` (MSVC's enum type).
macro_rules! c_enum {
    ($(#[$meta:meta])* $module:ident $(, $alias:ident)? $(; ptr $palias:ident)? { $($name:ident = $value:expr),* $(,)? }) => {
        $(#[$meta])*
        pub mod $module {
            pub type Type = core::ffi::c_int;
            $(pub const $name: Type = $value;)*
        }
        $(pub type $alias = $module::Type;)?
        $(pub type $palias = *mut $module::Type;)?
    };
}

c_enum!(_WDF_TRI_STATE, WDF_TRI_STATE; ptr PWDF_TRI_STATE { WdfFalse = 0, WdfTrue = 1, WdfUseDefault = 2 });
c_enum!(_WDF_IO_QUEUE_DISPATCH_TYPE, WDF_IO_QUEUE_DISPATCH_TYPE {
    WdfIoQueueDispatchInvalid = 0,
    WdfIoQueueDispatchSequential = 1,
    WdfIoQueueDispatchParallel = 2,
    WdfIoQueueDispatchManual = 3,
    WdfIoQueueDispatchMax = 4,
});
c_enum!(_WDF_EXECUTION_LEVEL, WDF_EXECUTION_LEVEL {
    WdfExecutionLevelInvalid = 0,
    WdfExecutionLevelInheritFromParent = 1,
    WdfExecutionLevelPassive = 2,
    WdfExecutionLevelDispatch = 3,
});
c_enum!(_WDF_SYNCHRONIZATION_SCOPE, WDF_SYNCHRONIZATION_SCOPE {
    WdfSynchronizationScopeInvalid = 0,
    WdfSynchronizationScopeInheritFromParent = 1,
    WdfSynchronizationScopeDevice = 2,
    WdfSynchronizationScopeQueue = 3,
    WdfSynchronizationScopeNone = 4,
});
c_enum!(_WDF_DEVICE_IO_TYPE, WDF_DEVICE_IO_TYPE; ptr PWDF_DEVICE_IO_TYPE {
    WdfDeviceIoUndefined = 0,
    WdfDeviceIoNeither = 1,
    WdfDeviceIoBuffered = 2,
    WdfDeviceIoDirect = 3,
    WdfDeviceIoBufferedOrDirect = 4,
    WdfDeviceIoMaximum = 5,
});
c_enum!(_WDF_REQUEST_TYPE, WDF_REQUEST_TYPE {
    WdfRequestTypeCreate = 0x0,
    WdfRequestTypeCreateNamedPipe = 0x1,
    WdfRequestTypeClose = 0x2,
    WdfRequestTypeRead = 0x3,
    WdfRequestTypeWrite = 0x4,
    WdfRequestTypeQueryInformation = 0x5,
    WdfRequestTypeSetInformation = 0x6,
    WdfRequestTypeQueryEA = 0x7,
    WdfRequestTypeSetEA = 0x8,
    WdfRequestTypeFlushBuffers = 0x9,
    WdfRequestTypeQueryVolumeInformation = 0xA,
    WdfRequestTypeSetVolumeInformation = 0xB,
    WdfRequestTypeDirectoryControl = 0xC,
    WdfRequestTypeFileSystemControl = 0xD,
    WdfRequestTypeDeviceControl = 0xE,
    WdfRequestTypeDeviceControlInternal = 0xF,
    WdfRequestTypeShutdown = 0x10,
    WdfRequestTypeLockControl = 0x11,
    WdfRequestTypeCleanup = 0x12,
    WdfRequestTypeCreateMailSlot = 0x13,
    WdfRequestTypeQuerySecurity = 0x14,
    WdfRequestTypeSetSecurity = 0x15,
    WdfRequestTypePower = 0x16,
    WdfRequestTypeSystemControl = 0x17,
    WdfRequestTypeDeviceChange = 0x18,
    WdfRequestTypeQueryQuota = 0x19,
    WdfRequestTypeSetQuota = 0x1A,
    WdfRequestTypePnp = 0x1B,
    WdfRequestTypeOther = 0x1C,
    WdfRequestTypeUsb = 0x40,
    WdfRequestTypeNoFormat = 0xFF,
    WdfRequestTypeMax = 0x100,
});
c_enum!(_WDF_FILEOBJECT_CLASS, WDF_FILEOBJECT_CLASS; ptr PWDF_FILEOBJECT_CLASS {
    WdfFileObjectInvalid = 0,
    WdfFileObjectNotRequired = 1,
    WdfFileObjectWdfCanUseFsContext = 2,
    WdfFileObjectWdfCanUseFsContext2 = 3,
    WdfFileObjectWdfCannotUseFsContexts = 4,
    WdfFileObjectCanBeOptional = -2_147_483_648,
});
c_enum!(_WDF_REQUEST_SEND_OPTIONS_FLAGS {
    WDF_REQUEST_SEND_OPTION_TIMEOUT = 0x1,
    WDF_REQUEST_SEND_OPTION_SYNCHRONOUS = 0x2,
    WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE = 0x4,
    WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET = 0x8,
    WDF_REQUEST_SEND_OPTION_IMPERSONATE_CLIENT = 0x10000,
    WDF_REQUEST_SEND_OPTION_IMPERSONATION_IGNORE_FAILURE = 0x20000,
});
c_enum!(_WDF_REQUEST_STOP_ACTION_FLAGS {
    WdfRequestStopActionInvalid = 0,
    WdfRequestStopActionSuspend = 0x1,
    WdfRequestStopActionPurge = 0x2,
    WdfRequestStopRequestCancelable = 0x1000_0000,
});
c_enum!(_WDF_POWER_DEVICE_STATE, WDF_POWER_DEVICE_STATE; ptr PWDF_POWER_DEVICE_STATE {
    WdfPowerDeviceInvalid = 0,
    WdfPowerDeviceD0 = 1,
    WdfPowerDeviceD1 = 2,
    WdfPowerDeviceD2 = 3,
    WdfPowerDeviceD3 = 4,
    WdfPowerDeviceD3Final = 5,
    WdfPowerDevicePrepareForHibernation = 6,
    WdfPowerDeviceMaximum = 7,
});
c_enum!(_WDF_SPECIAL_FILE_TYPE, WDF_SPECIAL_FILE_TYPE; ptr PWDF_SPECIAL_FILE_TYPE {
    WdfSpecialFileUndefined = 0,
    WdfSpecialFilePaging = 1,
    WdfSpecialFileHibernation = 2,
    WdfSpecialFileDump = 3,
    WdfSpecialFileBoot = 4,
    WdfSpecialFilePostDisplay = 5,
    WdfSpecialFileGuestAssigned = 6,
    WdfSpecialFileMax = 7,
});
c_enum!(_WDF_DRIVER_INIT_FLAGS {
    WdfDriverInitNonPnpDriver = 0x1,
    WdfDriverInitNoDispatchOverride = 0x2,
    WdfVerifyOn = 0x4,
    WdfVerifierOn = 0x8,
    WdfDriverInitCompanion = 0x10,
});
c_enum!(_WDF_IO_QUEUE_STATE, WDF_IO_QUEUE_STATE {
    WdfIoQueueAcceptRequests = 0x1,
    WdfIoQueueDispatchRequests = 0x2,
    WdfIoQueueNoRequests = 0x4,
    WdfIoQueueDriverNoRequests = 0x8,
    WdfIoQueuePnpHeld = 0x10,
});
c_enum!(_WDF_DEVICE_FAILED_ACTION, WDF_DEVICE_FAILED_ACTION {
    WdfDeviceFailedUndefined = 0,
    WdfDeviceFailedAttemptRestart = 1,
    WdfDeviceFailedNoRestart = 2,
});
c_enum!(_POOL_TYPE, POOL_TYPE {
    NonPagedPool = 0,
    NonPagedPoolExecute = 0,
    PagedPool = 1,
    NonPagedPoolMustSucceed = 2,
    NonPagedPoolCacheAligned = 4,
    PagedPoolCacheAligned = 5,
    NonPagedPoolSession = 32,
    PagedPoolSession = 33,
    NonPagedPoolNx = 512,
    NonPagedPoolNxCacheAligned = 516,
    NonPagedPoolSessionNx = 544,
});
c_enum!(_MODE, MODE { KernelMode = 0, UserMode = 1, MaximumMode = 2 });
c_enum!(_DEVICE_RELATION_TYPE, DEVICE_RELATION_TYPE {
    BusRelations = 0,
    EjectionRelations = 1,
    PowerRelations = 2,
    RemovalRelations = 3,
    TargetDeviceRelation = 4,
    SingleBusRelations = 5,
    TransportRelations = 6,
});

// ---------------------------------------------------------------------------------------------
// Event callback types (DDI "EVT_WDF_<NAME>"): `PFN_X = EVT_X = Option<unsafe extern "C" fn>`.
macro_rules! callbacks {
    ($($evt:ident = $pfn:ident ($($arg:ident : $ty:ty),*) $(-> $ret:ty)?;)*) => {$(
        pub type $evt = Option<unsafe extern "C" fn($($arg: $ty),*) $(-> $ret)?>;
        pub type $pfn = $evt;
    )*};
}
callbacks! {
    EVT_WDF_DRIVER_DEVICE_ADD = PFN_WDF_DRIVER_DEVICE_ADD(Driver: WDFDRIVER, DeviceInit: PWDFDEVICE_INIT) -> NTSTATUS;
    EVT_WDF_DRIVER_UNLOAD = PFN_WDF_DRIVER_UNLOAD(Driver: WDFDRIVER);
    EVT_WDF_OBJECT_CONTEXT_CLEANUP = PFN_WDF_OBJECT_CONTEXT_CLEANUP(Object: WDFOBJECT);
    EVT_WDF_OBJECT_CONTEXT_DESTROY = PFN_WDF_OBJECT_CONTEXT_DESTROY(Object: WDFOBJECT);
    EVT_WDF_IO_QUEUE_IO_DEFAULT = PFN_WDF_IO_QUEUE_IO_DEFAULT(Queue: WDFQUEUE, Request: WDFREQUEST);
    EVT_WDF_IO_QUEUE_IO_READ = PFN_WDF_IO_QUEUE_IO_READ(Queue: WDFQUEUE, Request: WDFREQUEST, Length: usize);
    EVT_WDF_IO_QUEUE_IO_WRITE = PFN_WDF_IO_QUEUE_IO_WRITE(Queue: WDFQUEUE, Request: WDFREQUEST, Length: usize);
    EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL = PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL(
        Queue: WDFQUEUE, Request: WDFREQUEST, OutputBufferLength: usize, InputBufferLength: usize, IoControlCode: ULONG);
    EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL = PFN_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL(
        Queue: WDFQUEUE, Request: WDFREQUEST, OutputBufferLength: usize, InputBufferLength: usize, IoControlCode: ULONG);
    EVT_WDF_IO_QUEUE_IO_STOP = PFN_WDF_IO_QUEUE_IO_STOP(Queue: WDFQUEUE, Request: WDFREQUEST, ActionFlags: ULONG);
    EVT_WDF_IO_QUEUE_IO_RESUME = PFN_WDF_IO_QUEUE_IO_RESUME(Queue: WDFQUEUE, Request: WDFREQUEST);
    EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE = PFN_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE(Queue: WDFQUEUE, Request: WDFREQUEST);
    EVT_WDF_IO_QUEUE_STATE = PFN_WDF_IO_QUEUE_STATE(Queue: WDFQUEUE, Context: WDFCONTEXT);
    EVT_WDF_REQUEST_CANCEL = PFN_WDF_REQUEST_CANCEL(Request: WDFREQUEST);
    EVT_WDF_TIMER = PFN_WDF_TIMER(Timer: WDFTIMER);
    EVT_WDF_WORKITEM = PFN_WDF_WORKITEM(WorkItem: WDFWORKITEM);
    EVT_WDF_DEVICE_FILE_CREATE = PFN_WDF_DEVICE_FILE_CREATE(Device: WDFDEVICE, Request: WDFREQUEST, FileObject: WDFFILEOBJECT);
    EVT_WDF_FILE_CLOSE = PFN_WDF_FILE_CLOSE(FileObject: WDFFILEOBJECT);
    EVT_WDF_FILE_CLEANUP = PFN_WDF_FILE_CLEANUP(FileObject: WDFFILEOBJECT);
    EVT_WDF_DEVICE_D0_ENTRY = PFN_WDF_DEVICE_D0_ENTRY(Device: WDFDEVICE, PreviousState: WDF_POWER_DEVICE_STATE) -> NTSTATUS;
    EVT_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED = PFN_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED(
        Device: WDFDEVICE, PreviousState: WDF_POWER_DEVICE_STATE) -> NTSTATUS;
    EVT_WDF_DEVICE_D0_EXIT = PFN_WDF_DEVICE_D0_EXIT(Device: WDFDEVICE, TargetState: WDF_POWER_DEVICE_STATE) -> NTSTATUS;
    EVT_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED = PFN_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED(
        Device: WDFDEVICE, TargetState: WDF_POWER_DEVICE_STATE) -> NTSTATUS;
    EVT_WDF_DEVICE_PREPARE_HARDWARE = PFN_WDF_DEVICE_PREPARE_HARDWARE(
        Device: WDFDEVICE, ResourcesRaw: WDFCMRESLIST, ResourcesTranslated: WDFCMRESLIST) -> NTSTATUS;
    EVT_WDF_DEVICE_RELEASE_HARDWARE = PFN_WDF_DEVICE_RELEASE_HARDWARE(
        Device: WDFDEVICE, ResourcesTranslated: WDFCMRESLIST) -> NTSTATUS;
    EVT_WDF_DEVICE_SELF_MANAGED_IO_CLEANUP = PFN_WDF_DEVICE_SELF_MANAGED_IO_CLEANUP(Device: WDFDEVICE);
    EVT_WDF_DEVICE_SELF_MANAGED_IO_FLUSH = PFN_WDF_DEVICE_SELF_MANAGED_IO_FLUSH(Device: WDFDEVICE);
    EVT_WDF_DEVICE_SELF_MANAGED_IO_INIT = PFN_WDF_DEVICE_SELF_MANAGED_IO_INIT(Device: WDFDEVICE) -> NTSTATUS;
    EVT_WDF_DEVICE_SELF_MANAGED_IO_SUSPEND = PFN_WDF_DEVICE_SELF_MANAGED_IO_SUSPEND(Device: WDFDEVICE) -> NTSTATUS;
    EVT_WDF_DEVICE_SELF_MANAGED_IO_RESTART = PFN_WDF_DEVICE_SELF_MANAGED_IO_RESTART(Device: WDFDEVICE) -> NTSTATUS;
    EVT_WDF_DEVICE_SURPRISE_REMOVAL = PFN_WDF_DEVICE_SURPRISE_REMOVAL(Device: WDFDEVICE);
    EVT_WDF_DEVICE_QUERY_REMOVE = PFN_WDF_DEVICE_QUERY_REMOVE(Device: WDFDEVICE) -> NTSTATUS;
    EVT_WDF_DEVICE_QUERY_STOP = PFN_WDF_DEVICE_QUERY_STOP(Device: WDFDEVICE) -> NTSTATUS;
    EVT_WDF_DEVICE_USAGE_NOTIFICATION = PFN_WDF_DEVICE_USAGE_NOTIFICATION(
        Device: WDFDEVICE, NotificationType: WDF_SPECIAL_FILE_TYPE, IsInNotificationPath: BOOLEAN);
    EVT_WDF_DEVICE_USAGE_NOTIFICATION_EX = PFN_WDF_DEVICE_USAGE_NOTIFICATION_EX(
        Device: WDFDEVICE, NotificationType: WDF_SPECIAL_FILE_TYPE, IsInNotificationPath: BOOLEAN) -> NTSTATUS;
    EVT_WDF_DEVICE_RELATIONS_QUERY = PFN_WDF_DEVICE_RELATIONS_QUERY(Device: WDFDEVICE, RelationType: DEVICE_RELATION_TYPE);
}
/// `PFN_GET_UNIQUE_CONTEXT_TYPE` (wdfobject.h).
pub type PFN_GET_UNIQUE_CONTEXT_TYPE =
    Option<unsafe extern "C" fn() -> PCWDF_OBJECT_CONTEXT_TYPE_INFO>;

// ---------------------------------------------------------------------------------------------
// WDF structures. Each `Default` fills zeroes, as bindgen's `derive_default` does.
macro_rules! zero_default {
    ($($ty:ident),* $(,)?) => {$(
        impl Default for $ty {
            fn default() -> Self {
                // SAFETY: every field of this `repr(C)` struct is an integer, a raw pointer, an
                // `Option` of a function pointer or a union of those: all-zero bytes are a valid
                // value of each (0, null, `None`), exactly as bindgen's generated `Default` does.
                unsafe { core::mem::zeroed() }
            }
        }
    )*};
}

/// DDI: "_WDF_DRIVER_CONFIG (wdfdriver.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_DRIVER_CONFIG {
    pub Size: ULONG,
    pub EvtDriverDeviceAdd: PFN_WDF_DRIVER_DEVICE_ADD,
    pub EvtDriverUnload: PFN_WDF_DRIVER_UNLOAD,
    pub DriverInitFlags: ULONG,
    pub DriverPoolTag: ULONG,
}
pub type WDF_DRIVER_CONFIG = _WDF_DRIVER_CONFIG;
pub type PWDF_DRIVER_CONFIG = *mut _WDF_DRIVER_CONFIG;

/// DDI: "_WDF_OBJECT_CONTEXT_TYPE_INFO (wdfobject.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_OBJECT_CONTEXT_TYPE_INFO {
    pub Size: ULONG,
    pub ContextName: LPCSTR,
    pub ContextSize: usize,
    pub UniqueType: PCWDF_OBJECT_CONTEXT_TYPE_INFO,
    pub EvtDriverGetUniqueContextType: PFN_GET_UNIQUE_CONTEXT_TYPE,
}
pub type WDF_OBJECT_CONTEXT_TYPE_INFO = _WDF_OBJECT_CONTEXT_TYPE_INFO;
pub type PWDF_OBJECT_CONTEXT_TYPE_INFO = *mut _WDF_OBJECT_CONTEXT_TYPE_INFO;
pub type PCWDF_OBJECT_CONTEXT_TYPE_INFO = *const _WDF_OBJECT_CONTEXT_TYPE_INFO;

/// DDI: "_WDF_OBJECT_ATTRIBUTES (wdfobject.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_OBJECT_ATTRIBUTES {
    pub Size: ULONG,
    pub EvtCleanupCallback: PFN_WDF_OBJECT_CONTEXT_CLEANUP,
    pub EvtDestroyCallback: PFN_WDF_OBJECT_CONTEXT_DESTROY,
    pub ExecutionLevel: WDF_EXECUTION_LEVEL,
    pub SynchronizationScope: WDF_SYNCHRONIZATION_SCOPE,
    pub ParentObject: WDFOBJECT,
    pub ContextSizeOverride: usize,
    pub ContextTypeInfo: PCWDF_OBJECT_CONTEXT_TYPE_INFO,
}
pub type WDF_OBJECT_ATTRIBUTES = _WDF_OBJECT_ATTRIBUTES;
pub type PWDF_OBJECT_ATTRIBUTES = *mut _WDF_OBJECT_ATTRIBUTES;

/// The anonymous `Settings.Parallel` struct of `WDF_IO_QUEUE_CONFIG` (KMDF 1.9).
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_IO_QUEUE_CONFIG__bindgen_ty_1__bindgen_ty_1 {
    pub NumberOfPresentedRequests: ULONG,
}
/// The anonymous `Settings` union of `WDF_IO_QUEUE_CONFIG`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_IO_QUEUE_CONFIG__bindgen_ty_1 {
    pub Parallel: _WDF_IO_QUEUE_CONFIG__bindgen_ty_1__bindgen_ty_1,
}

/// DDI: "_WDF_IO_QUEUE_CONFIG (wdfio.h)".
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_IO_QUEUE_CONFIG {
    pub Size: ULONG,
    pub DispatchType: WDF_IO_QUEUE_DISPATCH_TYPE,
    pub PowerManaged: WDF_TRI_STATE,
    pub AllowZeroLengthRequests: BOOLEAN,
    pub DefaultQueue: BOOLEAN,
    pub EvtIoDefault: PFN_WDF_IO_QUEUE_IO_DEFAULT,
    pub EvtIoRead: PFN_WDF_IO_QUEUE_IO_READ,
    pub EvtIoWrite: PFN_WDF_IO_QUEUE_IO_WRITE,
    pub EvtIoDeviceControl: PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL,
    pub EvtIoInternalDeviceControl: PFN_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL,
    pub EvtIoStop: PFN_WDF_IO_QUEUE_IO_STOP,
    pub EvtIoResume: PFN_WDF_IO_QUEUE_IO_RESUME,
    pub EvtIoCanceledOnQueue: PFN_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE,
    pub Settings: _WDF_IO_QUEUE_CONFIG__bindgen_ty_1,
    pub Driver: WDFDRIVER,
}
pub type WDF_IO_QUEUE_CONFIG = _WDF_IO_QUEUE_CONFIG;
pub type PWDF_IO_QUEUE_CONFIG = *mut _WDF_IO_QUEUE_CONFIG;

/// DDI: "_WDF_PNPPOWER_EVENT_CALLBACKS (wdfdevice.h)". Cleanup and Flush precede Init.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_PNPPOWER_EVENT_CALLBACKS {
    pub Size: ULONG,
    pub EvtDeviceD0Entry: PFN_WDF_DEVICE_D0_ENTRY,
    pub EvtDeviceD0EntryPostInterruptsEnabled: PFN_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED,
    pub EvtDeviceD0Exit: PFN_WDF_DEVICE_D0_EXIT,
    pub EvtDeviceD0ExitPreInterruptsDisabled: PFN_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED,
    pub EvtDevicePrepareHardware: PFN_WDF_DEVICE_PREPARE_HARDWARE,
    pub EvtDeviceReleaseHardware: PFN_WDF_DEVICE_RELEASE_HARDWARE,
    pub EvtDeviceSelfManagedIoCleanup: PFN_WDF_DEVICE_SELF_MANAGED_IO_CLEANUP,
    pub EvtDeviceSelfManagedIoFlush: PFN_WDF_DEVICE_SELF_MANAGED_IO_FLUSH,
    pub EvtDeviceSelfManagedIoInit: PFN_WDF_DEVICE_SELF_MANAGED_IO_INIT,
    pub EvtDeviceSelfManagedIoSuspend: PFN_WDF_DEVICE_SELF_MANAGED_IO_SUSPEND,
    pub EvtDeviceSelfManagedIoRestart: PFN_WDF_DEVICE_SELF_MANAGED_IO_RESTART,
    pub EvtDeviceSurpriseRemoval: PFN_WDF_DEVICE_SURPRISE_REMOVAL,
    pub EvtDeviceQueryRemove: PFN_WDF_DEVICE_QUERY_REMOVE,
    pub EvtDeviceQueryStop: PFN_WDF_DEVICE_QUERY_STOP,
    pub EvtDeviceUsageNotification: PFN_WDF_DEVICE_USAGE_NOTIFICATION,
    pub EvtDeviceRelationsQuery: PFN_WDF_DEVICE_RELATIONS_QUERY,
    pub EvtDeviceUsageNotificationEx: PFN_WDF_DEVICE_USAGE_NOTIFICATION_EX,
}
pub type WDF_PNPPOWER_EVENT_CALLBACKS = _WDF_PNPPOWER_EVENT_CALLBACKS;
pub type PWDF_PNPPOWER_EVENT_CALLBACKS = *mut _WDF_PNPPOWER_EVENT_CALLBACKS;

/// DDI: "_WDF_FILEOBJECT_CONFIG (wdfdevice.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_FILEOBJECT_CONFIG {
    pub Size: ULONG,
    pub EvtDeviceFileCreate: PFN_WDF_DEVICE_FILE_CREATE,
    pub EvtFileClose: PFN_WDF_FILE_CLOSE,
    pub EvtFileCleanup: PFN_WDF_FILE_CLEANUP,
    pub AutoForwardCleanupClose: WDF_TRI_STATE,
    pub FileObjectClass: WDF_FILEOBJECT_CLASS,
}
pub type WDF_FILEOBJECT_CONFIG = _WDF_FILEOBJECT_CONFIG;
pub type PWDF_FILEOBJECT_CONFIG = *mut _WDF_FILEOBJECT_CONFIG;

/// DDI: "_WDF_TIMER_CONFIG (wdftimer.h)". `UseHighResolutionTimer` is `DECLSPEC_ALIGN(8)`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_TIMER_CONFIG {
    pub Size: ULONG,
    pub EvtTimerFunc: PFN_WDF_TIMER,
    pub Period: ULONG,
    pub AutomaticSerialization: BOOLEAN,
    pub TolerableDelay: ULONG,
    pub __bindgen_padding_0: [u8; 4],
    pub UseHighResolutionTimer: BOOLEAN,
}
pub type WDF_TIMER_CONFIG = _WDF_TIMER_CONFIG;
pub type PWDF_TIMER_CONFIG = *mut _WDF_TIMER_CONFIG;

/// DDI: "_WDF_WORKITEM_CONFIG (wdfworkitem.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_WORKITEM_CONFIG {
    pub Size: ULONG,
    pub EvtWorkItemFunc: PFN_WDF_WORKITEM,
    pub AutomaticSerialization: BOOLEAN,
}
pub type WDF_WORKITEM_CONFIG = _WDF_WORKITEM_CONFIG;
pub type PWDF_WORKITEM_CONFIG = *mut _WDF_WORKITEM_CONFIG;

/// `Parameters.Create` of `WDF_REQUEST_PARAMETERS` (pointer-aligned fields, hence the padding).
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_1 {
    pub SecurityContext: PIO_SECURITY_CONTEXT,
    pub Options: ULONG,
    pub __bindgen_padding_0: [u16; 2],
    pub FileAttributes: USHORT,
    pub ShareAccess: USHORT,
    pub __bindgen_padding_1: u32,
    pub EaLength: ULONG,
}
/// `Parameters.Read` of `WDF_REQUEST_PARAMETERS`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_2 {
    pub Length: usize,
    pub Key: ULONG,
    pub DeviceOffset: LONGLONG,
}
/// `Parameters.Write` of `WDF_REQUEST_PARAMETERS`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_3 {
    pub Length: usize,
    pub Key: ULONG,
    pub DeviceOffset: LONGLONG,
}
/// `Parameters.DeviceIoControl` of `WDF_REQUEST_PARAMETERS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_4 {
    pub OutputBufferLength: usize,
    pub InputBufferLength: usize,
    pub IoControlCode: ULONG,
    pub Type3InputBuffer: PVOID,
}
/// `Parameters.Others` of `WDF_REQUEST_PARAMETERS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_5 {
    pub Arg1: PVOID,
    pub Arg2: PVOID,
    pub IoControlCode: ULONG,
    pub Arg4: PVOID,
}
/// The anonymous `Parameters` union of `WDF_REQUEST_PARAMETERS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_REQUEST_PARAMETERS__bindgen_ty_1 {
    pub Create: _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_1,
    pub Read: _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_2,
    pub Write: _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_3,
    pub DeviceIoControl: _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_4,
    pub Others: _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_5,
}
/// DDI: "_WDF_REQUEST_PARAMETERS (wdfrequest.h)". `Size` is a USHORT.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_REQUEST_PARAMETERS {
    pub Size: USHORT,
    pub MinorFunction: UCHAR,
    pub Type: WDF_REQUEST_TYPE,
    pub Parameters: _WDF_REQUEST_PARAMETERS__bindgen_ty_1,
}
pub type WDF_REQUEST_PARAMETERS = _WDF_REQUEST_PARAMETERS;
pub type PWDF_REQUEST_PARAMETERS = *mut _WDF_REQUEST_PARAMETERS;

/// DDI: "_WDF_REQUEST_SEND_OPTIONS (wdfrequest.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_REQUEST_SEND_OPTIONS {
    pub Size: ULONG,
    pub Flags: ULONG,
    pub Timeout: LONGLONG,
}
pub type WDF_REQUEST_SEND_OPTIONS = _WDF_REQUEST_SEND_OPTIONS;
pub type PWDF_REQUEST_SEND_OPTIONS = *mut _WDF_REQUEST_SEND_OPTIONS;

/// wdfglobals.h: `WDF_DRIVER_GLOBALS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_DRIVER_GLOBALS {
    pub Driver: WDFDRIVER,
    pub DriverFlags: ULONG,
    pub DriverTag: ULONG,
    pub DriverName: [CHAR; 32],
    pub DisplaceDriverUnload: BOOLEAN,
}
pub type WDF_DRIVER_GLOBALS = _WDF_DRIVER_GLOBALS;
pub type PWDF_DRIVER_GLOBALS = *mut _WDF_DRIVER_GLOBALS;

zero_default!(
    _WDF_DRIVER_CONFIG,
    _WDF_OBJECT_CONTEXT_TYPE_INFO,
    _WDF_OBJECT_ATTRIBUTES,
    _WDF_IO_QUEUE_CONFIG__bindgen_ty_1,
    _WDF_IO_QUEUE_CONFIG,
    _WDF_PNPPOWER_EVENT_CALLBACKS,
    _WDF_FILEOBJECT_CONFIG,
    _WDF_TIMER_CONFIG,
    _WDF_WORKITEM_CONFIG,
    _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_1,
    _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_4,
    _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_5,
    _WDF_REQUEST_PARAMETERS__bindgen_ty_1,
    _WDF_REQUEST_PARAMETERS,
    _WDF_DRIVER_GLOBALS,
);

// Layout checks against the x64 sizes and offsets of the WDK headers.
const _: () = {
    assert!(size_of::<UNICODE_STRING>() == 0x10);
    assert!(size_of::<GUID>() == 0x10);
    assert!(size_of::<LARGE_INTEGER>() == 8);
    assert!(size_of::<IO_STATUS_BLOCK>() == 0x10);
    assert!(size_of::<DRIVER_OBJECT>() == 0x150);
    assert!(core::mem::offset_of!(_DRIVER_OBJECT, MajorFunction) == 0x70);
    assert!(size_of::<WDF_DRIVER_CONFIG>() == 0x20);
    assert!(size_of::<WDF_OBJECT_ATTRIBUTES>() == 0x38);
    assert!(size_of::<WDF_OBJECT_CONTEXT_TYPE_INFO>() == 0x28);
    assert!(size_of::<WDF_IO_QUEUE_CONFIG>() == 0x60);
    assert!(core::mem::offset_of!(_WDF_IO_QUEUE_CONFIG, Settings) == 0x50);
    assert!(core::mem::offset_of!(_WDF_IO_QUEUE_CONFIG, EvtIoDeviceControl) == 0x28);
    assert!(size_of::<WDF_PNPPOWER_EVENT_CALLBACKS>() == 0x90);
    assert!(
        core::mem::offset_of!(_WDF_PNPPOWER_EVENT_CALLBACKS, EvtDeviceSelfManagedIoInit) == 0x48
    );
    assert!(size_of::<WDF_FILEOBJECT_CONFIG>() == 0x28);
    assert!(size_of::<WDF_TIMER_CONFIG>() == 0x28);
    assert!(core::mem::offset_of!(_WDF_TIMER_CONFIG, UseHighResolutionTimer) == 0x20);
    assert!(size_of::<WDF_WORKITEM_CONFIG>() == 0x18);
    assert!(size_of::<WDF_REQUEST_PARAMETERS>() == 0x28);
    assert!(core::mem::offset_of!(_WDF_REQUEST_PARAMETERS, Parameters) == 0x08);
    assert!(size_of::<_WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_1>() == 0x20);
    assert!(
        core::mem::offset_of!(
            _WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_1,
            EaLength
        ) == 0x18
    );
    assert!(size_of::<WDF_REQUEST_SEND_OPTIONS>() == 0x10);
    assert!(size_of::<WDF_DRIVER_GLOBALS>() == 0x38);
};

mod device;
mod framework;
mod hardware;
mod io;
mod kernel;
mod usb;

pub use device::*;
pub use framework::*;
pub use hardware::*;
pub use io::*;
pub use kernel::*;
pub use usb::*;
