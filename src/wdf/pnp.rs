//! PnP and power events the device context hears of: self-managed I/O suspend (the device is
//! leaving D0 — powering down, or being removed, orderly or by surprise — before its queues are
//! purged) and restart (back in D0). DDI: "WDF_PNPPOWER_EVENT_CALLBACKS structure (wdfdevice.h)",
//! "EVT_WDF_DEVICE_SELF_MANAGED_IO_SUSPEND", "EVT_WDF_DEVICE_SELF_MANAGED_IO_RESTART".

use wdk_sys::{NTSTATUS, ULONG, WDF_PNPPOWER_EVENT_CALLBACKS, WDFDEVICE};

use super::context::{self, ObjectContext};
use super::status::from_result;

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
        EvtDeviceSelfManagedIoSuspend: Some(evt_suspend::<T>),
        EvtDeviceSelfManagedIoRestart: Some(evt_restart::<T>),
        ..WDF_PNPPOWER_EVENT_CALLBACKS::default()
    }
}

unsafe extern "C" fn evt_suspend<T: PnpCallbacks>(device: WDFDEVICE) -> NTSTATUS {
    // SAFETY: the framework passes its live device for the callback.
    if let Some(context) = unsafe { context::get::<T>(device.cast()) } {
        context.self_managed_io_suspend();
    }
    from_result(Ok(()))
}

unsafe extern "C" fn evt_restart<T: PnpCallbacks>(device: WDFDEVICE) -> NTSTATUS {
    // SAFETY: as above.
    if let Some(context) = unsafe { context::get::<T>(device.cast()) } {
        context.self_managed_io_restart();
    }
    from_result(Ok(()))
}
