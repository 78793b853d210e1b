//! PnP and power events the device context hears of: self-managed I/O suspend (the device is
//! leaving D0 — powering down, or being removed, orderly or by surprise — before its queues are
//! purged) and restart (back in D0). The other transitions (prepare and release hardware, D0
//! entry and exit, self-managed I/O init, surprise removal) have callbacks here only to trace
//! them: each transition is an ETW event ([`super::trace::Pnp`]). DDI:
//! "WDF_PNPPOWER_EVENT_CALLBACKS structure (wdfdevice.h)",
//! "EVT_WDF_DEVICE_SELF_MANAGED_IO_SUSPEND", "EVT_WDF_DEVICE_SELF_MANAGED_IO_RESTART",
//! "EVT_WDF_DEVICE_D0_ENTRY", "EVT_WDF_DEVICE_PREPARE_HARDWARE".

use wdk_sys::{
    NTSTATUS, ULONG, WDF_PNPPOWER_EVENT_CALLBACKS, WDF_POWER_DEVICE_STATE, WDFCMRESLIST, WDFDEVICE,
};

use super::context::{self, ObjectContext};
use super::status::from_result;
use super::trace::{self, Pnp};

/// A device context's PnP and power events.
pub trait PnpCallbacks: ObjectContext {
    /// EvtDeviceSelfManagedIoSuspend (PASSIVE_LEVEL).
    fn self_managed_io_suspend(&self);
    /// EvtDeviceSelfManagedIoRestart (PASSIVE_LEVEL).
    fn self_managed_io_restart(&self);
}

/// The callbacks structure of `T` (`WDF_PNPPOWER_EVENT_CALLBACKS_INIT` and the two events).
pub(crate) fn callbacks<T: PnpCallbacks>() -> WDF_PNPPOWER_EVENT_CALLBACKS {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "the structure is 152 bytes"
    )]
    let size = size_of::<WDF_PNPPOWER_EVENT_CALLBACKS>() as ULONG;
    WDF_PNPPOWER_EVENT_CALLBACKS {
        Size: size,
        EvtDevicePrepareHardware: Some(evt_prepare_hardware),
        EvtDeviceReleaseHardware: Some(evt_release_hardware),
        EvtDeviceD0Entry: Some(evt_d0_entry),
        EvtDeviceD0Exit: Some(evt_d0_exit),
        EvtDeviceSelfManagedIoInit: Some(evt_self_managed_io_init),
        EvtDeviceSelfManagedIoSuspend: Some(evt_suspend::<T>),
        EvtDeviceSelfManagedIoRestart: Some(evt_restart::<T>),
        EvtDeviceSurpriseRemoval: Some(evt_surprise_removal),
        ..WDF_PNPPOWER_EVENT_CALLBACKS::default()
    }
}

unsafe extern "C" fn evt_suspend<T: PnpCallbacks>(device: WDFDEVICE) -> NTSTATUS {
    // SAFETY: the framework passes its live device for the callback.
    if let Some(context) = unsafe { context::get::<T>(device.cast()) } {
        context.self_managed_io_suspend();
    }
    trace::pnp(Pnp::SelfManagedIoSuspend, Ok(()));
    from_result(Ok(()))
}

unsafe extern "C" fn evt_restart<T: PnpCallbacks>(device: WDFDEVICE) -> NTSTATUS {
    // SAFETY: as above.
    if let Some(context) = unsafe { context::get::<T>(device.cast()) } {
        context.self_managed_io_restart();
    }
    trace::pnp(Pnp::SelfManagedIoRestart, Ok(()));
    from_result(Ok(()))
}

/// A power state as the event reports it.
fn power_state(state: WDF_POWER_DEVICE_STATE) -> u32 {
    u32::try_from(state).unwrap_or(0)
}

unsafe extern "C" fn evt_prepare_hardware(
    _device: WDFDEVICE,
    _raw: WDFCMRESLIST,
    _translated: WDFCMRESLIST,
) -> NTSTATUS {
    trace::pnp(Pnp::PrepareHardware, Ok(()));
    from_result(Ok(()))
}

unsafe extern "C" fn evt_release_hardware(
    _device: WDFDEVICE,
    _translated: WDFCMRESLIST,
) -> NTSTATUS {
    trace::pnp(Pnp::ReleaseHardware, Ok(()));
    from_result(Ok(()))
}

unsafe extern "C" fn evt_d0_entry(
    _device: WDFDEVICE,
    previous: WDF_POWER_DEVICE_STATE,
) -> NTSTATUS {
    trace::pnp(Pnp::D0Entry(power_state(previous)), Ok(()));
    from_result(Ok(()))
}

unsafe extern "C" fn evt_d0_exit(_device: WDFDEVICE, target: WDF_POWER_DEVICE_STATE) -> NTSTATUS {
    trace::pnp(Pnp::D0Exit(power_state(target)), Ok(()));
    from_result(Ok(()))
}

unsafe extern "C" fn evt_self_managed_io_init(_device: WDFDEVICE) -> NTSTATUS {
    trace::pnp(Pnp::SelfManagedIoInit, Ok(()));
    from_result(Ok(()))
}

unsafe extern "C" fn evt_surprise_removal(_device: WDFDEVICE) {
    trace::pnp(Pnp::SurpriseRemoval, Ok(()));
}
