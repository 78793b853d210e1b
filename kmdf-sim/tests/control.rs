//! Control devices and collections, the sideband pattern a filter driver uses: the first PnP
//! device creates a named control device with a symbolic link, the devices it serves are kept in
//! a collection under a wait lock, and the last device's cleanup deletes the control device so
//! the driver can unload. Also: opening by name, a control device that never finished
//! initialising, and the two ways to get it wrong (never deleting it; leaking its
//! WDFDEVICE_INIT on an error path).

use std::sync::Mutex;

use kmdf_sim::wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, NTSTATUS, PCUNICODE_STRING, PWDFDEVICE_INIT,
    STATUS_NO_SUCH_DEVICE, STATUS_SUCCESS, ULONG, UNICODE_STRING, WDF_NO_OBJECT_ATTRIBUTES,
    WDF_OBJECT_ATTRIBUTES, WDFCOLLECTION, WDFDEVICE, WDFDRIVER, WDFOBJECT, WDFQUEUE, WDFREQUEST,
    WDFWAITLOCK, call_unsafe_wdf_function_binding,
};
use kmdf_sim::{Access, OnViolation, Rule, SimConfig, SimError, Simulation};

mod common;
use common::{attributes, create_driver, queue_config};

/// Answers the number of PnP devices in the collection (a little-endian u32); with `fail_test`
/// checks of the collection's accessors.
const IOCTL_COUNT: u32 = 0x8000_2000;

const NAME: &str = r"\Device\KmdfSimControl";
const LINK: &str = r"\DosDevices\KmdfSimControl";

mod mode {
    pub const NORMAL: u8 = 0;
    /// Never calls WdfControlFinishInitializing.
    pub const NO_FINISH: u8 = 1;
    /// Never deletes the control device.
    pub const NO_DELETE: u8 = 2;
    /// Allocates the control device's init, then takes an "error path" that forgets to free it.
    pub const LEAK_INIT: u8 = 3;
}

/// The driver's shared state (handle values): the collection, its wait lock, the control device.
#[derive(Default)]
struct Shared {
    devices: usize,
    lock: usize,
    control: usize,
}

static SHARED: Mutex<Shared> = Mutex::new(Shared {
    devices: 0,
    lock: 0,
    control: 0,
});

fn shared() -> std::sync::MutexGuard<'static, Shared> {
    SHARED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn ptr<T>(value: usize) -> *mut T {
    core::ptr::with_exposed_provenance_mut(value)
}

fn check(status: NTSTATUS, what: &str) -> bool {
    if status != STATUS_SUCCESS {
        kmdf_sim::fail_test(&format!("{what} failed with {status:#x}"));
    }
    status == STATUS_SUCCESS
}

/// A UNICODE_STRING over `units` (which must outlive its use).
fn unicode(units: &[u16]) -> UNICODE_STRING {
    let bytes = u16::try_from(units.len() * 2).unwrap_or(0);
    UNICODE_STRING {
        Length: bytes,
        MaximumLength: bytes,
        Buffer: units.as_ptr().cast_mut(),
    }
}

unsafe extern "system" fn driver_entry<const MODE: u8>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    let status = unsafe { create_driver(driver, registry_path, Some(device_add::<MODE>)) };
    if status != STATUS_SUCCESS {
        return status;
    }
    let (mut devices, mut lock): (WDFCOLLECTION, WDFWAITLOCK) =
        (core::ptr::null_mut(), core::ptr::null_mut());
    // SAFETY: after WdfDriverCreate; out-pointers are locals (parents: the driver).
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfCollectionCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut devices
        )
    };
    if !check(status, "WdfCollectionCreate") {
        return status;
    }
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfWaitLockCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut lock
        )
    };
    if !check(status, "WdfWaitLockCreate") {
        return status;
    }
    *shared() = Shared {
        devices: devices.expose_provenance(),
        lock: lock.expose_provenance(),
        control: 0,
    };
    STATUS_SUCCESS
}

fn with_lock<R>(body: impl FnOnce(&mut Shared) -> R) -> R {
    let lock: WDFWAITLOCK = ptr(shared().lock);
    // SAFETY: the driver's live wait lock; PASSIVE_LEVEL callbacks only.
    let acquired = unsafe {
        call_unsafe_wdf_function_binding!(WdfWaitLockAcquire, lock, core::ptr::null_mut())
    };
    // Without a timeout the acquire waits until it has the lock.
    check(acquired, "WdfWaitLockAcquire");
    let result = body(&mut shared());
    // SAFETY: acquired just above by this thread.
    unsafe { call_unsafe_wdf_function_binding!(WdfWaitLockRelease, lock) };
    result
}

fn count(devices: WDFCOLLECTION) -> ULONG {
    // SAFETY: the driver's live collection.
    unsafe { call_unsafe_wdf_function_binding!(WdfCollectionGetCount, devices) }
}

unsafe extern "C" fn device_add<const MODE: u8>(
    driver: WDFDRIVER,
    mut init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    let mut device_attributes = WDF_OBJECT_ATTRIBUTES {
        EvtCleanupCallback: Some(device_cleanup::<MODE>),
        ..attributes()
    };
    let mut device: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: EvtDriverDeviceAdd context.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut init,
            &raw mut device_attributes,
            &raw mut device
        )
    };
    if !check(status, "WdfDeviceCreate") {
        return status;
    }
    with_lock(|shared| {
        let devices: WDFCOLLECTION = ptr(shared.devices);
        // SAFETY: live collection and device.
        let status =
            unsafe { call_unsafe_wdf_function_binding!(WdfCollectionAdd, devices, device.cast()) };
        if check(status, "WdfCollectionAdd") && count(devices) == 1 {
            create_control_device::<MODE>(driver, shared);
        }
    });
    STATUS_SUCCESS
}

fn create_control_device<const MODE: u8>(driver: WDFDRIVER, shared: &mut Shared) {
    let sddl: Vec<u16> = "D:P(A;;GA;;;SY)(A;;GA;;;BA)".encode_utf16().collect();
    let sddl = unicode(&sddl);
    // SAFETY: the driver's live WDFDRIVER; the SDDL string outlives the call.
    let mut init = unsafe {
        call_unsafe_wdf_function_binding!(WdfControlDeviceInitAllocate, driver, &raw const sddl)
    };
    if init.is_null() {
        kmdf_sim::fail_test("WdfControlDeviceInitAllocate returned NULL");
        return;
    }
    if MODE == mode::LEAK_INIT {
        // The bug: an error path that returns without WdfDeviceInitFree(init).
        return;
    }
    let name: Vec<u16> = NAME.encode_utf16().collect();
    // SAFETY: a live control init; the name outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfDeviceInitAssignName, init, &unicode(&name))
    };
    if !check(status, "WdfDeviceInitAssignName") {
        // SAFETY: the init was never used by WdfDeviceCreate.
        unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitFree, init) };
        return;
    }
    let mut control: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: a live control init; out-pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut init,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut control
        )
    };
    if !check(status, "WdfDeviceCreate (control)") {
        // SAFETY: WdfDeviceCreate failed, so the init is still the driver's to free.
        unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitFree, init) };
        return;
    }
    let link: Vec<u16> = LINK.encode_utf16().collect();
    // SAFETY: the live control device; the link outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfDeviceCreateSymbolicLink, control, &unicode(&link))
    };
    check(status, "WdfDeviceCreateSymbolicLink");
    let mut config = queue_config(
        _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential,
        true,
    );
    config.EvtIoDeviceControl = Some(control_ioctl);
    // SAFETY: the live control device; `config` outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            control,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            core::ptr::null_mut()
        )
    };
    check(status, "WdfIoQueueCreate (control)");
    if MODE != mode::NO_FINISH {
        // SAFETY: the live control device.
        unsafe { call_unsafe_wdf_function_binding!(WdfControlFinishInitializing, control) };
    }
    shared.control = control.expose_provenance();
}

unsafe extern "C" fn device_cleanup<const MODE: u8>(device: WDFOBJECT) {
    with_lock(|shared| {
        let devices: WDFCOLLECTION = ptr(shared.devices);
        // SAFETY: live collection; the device is in it.
        unsafe { call_unsafe_wdf_function_binding!(WdfCollectionRemove, devices, device) };
        if count(devices) == 0 && shared.control != 0 && MODE != mode::NO_DELETE {
            let control: WDFDEVICE = ptr(shared.control);
            // SAFETY: the driver's control device; no device needs it any more.
            unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, control.cast()) };
            shared.control = 0;
        }
    });
}

unsafe extern "C" fn control_ioctl(
    _queue: WDFQUEUE,
    request: WDFREQUEST,
    _output: usize,
    _input: usize,
    _code: ULONG,
) {
    let n = with_lock(|shared| {
        let devices: WDFCOLLECTION = ptr(shared.devices);
        let n = count(devices);
        // The accessors agree with each other.
        let item = |index: ULONG| {
            // SAFETY: the live collection.
            unsafe { call_unsafe_wdf_function_binding!(WdfCollectionGetItem, devices, index) }
        };
        // SAFETY: as above.
        let first =
            unsafe { call_unsafe_wdf_function_binding!(WdfCollectionGetFirstItem, devices) };
        // SAFETY: as above.
        let last = unsafe { call_unsafe_wdf_function_binding!(WdfCollectionGetLastItem, devices) };
        let (zero, top, past) = (item(0), item(n.saturating_sub(1)), item(n));
        if first != zero || last != top || !past.is_null() || (n > 0 && first.is_null()) {
            kmdf_sim::fail_test("the collection's accessors disagree");
        }
        n
    });
    let (mut buffer, mut length) = (core::ptr::null_mut(), 0_usize);
    // SAFETY: the driver owns the request; out-pointers are locals.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestRetrieveOutputBuffer,
            request,
            4,
            &raw mut buffer,
            &raw mut length
        )
    };
    if status == STATUS_SUCCESS {
        // SAFETY: the output buffer holds at least 4 bytes.
        unsafe { buffer.cast::<u32>().write_unaligned(n.to_le()) };
    }
    // SAFETY: the driver owns the request.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithInformation,
            request,
            status,
            if status == STATUS_SUCCESS { 4 } else { 0 }
        );
    };
}

fn load<const MODE: u8>(on_violation: OnViolation) -> Simulation {
    Simulation::load_with(
        driver_entry::<MODE>,
        SimConfig {
            driver_name: "control".to_owned(),
            on_violation,
            ..SimConfig::default()
        },
    )
    .unwrap()
}

fn instances(sim: &Simulation, name: &str) -> u32 {
    let handle = sim.open_by_name(name, Access::READ_WRITE).unwrap();
    let answer = handle.ioctl(IOCTL_COUNT, b"", 4);
    handle.close();
    assert_eq!(answer.status, STATUS_SUCCESS, "{answer:?}");
    u32::from_le_bytes(answer.output.try_into().unwrap())
}

#[test]
fn the_first_device_creates_the_control_device_and_the_last_deletes_it() {
    let sim = load::<{ mode::NORMAL }>(OnViolation::Panic);
    assert!(matches!(
        sim.open_by_name(r"\\.\KmdfSimControl", Access::READ_WRITE),
        Err(SimError::NoSuchName(_))
    ));
    let first = sim.add_device(r"Root\Control").unwrap();
    let second = sim.add_device(r"Root\Control").unwrap();
    // The symbolic link from user mode, and the device name itself, reach the control device.
    assert_eq!(instances(&sim, r"\\.\KmdfSimControl"), 2);
    assert_eq!(instances(&sim, r"\Device\kmdfsimcontrol"), 2);
    sim.remove_device(first).unwrap();
    assert_eq!(instances(&sim, r"\\.\KmdfSimControl"), 1);
    sim.remove_device(second).unwrap();
    assert!(
        matches!(
            sim.open_by_name(r"\\.\KmdfSimControl", Access::READ_WRITE),
            Err(SimError::NoSuchName(_))
        ),
        "the last device's cleanup deleted the control device"
    );
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_control_device_opens_only_once_it_finished_initializing() {
    let sim = load::<{ mode::NO_FINISH }>(OnViolation::Record);
    let device = sim.add_device(r"Root\Control").unwrap();
    assert_eq!(
        sim.open_by_name(r"\\.\KmdfSimControl", Access::READ_WRITE)
            .unwrap_err(),
        SimError::CreateFailed(STATUS_NO_SUCH_DEVICE)
    );
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_control_device_never_deleted_is_reported_at_unload() {
    let sim = load::<{ mode::NO_DELETE }>(OnViolation::Record);
    let device = sim.add_device(r"Root\Control").unwrap();
    sim.remove_device(device).unwrap();
    let violations = sim.unload();
    let rules: Vec<Rule> = violations.iter().map(|v| v.rule).collect();
    assert_eq!(rules, [Rule::ControlDeviceNotDeleted], "{violations:#?}");
    assert!(
        violations[0].object.starts_with("WDFDEVICE"),
        "{}",
        violations[0]
    );
}

#[test]
fn a_control_device_init_forgotten_on_an_error_path_is_reported() {
    let sim = load::<{ mode::LEAK_INIT }>(OnViolation::Record);
    let device = sim.add_device(r"Root\Control").unwrap();
    sim.remove_device(device).unwrap();
    let violations = sim.unload();
    let rules: Vec<Rule> = violations.iter().map(|v| v.rule).collect();
    assert_eq!(rules, [Rule::DeviceInitNotFreed], "{violations:#?}");
}
