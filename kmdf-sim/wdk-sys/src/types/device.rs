//! Types of wdfdevice.h, wdfcontrol.h, wdffdo.h, wdfpdo.h and wdfchildlist.h beyond the basic set
//! in the parent module (and the wdm.h power types they name). DDI pages
//! "_WDF_<NAME> (<header>)", "EVT_WDF_<NAME> (<header>)".
//!
//! Enumerations whose constants are not yet transcribed (the type and its `...Invalid` value
//! only): `WDF_DEVICE_POWER_STATE` (0x300 range) and `WDF_DEVICE_POWER_POLICY_STATE` (0x500
//! range).

#[cfg_attr(
    not(test),
    expect(
        clippy::wildcard_imports,
        reason = "the parent's typedefs, as bindgen's one flat scope has them"
    )
)]
use super::*;

// ---------------------------------------------------------------------------------------------
// wdm.h power types the device structures name

c_enum!(_SYSTEM_POWER_STATE, SYSTEM_POWER_STATE; ptr PSYSTEM_POWER_STATE {
    PowerSystemUnspecified = 0,
    PowerSystemWorking = 1,
    PowerSystemSleeping1 = 2,
    PowerSystemSleeping2 = 3,
    PowerSystemSleeping3 = 4,
    PowerSystemHibernate = 5,
    PowerSystemShutdown = 6,
    PowerSystemMaximum = 7,
});
c_enum!(_DEVICE_POWER_STATE, DEVICE_POWER_STATE; ptr PDEVICE_POWER_STATE {
    PowerDeviceUnspecified = 0,
    PowerDeviceD0 = 1,
    PowerDeviceD1 = 2,
    PowerDeviceD2 = 3,
    PowerDeviceD3 = 4,
    PowerDeviceMaximum = 5,
});
c_enum!(_POWER_ACTION, POWER_ACTION; ptr PPOWER_ACTION {
    PowerActionNone = 0,
    PowerActionReserved = 1,
    PowerActionSleep = 2,
    PowerActionHibernate = 3,
    PowerActionShutdown = 4,
    PowerActionShutdownReset = 5,
    PowerActionShutdownOff = 6,
    PowerActionWarmEject = 7,
    PowerActionDisplayOff = 8,
});

/// `DEVPROPTYPE` (devpropdef.h).
pub type DEVPROPTYPE = ULONG;
pub type PDEVPROPTYPE = *mut ULONG;
/// `DEVPROPID` (devpropdef.h).
pub type DEVPROPID = ULONG;
/// `DEVPROPGUID` (devpropdef.h).
pub type DEVPROPGUID = GUID;

/// Win32: "DEVPROPKEY structure (devpropdef.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _DEVPROPKEY {
    pub fmtid: DEVPROPGUID,
    pub pid: DEVPROPID,
}
pub type DEVPROPKEY = _DEVPROPKEY;
pub type PDEVPROPKEY = *mut _DEVPROPKEY;

/// `POHANDLE` (wdm.h): `DECLARE_HANDLE(POHANDLE)`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct POHANDLE__ {
    pub unused: c_int,
}
pub type POHANDLE = *mut POHANDLE__;

/// `PO_FX_COMPONENT` (wdm.h, `PO_FX_COMPONENT_V1`/`_V2` by version): opaque here.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _PO_FX_COMPONENT {
    _unused: [u8; 0],
}
pub type PO_FX_COMPONENT = _PO_FX_COMPONENT;
pub type PPO_FX_COMPONENT = *mut _PO_FX_COMPONENT;

/// DDI: "PO_FX_COMPONENT_ACTIVE_CONDITION_CALLBACK (wdm.h)".
pub type PPO_FX_COMPONENT_ACTIVE_CONDITION_CALLBACK =
    Option<unsafe extern "C" fn(Context: PVOID, Component: ULONG)>;
/// DDI: "PO_FX_COMPONENT_IDLE_CONDITION_CALLBACK (wdm.h)".
pub type PPO_FX_COMPONENT_IDLE_CONDITION_CALLBACK =
    Option<unsafe extern "C" fn(Context: PVOID, Component: ULONG)>;
/// DDI: "PO_FX_COMPONENT_IDLE_STATE_CALLBACK (wdm.h)".
pub type PPO_FX_COMPONENT_IDLE_STATE_CALLBACK =
    Option<unsafe extern "C" fn(Context: PVOID, Component: ULONG, State: ULONG)>;
/// DDI: "PO_FX_POWER_CONTROL_CALLBACK (wdm.h)".
pub type PPO_FX_POWER_CONTROL_CALLBACK = Option<
    unsafe extern "C" fn(
        DeviceContext: PVOID,
        PowerControlCode: LPCGUID,
        InBuffer: PVOID,
        InBufferSize: SIZE_T,
        OutBuffer: PVOID,
        OutBufferSize: SIZE_T,
        BytesReturned: *mut SIZE_T,
    ) -> NTSTATUS,
>;

// ---------------------------------------------------------------------------------------------
// wdfdevice.h: enumerations

c_enum!(_WDF_DEVICE_STATE_FLAGS, WDF_DEVICE_STATE_FLAGS { WdfDevStateNP = 0x8000 });
c_enum!(_WDF_DEVICE_PNP_STATE, WDF_DEVICE_PNP_STATE; ptr PWDF_DEVICE_PNP_STATE {
    WdfDevStatePnpInvalid = 0x00,
    WdfDevStatePnpObjectCreated = 0x100,
    WdfDevStatePnpCheckForDevicePresence = 0x101,
    WdfDevStatePnpEjectFailed = 0x102,
    WdfDevStatePnpEjectHardware = 0x103,
    WdfDevStatePnpEjectedWaitingForRemove = 0x104,
    WdfDevStatePnpInit = 0x105,
    WdfDevStatePnpInitStarting = 0x106,
    WdfDevStatePnpInitSurpriseRemoved = 0x107,
    WdfDevStatePnpHardwareAvailable = 0x108,
    WdfDevStatePnpEnableInterfaces = 0x109,
    WdfDevStatePnpHardwareAvailablePowerPolicyFailed = 0x10A,
    WdfDevStatePnpQueryRemoveAskDriver = 0x10B,
    WdfDevStatePnpQueryRemovePending = 0x10C,
    WdfDevStatePnpQueryRemoveStaticCheck = 0x10D,
    WdfDevStatePnpQueriedRemoving = 0x10E,
    WdfDevStatePnpQueryStopAskDriver = 0x10F,
    WdfDevStatePnpQueryStopPending = 0x110,
    WdfDevStatePnpQueryStopStaticCheck = 0x111,
    WdfDevStatePnpQueryCanceled = 0x112,
    WdfDevStatePnpRemoved = 0x113,
    WdfDevStatePnpPdoRemoved = 0x114,
    WdfDevStatePnpRemovedPdoWait = 0x115,
    WdfDevStatePnpRemovedPdoSurpriseRemoved = 0x116,
    WdfDevStatePnpRemovingDisableInterfaces = 0x117,
    WdfDevStatePnpRestarting = 0x118,
    WdfDevStatePnpStarted = 0x119,
    WdfDevStatePnpStartedCancelStop = 0x11A,
    WdfDevStatePnpStartedCancelRemove = 0x11B,
    WdfDevStatePnpStartedRemoving = 0x11C,
    WdfDevStatePnpStartingFromStopped = 0x11D,
    WdfDevStatePnpStopped = 0x11E,
    WdfDevStatePnpStoppedWaitForStartCompletion = 0x11F,
    WdfDevStatePnpStartedStopping = 0x120,
    WdfDevStatePnpSurpriseRemove = 0x121,
    WdfDevStatePnpInitQueryRemove = 0x122,
    WdfDevStatePnpInitQueryRemoveCanceled = 0x123,
    WdfDevStatePnpFdoRemoved = 0x124,
    WdfDevStatePnpRemovedWaitForChildren = 0x125,
    WdfDevStatePnpQueriedSurpriseRemove = 0x126,
    WdfDevStatePnpSurpriseRemoveIoStarted = 0x127,
    WdfDevStatePnpFailedPowerDown = 0x128,
    WdfDevStatePnpFailedIoStarting = 0x129,
    WdfDevStatePnpFailedOwnHardware = 0x12A,
    WdfDevStatePnpFailed = 0x12B,
    WdfDevStatePnpFailedSurpriseRemoved = 0x12C,
    WdfDevStatePnpFailedStarted = 0x12D,
    WdfDevStatePnpFailedWaitForRemove = 0x12E,
    WdfDevStatePnpFailedInit = 0x12F,
    WdfDevStatePnpPdoInitFailed = 0x130,
    WdfDevStatePnpRestart = 0x131,
    WdfDevStatePnpRestartReleaseHardware = 0x132,
    WdfDevStatePnpRestartHardwareAvailable = 0x133,
    WdfDevStatePnpPdoRestart = 0x134,
    WdfDevStatePnpFinal = 0x135,
    WdfDevStatePnpRemovedChildrenRemoved = 0x136,
    WdfDevStatePnpQueryRemoveEnsureDeviceAwake = 0x137,
    WdfDevStatePnpQueryStopEnsureDeviceAwake = 0x138,
    WdfDevStatePnpFailedPowerPolicyRemoved = 0x139,
    WdfDevStatePnpNull = 0x13A,
});
c_enum!(_WDF_DEVICE_POWER_STATE, WDF_DEVICE_POWER_STATE; ptr PWDF_DEVICE_POWER_STATE {
    WdfDevStatePowerInvalid = 0x00,
});
c_enum!(_WDF_DEVICE_POWER_POLICY_STATE, WDF_DEVICE_POWER_POLICY_STATE; ptr PWDF_DEVICE_POWER_POLICY_STATE {
    WdfDevStatePwrPolInvalid = 0x00,
});
c_enum!(_WDF_STATE_NOTIFICATION_TYPE, WDF_STATE_NOTIFICATION_TYPE {
    StateNotificationInvalid = 0x0000,
    StateNotificationEnterState = 0x0001,
    StateNotificationPostProcessState = 0x0002,
    StateNotificationLeaveState = 0x0004,
    StateNotificationAllStates = 0x0007,
});
c_enum!(_WDF_POWER_POLICY_S0_IDLE_CAPABILITIES, WDF_POWER_POLICY_S0_IDLE_CAPABILITIES {
    IdleCapsInvalid = 0,
    IdleCannotWakeFromS0 = 1,
    IdleCanWakeFromS0 = 2,
    IdleUsbSelectiveSuspend = 3,
});
c_enum!(_WDF_POWER_POLICY_S0_IDLE_USER_CONTROL, WDF_POWER_POLICY_S0_IDLE_USER_CONTROL {
    IdleUserControlInvalid = 0,
    IdleDoNotAllowUserControl = 1,
    IdleAllowUserControl = 2,
});
c_enum!(_WDF_POWER_POLICY_IDLE_TIMEOUT_CONSTANTS, WDF_POWER_POLICY_IDLE_TIMEOUT_CONSTANTS {
    IdleTimeoutDefaultConstant = 0,
});
c_enum!(_WDF_POWER_POLICY_SX_WAKE_USER_CONTROL, WDF_POWER_POLICY_SX_WAKE_USER_CONTROL {
    WakeUserControlInvalid = 0,
    WakeDoNotAllowUserControl = 1,
    WakeAllowUserControl = 2,
});
c_enum!(_WDF_DISPATCH_IRP_TO_IO_QUEUE_FLAGS, WDF_DISPATCH_IRP_TO_IO_QUEUE_FLAGS {
    WDF_DISPATCH_IRP_TO_IO_QUEUE_NO_FLAGS = 0x0000_0000,
    WDF_DISPATCH_IRP_TO_IO_QUEUE_INVOKE_INCALLERCTX_CALLBACK = 0x0000_0001,
    WDF_DISPATCH_IRP_TO_IO_QUEUE_PREPROCESSED_IRP = 0x0000_0002,
});
c_enum!(_WDF_RELEASE_HARDWARE_ORDER_ON_FAILURE, WDF_RELEASE_HARDWARE_ORDER_ON_FAILURE;
    ptr PWDF_RELEASE_HARDWARE_ORDER_ON_FAILURE {
    WdfReleaseHardwareOrderOnFailureInvalid = 0,
    WdfReleaseHardwareOrderOnFailureEarly = 1,
    WdfReleaseHardwareOrderOnFailureAfterDescendants = 2,
});
c_enum!(_WDF_POWER_POLICY_IDLE_TIMEOUT_TYPE, WDF_POWER_POLICY_IDLE_TIMEOUT_TYPE;
    ptr PWDF_POWER_POLICY_IDLE_TIMEOUT_TYPE {
    DriverManagedIdleTimeout = 0,
    SystemManagedIdleTimeout = 1,
    SystemManagedIdleTimeoutWithHint = 2,
});
c_enum!(_WDF_REMOVE_LOCK_OPTIONS_FLAGS, WDF_REMOVE_LOCK_OPTIONS_FLAGS {
    WDF_REMOVE_LOCK_OPTION_ACQUIRE_FOR_IO = 0x0000_0001,
});

// wdfcontrol.h
c_enum!(_WDF_DEVICE_SHUTDOWN_FLAGS, WDF_DEVICE_SHUTDOWN_FLAGS {
    WdfDeviceShutdown = 0x01,
    WdfDeviceLastChanceShutdown = 0x02,
});

// wdfchildlist.h
c_enum!(_WDF_CHILD_LIST_RETRIEVE_DEVICE_STATUS, WDF_CHILD_LIST_RETRIEVE_DEVICE_STATUS;
    ptr PWDF_CHILD_LIST_RETRIEVE_DEVICE_STATUS {
    WdfChildListRetrieveDeviceUndefined = 0,
    WdfChildListRetrieveDeviceSuccess = 1,
    WdfChildListRetrieveDeviceNotYetCreated = 2,
    WdfChildListRetrieveDeviceNoSuchDevice = 3,
});
c_enum!(_WDF_RETRIEVE_CHILD_FLAGS, WDF_RETRIEVE_CHILD_FLAGS {
    WdfRetrieveUnspecified = 0x0000,
    WdfRetrievePresentChildren = 0x0001,
    WdfRetrieveMissingChildren = 0x0002,
    WdfRetrievePendingChildren = 0x0004,
    WdfRetrieveAddedChildren = 0x0005,
    WdfRetrieveAllChildren = 0x0007,
});

// ---------------------------------------------------------------------------------------------
// wdfdevice.h: notification data (each `Data` union of three anonymous structs)

macro_rules! notification_data {
    ($name:ident, $alias:ident, $pcalias:ident, $state:ty,
     $union:ident, $enter:ident, $post:ident, $leave:ident) => {
        /// `Data.EnterState`.
        #[repr(C)]
        #[derive(Debug, Default, Copy, Clone)]
        pub struct $enter {
            pub CurrentState: $state,
            pub NewState: $state,
        }
        /// `Data.PostProcessState`.
        #[repr(C)]
        #[derive(Debug, Default, Copy, Clone)]
        pub struct $post {
            pub CurrentState: $state,
        }
        /// `Data.LeaveState`.
        #[repr(C)]
        #[derive(Debug, Default, Copy, Clone)]
        pub struct $leave {
            pub CurrentState: $state,
            pub NewState: $state,
        }
        /// The `Data` union.
        #[repr(C)]
        #[derive(Copy, Clone)]
        pub union $union {
            pub EnterState: $enter,
            pub PostProcessState: $post,
            pub LeaveState: $leave,
        }
        #[repr(C)]
        #[derive(Copy, Clone)]
        pub struct $name {
            pub Type: WDF_STATE_NOTIFICATION_TYPE,
            pub Data: $union,
        }
        pub type $alias = $name;
        pub type $pcalias = *const $name;
        zero_default!($union, $name);
        const _: () = assert!(size_of::<$name>() == 0x0C);
    };
}
notification_data!(
    _WDF_DEVICE_PNP_NOTIFICATION_DATA,
    WDF_DEVICE_PNP_NOTIFICATION_DATA,
    PCWDF_DEVICE_PNP_NOTIFICATION_DATA,
    WDF_DEVICE_PNP_STATE,
    _WDF_DEVICE_PNP_NOTIFICATION_DATA__bindgen_ty_1,
    _WDF_DEVICE_PNP_NOTIFICATION_DATA__bindgen_ty_1__bindgen_ty_1,
    _WDF_DEVICE_PNP_NOTIFICATION_DATA__bindgen_ty_1__bindgen_ty_2,
    _WDF_DEVICE_PNP_NOTIFICATION_DATA__bindgen_ty_1__bindgen_ty_3
);
notification_data!(
    _WDF_DEVICE_POWER_NOTIFICATION_DATA,
    WDF_DEVICE_POWER_NOTIFICATION_DATA,
    PCWDF_DEVICE_POWER_NOTIFICATION_DATA,
    WDF_DEVICE_POWER_STATE,
    _WDF_DEVICE_POWER_NOTIFICATION_DATA__bindgen_ty_1,
    _WDF_DEVICE_POWER_NOTIFICATION_DATA__bindgen_ty_1__bindgen_ty_1,
    _WDF_DEVICE_POWER_NOTIFICATION_DATA__bindgen_ty_1__bindgen_ty_2,
    _WDF_DEVICE_POWER_NOTIFICATION_DATA__bindgen_ty_1__bindgen_ty_3
);
notification_data!(
    _WDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA,
    WDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA,
    PCWDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA,
    WDF_DEVICE_POWER_POLICY_STATE,
    _WDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA__bindgen_ty_1,
    _WDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA__bindgen_ty_1__bindgen_ty_1,
    _WDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA__bindgen_ty_1__bindgen_ty_2,
    _WDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA__bindgen_ty_1__bindgen_ty_3
);

// ---------------------------------------------------------------------------------------------
// Event callbacks

callbacks! {
    EVT_WDF_DEVICE_PNP_STATE_CHANGE_NOTIFICATION = PFN_WDF_DEVICE_PNP_STATE_CHANGE_NOTIFICATION(
        Device: WDFDEVICE, NotificationData: PCWDF_DEVICE_PNP_NOTIFICATION_DATA);
    EVT_WDF_DEVICE_POWER_STATE_CHANGE_NOTIFICATION = PFN_WDF_DEVICE_POWER_STATE_CHANGE_NOTIFICATION(
        Device: WDFDEVICE, NotificationData: PCWDF_DEVICE_POWER_NOTIFICATION_DATA);
    EVT_WDF_DEVICE_POWER_POLICY_STATE_CHANGE_NOTIFICATION = PFN_WDF_DEVICE_POWER_POLICY_STATE_CHANGE_NOTIFICATION(
        Device: WDFDEVICE, NotificationData: PCWDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA);
    EVT_WDF_DEVICE_D0_ENTRY_POST_HARDWARE_ENABLED = PFN_WDF_DEVICE_D0_ENTRY_POST_HARDWARE_ENABLED(
        Device: WDFDEVICE, PreviousState: WDF_POWER_DEVICE_STATE) -> NTSTATUS;
    EVT_WDF_DEVICE_D0_EXIT_PRE_HARDWARE_DISABLED = PFN_WDF_DEVICE_D0_EXIT_PRE_HARDWARE_DISABLED(
        Device: WDFDEVICE, TargetState: WDF_POWER_DEVICE_STATE) -> NTSTATUS;
    EVT_WDF_DEVICE_ARM_WAKE_FROM_S0 = PFN_WDF_DEVICE_ARM_WAKE_FROM_S0(Device: WDFDEVICE) -> NTSTATUS;
    EVT_WDF_DEVICE_ARM_WAKE_FROM_SX = PFN_WDF_DEVICE_ARM_WAKE_FROM_SX(Device: WDFDEVICE) -> NTSTATUS;
    EVT_WDF_DEVICE_ARM_WAKE_FROM_SX_WITH_REASON = PFN_WDF_DEVICE_ARM_WAKE_FROM_SX_WITH_REASON(
        Device: WDFDEVICE, DeviceWakeEnabled: BOOLEAN, ChildrenArmedForWake: BOOLEAN) -> NTSTATUS;
    EVT_WDF_DEVICE_DISARM_WAKE_FROM_S0 = PFN_WDF_DEVICE_DISARM_WAKE_FROM_S0(Device: WDFDEVICE);
    EVT_WDF_DEVICE_DISARM_WAKE_FROM_SX = PFN_WDF_DEVICE_DISARM_WAKE_FROM_SX(Device: WDFDEVICE);
    EVT_WDF_DEVICE_WAKE_FROM_S0_TRIGGERED = PFN_WDF_DEVICE_WAKE_FROM_S0_TRIGGERED(Device: WDFDEVICE);
    EVT_WDF_DEVICE_WAKE_FROM_SX_TRIGGERED = PFN_WDF_DEVICE_WAKE_FROM_SX_TRIGGERED(Device: WDFDEVICE);
    EVT_WDFDEVICE_WDM_IRP_PREPROCESS = PFN_WDFDEVICE_WDM_IRP_PREPROCESS(Device: WDFDEVICE, Irp: PIRP) -> NTSTATUS;
    EVT_WDFDEVICE_WDM_IRP_DISPATCH = PFN_WDFDEVICE_WDM_IRP_DISPATCH(
        Device: WDFDEVICE, MajorFunction: UCHAR, MinorFunction: UCHAR, Code: ULONG, DriverContext: WDFCONTEXT,
        Irp: PIRP, DispatchContext: WDFCONTEXT) -> NTSTATUS;
    EVT_WDF_IO_IN_CALLER_CONTEXT = PFN_WDF_IO_IN_CALLER_CONTEXT(Device: WDFDEVICE, Request: WDFREQUEST);
    EVT_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE = PFN_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE(
        Device: WDFDEVICE, PoHandle: POHANDLE) -> NTSTATUS;
    EVT_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE = PFN_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE(
        Device: WDFDEVICE, PoHandle: POHANDLE);
    // wdfcontrol.h
    EVT_WDF_DEVICE_SHUTDOWN_NOTIFICATION = PFN_WDF_DEVICE_SHUTDOWN_NOTIFICATION(Device: WDFDEVICE);
    // wdfchildlist.h
    EVT_WDF_CHILD_LIST_CREATE_DEVICE = PFN_WDF_CHILD_LIST_CREATE_DEVICE(
        ChildList: WDFCHILDLIST, IdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER,
        ChildInit: PWDFDEVICE_INIT) -> NTSTATUS;
    EVT_WDF_CHILD_LIST_SCAN_FOR_CHILDREN = PFN_WDF_CHILD_LIST_SCAN_FOR_CHILDREN(ChildList: WDFCHILDLIST);
    EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COPY = PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COPY(
        ChildList: WDFCHILDLIST, SourceIdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER,
        DestinationIdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER);
    EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_DUPLICATE = PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_DUPLICATE(
        ChildList: WDFCHILDLIST, SourceIdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER,
        DestinationIdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER) -> NTSTATUS;
    EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COMPARE = PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COMPARE(
        ChildList: WDFCHILDLIST, FirstIdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER,
        SecondIdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER) -> BOOLEAN;
    EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_CLEANUP = PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_CLEANUP(
        ChildList: WDFCHILDLIST, IdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER);
    EVT_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_COPY = PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_COPY(
        ChildList: WDFCHILDLIST, SourceAddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER,
        DestinationAddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER);
    EVT_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_DUPLICATE = PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_DUPLICATE(
        ChildList: WDFCHILDLIST, SourceAddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER,
        DestinationAddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER) -> NTSTATUS;
    EVT_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_CLEANUP = PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_CLEANUP(
        ChildList: WDFCHILDLIST, AddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER);
    EVT_WDF_CHILD_LIST_DEVICE_REENUMERATED = PFN_WDF_CHILD_LIST_DEVICE_REENUMERATED(
        ChildList: WDFCHILDLIST, OldDevice: WDFDEVICE, OldAddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER,
        NewAddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER) -> BOOLEAN;
    // wdfpdo.h
    EVT_WDF_DEVICE_RESOURCES_QUERY = PFN_WDF_DEVICE_RESOURCES_QUERY(Device: WDFDEVICE, Resources: WDFCMRESLIST) -> NTSTATUS;
    EVT_WDF_DEVICE_RESOURCE_REQUIREMENTS_QUERY = PFN_WDF_DEVICE_RESOURCE_REQUIREMENTS_QUERY(
        Device: WDFDEVICE, IoResourceRequirementsList: WDFIORESREQLIST) -> NTSTATUS;
    EVT_WDF_DEVICE_EJECT = PFN_WDF_DEVICE_EJECT(Device: WDFDEVICE) -> NTSTATUS;
    EVT_WDF_DEVICE_SET_LOCK = PFN_WDF_DEVICE_SET_LOCK(Device: WDFDEVICE, IsLocked: BOOLEAN) -> NTSTATUS;
    EVT_WDF_DEVICE_ENABLE_WAKE_AT_BUS = PFN_WDF_DEVICE_ENABLE_WAKE_AT_BUS(
        Device: WDFDEVICE, PowerState: SYSTEM_POWER_STATE) -> NTSTATUS;
    EVT_WDF_DEVICE_DISABLE_WAKE_AT_BUS = PFN_WDF_DEVICE_DISABLE_WAKE_AT_BUS(Device: WDFDEVICE);
    EVT_WDF_DEVICE_REPORTED_MISSING = PFN_WDF_DEVICE_REPORTED_MISSING(Device: WDFDEVICE);
    // wdffdo.h
    EVT_WDF_DEVICE_FILTER_RESOURCE_REQUIREMENTS = PFN_WDF_DEVICE_FILTER_RESOURCE_REQUIREMENTS(
        Device: WDFDEVICE, IoResourceRequirementsList: WDFIORESREQLIST) -> NTSTATUS;
    EVT_WDF_DEVICE_REMOVE_ADDED_RESOURCES = PFN_WDF_DEVICE_REMOVE_ADDED_RESOURCES(
        Device: WDFDEVICE, ResourcesRaw: WDFCMRESLIST, ResourcesTranslated: WDFCMRESLIST) -> NTSTATUS;
}

// ---------------------------------------------------------------------------------------------
// wdfdevice.h: structures

/// DDI: "_WDF_POWER_POLICY_EVENT_CALLBACKS (wdfdevice.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_POWER_POLICY_EVENT_CALLBACKS {
    pub Size: ULONG,
    pub EvtDeviceArmWakeFromS0: PFN_WDF_DEVICE_ARM_WAKE_FROM_S0,
    pub EvtDeviceDisarmWakeFromS0: PFN_WDF_DEVICE_DISARM_WAKE_FROM_S0,
    pub EvtDeviceWakeFromS0Triggered: PFN_WDF_DEVICE_WAKE_FROM_S0_TRIGGERED,
    pub EvtDeviceArmWakeFromSx: PFN_WDF_DEVICE_ARM_WAKE_FROM_SX,
    pub EvtDeviceDisarmWakeFromSx: PFN_WDF_DEVICE_DISARM_WAKE_FROM_SX,
    pub EvtDeviceWakeFromSxTriggered: PFN_WDF_DEVICE_WAKE_FROM_SX_TRIGGERED,
    pub EvtDeviceArmWakeFromSxWithReason: PFN_WDF_DEVICE_ARM_WAKE_FROM_SX_WITH_REASON,
}
pub type WDF_POWER_POLICY_EVENT_CALLBACKS = _WDF_POWER_POLICY_EVENT_CALLBACKS;
pub type PWDF_POWER_POLICY_EVENT_CALLBACKS = *mut _WDF_POWER_POLICY_EVENT_CALLBACKS;

/// DDI: "_WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS (wdfdevice.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS {
    pub Size: ULONG,
    pub IdleCaps: WDF_POWER_POLICY_S0_IDLE_CAPABILITIES,
    pub DxState: DEVICE_POWER_STATE,
    pub IdleTimeout: ULONG,
    pub UserControlOfIdleSettings: WDF_POWER_POLICY_S0_IDLE_USER_CONTROL,
    pub Enabled: WDF_TRI_STATE,
    pub PowerUpIdleDeviceOnSystemWake: WDF_TRI_STATE,
    pub IdleTimeoutType: WDF_POWER_POLICY_IDLE_TIMEOUT_TYPE,
    pub ExcludeD3Cold: WDF_TRI_STATE,
}
pub type WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS = _WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS;
pub type PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS = *mut _WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS;

/// DDI: "_WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS (wdfdevice.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS {
    pub Size: ULONG,
    pub DxState: DEVICE_POWER_STATE,
    pub UserControlOfWakeSettings: WDF_POWER_POLICY_SX_WAKE_USER_CONTROL,
    pub Enabled: WDF_TRI_STATE,
    pub ArmForWakeIfChildrenAreArmedForWake: BOOLEAN,
    pub IndicateChildWakeOnParentWake: BOOLEAN,
}
pub type WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS = _WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS;
pub type PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS = *mut _WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS;

/// DDI: "_WDF_DEVICE_STATE (wdfdevice.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_DEVICE_STATE {
    pub Size: ULONG,
    pub Disabled: WDF_TRI_STATE,
    pub DontDisplayInUI: WDF_TRI_STATE,
    pub Failed: WDF_TRI_STATE,
    pub NotDisableable: WDF_TRI_STATE,
    pub Removed: WDF_TRI_STATE,
    pub ResourcesChanged: WDF_TRI_STATE,
    pub AssignedToGuest: WDF_TRI_STATE,
}
pub type WDF_DEVICE_STATE = _WDF_DEVICE_STATE;
pub type PWDF_DEVICE_STATE = *mut _WDF_DEVICE_STATE;

/// DDI: "_WDF_DEVICE_PNP_CAPABILITIES (wdfdevice.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_DEVICE_PNP_CAPABILITIES {
    pub Size: ULONG,
    pub LockSupported: WDF_TRI_STATE,
    pub EjectSupported: WDF_TRI_STATE,
    pub Removable: WDF_TRI_STATE,
    pub DockDevice: WDF_TRI_STATE,
    pub UniqueID: WDF_TRI_STATE,
    pub SilentInstall: WDF_TRI_STATE,
    pub SurpriseRemovalOK: WDF_TRI_STATE,
    pub HardwareDisabled: WDF_TRI_STATE,
    pub NoDisplayInUI: WDF_TRI_STATE,
    pub Address: ULONG,
    pub UINumber: ULONG,
}
pub type WDF_DEVICE_PNP_CAPABILITIES = _WDF_DEVICE_PNP_CAPABILITIES;
pub type PWDF_DEVICE_PNP_CAPABILITIES = *mut _WDF_DEVICE_PNP_CAPABILITIES;

/// DDI: "_WDF_DEVICE_POWER_CAPABILITIES (wdfdevice.h)". `DeviceState` has `PowerSystemMaximum`
/// (7) entries.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_DEVICE_POWER_CAPABILITIES {
    pub Size: ULONG,
    pub DeviceD1: WDF_TRI_STATE,
    pub DeviceD2: WDF_TRI_STATE,
    pub WakeFromD0: WDF_TRI_STATE,
    pub WakeFromD1: WDF_TRI_STATE,
    pub WakeFromD2: WDF_TRI_STATE,
    pub WakeFromD3: WDF_TRI_STATE,
    pub DeviceState: [DEVICE_POWER_STATE; 7],
    pub DeviceWake: DEVICE_POWER_STATE,
    pub SystemWake: SYSTEM_POWER_STATE,
    pub D1Latency: ULONG,
    pub D2Latency: ULONG,
    pub D3Latency: ULONG,
    pub IdealDxStateForSx: DEVICE_POWER_STATE,
}
pub type WDF_DEVICE_POWER_CAPABILITIES = _WDF_DEVICE_POWER_CAPABILITIES;
pub type PWDF_DEVICE_POWER_CAPABILITIES = *mut _WDF_DEVICE_POWER_CAPABILITIES;

/// DDI: "_WDF_REMOVE_LOCK_OPTIONS (wdfdevice.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_REMOVE_LOCK_OPTIONS {
    pub Size: ULONG,
    pub Flags: ULONG,
}
pub type WDF_REMOVE_LOCK_OPTIONS = _WDF_REMOVE_LOCK_OPTIONS;
pub type PWDF_REMOVE_LOCK_OPTIONS = *mut _WDF_REMOVE_LOCK_OPTIONS;

/// DDI: "_WDF_POWER_FRAMEWORK_SETTINGS (wdfdevice.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_POWER_FRAMEWORK_SETTINGS {
    pub Size: ULONG,
    pub EvtDeviceWdmPostPoFxRegisterDevice: PFN_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE,
    pub EvtDeviceWdmPrePoFxUnregisterDevice: PFN_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE,
    pub Component: PPO_FX_COMPONENT,
    pub ComponentActiveConditionCallback: PPO_FX_COMPONENT_ACTIVE_CONDITION_CALLBACK,
    pub ComponentIdleConditionCallback: PPO_FX_COMPONENT_IDLE_CONDITION_CALLBACK,
    pub ComponentIdleStateCallback: PPO_FX_COMPONENT_IDLE_STATE_CALLBACK,
    pub PowerControlCallback: PPO_FX_POWER_CONTROL_CALLBACK,
    pub PoFxDeviceContext: PVOID,
    pub PoFxDeviceFlags: ULONGLONG,
    pub DirectedPoFxEnabled: WDF_TRI_STATE,
}
pub type WDF_POWER_FRAMEWORK_SETTINGS = _WDF_POWER_FRAMEWORK_SETTINGS;
pub type PWDF_POWER_FRAMEWORK_SETTINGS = *mut _WDF_POWER_FRAMEWORK_SETTINGS;

/// DDI: "_WDF_IO_TYPE_CONFIG (wdfdevice.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_IO_TYPE_CONFIG {
    pub Size: ULONG,
    pub ReadWriteIoType: WDF_DEVICE_IO_TYPE,
    pub DeviceControlIoType: WDF_DEVICE_IO_TYPE,
    pub DirectTransferThreshold: ULONG,
}
pub type WDF_IO_TYPE_CONFIG = _WDF_IO_TYPE_CONFIG;
pub type PWDF_IO_TYPE_CONFIG = *mut _WDF_IO_TYPE_CONFIG;

/// DDI: "_WDF_DEVICE_PROPERTY_DATA (wdfdevice.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_DEVICE_PROPERTY_DATA {
    pub Size: ULONG,
    pub PropertyKey: *const DEVPROPKEY,
    pub Lcid: LCID,
    pub Flags: ULONG,
}
pub type WDF_DEVICE_PROPERTY_DATA = _WDF_DEVICE_PROPERTY_DATA;
pub type PWDF_DEVICE_PROPERTY_DATA = *mut _WDF_DEVICE_PROPERTY_DATA;

// ---------------------------------------------------------------------------------------------
// wdfchildlist.h: structures

/// DDI: "_WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER (wdfchildlist.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER {
    pub IdentificationDescriptionSize: ULONG,
}
pub type WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER = _WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER;
pub type PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER =
    *mut _WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER;

/// DDI: "_WDF_CHILD_ADDRESS_DESCRIPTION_HEADER (wdfchildlist.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_CHILD_ADDRESS_DESCRIPTION_HEADER {
    pub AddressDescriptionSize: ULONG,
}
pub type WDF_CHILD_ADDRESS_DESCRIPTION_HEADER = _WDF_CHILD_ADDRESS_DESCRIPTION_HEADER;
pub type PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER = *mut _WDF_CHILD_ADDRESS_DESCRIPTION_HEADER;

/// DDI: "_WDF_CHILD_RETRIEVE_INFO (wdfchildlist.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_CHILD_RETRIEVE_INFO {
    pub Size: ULONG,
    pub IdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER,
    pub AddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER,
    pub Status: WDF_CHILD_LIST_RETRIEVE_DEVICE_STATUS,
    pub EvtChildListIdentificationDescriptionCompare:
        PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COMPARE,
}
pub type WDF_CHILD_RETRIEVE_INFO = _WDF_CHILD_RETRIEVE_INFO;
pub type PWDF_CHILD_RETRIEVE_INFO = *mut _WDF_CHILD_RETRIEVE_INFO;

/// DDI: "_WDF_CHILD_LIST_CONFIG (wdfchildlist.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_CHILD_LIST_CONFIG {
    pub Size: ULONG,
    pub IdentificationDescriptionSize: ULONG,
    pub AddressDescriptionSize: ULONG,
    pub EvtChildListCreateDevice: PFN_WDF_CHILD_LIST_CREATE_DEVICE,
    pub EvtChildListScanForChildren: PFN_WDF_CHILD_LIST_SCAN_FOR_CHILDREN,
    pub EvtChildListIdentificationDescriptionCopy:
        PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COPY,
    pub EvtChildListIdentificationDescriptionDuplicate:
        PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_DUPLICATE,
    pub EvtChildListIdentificationDescriptionCleanup:
        PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_CLEANUP,
    pub EvtChildListIdentificationDescriptionCompare:
        PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COMPARE,
    pub EvtChildListAddressDescriptionCopy: PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_COPY,
    pub EvtChildListAddressDescriptionDuplicate: PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_DUPLICATE,
    pub EvtChildListAddressDescriptionCleanup: PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_CLEANUP,
    pub EvtChildListDeviceReenumerated: PFN_WDF_CHILD_LIST_DEVICE_REENUMERATED,
}
pub type WDF_CHILD_LIST_CONFIG = _WDF_CHILD_LIST_CONFIG;
pub type PWDF_CHILD_LIST_CONFIG = *mut _WDF_CHILD_LIST_CONFIG;

/// DDI: "_WDF_CHILD_LIST_ITERATOR (wdfchildlist.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_CHILD_LIST_ITERATOR {
    pub Size: ULONG,
    pub Flags: ULONG,
    pub Reserved: [PVOID; 4],
}
pub type WDF_CHILD_LIST_ITERATOR = _WDF_CHILD_LIST_ITERATOR;
pub type PWDF_CHILD_LIST_ITERATOR = *mut _WDF_CHILD_LIST_ITERATOR;

// ---------------------------------------------------------------------------------------------
// wdfpdo.h, wdffdo.h: structures

/// DDI: "_WDF_PDO_EVENT_CALLBACKS (wdfpdo.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_PDO_EVENT_CALLBACKS {
    pub Size: ULONG,
    pub EvtDeviceResourcesQuery: PFN_WDF_DEVICE_RESOURCES_QUERY,
    pub EvtDeviceResourceRequirementsQuery: PFN_WDF_DEVICE_RESOURCE_REQUIREMENTS_QUERY,
    pub EvtDeviceEject: PFN_WDF_DEVICE_EJECT,
    pub EvtDeviceSetLock: PFN_WDF_DEVICE_SET_LOCK,
    pub EvtDeviceEnableWakeAtBus: PFN_WDF_DEVICE_ENABLE_WAKE_AT_BUS,
    pub EvtDeviceDisableWakeAtBus: PFN_WDF_DEVICE_DISABLE_WAKE_AT_BUS,
    pub EvtDeviceReportedMissing: PFN_WDF_DEVICE_REPORTED_MISSING,
}
pub type WDF_PDO_EVENT_CALLBACKS = _WDF_PDO_EVENT_CALLBACKS;
pub type PWDF_PDO_EVENT_CALLBACKS = *mut _WDF_PDO_EVENT_CALLBACKS;

/// DDI: "_WDF_FDO_EVENT_CALLBACKS (wdffdo.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_FDO_EVENT_CALLBACKS {
    pub Size: ULONG,
    pub EvtDeviceFilterAddResourceRequirements: PFN_WDF_DEVICE_FILTER_RESOURCE_REQUIREMENTS,
    pub EvtDeviceFilterRemoveResourceRequirements: PFN_WDF_DEVICE_FILTER_RESOURCE_REQUIREMENTS,
    pub EvtDeviceRemoveAddedResources: PFN_WDF_DEVICE_REMOVE_ADDED_RESOURCES,
}
pub type WDF_FDO_EVENT_CALLBACKS = _WDF_FDO_EVENT_CALLBACKS;
pub type PWDF_FDO_EVENT_CALLBACKS = *mut _WDF_FDO_EVENT_CALLBACKS;

zero_default!(
    _WDF_POWER_POLICY_EVENT_CALLBACKS,
    _WDF_POWER_FRAMEWORK_SETTINGS,
    _WDF_DEVICE_PROPERTY_DATA,
    _WDF_CHILD_RETRIEVE_INFO,
    _WDF_CHILD_LIST_CONFIG,
    _WDF_CHILD_LIST_ITERATOR,
    _WDF_PDO_EVENT_CALLBACKS,
    _WDF_FDO_EVENT_CALLBACKS,
);

// Layout checks against the x64 sizes and offsets of the WDK headers.
const _: () = {
    use core::mem::offset_of;
    assert!(size_of::<DEVPROPKEY>() == 0x14);
    assert!(size_of::<WDF_POWER_POLICY_EVENT_CALLBACKS>() == 0x40);
    assert!(size_of::<WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS>() == 0x24);
    assert!(size_of::<WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS>() == 0x14);
    assert!(
        offset_of!(
            _WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS,
            IndicateChildWakeOnParentWake
        ) == 0x11
    );
    assert!(size_of::<WDF_DEVICE_STATE>() == 0x20);
    assert!(size_of::<WDF_DEVICE_PNP_CAPABILITIES>() == 0x30);
    assert!(offset_of!(_WDF_DEVICE_PNP_CAPABILITIES, Address) == 0x28);
    assert!(size_of::<WDF_DEVICE_POWER_CAPABILITIES>() == 0x50);
    assert!(offset_of!(_WDF_DEVICE_POWER_CAPABILITIES, DeviceWake) == 0x38);
    assert!(offset_of!(_WDF_DEVICE_POWER_CAPABILITIES, IdealDxStateForSx) == 0x4C);
    assert!(size_of::<WDF_REMOVE_LOCK_OPTIONS>() == 0x08);
    assert!(size_of::<WDF_POWER_FRAMEWORK_SETTINGS>() == 0x58);
    assert!(offset_of!(_WDF_POWER_FRAMEWORK_SETTINGS, PoFxDeviceFlags) == 0x48);
    assert!(size_of::<WDF_IO_TYPE_CONFIG>() == 0x10);
    assert!(size_of::<WDF_DEVICE_PROPERTY_DATA>() == 0x18);
    assert!(offset_of!(_WDF_DEVICE_PROPERTY_DATA, Lcid) == 0x10);
    assert!(size_of::<WDF_CHILD_RETRIEVE_INFO>() == 0x28);
    assert!(offset_of!(_WDF_CHILD_RETRIEVE_INFO, Status) == 0x18);
    assert!(size_of::<WDF_CHILD_LIST_CONFIG>() == 0x60);
    assert!(offset_of!(_WDF_CHILD_LIST_CONFIG, EvtChildListCreateDevice) == 0x10);
    assert!(size_of::<WDF_CHILD_LIST_ITERATOR>() == 0x28);
    assert!(size_of::<WDF_PDO_EVENT_CALLBACKS>() == 0x40);
    assert!(size_of::<WDF_FDO_EVENT_CALLBACKS>() == 0x20);
};
