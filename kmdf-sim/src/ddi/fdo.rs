//! Framework entry points of wdffdo.h that read what the PnP manager knows of a device node
//! during EvtDriverDeviceAdd: its physical device object and its properties. DDI:
//! "WdfFdoInitWdmGetPhysicalDevice function (wdffdo.h)", "WdfFdoInitQueryProperty function
//! (wdffdo.h)".
//!
//! Two properties are simulated: `DevicePropertyHardwareID` (REG_MULTI_SZ: the node's hardware
//! ID, NUL, and the list's closing NUL) and `DevicePropertyPhysicalDeviceObjectName` (REG_SZ:
//! `\Device\0000000n`, NUL). Another valid property is an `Unsupported` report and
//! STATUS_NOT_IMPLEMENTED; a value that is no DEVICE_REGISTRY_PROPERTY is
//! STATUS_INVALID_PARAMETER_2, as the DDI page says.

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::DEVICE_REGISTRY_PROPERTY as property;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::device::with_init;
use super::write_out;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::state::{DevNode, State};
use crate::verifier::Rule;

/// The device node of a PnP device's `WDFDEVICE_INIT`; `Err` with the status for a control
/// device's init (after a report) or a handle that is not a live init (reported by `with_init`).
fn node_of(state: &mut State, init: sys::PWDFDEVICE_INIT, call: &str) -> Result<usize, NTSTATUS> {
    let mut node = None;
    let Some(id) = with_init(state, init, call, |data| node = data.devnode) else {
        return Err(sys::STATUS_INVALID_PARAMETER);
    };
    node.ok_or_else(|| {
        state.violation_on(
            Rule::InvalidArgument,
            call,
            id,
            "the WDFDEVICE_INIT is a control device's (WdfControlDeviceInitAllocate), not one \
             EvtDriverDeviceAdd received: it has no physical device object"
                .to_owned(),
        );
        sys::STATUS_INVALID_DEVICE_REQUEST
    })
}

pub(crate) unsafe extern "C" fn WdfFdoInitWdmGetPhysicalDevice(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
) -> sys::PDEVICE_OBJECT {
    const CALL: &str = "WdfFdoInitWdmGetPhysicalDevice";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    node_of(&mut state, DeviceInit, CALL)
        .ok()
        .and_then(|node| state.devnodes.get(node))
        .map_or(std::ptr::null_mut(), DevNode::pdo)
}

/// The bytes of property `which` of device node `node`, as the PnP manager stores them (UTF-16
/// little-endian strings with their NULs); `Err` with the status for another property.
fn property_bytes(state: &State, node: usize, which: property::Type) -> Result<Vec<u8>, NTSTATUS> {
    let units: Vec<u16> = match which {
        property::DevicePropertyHardwareID => {
            let id = state
                .devnodes
                .get(node)
                .map_or("", |n| n.hardware_id.as_str());
            id.encode_utf16().chain([0, 0]).collect()
        }
        property::DevicePropertyPhysicalDeviceObjectName => {
            DevNode::pdo_name(node).encode_utf16().chain([0]).collect()
        }
        property::DevicePropertyDeviceDescription..=property::DevicePropertyContainerID => {
            return Err(sys::STATUS_NOT_IMPLEMENTED);
        }
        _ => return Err(sys::STATUS_INVALID_PARAMETER_2),
    };
    Ok(units.iter().flat_map(|unit| unit.to_le_bytes()).collect())
}

pub(crate) unsafe extern "C" fn WdfFdoInitQueryProperty(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
    DeviceProperty: property::Type,
    BufferLength: sys::ULONG,
    PropertyBuffer: sys::PVOID,
    ResultLength: sys::PULONG,
) -> NTSTATUS {
    const CALL: &str = "WdfFdoInitQueryProperty";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    write_out(ResultLength, 0);
    let node = match node_of(&mut state, DeviceInit, CALL) {
        Ok(node) => node,
        Err(status) => return status,
    };
    let bytes = match property_bytes(&state, node, DeviceProperty) {
        Ok(bytes) => bytes,
        Err(status) => {
            if status == sys::STATUS_NOT_IMPLEMENTED {
                state.violation(
                    Rule::Unsupported,
                    CALL,
                    format!("DEVICE_REGISTRY_PROPERTY {DeviceProperty}"),
                    "kmdf-sim simulates DevicePropertyHardwareID and \
                     DevicePropertyPhysicalDeviceObjectName only"
                        .to_owned(),
                );
            }
            return status;
        }
    };
    let needed = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
    write_out(ResultLength, needed);
    if BufferLength < needed {
        return sys::STATUS_BUFFER_TOO_SMALL;
    }
    if PropertyBuffer.is_null() {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "PVOID PropertyBuffer".to_owned(),
            format!("PropertyBuffer is null with BufferLength {BufferLength}"),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    // SAFETY: the DDI contract: a non-null PropertyBuffer holds BufferLength bytes, at least
    // `needed` (checked above).
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), PropertyBuffer.cast::<u8>(), bytes.len());
    }
    sys::STATUS_SUCCESS
}
