//! The simulated registry as a test sees it: preset values, read back what the driver wrote, and
//! the paths of the keys the framework opens for a driver or a device.

use super::{DeviceRef, DriverRef, SimHandle};
use crate::framework::device_state;
use crate::registry::RegistryValue;
use crate::state::ObjData;

impl SimHandle {
    /// Sets a registry value (creating its key), as an INF's `AddReg` or an administrator would.
    /// `key` is a full kernel path (`\REGISTRY\MACHINE\...`); see
    /// [`SimHandle::parameters_key`], [`SimHandle::hardware_key`] and [`SimHandle::software_key`]
    /// for the keys the framework opens. To preset what DriverEntry reads, use
    /// [`crate::SimConfig::registry`].
    pub fn set_registry_value(&self, key: &str, name: &str, value: RegistryValue) {
        self.sim.lock().extra.registry.set(key, name, value);
    }

    /// A registry value, if it exists (what the driver wrote with `WdfRegistryAssign*`).
    #[must_use]
    pub fn registry_value(&self, key: &str, name: &str) -> Option<RegistryValue> {
        self.sim.lock().extra.registry.get(key, name).cloned()
    }

    /// Whether a registry key exists.
    #[must_use]
    pub fn registry_key_exists(&self, key: &str) -> bool {
        self.sim.lock().extra.registry.key_exists(key)
    }

    /// The driver's `Parameters` key (`WdfDriverOpenParametersRegistryKey`):
    /// `\REGISTRY\MACHINE\SYSTEM\ControlSet001\Services\<name>\Parameters`.
    #[must_use]
    pub fn parameters_key(&self, driver: DriverRef) -> String {
        let state = self.sim.lock();
        let service = match state.objects.get(&driver.0).map(|o| &o.data) {
            Some(ObjData::Driver(data)) => String::from_utf16_lossy(&data.registry_path),
            _ => String::new(),
        };
        format!(r"{}\Parameters", service.trim_end_matches('\0'))
    }

    /// A device node's hardware key (`WdfDeviceOpenRegistryKey` with `PLUGPLAY_REGKEY_DEVICE`):
    /// `\REGISTRY\MACHINE\SYSTEM\ControlSet001\Enum\ROOT\<DEVICE>\<nnnn>\Device Parameters`.
    #[must_use]
    pub fn hardware_key(&self, device: DeviceRef) -> String {
        device_state::hardware_key(&self.sim.lock(), device.0).unwrap_or_default()
    }

    /// A device node's software key (`PLUGPLAY_REGKEY_DRIVER`):
    /// `\REGISTRY\MACHINE\SYSTEM\ControlSet001\Control\Class\{4d36e97d-...}\<nnnn>` (kmdf-sim's
    /// device nodes are in the System class).
    #[must_use]
    pub fn software_key(&self, device: DeviceRef) -> String {
        device_state::software_key(device.0)
    }
}

impl SimHandle {
    /// The device type the top device of a node was created with (`WdfDeviceInitSetDeviceType`;
    /// `FILE_DEVICE_UNKNOWN`, 0x22, by default).
    #[must_use]
    pub fn device_type(&self, device: DeviceRef) -> u32 {
        self.top_settings(device)
            .and_then(|s| s.device_type)
            .unwrap_or(FILE_DEVICE_UNKNOWN)
    }

    /// Whether the top device of a node asked for pageable (`Some(true)`,
    /// `WdfDeviceInitSetPowerPageable`) or non-pageable (`Some(false)`) power handling, if it
    /// said.
    #[must_use]
    pub fn power_pageable(&self, device: DeviceRef) -> Option<bool> {
        self.top_settings(device).and_then(|s| s.power_pageable)
    }

    fn top_settings(&self, device: DeviceRef) -> Option<crate::state::DeviceSettings> {
        let state = self.sim.lock();
        let top = state.devnodes.get(device.0)?.stack.last().copied()?;
        state.extra.device_settings.get(&top).copied()
    }
}

/// `FILE_DEVICE_UNKNOWN` (devioctl.h).
const FILE_DEVICE_UNKNOWN: u32 = 0x22;
