//! The PnP and power manager's vocabulary: the steps of a device's start and removal, in the
//! order the PnP manager drives them.

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
        }
    }
}
