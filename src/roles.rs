//! How iolab decides its role for each device node, and what the driver keeps across its
//! devices (the WDFDRIVER's context, [`DriverState`]; never Rust statics).
//!
//! # The role decision (EvtDriverDeviceAdd, before `WdfDeviceCreate`)
//! PnP calls the function driver's AddDevice before the upper filters'. iolab reads the node's
//! hardware IDs (`WdfFdoInitQueryProperty(DevicePropertyHardwareID)`, REG_MULTI_SZ) and its
//! physical device object (`WdfFdoInitWdmGetPhysicalDevice`). It is the **function driver**
//! (the pipe) when one of the IDs is `Root\IoLab` or `Root\IoLabMonitored` (compared without
//! regard to case, as PnP compares IDs) and iolab has no function device on that PDO yet; in
//! every other case — any other device, or the second AddDevice on the same PDO (the
//! monitored pipe, `Root\IoLabMonitored`, has iolab as function driver and upper filter) — it
//! is an **upper filter**.
//!
//! # What the driver keeps
//! Under one wait lock (PASSIVE_LEVEL: AddDevice, device cleanup and the control device's
//! sequential queue all run there): a table of every iolab device's PDO and role, the
//! WDFCOLLECTION of filter devices, and the next filter ID. Under a second wait lock, taken
//! first: the control device, created by the first filter instance and deleted in the last
//! one's cleanup, so the driver can unload.

use iolab_protocol::filter::{
    ALL_FILTERS, FILTER_CONTROL_DEVICE_NAME, FILTER_CONTROL_SYMBOLIC_LINK, FilterList, FilterStats,
};
use iolab_protocol::identity::{HARDWARE_ID, MONITORED_HARDWARE_ID};
use iolab_protocol::{DEVICE_SDDL, Role};

use crate::device;
use crate::filter::{self, FilterContext};
use crate::sideband::{ControlContext, FilterRegistry};
use crate::wdf::collection::Collection;
use crate::wdf::control::{ControlDevice, ControlDeviceInit};
use crate::wdf::device::{DeviceId, DeviceInit, PhysicalDevice, WideStr};
use crate::wdf::driver::{Driver, DriverCallbacks};
use crate::wdf::queue::{self, Dispatch};
use crate::wdf::status::{NtStatus, Result};
use crate::wdf::sync::WaitLock;

/// How many iolab devices (function and filter) the driver tracks at once.
pub const MAX_DEVICES: usize = 256;

/// The driver: its driver-level callbacks.
pub struct IoLab;

static CONTROL_SDDL: WideStr<{ DEVICE_SDDL.len() }> = WideStr::from_ascii(DEVICE_SDDL);
static CONTROL_NAME: WideStr<{ FILTER_CONTROL_DEVICE_NAME.len() }> =
    WideStr::from_ascii(FILTER_CONTROL_DEVICE_NAME);
static CONTROL_LINK: WideStr<{ FILTER_CONTROL_SYMBOLIC_LINK.len() }> =
    WideStr::from_ascii(FILTER_CONTROL_SYMBOLIC_LINK);

/// Whether one of `wanted`'s IDs is in the REG_MULTI_SZ list `ids` (ASCII case ignored).
fn lists_any(ids: &[u16], wanted: &[&str]) -> bool {
    ids.split(|unit| *unit == 0)
        .filter(|id| !id.is_empty())
        .any(|id| {
            wanted.iter().any(|name| {
                name.len() == id.len()
                    && name.bytes().zip(id.iter()).all(|(byte, unit)| {
                        u8::try_from(*unit).is_ok_and(|unit| unit.eq_ignore_ascii_case(&byte))
                    })
            })
        })
}

/// The role of iolab's device on a node with hardware IDs `ids` (REG_MULTI_SZ), given whether
/// iolab already has a function device on its PDO.
#[must_use]
pub fn decide(ids: &[u16], function_on_pdo: bool) -> Role {
    if !function_on_pdo && lists_any(ids, &[HARDWARE_ID, MONITORED_HARDWARE_ID]) {
        Role::Function
    } else {
        Role::Filter
    }
}

/// One iolab device the driver knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Known {
    pdo: PhysicalDevice,
    role: Role,
    device: DeviceId,
}

/// What the registry lock guards.
pub struct Registry {
    known: [Option<Known>; MAX_DEVICES],
    filters: Collection<FilterContext>,
    next_id: u32,
}

impl Registry {
    fn has_function(&self, pdo: PhysicalDevice) -> bool {
        self.known
            .iter()
            .flatten()
            .any(|k| k.pdo == pdo && k.role == Role::Function)
    }

    /// Enters a device just created in the table.
    ///
    /// # Errors
    /// `STATUS_INSUFFICIENT_RESOURCES` when [`MAX_DEVICES`] are known already (the device add
    /// fails and the framework deletes the device).
    fn enter(&mut self, known: Known) -> Result {
        let slot = self
            .known
            .iter_mut()
            .find(|slot| slot.is_none())
            .ok_or(NtStatus::INSUFFICIENT_RESOURCES)?;
        *slot = Some(known);
        Ok(())
    }

    fn forget(&mut self, device: DeviceId) {
        if let Some(slot) = self
            .known
            .iter_mut()
            .find(|slot| slot.is_some_and(|known| known.device == device))
        {
            *slot = None;
        }
    }

    /// The filter instance with ID `id`.
    fn filter(&self, id: u32) -> Option<&FilterContext> {
        self.filters.contexts().find(|filter| filter.id() == id)
    }

    /// The instances `id` selects (one, or all for [`ALL_FILTERS`]); false if it names none.
    fn each_selected(&self, id: u32, mut action: impl FnMut(&FilterContext)) -> bool {
        let mut found = false;
        for filter in self.filters.contexts() {
            if id == ALL_FILTERS || filter.id() == id {
                action(filter);
                found = true;
            }
        }
        found || id == ALL_FILTERS
    }
}

/// The WDFDRIVER's context.
pub struct DriverState {
    driver: Driver,
    /// Taken before `registry`: the control device's creation and deletion.
    control: WaitLock<Option<ControlDevice>>,
    registry: WaitLock<Registry>,
}

crate::declare_context!(DriverState, DRIVER_STATE_TYPE_INFO);

impl DriverState {
    fn new(driver: Driver) -> Result<Self> {
        let registry = Registry {
            known: [None; MAX_DEVICES],
            filters: Collection::in_driver(driver)?,
            next_id: 1,
        };
        Ok(Self {
            driver,
            control: WaitLock::in_driver(None, &driver)?,
            registry: WaitLock::in_driver(registry, &driver)?,
        })
    }

    /// EvtDriverDeviceAdd: decides the role and builds the device.
    fn device_add(&self, init: DeviceInit<'_>) -> Result {
        let pdo = init.physical_device();
        let ids = init.hardware_ids()?;
        let mut control = self.control.lock();
        let mut registry = self.registry.lock();
        let role = decide(&ids, registry.has_function(pdo));
        drop(ids);
        // After a device is created, a failure fails the device add; the framework then
        // deletes the device, and its cleanup forgets whatever of it was entered.
        match role {
            Role::Function => {
                let device = device::add(init)?;
                registry.enter(Known {
                    pdo,
                    role,
                    device: device.id(),
                })?;
                wdk::println!("iolab: function device added");
                Ok(())
            }
            Role::Filter => {
                let id = registry.next_id;
                registry.next_id = id.wrapping_add(1);
                let device = filter::add(init, id)?;
                registry.enter(Known {
                    pdo,
                    role,
                    device: device.id(),
                })?;
                registry.filters.add(&device)?;
                drop(registry);
                if control.is_none() {
                    *control = Some(self.create_control()?);
                }
                wdk::println!("iolab: filter instance {} added", id);
                Ok(())
            }
        }
    }

    /// Creates, names, links and finishes the control device (its init is freed on every path
    /// that does not create it).
    fn create_control(&self) -> Result<ControlDevice> {
        let mut init = ControlDeviceInit::allocate(self.driver, &CONTROL_SDDL)?;
        init.assign_name(&CONTROL_NAME)?;
        let control = init.create(ControlContext::new(self.driver))?;
        let linked = control
            .create_symbolic_link(&CONTROL_LINK)
            .and_then(|()| match control.device::<ControlContext>() {
                Some(device) => {
                    queue::create_default_queue(&device, Dispatch::Sequential).map(|_| ())
                }
                None => Err(NtStatus::UNSUCCESSFUL),
            });
        if let Err(status) = linked {
            control.delete();
            return Err(status);
        }
        control.finish_initializing();
        Ok(control)
    }

    /// A filter device's cleanup: it leaves the table and the collection; the last one deletes
    /// the control device.
    pub fn filter_removed(&self, device: DeviceId) {
        let mut control = self.control.lock();
        let last = {
            let mut registry = self.registry.lock();
            registry.filters.remove(device);
            registry.forget(device);
            registry.filters.is_empty()
        };
        if last && let Some(control) = control.take() {
            control.delete();
        }
    }

    /// A function device's cleanup: it leaves the table.
    pub fn function_removed(&self, device: DeviceId) {
        self.registry.lock().forget(device);
    }
}

impl FilterRegistry for DriverState {
    fn list_into(&self, out: &mut FilterList) {
        let registry = self.registry.lock();
        for filter in registry.filters.contexts() {
            out.push(filter.entry());
        }
    }

    fn stats_into(&self, id: u32, out: &mut FilterStats) -> bool {
        let registry = self.registry.lock();
        registry
            .filter(id)
            .map(|filter| filter.stats_into(out))
            .is_some()
    }

    fn reset(&self, id: u32) -> bool {
        self.registry.lock().each_selected(id, FilterContext::reset)
    }

    fn set_monitoring(&self, id: u32, on: bool) -> bool {
        self.registry
            .lock()
            .each_selected(id, |filter| filter.set_monitoring(on))
    }
}

impl DriverCallbacks for IoLab {
    type Context = DriverState;

    fn driver_context(driver: Driver) -> Result<DriverState> {
        DriverState::new(driver)
    }

    fn device_add(_driver: Driver, context: &DriverState, init: DeviceInit<'_>) -> Result {
        context.device_add(init)
    }

    fn unload() {
        wdk::println!("iolab: unloading");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn multi_sz(ids: &[&str]) -> std::vec::Vec<u16> {
        let mut units: std::vec::Vec<u16> = std::vec::Vec::new();
        for id in ids {
            units.extend(id.encode_utf16());
            units.push(0);
        }
        units.push(0);
        units
    }

    #[test]
    fn iolab_ids_make_the_function_device_once() {
        for ids in [
            &["Root\\IoLab"][..],
            &["ROOT\\IOLABMONITORED"],
            &["Other\\Thing", "root\\iolab"],
        ] {
            assert_eq!(decide(&multi_sz(ids), false), Role::Function, "{ids:?}");
            assert_eq!(decide(&multi_sz(ids), true), Role::Filter, "{ids:?}");
        }
    }

    #[test]
    fn other_ids_make_a_filter() {
        for ids in [
            &["Root\\IoLabX"][..],
            &["Root\\IoLa"],
            &["USB\\VID_1234&PID_5678", "USB\\Class_03"],
            &[],
        ] {
            assert_eq!(decide(&multi_sz(ids), false), Role::Filter, "{ids:?}");
        }
        let mut wide = multi_sz(&["Root\\IoLab"]);
        if let Some(unit) = wide.get_mut(0) {
            *unit = 0x0152; // a non-ASCII unit never matches
        }
        assert_eq!(decide(&wide, false), Role::Filter);
    }
}
