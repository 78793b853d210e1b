//! What EvtDriverDeviceAdd can learn of its device node before `WdfDeviceCreate`:
//! `WdfFdoInitWdmGetPhysicalDevice` (one stable PDO per node, the same for every driver of the
//! stack) and `WdfFdoInitQueryProperty` (the hardware ID as REG_MULTI_SZ, the PDO's name as
//! REG_SZ, STATUS_BUFFER_TOO_SMALL with the size needed, STATUS_INVALID_PARAMETER_2 for a value
//! that is no property, an `Unsupported` report for one kmdf-sim does not simulate, and a report
//! for a control device's init); and opening a node by its PDO's name.

use std::sync::Mutex;

use kmdf_sim::wdk_sys::{
    DEVICE_REGISTRY_PROPERTY, DRIVER_OBJECT, NTSTATUS, PCUNICODE_STRING, PWDFDEVICE_INIT,
    STATUS_BUFFER_TOO_SMALL, STATUS_INVALID_DEVICE_REQUEST, STATUS_INVALID_PARAMETER_2,
    STATUS_NOT_IMPLEMENTED, STATUS_SUCCESS, UNICODE_STRING, WDF_NO_OBJECT_ATTRIBUTES, WDFDEVICE,
    WDFDRIVER, call_unsafe_wdf_function_binding,
};
use kmdf_sim::{Access, LowerDevice, OnViolation, Rule, SimConfig, Simulation};

#[expect(
    dead_code,
    reason = "these test drivers need DriverEntry's helper only"
)]
mod common;
use common::create_driver;

/// What one EvtDriverDeviceAdd saw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Seen {
    pdo: usize,
    /// Status and ResultLength of a query with no buffer.
    probe: (NTSTATUS, u32),
    /// Status and ResultLength of a query one byte short.
    short: (NTSTATUS, u32),
    hardware_ids: Vec<u8>,
    pdo_name: Vec<u8>,
    /// Status of DevicePropertyFriendlyName (valid, not simulated) and of property 0x99.
    unsimulated: NTSTATUS,
    invalid: NTSTATUS,
}

static SEEN: Mutex<Vec<Seen>> = Mutex::new(Vec::new());
static SERIAL: Mutex<()> = Mutex::new(());

fn query(init: PWDFDEVICE_INIT, property: i32, length: u32, buffer: *mut u8) -> (NTSTATUS, u32) {
    let mut needed = 0_u32;
    // SAFETY: EvtDriverDeviceAdd's live init at PASSIVE_LEVEL; `buffer` holds `length` bytes.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfFdoInitQueryProperty,
            init,
            property,
            length,
            buffer.cast(),
            &raw mut needed
        )
    };
    (status, needed)
}

/// The whole property: asks for its size, then reads it into a buffer of exactly that size.
fn whole(init: PWDFDEVICE_INIT, property: i32) -> Vec<u8> {
    let (_, needed) = query(init, property, 0, core::ptr::null_mut());
    let mut bytes = vec![0xEE_u8; needed as usize];
    let (status, written) = query(init, property, needed, bytes.as_mut_ptr());
    if status != STATUS_SUCCESS || written != needed {
        kmdf_sim::fail_test(&format!(
            "property {property}: {status:#x}, {written} of {needed} bytes"
        ));
    }
    bytes
}

unsafe extern "C" fn device_add(_driver: WDFDRIVER, mut init: PWDFDEVICE_INIT) -> NTSTATUS {
    use DEVICE_REGISTRY_PROPERTY as p;
    // SAFETY: EvtDriverDeviceAdd's live init.
    let pdo = unsafe { call_unsafe_wdf_function_binding!(WdfFdoInitWdmGetPhysicalDevice, init) };
    let probe = query(init, p::DevicePropertyHardwareID, 0, core::ptr::null_mut());
    let mut short = vec![0_u8; (probe.1 as usize).saturating_sub(1)];
    let short = query(
        init,
        p::DevicePropertyHardwareID,
        probe.1.saturating_sub(1),
        short.as_mut_ptr(),
    );
    let mut scratch = [0_u8; 64];
    let seen = Seen {
        pdo: pdo.addr(),
        probe,
        short,
        hardware_ids: whole(init, p::DevicePropertyHardwareID),
        pdo_name: whole(init, p::DevicePropertyPhysicalDeviceObjectName),
        unsimulated: query(
            init,
            p::DevicePropertyFriendlyName,
            64,
            scratch.as_mut_ptr(),
        )
        .0,
        invalid: query(init, 0x99, 64, scratch.as_mut_ptr()).0,
    };
    SEEN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(seen);
    // SAFETY: as above; consumes the init.
    unsafe {
        call_unsafe_wdf_function_binding!(WdfFdoInitSetFilter, init);
    }
    let mut device: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: as above.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut init,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut device
        )
    }
}

unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

fn utf16(text: &str, nuls: usize) -> Vec<u8> {
    text.encode_utf16()
        .chain(std::iter::repeat_n(0, nuls))
        .flat_map(u16::to_le_bytes)
        .collect()
}

/// Takes the test's turn, clears the record and loads `entry`, recording violations.
fn start(entry: kmdf_sim::DriverEntry) -> (std::sync::MutexGuard<'static, ()>, Simulation) {
    let serial = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    SEEN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
    let config = SimConfig {
        on_violation: OnViolation::Record,
        ..SimConfig::default()
    };
    (serial, Simulation::load_with(entry, config).unwrap())
}

#[test]
fn add_device_reads_the_pdo_and_its_properties() {
    let (_serial, sim) = start(driver_entry);
    let driver = sim.driver();
    let first = sim
        .add_device_stack(r"Root\First", &[driver, driver], LowerDevice::root())
        .unwrap();
    let second = sim.add_device(r"Root\Second").unwrap();
    let seen = std::mem::take(
        &mut *SEEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    assert_eq!(seen.len(), 3, "{seen:?}");
    let first_ids = utf16(r"Root\First", 2);
    for one in &seen[..2] {
        assert_eq!(one.hardware_ids, first_ids);
        assert_eq!(one.pdo_name, utf16(r"\Device\00000001", 1));
        let needed = u32::try_from(first_ids.len()).unwrap();
        assert_eq!(one.probe, (STATUS_BUFFER_TOO_SMALL, needed));
        assert_eq!(one.short, (STATUS_BUFFER_TOO_SMALL, needed));
        assert_eq!(one.unsimulated, STATUS_NOT_IMPLEMENTED);
        assert_eq!(one.invalid, STATUS_INVALID_PARAMETER_2);
    }
    assert_ne!(seen[0].pdo, 0);
    assert_eq!(
        seen[0].pdo, seen[1].pdo,
        "one PDO per node, whichever driver asks"
    );
    assert_eq!(seen[2].hardware_ids, utf16(r"Root\Second", 2));
    assert_eq!(seen[2].pdo_name, utf16(r"\Device\00000002", 1));
    assert_ne!(seen[2].pdo, seen[0].pdo);
    assert_eq!(
        (sim.pdo_name(first), sim.pdo_name(second)),
        (
            r"\Device\00000001".to_owned(),
            r"\Device\00000002".to_owned()
        ),
        "the names the drivers were told"
    );
    // A node opens by its PDO's name: the create goes to the top of its stack (two filters
    // without queues pass it, and an IOCTL, down to the bus device).
    for name in [r"\Device\00000001", r"\\.\GLOBALROOT\Device\00000002"] {
        let handle = sim.open_by_name(name, Access::READ_WRITE).unwrap();
        let reply = handle.ioctl(0x8000_2000, b"x", 1);
        assert_eq!(reply.status, STATUS_INVALID_DEVICE_REQUEST, "{name}");
        handle.close();
    }
    assert!(
        sim.open_by_name(r"\Device\00000003", Access::READ_WRITE)
            .is_err()
    );
    sim.remove_device(first).unwrap();
    sim.remove_device(second).unwrap();
    let reports = sim.unload();
    let unsupported = reports
        .iter()
        .filter(|v| v.rule == Rule::Unsupported && v.call == "WdfFdoInitQueryProperty")
        .count();
    assert_eq!(unsupported, 3, "one per FriendlyName query: {reports:?}");
    assert_eq!(reports.len(), 3, "{reports:?}");
}

unsafe extern "C" fn control_add(driver: WDFDRIVER, _init: PWDFDEVICE_INIT) -> NTSTATUS {
    let sddl: Vec<u16> = "D:P(A;;GA;;;SY)".encode_utf16().collect();
    let sddl = UNICODE_STRING {
        Length: u16::try_from(sddl.len() * 2).unwrap_or(0),
        MaximumLength: u16::try_from(sddl.len() * 2).unwrap_or(0),
        Buffer: sddl.as_ptr().cast_mut(),
    };
    // SAFETY: PASSIVE_LEVEL; the SDDL outlives the call.
    let init = unsafe {
        call_unsafe_wdf_function_binding!(WdfControlDeviceInitAllocate, driver, &raw const sddl)
    };
    let (status, _) = query(
        init,
        DEVICE_REGISTRY_PROPERTY::DevicePropertyHardwareID,
        0,
        core::ptr::null_mut(),
    );
    // SAFETY: as above.
    let pdo = unsafe { call_unsafe_wdf_function_binding!(WdfFdoInitWdmGetPhysicalDevice, init) };
    SEEN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(Seen {
            pdo: pdo.addr(),
            probe: (status, 0),
            ..Seen::default()
        });
    // SAFETY: the init was never used for a device.
    unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitFree, init) };
    STATUS_INVALID_DEVICE_REQUEST
}

unsafe extern "system" fn control_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(control_add)) }
}

#[test]
fn a_control_devices_init_has_no_pdo() {
    let (_serial, sim) = start(control_entry);
    assert!(sim.add_device(r"Root\Control").is_err());
    let seen = std::mem::take(
        &mut *SEEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].probe.0, STATUS_INVALID_DEVICE_REQUEST);
    assert_eq!(seen[0].pdo, 0);
    let reports = sim.unload();
    let calls: Vec<&str> = reports.iter().map(|v| v.call.as_str()).collect();
    assert_eq!(
        calls,
        ["WdfFdoInitQueryProperty", "WdfFdoInitWdmGetPhysicalDevice"],
        "{reports:?}"
    );
    assert!(reports.iter().all(|v| v.rule == Rule::InvalidArgument));
}
