//! The PnP and power manager's vocabulary: a device node's PnP states, and the callbacks the
//! framework runs on each transition (docs: "A User Plugs In a Device", "A User Unplugs a
//! Device", "A Device Enters a Low-Power State", "A Device Returns to Its Working State").

/// A device node's state in the PnP manager (`IRP_MN_*` it has been through).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NodeState {
    /// Started (IRP_MN_START_DEVICE succeeded): opens and I/O are accepted.
    Started,
    /// IRP_MN_QUERY_REMOVE_DEVICE succeeded: new opens fail until a cancel-remove or the remove.
    QueryRemoved,
    /// IRP_MN_SURPRISE_REMOVAL: the hardware is gone; IRP_MN_REMOVE_DEVICE follows once the last
    /// handle is closed.
    SurpriseRemoved,
    /// IRP_MN_REMOVE_DEVICE: the stack is gone (or never started).
    Removed,
}

impl NodeState {
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::Started => "started",
            Self::QueryRemoved => "query-removed",
            Self::SurpriseRemoved => "surprise-removed",
            Self::Removed => "removed",
        }
    }
}

/// The PnP and power callbacks kmdf-sim drives, in start and removal order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PnpStep {
    PrepareHardware,
    D0Entry,
    SelfManagedIoInit,
    SelfManagedIoSuspend,
    D0Exit,
    SelfManagedIoFlush,
    SelfManagedIoCleanup,
    ReleaseHardware,
    SelfManagedIoRestart,
    SurpriseRemoval,
    QueryRemove,
}

impl PnpStep {
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::PrepareHardware => "EvtDevicePrepareHardware",
            Self::D0Entry => "EvtDeviceD0Entry",
            Self::SelfManagedIoInit => "EvtDeviceSelfManagedIoInit",
            Self::SelfManagedIoSuspend => "EvtDeviceSelfManagedIoSuspend",
            Self::D0Exit => "EvtDeviceD0Exit",
            Self::SelfManagedIoFlush => "EvtDeviceSelfManagedIoFlush",
            Self::SelfManagedIoCleanup => "EvtDeviceSelfManagedIoCleanup",
            Self::ReleaseHardware => "EvtDeviceReleaseHardware",
            Self::SelfManagedIoRestart => "EvtDeviceSelfManagedIoRestart",
            Self::SurpriseRemoval => "EvtDeviceSurpriseRemoval",
            Self::QueryRemove => "EvtDeviceQueryRemove",
        }
    }
}
