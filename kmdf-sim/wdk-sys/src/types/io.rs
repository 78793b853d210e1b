//! Types of wdfio.h, wdfrequest.h, wdfiotarget.h, wdfmemory.h and wdfdpc.h beyond the basic set
//! in the parent module. DDI pages "_WDF_<NAME> (<header>)", "EVT_WDF_<NAME> (<header>)".

#[cfg_attr(
    not(test),
    expect(
        clippy::wildcard_imports,
        reason = "the parent's typedefs, as bindgen's one flat scope has them"
    )
)]
use super::*;

// ---------------------------------------------------------------------------------------------
// wdfio.h: forward progress

c_enum!(_WDF_IO_FORWARD_PROGRESS_ACTION, WDF_IO_FORWARD_PROGRESS_ACTION {
    WdfIoForwardProgressActionInvalid = 0x0,
    WdfIoForwardProgressActionFailRequest = 0x1,
    WdfIoForwardProgressActionUseReservedRequest = 0x2,
});
c_enum!(_WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY, WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY {
    WdfIoForwardProgressInvalidPolicy = 0x0,
    WdfIoForwardProgressReservedPolicyAlwaysUseReservedRequest = 0x1,
    WdfIoForwardProgressReservedPolicyUseExamine = 0x2,
    WdfIoForwardProgressReservedPolicyPagingIO = 0x3,
});

callbacks! {
    EVT_WDF_IO_ALLOCATE_RESOURCES_FOR_RESERVED_REQUEST = PFN_WDF_IO_ALLOCATE_RESOURCES_FOR_RESERVED_REQUEST(
        Queue: WDFQUEUE, Request: WDFREQUEST) -> NTSTATUS;
    EVT_WDF_IO_ALLOCATE_REQUEST_RESOURCES = PFN_WDF_IO_ALLOCATE_REQUEST_RESOURCES(
        Queue: WDFQUEUE, Request: WDFREQUEST) -> NTSTATUS;
    EVT_WDF_IO_WDM_IRP_FOR_FORWARD_PROGRESS = PFN_WDF_IO_WDM_IRP_FOR_FORWARD_PROGRESS(
        Queue: WDFQUEUE, Irp: PIRP) -> WDF_IO_FORWARD_PROGRESS_ACTION;
}

/// `Policy.ExaminePolicy` of `WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS__bindgen_ty_1__bindgen_ty_1 {
    pub EvtIoWdmIrpForForwardProgress: PFN_WDF_IO_WDM_IRP_FOR_FORWARD_PROGRESS,
}
/// The anonymous `Policy` union of `WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS__bindgen_ty_1 {
    pub ExaminePolicy:
        _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS__bindgen_ty_1__bindgen_ty_1,
}
/// wdfio.h: `WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS {
    pub Policy: _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS__bindgen_ty_1,
}
pub type WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS =
    _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS;

/// DDI: "_WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY (wdfio.h)".
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY {
    pub Size: ULONG,
    pub TotalForwardProgressRequests: ULONG,
    pub ForwardProgressReservedPolicy: WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY,
    pub ForwardProgressReservePolicySettings: WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS,
    pub EvtIoAllocateResourcesForReservedRequest:
        PFN_WDF_IO_ALLOCATE_RESOURCES_FOR_RESERVED_REQUEST,
    pub EvtIoAllocateRequestResources: PFN_WDF_IO_ALLOCATE_REQUEST_RESOURCES,
}
pub type WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY = _WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY;
pub type PWDF_IO_QUEUE_FORWARD_PROGRESS_POLICY = *mut _WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY;

// ---------------------------------------------------------------------------------------------
// wdfrequest.h

c_enum!(_WDF_REQUEST_REUSE_FLAGS, WDF_REQUEST_REUSE_FLAGS {
    WDF_REQUEST_REUSE_NO_FLAGS = 0x0000_0000,
    WDF_REQUEST_REUSE_SET_NEW_IRP = 0x0000_0001,
});
c_enum!(_WDF_REQUEST_FORWARD_OPTIONS_FLAGS, WDF_REQUEST_FORWARD_OPTIONS_FLAGS {
    WDF_REQUEST_FORWARD_OPTION_SEND_AND_FORGET = 0x0000_0001,
});
pub type WDF_REQUEST_SEND_OPTIONS_FLAGS = _WDF_REQUEST_SEND_OPTIONS_FLAGS::Type;
pub type WDF_REQUEST_STOP_ACTION_FLAGS = _WDF_REQUEST_STOP_ACTION_FLAGS::Type;

callbacks! {
    EVT_WDF_REQUEST_COMPLETION_ROUTINE = PFN_WDF_REQUEST_COMPLETION_ROUTINE(
        Request: WDFREQUEST, Target: WDFIOTARGET, Params: PWDF_REQUEST_COMPLETION_PARAMS, Context: WDFCONTEXT);
}

/// `Parameters.Write` of `WDF_REQUEST_COMPLETION_PARAMS` (declared before `Read`).
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_1 {
    pub Buffer: WDFMEMORY,
    pub Length: usize,
    pub Offset: usize,
}
/// `Parameters.Read` of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_2 {
    pub Buffer: WDFMEMORY,
    pub Length: usize,
    pub Offset: usize,
}
/// `Parameters.Ioctl.Input` of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3__bindgen_ty_1 {
    pub Buffer: WDFMEMORY,
    pub Offset: usize,
}
/// `Parameters.Ioctl.Output` of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3__bindgen_ty_2 {
    pub Buffer: WDFMEMORY,
    pub Offset: usize,
    pub Length: usize,
}
/// `Parameters.Ioctl` of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3 {
    pub IoControlCode: ULONG,
    pub Input: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3__bindgen_ty_1,
    pub Output: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3__bindgen_ty_2,
}
/// `Parameters.Others.Argument1` of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_1 {
    pub Ptr: PVOID,
    pub Value: ULONG_PTR,
}
/// `Parameters.Others.Argument2` of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_2 {
    pub Ptr: PVOID,
    pub Value: ULONG_PTR,
}
/// `Parameters.Others.Argument3` of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_3 {
    pub Ptr: PVOID,
    pub Value: ULONG_PTR,
}
/// `Parameters.Others.Argument4` of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_4 {
    pub Ptr: PVOID,
    pub Value: ULONG_PTR,
}
/// `Parameters.Others` of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4 {
    pub Argument1: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_1,
    pub Argument2: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_2,
    pub Argument3: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_3,
    pub Argument4: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_4,
}
/// `Parameters.Usb` of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_5 {
    pub Completion: PWDF_USB_REQUEST_COMPLETION_PARAMS,
}
/// The anonymous `Parameters` union of `WDF_REQUEST_COMPLETION_PARAMS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1 {
    pub Write: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_1,
    pub Read: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_2,
    pub Ioctl: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3,
    pub Others: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4,
    pub Usb: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_5,
}
/// DDI: "_WDF_REQUEST_COMPLETION_PARAMS (wdfrequest.h)".
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_REQUEST_COMPLETION_PARAMS {
    pub Size: ULONG,
    pub Type: WDF_REQUEST_TYPE,
    pub IoStatus: IO_STATUS_BLOCK,
    pub Parameters: _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1,
}
pub type WDF_REQUEST_COMPLETION_PARAMS = _WDF_REQUEST_COMPLETION_PARAMS;
pub type PWDF_REQUEST_COMPLETION_PARAMS = *mut _WDF_REQUEST_COMPLETION_PARAMS;

/// DDI: "_WDF_REQUEST_REUSE_PARAMS (wdfrequest.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_REQUEST_REUSE_PARAMS {
    pub Size: ULONG,
    pub Flags: ULONG,
    pub Status: NTSTATUS,
    pub NewIrp: PIRP,
}
pub type WDF_REQUEST_REUSE_PARAMS = _WDF_REQUEST_REUSE_PARAMS;
pub type PWDF_REQUEST_REUSE_PARAMS = *mut _WDF_REQUEST_REUSE_PARAMS;

/// DDI: "_WDF_REQUEST_FORWARD_OPTIONS (wdfrequest.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_REQUEST_FORWARD_OPTIONS {
    pub Size: ULONG,
    pub Flags: ULONG,
}
pub type WDF_REQUEST_FORWARD_OPTIONS = _WDF_REQUEST_FORWARD_OPTIONS;
pub type PWDF_REQUEST_FORWARD_OPTIONS = *mut _WDF_REQUEST_FORWARD_OPTIONS;

// ---------------------------------------------------------------------------------------------
// wdfiotarget.h

c_enum!(_WDF_IO_TARGET_STATE, WDF_IO_TARGET_STATE; ptr PWDF_IO_TARGET_STATE {
    WdfIoTargetStateUndefined = 0,
    WdfIoTargetStarted = 1,
    WdfIoTargetStopped = 2,
    WdfIoTargetClosedForQueryRemove = 3,
    WdfIoTargetClosed = 4,
    WdfIoTargetDeleted = 5,
    WdfIoTargetPurged = 6,
});
c_enum!(_WDF_IO_TARGET_OPEN_TYPE, WDF_IO_TARGET_OPEN_TYPE {
    WdfIoTargetOpenUndefined = 0,
    WdfIoTargetOpenUseExistingDevice = 1,
    WdfIoTargetOpenByName = 2,
    WdfIoTargetOpenReopen = 3,
    WdfIoTargetOpenLocalTargetByFile = 4,
});
c_enum!(_WDF_IO_TARGET_SENT_IO_ACTION, WDF_IO_TARGET_SENT_IO_ACTION {
    WdfIoTargetSentIoUndefined = 0,
    WdfIoTargetCancelSentIo = 1,
    WdfIoTargetWaitForSentIoToComplete = 2,
    WdfIoTargetLeaveSentIoPending = 3,
});
c_enum!(_WDF_IO_TARGET_PURGE_IO_ACTION, WDF_IO_TARGET_PURGE_IO_ACTION {
    WdfIoTargetPurgeIoUndefined = 0,
    WdfIoTargetPurgeIoAndWait = 1,
    WdfIoTargetPurgeIo = 2,
});

callbacks! {
    EVT_WDF_IO_TARGET_QUERY_REMOVE = PFN_WDF_IO_TARGET_QUERY_REMOVE(IoTarget: WDFIOTARGET) -> NTSTATUS;
    EVT_WDF_IO_TARGET_REMOVE_CANCELED = PFN_WDF_IO_TARGET_REMOVE_CANCELED(IoTarget: WDFIOTARGET);
    EVT_WDF_IO_TARGET_REMOVE_COMPLETE = PFN_WDF_IO_TARGET_REMOVE_COMPLETE(IoTarget: WDFIOTARGET);
}

/// DDI: "_WDF_IO_TARGET_OPEN_PARAMS (wdfiotarget.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_IO_TARGET_OPEN_PARAMS {
    pub Size: ULONG,
    pub Type: WDF_IO_TARGET_OPEN_TYPE,
    pub EvtIoTargetQueryRemove: PFN_WDF_IO_TARGET_QUERY_REMOVE,
    pub EvtIoTargetRemoveCanceled: PFN_WDF_IO_TARGET_REMOVE_CANCELED,
    pub EvtIoTargetRemoveComplete: PFN_WDF_IO_TARGET_REMOVE_COMPLETE,
    pub TargetDeviceObject: PDEVICE_OBJECT,
    pub TargetFileObject: PFILE_OBJECT,
    pub TargetDeviceName: UNICODE_STRING,
    pub DesiredAccess: ACCESS_MASK,
    pub ShareAccess: ULONG,
    pub FileAttributes: ULONG,
    pub CreateDisposition: ULONG,
    pub CreateOptions: ULONG,
    pub EaBuffer: PVOID,
    pub EaBufferLength: ULONG,
    pub AllocationSize: PLONGLONG,
    pub FileInformation: ULONG,
    pub FileName: UNICODE_STRING,
}
pub type WDF_IO_TARGET_OPEN_PARAMS = _WDF_IO_TARGET_OPEN_PARAMS;
pub type PWDF_IO_TARGET_OPEN_PARAMS = *mut _WDF_IO_TARGET_OPEN_PARAMS;

// ---------------------------------------------------------------------------------------------
// wdfmemory.h

c_enum!(_WDF_MEMORY_DESCRIPTOR_TYPE, WDF_MEMORY_DESCRIPTOR_TYPE {
    WdfMemoryDescriptorTypeInvalid = 0,
    WdfMemoryDescriptorTypeBuffer = 1,
    WdfMemoryDescriptorTypeMdl = 2,
    WdfMemoryDescriptorTypeHandle = 3,
});

/// DDI: "WDFMEMORY_OFFSET structure (wdfmemory.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDFMEMORY_OFFSET {
    pub BufferOffset: usize,
    pub BufferLength: usize,
}
pub type WDFMEMORY_OFFSET = _WDFMEMORY_OFFSET;
pub type PWDFMEMORY_OFFSET = *mut _WDFMEMORY_OFFSET;

/// `u.BufferType` of `WDF_MEMORY_DESCRIPTOR`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_1 {
    pub Buffer: PVOID,
    pub Length: ULONG,
}
/// `u.MdlType` of `WDF_MEMORY_DESCRIPTOR`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_2 {
    pub Mdl: PMDL,
    pub BufferLength: ULONG,
}
/// `u.HandleType` of `WDF_MEMORY_DESCRIPTOR`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_3 {
    pub Memory: WDFMEMORY,
    pub Offsets: PWDFMEMORY_OFFSET,
}
/// The `u` union of `WDF_MEMORY_DESCRIPTOR`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1 {
    pub BufferType: _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_1,
    pub MdlType: _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_2,
    pub HandleType: _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_3,
}
/// DDI: "_WDF_MEMORY_DESCRIPTOR (wdfmemory.h)".
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_MEMORY_DESCRIPTOR {
    pub Type: WDF_MEMORY_DESCRIPTOR_TYPE,
    pub u: _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1,
}
pub type WDF_MEMORY_DESCRIPTOR = _WDF_MEMORY_DESCRIPTOR;
pub type PWDF_MEMORY_DESCRIPTOR = *mut _WDF_MEMORY_DESCRIPTOR;

// ---------------------------------------------------------------------------------------------
// wdfdpc.h

callbacks! {
    EVT_WDF_DPC = PFN_WDF_DPC(Dpc: WDFDPC);
}

/// DDI: "_WDF_DPC_CONFIG (wdfdpc.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_DPC_CONFIG {
    pub Size: ULONG,
    pub EvtDpcFunc: PFN_WDF_DPC,
    pub AutomaticSerialization: BOOLEAN,
}
pub type WDF_DPC_CONFIG = _WDF_DPC_CONFIG;
pub type PWDF_DPC_CONFIG = *mut _WDF_DPC_CONFIG;

zero_default!(
    _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS__bindgen_ty_1__bindgen_ty_1,
    _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS__bindgen_ty_1,
    _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS,
    _WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_1,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_2,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3__bindgen_ty_1,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3__bindgen_ty_2,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_1,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_2,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_3,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4__bindgen_ty_4,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_5,
    _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1,
    _WDF_REQUEST_COMPLETION_PARAMS,
    _WDF_REQUEST_REUSE_PARAMS,
    _WDF_IO_TARGET_OPEN_PARAMS,
    _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_1,
    _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_2,
    _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_3,
    _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1,
    _WDF_MEMORY_DESCRIPTOR,
    _WDF_DPC_CONFIG,
);

// Layout checks against the x64 sizes and offsets of the WDK headers.
const _: () = {
    use core::mem::offset_of;
    assert!(size_of::<WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS>() == 0x08);
    assert!(size_of::<WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY>() == 0x28);
    assert!(
        offset_of!(
            _WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY,
            ForwardProgressReservePolicySettings
        ) == 0x10
    );
    assert!(
        offset_of!(
            _WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY,
            EvtIoAllocateRequestResources
        ) == 0x20
    );
    assert!(size_of::<WDF_REQUEST_COMPLETION_PARAMS>() == 0x48);
    assert!(offset_of!(_WDF_REQUEST_COMPLETION_PARAMS, IoStatus) == 0x08);
    assert!(offset_of!(_WDF_REQUEST_COMPLETION_PARAMS, Parameters) == 0x18);
    assert!(size_of::<_WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3>() == 0x30);
    assert!(
        offset_of!(
            _WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3,
            Output
        ) == 0x18
    );
    assert!(size_of::<_WDF_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4>() == 0x20);
    assert!(size_of::<WDF_REQUEST_REUSE_PARAMS>() == 0x18);
    assert!(offset_of!(_WDF_REQUEST_REUSE_PARAMS, NewIrp) == 0x10);
    assert!(size_of::<WDF_REQUEST_FORWARD_OPTIONS>() == 0x08);
    assert!(size_of::<WDF_IO_TARGET_OPEN_PARAMS>() == 0x88);
    assert!(offset_of!(_WDF_IO_TARGET_OPEN_PARAMS, TargetDeviceName) == 0x30);
    assert!(offset_of!(_WDF_IO_TARGET_OPEN_PARAMS, DesiredAccess) == 0x40);
    assert!(offset_of!(_WDF_IO_TARGET_OPEN_PARAMS, EaBuffer) == 0x58);
    assert!(offset_of!(_WDF_IO_TARGET_OPEN_PARAMS, AllocationSize) == 0x68);
    assert!(offset_of!(_WDF_IO_TARGET_OPEN_PARAMS, FileName) == 0x78);
    assert!(size_of::<WDFMEMORY_OFFSET>() == 0x10);
    assert!(size_of::<WDF_MEMORY_DESCRIPTOR>() == 0x18);
    assert!(offset_of!(_WDF_MEMORY_DESCRIPTOR, u) == 0x08);
    assert!(size_of::<WDF_DPC_CONFIG>() == 0x18);
    assert!(offset_of!(_WDF_DPC_CONFIG, AutomaticSerialization) == 0x10);
};
