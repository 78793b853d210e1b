//! How Windows knows an iolab device: the hardware ID, service name, device setup class and the
//! security the device is created with. The driver, the INF (`iolab.inx`) and `iolabctl install`
//! must agree on each of these; `tests/inf.rs` checks the INF against them.

use crate::Guid;

/// Hardware ID of the root-enumerated function device (`devgen /add /bus ROOT /hardwareid ...`,
/// `iolabctl install`), matched by the INF's models section.
pub const HARDWARE_ID: &str = "Root\\IoLab";

/// Hardware ID of the monitored pipe: a root-enumerated device with iolab as its function driver
/// (the pipe) and iolab again as its upper filter (the I/O monitor), installed by the INF's
/// second model.
pub const MONITORED_HARDWARE_ID: &str = "Root\\IoLabMonitored";

/// Name of the kernel service (`HKLM\SYSTEM\CurrentControlSet\Services\iolab`), the INF's
/// `AddService` and `KmdfService` name.
pub const SERVICE_NAME: &str = "iolab";

/// File name of the driver package's INF, as built by `cargo make` (stamped from `iolab.inx`).
pub const INF_FILE_NAME: &str = "iolab.inf";

/// File name of the kernel image.
pub const DRIVER_FILE_NAME: &str = "iolab.sys";

/// The device setup class the INF installs into: `System` (system devices).
pub const DEVICE_CLASS_NAME: &str = "System";

/// `GUID_DEVCLASS_SYSTEM`, `{4D36E97D-E325-11CE-BFC1-08002BE10318}`.
pub const GUID_DEVCLASS_SYSTEM: Guid = Guid {
    data1: 0x4D36_E97D,
    data2: 0xE325,
    data3: 0x11CE,
    data4: [0xBF, 0xC1, 0x08, 0x00, 0x2B, 0xE1, 0x03, 0x18],
};

/// Who may open the device: protected DACL, generic all for LocalSystem (`SY`) and the built-in
/// Administrators (`BA`); nobody else. The driver assigns it when it creates the device
/// (`WdfDeviceInitAssignSDDLString`) and the INF sets it on the device (`HKR,,Security`), so the
/// device is locked down whichever the I/O manager sees first.
pub const DEVICE_SDDL: &str = "D:P(A;;GA;;;SY)(A;;GA;;;BA)";

/// `FILE_DEVICE_SECURE_OPEN` (`wdm.h`): the device's security applies to opens of any name below
/// it (`\Device\X\anything`), not only to the device itself. Set with
/// `WdfDeviceInitSetCharacteristics` and the INF's `HKR,,DeviceCharacteristics`.
pub const FILE_DEVICE_SECURE_OPEN: u32 = 0x0000_0100;

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn system_class_guid_in_registry_form() {
        assert_eq!(
            GUID_DEVCLASS_SYSTEM.to_string(),
            "{4D36E97D-E325-11CE-BFC1-08002BE10318}"
        );
    }

    #[test]
    fn sddl_grants_only_system_and_administrators() {
        assert!(DEVICE_SDDL.starts_with("D:P"), "the DACL must be protected");
        let aces: std::vec::Vec<&str> = DEVICE_SDDL
            .trim_start_matches("D:P")
            .split_terminator(')')
            .map(|ace| ace.trim_start_matches('('))
            .collect();
        assert_eq!(aces, ["A;;GA;;;SY", "A;;GA;;;BA"]);
    }
}
