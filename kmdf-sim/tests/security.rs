//! Device security: `WdfDeviceInitAssignSDDLString` and `WdfDeviceInitSetCharacteristics` are
//! recorded on the device, the I/O manager checks each open against the DACL (an administrator
//! gets in, a standard user is refused with STATUS_ACCESS_DENIED before the driver sees the
//! create), and a malformed SDDL string fails the call and is reported.

use kmdf_sim::wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, FILE_DEVICE_SECURE_OPEN, GUID, NTSTATUS,
    PCUNICODE_STRING, PWDFDEVICE_INIT, STATUS_ACCESS_DENIED, STATUS_INVALID_PARAMETER,
    STATUS_SUCCESS, UNICODE_STRING, WDFDRIVER, call_unsafe_wdf_function_binding,
};
use kmdf_sim::{Access, Caller, OnViolation, Rule, SimConfig, SimError, Simulation};

#[expect(dead_code, reason = "this test uses only some of the shared helpers")]
mod common;
use common::{create_driver, queue_config};
#[path = "common/device.rs"]
mod device;

const GUID_SECURE: GUID = GUID {
    Data1: 0xfeed_0051,
    Data2: 5,
    Data3: 1,
    Data4: [5, 1, 5, 1, 5, 1, 5, 1],
};

/// The SDDL iolab's INF and driver agree on: SYSTEM and Administrators only.
const ADMINS_ONLY: &str = "D:P(A;;GA;;;SY)(A;;GA;;;BA)";
/// Administrators everything, users read.
const USERS_READ: &str = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GR;;;BU)";
const MALFORMED: &str = "D:P(A;;GA;;;SY";

static mut SDDL: &str = ADMINS_ONLY;
static mut ASSIGN_STATUS: NTSTATUS = 0;

unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

unsafe extern "C" fn device_add(_driver: WDFDRIVER, init: PWDFDEVICE_INIT) -> NTSTATUS {
    // SAFETY: one simulation at a time; the test sets SDDL before loading.
    let text: Vec<u16> = unsafe { SDDL }.encode_utf16().collect();
    let length = u16::try_from(text.len() * 2).unwrap_or(u16::MAX);
    let string = UNICODE_STRING {
        Length: length,
        MaximumLength: length,
        Buffer: text.as_ptr().cast_mut(),
    };
    // SAFETY: EvtDriverDeviceAdd context; `string` and its buffer outlive the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfDeviceInitAssignSDDLString, init, &raw const string)
    };
    // SAFETY: as above.
    unsafe { ASSIGN_STATUS = status };
    // SAFETY: as above.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceInitSetCharacteristics,
            init,
            FILE_DEVICE_SECURE_OPEN,
            1
        );
    };
    let config = queue_config(
        _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
        true,
    );
    // SAFETY: EvtDriverDeviceAdd context.
    unsafe { device::create_device(init, &GUID_SECURE, config) }
}

fn load(sddl: &'static str) -> Simulation {
    let config = SimConfig {
        on_violation: OnViolation::Record,
        ..SimConfig::default()
    };
    let sim = Simulation::load_with(driver_entry, config).unwrap();
    // SAFETY: the simulation slot is held; no driver code runs now.
    unsafe { SDDL = sddl };
    sim
}

fn opened(sim: &Simulation, access: Access, caller: Caller) -> Result<(), SimError> {
    sim.open_as(&GUID_SECURE, access, caller)
        .map(|handle| handle.close())
}

#[test]
fn only_system_and_administrators_open_an_admins_only_device() {
    let sim = load(ADMINS_ONLY);
    let device = sim.add_device(r"Root\Secure").unwrap();
    // SAFETY: read after the callback ran.
    assert_eq!(unsafe { ASSIGN_STATUS }, STATUS_SUCCESS);
    assert_eq!(
        sim.device_security(device),
        Some((Some(ADMINS_ONLY.to_owned()), FILE_DEVICE_SECURE_OPEN))
    );
    for access in [Access::READ_WRITE, Access::READ, Access::NONE] {
        assert_eq!(opened(&sim, access, Caller::System), Ok(()));
        assert_eq!(opened(&sim, access, Caller::Administrator), Ok(()));
        assert_eq!(
            opened(&sim, access, Caller::User),
            Err(SimError::CreateFailed(STATUS_ACCESS_DENIED)),
            "{access:?}"
        );
    }
    assert!(sim.open(&GUID_SECURE).is_ok(), "open is an administrator's");
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_widened_sddl_lets_users_read_but_not_write() {
    let sim = load(USERS_READ);
    let device = sim.add_device(r"Root\Secure").unwrap();
    assert_eq!(opened(&sim, Access::READ, Caller::User), Ok(()));
    assert_eq!(
        opened(&sim, Access::READ_WRITE, Caller::User),
        Err(SimError::CreateFailed(STATUS_ACCESS_DENIED))
    );
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_malformed_sddl_fails_the_call_and_is_reported() {
    let sim = load(MALFORMED);
    let device = sim.add_device(r"Root\Secure").unwrap();
    // SAFETY: read after the callback ran.
    assert_eq!(unsafe { ASSIGN_STATUS }, STATUS_INVALID_PARAMETER);
    assert_eq!(
        sim.device_security(device),
        Some((None, FILE_DEVICE_SECURE_OPEN))
    );
    let violations = sim.take_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].rule, Rule::InvalidArgument);
    assert_eq!(violations[0].call, "WdfDeviceInitAssignSDDLString");
    assert!(
        violations[0].detail.contains("not closed"),
        "{}",
        violations[0]
    );
    // Without a descriptor the device is open to anyone.
    assert_eq!(opened(&sim, Access::READ_WRITE, Caller::User), Ok(()));
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}
