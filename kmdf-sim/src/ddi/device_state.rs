//! Framework entry points that read or change a device's state (wdfdevice.h): its PnP, power and
//! power-policy states, a driver-reported failure, its interfaces' state, the device type and
//! power pageability set through its WDFDEVICE_INIT, and idle references. DDI:
//! "WdfDeviceGetDevicePnpState function (wdfdevice.h)", "WdfDeviceGetDevicePowerState",
//! "WdfDeviceGetDevicePowerPolicyState", "WdfDeviceSetFailed", "WdfDeviceSetDeviceInterfaceState",
//! "WdfDeviceInitSetDeviceType", "WdfDeviceInitSetPowerPageable",
//! "WdfDeviceInitSetPowerNotPageable", "WdfDeviceStopIdle", "WdfDeviceResumeIdle".

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::device::{read_unicode, with_init};
use crate::framework::device_state;
use crate::framework::file::same_guid;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::scheduler::Wake;
use crate::state::{DeviceSettings, Kind, ObjId, State};
use crate::verifier::Rule;

/// `STATUS_POWER_STATE_INVALID` (ntstatus.h).
#[expect(
    clippy::cast_possible_wrap,
    reason = "an NTSTATUS written as its bit pattern"
)]
const STATUS_POWER_STATE_INVALID: NTSTATUS = 0xC000_02D3_u32 as i32;

/// The device `device` names, or None after a report.
fn device_id(state: &mut State, device: sys::WDFDEVICE, call: &str) -> Option<ObjId> {
    state.expect_object(device, Kind::Device, call)
}

/// The three state queries: `query` on the live device, `invalid` for a bad handle.
fn device_query<T>(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    device: sys::WDFDEVICE,
    invalid: T,
    query: impl FnOnce(&State, ObjId) -> T,
) -> T {
    let sim = irql::enter(globals, call, DISPATCH);
    let mut state = sim.lock();
    match device_id(&mut state, device, call) {
        Some(id) => query(&state, id),
        None => invalid,
    }
}

pub(crate) unsafe extern "C" fn WdfDeviceGetDevicePnpState(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
) -> sys::WDF_DEVICE_PNP_STATE {
    let invalid = sys::_WDF_DEVICE_PNP_STATE::WdfDevStatePnpInvalid;
    device_query(
        globals,
        "WdfDeviceGetDevicePnpState",
        Device,
        invalid,
        device_state::pnp_state,
    )
}

pub(crate) unsafe extern "C" fn WdfDeviceGetDevicePowerState(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
) -> sys::WDF_DEVICE_POWER_STATE {
    let invalid = sys::_WDF_DEVICE_POWER_STATE::WdfDevStatePowerInvalid;
    device_query(
        globals,
        "WdfDeviceGetDevicePowerState",
        Device,
        invalid,
        device_state::power_state,
    )
}

pub(crate) unsafe extern "C" fn WdfDeviceGetDevicePowerPolicyState(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
) -> sys::WDF_DEVICE_POWER_POLICY_STATE {
    let invalid = sys::_WDF_DEVICE_POWER_POLICY_STATE::WdfDevStatePwrPolInvalid;
    let call = "WdfDeviceGetDevicePowerPolicyState";
    device_query(
        globals,
        call,
        Device,
        invalid,
        device_state::power_policy_state,
    )
}

pub(crate) unsafe extern "C" fn WdfDeviceSetFailed(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    FailedAction: sys::WDF_DEVICE_FAILED_ACTION,
) {
    use sys::_WDF_DEVICE_FAILED_ACTION as A;
    const CALL: &str = "WdfDeviceSetFailed";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = device_id(&mut state, Device, CALL) else {
        return;
    };
    if FailedAction != A::WdfDeviceFailedAttemptRestart
        && FailedAction != A::WdfDeviceFailedNoRestart
    {
        state.violation_on(
            Rule::InvalidArgument,
            CALL,
            id,
            format!("FailedAction {FailedAction} is neither WdfDeviceFailedAttemptRestart nor WdfDeviceFailedNoRestart"),
        );
        return;
    }
    state.extra.failed.insert(id, FailedAction);
}

pub(crate) unsafe extern "C" fn WdfDeviceSetDeviceInterfaceState(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    InterfaceClassGUID: *const sys::GUID,
    ReferenceString: sys::PCUNICODE_STRING,
    IsInterfaceEnabled: sys::BOOLEAN,
) {
    const CALL: &str = "WdfDeviceSetDeviceInterfaceState";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    let Some(id) = device_id(&mut state, Device, CALL) else {
        return;
    };
    // SAFETY: the DDI contract: a non-null InterfaceClassGUID points at a GUID.
    let guid = unsafe { InterfaceClassGUID.as_ref() }.copied();
    let reference = read_unicode(ReferenceString).map(|units| String::from_utf16_lossy(&units));
    let created = guid.is_some_and(|g| {
        state.device(id).is_some_and(|d| {
            d.interfaces
                .iter()
                .any(|(ig, ir)| same_guid(ig, &g) && *ir == reference)
        })
    });
    let Some(guid) = guid.filter(|_| created) else {
        state.violation_on(
            Rule::InvalidArgument,
            CALL,
            id,
            "the device has no such interface (WdfDeviceCreateDeviceInterface first)".to_owned(),
        );
        return;
    };
    let disabled = &mut state.extra.disabled_interfaces;
    disabled.retain(|(d, g, r)| !(*d == id && same_guid(g, &guid) && *r == reference));
    if IsInterfaceEnabled == 0 {
        disabled.push((id, guid, reference));
    }
}

/// Records a device setting made through a WDFDEVICE_INIT.
fn init_setting(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    init: sys::PWDFDEVICE_INIT,
    set: impl FnOnce(&mut DeviceSettings),
) {
    let sim = irql::enter(globals, call, DISPATCH);
    let mut state = sim.lock();
    if let Some(id) = with_init(&mut state, init, call, |_| {}) {
        set(state.extra.device_settings.entry(id).or_default());
    }
}

pub(crate) unsafe extern "C" fn WdfDeviceInitSetDeviceType(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
    DeviceType: sys::DEVICE_TYPE,
) {
    init_setting(globals, "WdfDeviceInitSetDeviceType", DeviceInit, |s| {
        s.device_type = Some(DeviceType);
    });
}

pub(crate) unsafe extern "C" fn WdfDeviceInitSetPowerPageable(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
) {
    init_setting(globals, "WdfDeviceInitSetPowerPageable", DeviceInit, |s| {
        s.power_pageable = Some(true);
    });
}

pub(crate) unsafe extern "C" fn WdfDeviceInitSetPowerNotPageable(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
) {
    init_setting(
        globals,
        "WdfDeviceInitSetPowerNotPageable",
        DeviceInit,
        |s| {
            s.power_pageable = Some(false);
        },
    );
}

/// `WdfDeviceStopIdle` (both forms): takes an idle reference (the device stays in D0 while one is
/// held; kmdf-sim has no idle power-down, so only a test's `power_down` takes it out of D0) and
/// brings the device to D0: at once if it is there, else waiting for it (`WaitForD0`) or
/// returning STATUS_PENDING.
fn stop_idle(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    device: sys::WDFDEVICE,
    wait: bool,
) -> NTSTATUS {
    let sim = irql::enter(globals, call, if wait { PASSIVE } else { DISPATCH });
    let id = {
        let mut state = sim.lock();
        let Some(id) = device_id(&mut state, device, call) else {
            return sys::STATUS_INVALID_HANDLE;
        };
        // A filter is not its device's power policy owner.
        if state.device(id).is_some_and(|d| d.filter) {
            return sys::STATUS_INVALID_DEVICE_STATE;
        }
        if state.extra.failed.contains_key(&id) {
            return STATUS_POWER_STATE_INVALID;
        }
        *state.extra.idle_references.entry(id).or_default() += 1;
        let in_d0 = state
            .device(id)
            .is_some_and(|d| d.in_d0 || d.control.is_some());
        if in_d0 {
            return sys::STATUS_SUCCESS;
        }
        if !wait {
            return sys::STATUS_PENDING;
        }
        id
    };
    let _ = sim.block_until(
        "the device to return to D0 (WdfDeviceStopIdle)",
        move |state, _| {
            if state.device(id).is_none_or(|d| d.in_d0) {
                Wake::Ready
            } else {
                Wake::Later
            }
        },
    );
    sys::STATUS_SUCCESS
}

/// `WdfDeviceResumeIdle` (both forms): releases an idle reference; one never taken is reported.
fn resume_idle(globals: PWDF_DRIVER_GLOBALS, call: &'static str, device: sys::WDFDEVICE) {
    let sim = irql::enter(globals, call, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = device_id(&mut state, device, call) else {
        return;
    };
    match state.extra.idle_references.get_mut(&id) {
        Some(count) if *count > 0 => *count -= 1,
        _ => state.violation_on(
            Rule::InvalidArgument,
            call,
            id,
            "no idle reference is held: WdfDeviceResumeIdle without a matching WdfDeviceStopIdle"
                .to_owned(),
        ),
    }
}

pub(crate) unsafe extern "C" fn WdfDeviceStopIdleNoTrack(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    WaitForD0: sys::BOOLEAN,
) -> NTSTATUS {
    stop_idle(globals, "WdfDeviceStopIdleNoTrack", Device, WaitForD0 != 0)
}

pub(crate) unsafe extern "C" fn WdfDeviceResumeIdleNoTrack(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
) {
    resume_idle(globals, "WdfDeviceResumeIdleNoTrack", Device);
}

pub(crate) unsafe extern "C" fn WdfDeviceStopIdleActual(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    WaitForD0: sys::BOOLEAN,
    Tag: sys::PVOID,
    Line: sys::LONG,
    File: sys::PCCH,
) -> NTSTATUS {
    // Tags name the reference in KMDF's debugger extension only.
    let _ = (Tag, Line, File);
    stop_idle(globals, "WdfDeviceStopIdleActual", Device, WaitForD0 != 0)
}

pub(crate) unsafe extern "C" fn WdfDeviceResumeIdleActual(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    Tag: sys::PVOID,
    Line: sys::LONG,
    File: sys::PCCH,
) {
    let _ = (Tag, Line, File);
    resume_idle(globals, "WdfDeviceResumeIdleActual", Device);
}
