//! What the framework knows about a device beyond its I/O: its interfaces' paths and whether
//! they are enabled, its registry keys, and its PnP, power and power-policy states as
//! `WdfDeviceGetDevice*State` report them (from the device node's place in the PnP manager's
//! state machine, `pnp_power::NodeState`).

use kmdf_sim_wdk_sys as sys;

use super::file::same_guid;
use crate::pnp_power::NodeState;
use crate::state::{ObjId, State};

/// `\REGISTRY\MACHINE\SYSTEM\ControlSet001`.
pub(crate) const CONTROL_SET: &str = r"\REGISTRY\MACHINE\SYSTEM\ControlSet001";

/// The device class kmdf-sim's device nodes are in (the System class): their software keys live
/// under it.
pub(crate) const CLASS_GUID: &str = "{4d36e97d-e325-11ce-bfc1-08002be10318}";

// wdfdevice.h's power and power-policy states that kmdf-sim reports (the mirror binds only
// their `Invalid` members so far).
const POWER_OBJECT_CREATED: sys::WDF_DEVICE_POWER_STATE = 0x300;
const POWER_D0: sys::WDF_DEVICE_POWER_STATE = 0x307;
const POWER_DX: sys::WDF_DEVICE_POWER_STATE = 0x31F;
const PWR_POL_OBJECT_CREATED: sys::WDF_DEVICE_POWER_POLICY_STATE = 0x500;
const PWR_POL_STOPPED: sys::WDF_DEVICE_POWER_POLICY_STATE = 0x563;
const PWR_POL_STARTED: sys::WDF_DEVICE_POWER_POLICY_STATE = 0x565;
const PWR_POL_DX: sys::WDF_DEVICE_POWER_POLICY_STATE = 0x571;

/// The device node `device` belongs to.
fn node_index(state: &State, device: ObjId) -> Option<usize> {
    state.device(device).and_then(|d| d.devnode)
}

/// The interface path of interface `guid` (with `reference`) of `device`, if the device created
/// it and belongs to a device node.
pub(crate) fn interface_path_of(
    state: &State,
    device: ObjId,
    guid: &sys::GUID,
    reference: Option<&str>,
) -> Option<String> {
    let data = state.device(device)?;
    let node = data.devnode?;
    data.interfaces
        .iter()
        .any(|(g, r)| same_guid(g, guid) && r.as_deref() == reference)
        .then(|| {
            let hardware_id = state.devnodes.get(node).map(|n| n.hardware_id.as_str())?;
            Some(super::target::interface_path(
                hardware_id,
                node,
                guid,
                reference,
            ))
        })
        .flatten()
}

/// The device instance path of node `node` (`ROOT\<DEVICE>\<nnnn>`).
pub(crate) fn instance_path(state: &State, node: usize) -> Option<String> {
    let hardware_id = &state.devnodes.get(node)?.hardware_id;
    let device = hardware_id
        .split_once('\\')
        .map_or(hardware_id.as_str(), |(_, rest)| rest)
        .to_uppercase();
    Some(format!(r"ROOT\{device}\{node:04}"))
}

/// The hardware key of node `node` (`PLUGPLAY_REGKEY_DEVICE`): `...\Enum\<instance>\Device
/// Parameters`.
pub(crate) fn hardware_key(state: &State, node: usize) -> Option<String> {
    instance_path(state, node).map(|path| format!(r"{CONTROL_SET}\Enum\{path}\Device Parameters"))
}

/// The software key of node `node` (`PLUGPLAY_REGKEY_DRIVER`): `...\Control\Class\{class}\<nnnn>`.
pub(crate) fn software_key(node: usize) -> String {
    format!(r"{CONTROL_SET}\Control\Class\{CLASS_GUID}\{node:04}")
}

/// The hardware (`software == false`) or software key of `device`'s node.
pub(crate) fn device_key(state: &State, device: ObjId, software: bool) -> Option<String> {
    let node = node_index(state, device)?;
    if software {
        Some(software_key(node))
    } else {
        hardware_key(state, node)
    }
}

/// Whether the driver disabled this interface (`WdfDeviceSetDeviceInterfaceState`).
pub(crate) fn interface_disabled(
    state: &State,
    device: ObjId,
    guid: &sys::GUID,
    reference: Option<&str>,
) -> bool {
    state
        .extra
        .disabled_interfaces
        .iter()
        .any(|(d, g, r)| *d == device && same_guid(g, guid) && r.as_deref() == reference)
}

/// The device's PnP state, as the framework's PnP state machine would name it.
pub(crate) fn pnp_state(state: &State, device: ObjId) -> sys::WDF_DEVICE_PNP_STATE {
    use sys::_WDF_DEVICE_PNP_STATE as P;
    let Some(data) = state.device(device) else {
        return P::WdfDevStatePnpInvalid;
    };
    if data.control.is_some() {
        // A control device has no PnP state machine of its own; it is "started" once created.
        return P::WdfDevStatePnpStarted;
    }
    let node = data
        .devnode
        .and_then(|n| state.devnodes.get(n))
        .map(|n| n.pnp);
    if state.extra.failed.contains_key(&device) {
        return P::WdfDevStatePnpFailed;
    }
    match node {
        _ if data.removing => P::WdfDevStatePnpRemoved,
        Some(NodeState::Started) if data.started => P::WdfDevStatePnpStarted,
        Some(NodeState::Started) => P::WdfDevStatePnpInit,
        Some(NodeState::QueryRemoved) => P::WdfDevStatePnpQueryRemovePending,
        Some(NodeState::SurpriseRemoved) => P::WdfDevStatePnpSurpriseRemove,
        Some(NodeState::Removed) | None => P::WdfDevStatePnpRemoved,
    }
}

/// The device's power state: D0 or not.
pub(crate) fn power_state(state: &State, device: ObjId) -> sys::WDF_DEVICE_POWER_STATE {
    use sys::_WDF_DEVICE_POWER_STATE as P;
    match state.device(device) {
        None => P::WdfDevStatePowerInvalid,
        Some(data) if data.in_d0 || data.control.is_some() => POWER_D0,
        Some(data) if data.started && !data.removing => POWER_DX,
        Some(_) => POWER_OBJECT_CREATED,
    }
}

/// The device's power-policy state (kmdf-sim's drivers are their devices' power policy owners).
pub(crate) fn power_policy_state(
    state: &State,
    device: ObjId,
) -> sys::WDF_DEVICE_POWER_POLICY_STATE {
    use sys::_WDF_DEVICE_POWER_POLICY_STATE as P;
    match state.device(device) {
        None => P::WdfDevStatePwrPolInvalid,
        Some(data) if data.in_d0 || data.control.is_some() => PWR_POL_STARTED,
        Some(data) if data.started && !data.removing => PWR_POL_DX,
        Some(data) if data.removing => PWR_POL_STOPPED,
        Some(_) => PWR_POL_OBJECT_CREATED,
    }
}
