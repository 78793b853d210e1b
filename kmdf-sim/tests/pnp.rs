//! PnP and power as KMDF runs them, with a test driver that logs every PnP/power and queue state
//! callback: start and orderly removal in the documented order ("A User Plugs In a Device", "A
//! User Unplugs a Device"), query-remove vetoed by an open handle or by the driver and cancelled,
//! surprise removal with I/O pending and handles open, D0 -> D3 -> D0 with a request the driver
//! keeps through the power-down (EvtIoStop, WdfRequestStopAcknowledge, EvtIoResume) and one that
//! waits in the stopped queue, a stack powering down top first and up bottom first, and a driver
//! that settles nothing in EvtIoStop caught.

use std::sync::Mutex;

use kmdf_sim::wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, _WDF_POWER_DEVICE_STATE, _WDF_REQUEST_STOP_ACTION_FLAGS,
    DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING, PWDFDEVICE_INIT, STATUS_CANCELLED,
    STATUS_DEVICE_REMOVED, STATUS_SUCCESS, STATUS_UNSUCCESSFUL, ULONG, WDF_NO_OBJECT_ATTRIBUTES,
    WDF_OBJECT_ATTRIBUTES, WDF_OBJECT_CONTEXT_TYPE_INFO, WDF_PNPPOWER_EVENT_CALLBACKS,
    WDF_POWER_DEVICE_STATE, WDFCMRESLIST, WDFDEVICE, WDFDRIVER, WDFQUEUE, WDFREQUEST,
    call_unsafe_wdf_function_binding,
};
use kmdf_sim::{LowerDevice, OnViolation, Rule, SimConfig, SimError, Simulation};

mod common;
use common::{attributes, create_driver, queue_config, size_u32};
#[path = "common/context.rs"]
mod context;
#[path = "common/device.rs"]
mod device;
use context::TypeInfo;

const GUID_PNP: GUID = GUID {
    Data1: 0xfeed_0006,
    Data2: 6,
    Data3: 6,
    Data4: [6, 6, 6, 6, 6, 6, 6, 6],
};

/// Parked in the device's power-managed manual queue.
const IOCTL_PARK: u32 = 0x8000_2000;
/// Kept by the driver (owned, not cancelable) until IOCTL_RELEASE.
const IOCTL_HOLD: u32 = 0x8000_2004;
/// Completes the held request, then itself.
const IOCTL_RELEASE: u32 = 0x8000_2008;
/// Completed at once.
const IOCTL_PING: u32 = 0x8000_200C;

/// Every callback the driver saw, in order, with the device's ordinal in it ("#0", "#1"... in
/// the order devices were created).
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// The devices the log knows, in the order they parked their first request; the held request.
static DEVICES: Mutex<Vec<usize>> = Mutex::new(Vec::new());
static HELD: Mutex<Option<usize>> = Mutex::new(None);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn ordinal(device: WDFDEVICE) -> usize {
    lock(&DEVICES)
        .iter()
        .position(|d| *d == device.addr())
        .unwrap_or(usize::MAX)
}

fn log(device: WDFDEVICE, entry: &str) {
    let n = ordinal(device);
    lock(&LOG).push(format!("#{n} {entry}"));
}

fn take_log() -> Vec<String> {
    std::mem::take(&mut *lock(&LOG))
}

fn power(state: WDF_POWER_DEVICE_STATE) -> &'static str {
    match state {
        _WDF_POWER_DEVICE_STATE::WdfPowerDeviceD3 => "D3",
        _WDF_POWER_DEVICE_STATE::WdfPowerDeviceD3Final => "D3Final",
        _ => "other",
    }
}

/// What the driver does differently.
mod mode {
    /// Every callback logs; EvtIoStop keeps a suspended request, completes a purged one.
    pub const NORMAL: u8 = 0;
    /// EvtDeviceQueryRemove vetoes.
    pub const VETO: u8 = 1;
    /// No EvtIoStop: a held request blocks the power-down (must fail).
    pub const NO_STOP: u8 = 2;
}

unsafe extern "system" fn driver_entry<const MODE: u8>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // Inside the simulation (one per process at a time, so no other test's driver runs now):
    // the previous test's record goes.
    lock(&DEVICES).clear();
    lock(&HELD).take();
    take_log();
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add::<MODE>)) }
}

/// The same driver loaded a second time into a simulation (keeps the record).
unsafe extern "system" fn upper_entry<const MODE: u8>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add::<MODE>)) }
}

macro_rules! logged {
    ($name:ident, $text:literal) => {
        unsafe extern "C" fn $name(device: WDFDEVICE) -> NTSTATUS {
            log(device, $text);
            STATUS_SUCCESS
        }
    };
    ($name:ident, $text:literal, void) => {
        unsafe extern "C" fn $name(device: WDFDEVICE) {
            log(device, $text);
        }
    };
}
logged!(self_managed_init, "SelfManagedIoInit");
logged!(self_managed_suspend, "SelfManagedIoSuspend");
logged!(self_managed_restart, "SelfManagedIoRestart");
logged!(self_managed_flush, "SelfManagedIoFlush", void);
logged!(self_managed_cleanup, "SelfManagedIoCleanup", void);
logged!(surprise_removal, "SurpriseRemoval", void);
logged!(query_remove_ok, "QueryRemove");

unsafe extern "C" fn query_remove_veto(device: WDFDEVICE) -> NTSTATUS {
    log(device, "QueryRemove (veto)");
    STATUS_UNSUCCESSFUL
}

unsafe extern "C" fn prepare_hardware(
    device: WDFDEVICE,
    _raw: WDFCMRESLIST,
    _translated: WDFCMRESLIST,
) -> NTSTATUS {
    log(device, "PrepareHardware");
    STATUS_SUCCESS
}

unsafe extern "C" fn release_hardware(device: WDFDEVICE, _translated: WDFCMRESLIST) -> NTSTATUS {
    log(device, "ReleaseHardware");
    STATUS_SUCCESS
}

unsafe extern "C" fn d0_entry(device: WDFDEVICE, previous: WDF_POWER_DEVICE_STATE) -> NTSTATUS {
    log(device, &format!("D0Entry from {}", power(previous)));
    STATUS_SUCCESS
}

unsafe extern "C" fn d0_exit(device: WDFDEVICE, target: WDF_POWER_DEVICE_STATE) -> NTSTATUS {
    log(device, &format!("D0Exit to {}", power(target)));
    STATUS_SUCCESS
}

unsafe extern "C" fn device_add<const MODE: u8>(
    _driver: WDFDRIVER,
    init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    let mut callbacks = WDF_PNPPOWER_EVENT_CALLBACKS {
        Size: size_u32::<WDF_PNPPOWER_EVENT_CALLBACKS>(),
        EvtDevicePrepareHardware: Some(prepare_hardware),
        EvtDeviceReleaseHardware: Some(release_hardware),
        EvtDeviceD0Entry: Some(d0_entry),
        EvtDeviceD0Exit: Some(d0_exit),
        EvtDeviceSelfManagedIoInit: Some(self_managed_init),
        EvtDeviceSelfManagedIoSuspend: Some(self_managed_suspend),
        EvtDeviceSelfManagedIoRestart: Some(self_managed_restart),
        EvtDeviceSelfManagedIoFlush: Some(self_managed_flush),
        EvtDeviceSelfManagedIoCleanup: Some(self_managed_cleanup),
        EvtDeviceSurpriseRemoval: Some(surprise_removal),
        EvtDeviceQueryRemove: Some(if MODE == mode::VETO {
            query_remove_veto
        } else {
            query_remove_ok
        }),
        ..WDF_PNPPOWER_EVENT_CALLBACKS::default()
    };
    // SAFETY: EvtDriverDeviceAdd context; the callbacks outlive the call.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceInitSetPnpPowerEventCallbacks,
            init,
            &raw mut callbacks
        );
    };
    let mut config = queue_config(
        _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
        true,
    );
    config.EvtIoDeviceControl = Some(device_control);
    if MODE != mode::NO_STOP {
        config.EvtIoStop = Some(io_stop);
    }
    config.EvtIoResume = Some(io_resume);
    // SAFETY: EvtDriverDeviceAdd context.
    let status = unsafe { device::create_device(init, &GUID_PNP, config) };
    if status != STATUS_SUCCESS {
        return status;
    }
    STATUS_SUCCESS
}

/// The device's context: its manual queue, created with its first parked request.
#[repr(C)]
struct DeviceContext {
    parked: WDFQUEUE,
}

static DEVICE_CONTEXT: TypeInfo = TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO {
    Size: size_u32::<WDF_OBJECT_CONTEXT_TYPE_INFO>(),
    ContextName: c"PnpDeviceContext".as_ptr(),
    ContextSize: size_of::<DeviceContext>(),
    UniqueType: &raw const DEVICE_CONTEXT.0,
    EvtDriverGetUniqueContextType: None,
});

/// The device's manual queue; the first call makes it (in a context allocated on the device)
/// and records the device for the log.
fn manual_queue(device: WDFDEVICE) -> WDFQUEUE {
    if lock(&DEVICES).contains(&device.addr()) {
        // SAFETY: a live device that got its DeviceContext (recorded in DEVICES).
        let context: *mut DeviceContext = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfObjectGetTypedContextWorker,
                device.cast(),
                &raw const DEVICE_CONTEXT.0
            )
        }
        .cast();
        // SAFETY: the context was written when it was allocated.
        if let Some(context) = unsafe { context.as_ref() } {
            return context.parked;
        }
    }
    let mut config = queue_config(_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual, false);
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: live device; `config` outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut queue
        )
    };
    if status != STATUS_SUCCESS {
        kmdf_sim::fail_test("WdfIoQueueCreate (manual) failed");
    }
    let mut context_attributes = WDF_OBJECT_ATTRIBUTES {
        ContextTypeInfo: &raw const DEVICE_CONTEXT.0,
        ..attributes()
    };
    let mut context: *mut core::ffi::c_void = core::ptr::null_mut();
    // SAFETY: a live device; the attributes outlive the call; out-pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectAllocateContext,
            device.cast(),
            &raw mut context_attributes,
            &raw mut context
        )
    };
    if status != STATUS_SUCCESS {
        kmdf_sim::fail_test("WdfObjectAllocateContext failed");
        return queue;
    }
    // SAFETY: the framework returned zeroed context memory of DeviceContext's size.
    unsafe {
        context
            .cast::<DeviceContext>()
            .write(DeviceContext { parked: queue });
    };
    lock(&DEVICES).push(device.addr());
    queue
}

fn complete(request: WDFREQUEST, status: NTSTATUS) {
    // SAFETY: the caller owns the request.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, status) };
}

unsafe extern "C" fn device_control(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _output: usize,
    _input: usize,
    code: ULONG,
) {
    // SAFETY: a live queue.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    match code {
        IOCTL_PARK => {
            let parked = manual_queue(device);
            // SAFETY: the driver owns the request.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestForwardToIoQueue, request, parked)
            };
            if status != STATUS_SUCCESS {
                complete(request, status);
            }
        }
        IOCTL_HOLD => *lock(&HELD) = Some(request.expose_provenance()),
        IOCTL_RELEASE => {
            if let Some(held) = lock(&HELD).take() {
                complete(core::ptr::with_exposed_provenance_mut(held), STATUS_SUCCESS);
            }
            complete(request, STATUS_SUCCESS);
        }
        _ => complete(request, STATUS_SUCCESS),
    }
}

unsafe extern "C" fn io_stop(queue: WDFQUEUE, request: WDFREQUEST, flags: ULONG) {
    // SAFETY: a live queue.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    let suspend = _WDF_REQUEST_STOP_ACTION_FLAGS::WdfRequestStopActionSuspend.cast_unsigned();
    if flags & suspend != 0 {
        log(device, "EvtIoStop (suspend): keep");
        // SAFETY: the driver owns the request; it keeps it through the power-down.
        unsafe { call_unsafe_wdf_function_binding!(WdfRequestStopAcknowledge, request, 0) };
    } else {
        log(device, "EvtIoStop (purge): complete");
        lock(&HELD).take();
        complete(request, STATUS_CANCELLED);
    }
}

unsafe extern "C" fn io_resume(queue: WDFQUEUE, _request: WDFREQUEST) {
    // SAFETY: a live queue.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    log(device, "EvtIoResume");
}

fn load<const MODE: u8>(on_violation: OnViolation) -> Simulation {
    Simulation::load_with(
        driver_entry::<MODE>,
        SimConfig {
            driver_name: "pnp".to_owned(),
            on_violation,
            ..SimConfig::default()
        },
    )
    .unwrap()
}

/// Makes the top device known to the log (its manual queue is created with its first parked
/// request, which closing the handle cancels).
fn register(sim: &Simulation) {
    let handle = sim.open(&GUID_PNP).unwrap();
    let parked = handle.device_io_control(IOCTL_PARK, b"", 0);
    handle.close();
    assert_eq!(parked.wait().status, STATUS_CANCELLED);
}

#[test]
fn start_and_orderly_removal_run_the_documented_callbacks_in_order() {
    let sim = load::<{ mode::NORMAL }>(OnViolation::Panic);
    let device = sim.add_device(r"Root\Pnp").unwrap();
    // Before the device is known to the log its ordinal is unknown: compare the names only.
    let started: Vec<String> = take_log()
        .iter()
        .map(|e| e.split_once(' ').unwrap().1.to_owned())
        .collect();
    assert_eq!(
        started,
        [
            "PrepareHardware",
            "D0Entry from D3Final",
            "SelfManagedIoInit"
        ]
    );
    let handle = sim.open(&GUID_PNP).unwrap();
    let parked = handle.device_io_control(IOCTL_PARK, b"", 0);
    assert!(parked.poll().is_none());
    handle.close();
    assert_eq!(parked.wait().status, STATUS_CANCELLED, "closing cancels it");
    take_log();
    sim.remove_device(device).unwrap();
    assert_eq!(
        take_log(),
        [
            "#0 SelfManagedIoSuspend",
            "#0 D0Exit to D3Final",
            "#0 ReleaseHardware",
            "#0 SelfManagedIoFlush",
            "#0 SelfManagedIoCleanup",
        ]
    );
    assert_eq!(sim.unload(), []);
}

#[test]
fn query_remove_is_vetoed_by_an_open_handle_or_the_driver_and_can_be_cancelled() {
    let sim = load::<{ mode::VETO }>(OnViolation::Panic);
    let device = sim.add_device(r"Root\Pnp").unwrap();
    register(&sim);
    let handle = sim.open(&GUID_PNP).unwrap();
    let error = sim.query_remove(device).unwrap_err();
    assert!(
        matches!(&error, SimError::RemoveVetoed(why) if why.contains("1 handle(s) open")),
        "{error}"
    );
    handle.close();
    take_log();
    let error = sim.query_remove(device).unwrap_err();
    assert!(
        matches!(&error, SimError::RemoveVetoed(why) if why.contains("EvtDeviceQueryRemove")),
        "{error}"
    );
    assert_eq!(take_log(), ["#0 QueryRemove (veto)"]);
    // Vetoed: the device still opens.
    sim.open(&GUID_PNP).unwrap().close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);

    let sim = load::<{ mode::NORMAL }>(OnViolation::Panic);
    let device = sim.add_device(r"Root\Pnp").unwrap();
    register(&sim);
    take_log();
    sim.query_remove(device).unwrap();
    assert_eq!(take_log(), ["#0 QueryRemove"]);
    assert!(
        matches!(sim.open(&GUID_PNP), Err(SimError::NoSuchInterface(_))),
        "a query-removed device takes no new handle"
    );
    assert!(matches!(
        sim.query_remove(device),
        Err(SimError::InvalidTransition { .. })
    ));
    sim.cancel_remove(device).unwrap();
    assert_eq!(
        take_log(),
        Vec::<String>::new(),
        "KMDF has no cancel-remove callback"
    );
    let handle = sim.open(&GUID_PNP).unwrap();
    assert_eq!(handle.ioctl(IOCTL_PING, b"", 0).status, STATUS_SUCCESS);
    handle.close();
    sim.query_remove(device).unwrap();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn surprise_removal_ends_pending_io_and_finishes_when_the_last_handle_closes() {
    let sim = load::<{ mode::NORMAL }>(OnViolation::Panic);
    let device = sim.add_device(r"Root\Pnp").unwrap();
    register(&sim);
    let handle = sim.open(&GUID_PNP).unwrap();
    let parked = handle.device_io_control(IOCTL_PARK, b"", 0);
    let held = handle.device_io_control(IOCTL_HOLD, b"", 0);
    assert!(parked.poll().is_none() && held.poll().is_none());
    take_log();
    sim.surprise_remove(device).unwrap();
    assert_eq!(
        take_log(),
        [
            "#0 SurpriseRemoval",
            "#0 SelfManagedIoSuspend",
            "#0 EvtIoStop (purge): complete",
            "#0 D0Exit to D3Final",
            "#0 ReleaseHardware",
            "#0 SelfManagedIoFlush",
        ]
    );
    assert_eq!(parked.wait().status, STATUS_CANCELLED);
    assert_eq!(held.wait().status, STATUS_CANCELLED);
    // The handle stays open, but its I/O and new opens fail.
    assert_eq!(
        handle.ioctl(IOCTL_PING, b"", 0).status,
        STATUS_DEVICE_REMOVED
    );
    assert!(matches!(
        sim.open(&GUID_PNP),
        Err(SimError::NoSuchInterface(_))
    ));
    handle.close();
    assert_eq!(take_log(), ["#0 SelfManagedIoCleanup"]);
    assert_eq!(sim.remove_device(device), Err(SimError::DeviceGone));
    assert_eq!(sim.unload(), []);
}

#[test]
fn power_down_keeps_acknowledged_requests_and_power_up_resumes_them() {
    let sim = load::<{ mode::NORMAL }>(OnViolation::Panic);
    let device = sim.add_device(r"Root\Pnp").unwrap();
    register(&sim);
    let handle = sim.open(&GUID_PNP).unwrap();
    let held = handle.device_io_control(IOCTL_HOLD, b"", 0);
    take_log();
    sim.power_down(device).unwrap();
    assert_eq!(
        take_log(),
        [
            "#0 SelfManagedIoSuspend",
            "#0 EvtIoStop (suspend): keep",
            "#0 D0Exit to D3",
        ]
    );
    assert!(matches!(
        sim.power_down(device),
        Err(SimError::InvalidTransition { .. })
    ));
    // In D3 the power-managed queue holds new requests.
    let waiting = handle.device_io_control(IOCTL_PING, b"", 0);
    assert!(
        waiting.poll().is_none(),
        "a request waits while the device is in D3"
    );
    sim.power_up(device).unwrap();
    assert_eq!(
        take_log(),
        [
            "#0 D0Entry from D3",
            "#0 EvtIoResume",
            "#0 SelfManagedIoRestart",
        ]
    );
    assert_eq!(waiting.wait().status, STATUS_SUCCESS);
    assert!(
        held.poll().is_none(),
        "the kept request is still the driver's"
    );
    assert_eq!(handle.ioctl(IOCTL_RELEASE, b"", 0).status, STATUS_SUCCESS);
    assert_eq!(held.wait().status, STATUS_SUCCESS);
    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_stack_powers_down_from_the_top_and_up_from_the_bottom() {
    let sim = load::<{ mode::NORMAL }>(OnViolation::Panic);
    let upper = sim
        .load_driver("upper", upper_entry::<{ mode::NORMAL }>)
        .unwrap();
    let device = sim
        .add_device_stack(r"Root\Pnp", &[sim.driver(), upper], LowerDevice::root())
        .unwrap();
    register(&sim);
    let known = lock(&DEVICES).len();
    assert_eq!(known, 1, "only the top device sees the IOCTL");
    // The top device is #0 in the log; the one below logs as unknown (#18446744073709551615).
    take_log();
    sim.power_down(device).unwrap();
    let down = take_log();
    sim.power_up(device).unwrap();
    let up = take_log();
    let unknown = format!("#{}", usize::MAX);
    let order = |log: &[String]| -> Vec<String> {
        log.iter()
            .map(|e| {
                let (who, what) = e.split_once(' ').unwrap();
                format!("{} {what}", if who == unknown { "lower" } else { "upper" })
            })
            .collect()
    };
    assert_eq!(
        order(&down),
        [
            "upper SelfManagedIoSuspend",
            "upper D0Exit to D3",
            "lower SelfManagedIoSuspend",
            "lower D0Exit to D3",
        ]
    );
    assert_eq!(
        order(&up),
        [
            "lower D0Entry from D3",
            "lower SelfManagedIoRestart",
            "upper D0Entry from D3",
            "upper SelfManagedIoRestart",
        ]
    );
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_driver_that_settles_nothing_in_evtiostop_blocks_the_power_down_and_is_caught() {
    let sim = load::<{ mode::NO_STOP }>(OnViolation::Record);
    let device = sim.add_device(r"Root\Pnp").unwrap();
    register(&sim);
    let handle = sim.open(&GUID_PNP).unwrap();
    let _held = handle.device_io_control(IOCTL_HOLD, b"", 0);
    sim.power_down(device).unwrap();
    let violations = sim.take_violations();
    assert_eq!(violations.len(), 1, "{violations:#?}");
    assert_eq!(violations[0].rule, Rule::RequestNotCompleted);
    assert_eq!(violations[0].call, "power_down");
    assert!(violations[0].detail.contains("0x9F"), "{}", violations[0]);
    // Release it so the rest of the run is clean.
    lock(&HELD).take();
    drop(handle);
    let _ = sim.unload();
}
