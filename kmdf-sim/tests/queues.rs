//! Removal and queues as KMDF has them: removal waits for callbacks in flight and for requests
//! the driver owns (a correct driver is never reported, under any schedule); a request nothing can
//! complete is reported as RequestNotCompleted; EvtIoStop sees what the driver owns at removal;
//! queue stop/start and synchronous purge; cancellation in a queue goes to EvtIoCanceledOnQueue
//! only for requests the driver had received, in arrival order; on handle close EvtFileCleanup
//! runs before the file's queued requests are cancelled.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

use kmdf_sim::wdk_sys::{
    _WDF_FILEOBJECT_CLASS, _WDF_IO_QUEUE_DISPATCH_TYPE, _WDF_REQUEST_STOP_ACTION_FLAGS,
    _WDF_REQUEST_TYPE, _WDF_TRI_STATE, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING,
    PWDFDEVICE_INIT, STATUS_CANCELLED, STATUS_DEVICE_REMOVED, STATUS_INVALID_DEVICE_REQUEST,
    STATUS_INVALID_HANDLE, STATUS_SUCCESS, ULONG, WDF_FILEOBJECT_CONFIG, WDF_NO_OBJECT_ATTRIBUTES,
    WDF_OBJECT_CONTEXT_TYPE_INFO, WDF_TIMER_CONFIG, WDFCONTEXT, WDFDEVICE, WDFDRIVER,
    WDFFILEOBJECT, WDFQUEUE, WDFREQUEST, WDFTIMER, call_unsafe_wdf_function_binding,
};
use kmdf_sim::{OnViolation, Policy, Rule, SimConfig, Simulation, explore, fail_test};

mod common;
use common::{attributes, create_driver, queue_config, size_u32};

const GUID_QUEUES: GUID = GUID {
    Data1: 0xfeed_0004,
    Data2: 1,
    Data3: 2,
    Data4: [3, 4, 5, 6, 7, 8, 9, 13],
};
/// Makes five DDI calls (yield points), checks the device context, completes with success.
const IOCTL_SLOW: u32 = 0x8000_2000;
/// Forwards the request to the manual "held" queue (which has EvtIoCanceledOnQueue).
const IOCTL_HOLD: u32 = 0x8000_2004;
/// Keeps the request in the driver's slot: owned, not cancelable, never completed by the driver
/// (unless EvtIoStop is registered and completes it).
const IOCTL_KEEP: u32 = 0x8000_2008;
/// Keeps the request in the slot and starts a 50 ms timer that completes it.
const IOCTL_TIMED: u32 = 0x8000_200C;
/// Purges the held queue synchronously, then completes.
const IOCTL_PURGE_HELD: u32 = 0x8000_2010;
/// Stops the default queue (asynchronously, EvtIoQueueState logs "stopped") and starts the timer,
/// whose callback starts the queue again.
const IOCTL_STOP_DEFAULT: u32 = 0x8000_2014;

const MAGIC: u64 = 0x10ca_1000;

static SLOT: AtomicPtr<core::ffi::c_void> = AtomicPtr::new(core::ptr::null_mut());
/// Register EvtIoStop on the default queue (set before loading).
static WITH_EVT_IO_STOP: AtomicBool = AtomicBool::new(false);
/// The timer restarts the default queue instead of completing the slot.
static TIMER_STARTS_QUEUE: AtomicBool = AtomicBool::new(false);
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// The tests of this file share the driver's flags and log: they run one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn log(entry: String) {
    LOG.lock().unwrap().push(entry);
}

fn take_log() -> Vec<String> {
    std::mem::take(&mut *LOG.lock().unwrap())
}

#[repr(C)]
#[derive(Clone, Copy)]
struct DeviceContext {
    magic: u64,
    default: WDFQUEUE,
    held: WDFQUEUE,
    timer: WDFTIMER,
}

#[repr(transparent)]
struct TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO);
// SAFETY: immutable static data pointing at static data.
unsafe impl Sync for TypeInfo {}

static DEVICE_CONTEXT: TypeInfo = TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO {
    Size: size_u32::<WDF_OBJECT_CONTEXT_TYPE_INFO>(),
    ContextName: c"QueuesDeviceContext".as_ptr(),
    ContextSize: size_of::<DeviceContext>(),
    UniqueType: &raw const DEVICE_CONTEXT.0,
    EvtDriverGetUniqueContextType: None,
});

unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    SLOT.store(core::ptr::null_mut(), Ordering::SeqCst);
    take_log();
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

fn context(device: WDFDEVICE) -> *mut DeviceContext {
    // SAFETY: a live device created with DEVICE_CONTEXT.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectGetTypedContextWorker,
            device.cast(),
            &raw const DEVICE_CONTEXT.0
        )
    }
    .cast()
}

fn device_of(queue: WDFQUEUE) -> WDFDEVICE {
    // SAFETY: a live queue.
    unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) }
}

fn read_context(device: WDFDEVICE) -> DeviceContext {
    // SAFETY: written in device add before any I/O can reach the device.
    unsafe { context(device).read() }
}

fn create_queue(
    device: WDFDEVICE,
    config: &mut kmdf_sim::wdk_sys::WDF_IO_QUEUE_CONFIG,
) -> Result<WDFQUEUE, NTSTATUS> {
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: a live device; the config outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            core::ptr::from_mut(config),
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut queue
        )
    };
    if status == STATUS_SUCCESS {
        Ok(queue)
    } else {
        Err(status)
    }
}

/// EvtFileCleanup is running (it makes three DDI calls, so other threads run meanwhile).
static IN_CLEANUP: AtomicBool = AtomicBool::new(false);
/// EvtFileClose calls so far.
static CLOSES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

unsafe extern "C" fn file_cleanup(file: WDFFILEOBJECT) {
    IN_CLEANUP.store(true, Ordering::SeqCst);
    log("cleanup".to_owned());
    for _ in 0..3 {
        // SAFETY: the live file object of the callback.
        let _ = unsafe { call_unsafe_wdf_function_binding!(WdfFileObjectGetDevice, file) };
    }
    IN_CLEANUP.store(false, Ordering::SeqCst);
}

unsafe extern "C" fn file_close(_file: WDFFILEOBJECT) {
    if IN_CLEANUP.load(Ordering::SeqCst) {
        fail_test("EvtFileClose ran while EvtFileCleanup was still running");
    }
    CLOSES.fetch_add(1, Ordering::SeqCst);
}

fn create_timer(device: WDFDEVICE) -> Result<WDFTIMER, NTSTATUS> {
    let mut timer_config = WDF_TIMER_CONFIG {
        Size: size_u32::<WDF_TIMER_CONFIG>(),
        EvtTimerFunc: Some(timer_fired),
        ..WDF_TIMER_CONFIG::default()
    };
    let mut timer_attributes = attributes();
    timer_attributes.ParentObject = device.cast();
    let mut timer: WDFTIMER = core::ptr::null_mut();
    // SAFETY: the timer's parent is the live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfTimerCreate,
            &raw mut timer_config,
            &raw mut timer_attributes,
            &raw mut timer
        )
    };
    if status == STATUS_SUCCESS {
        Ok(timer)
    } else {
        Err(status)
    }
}

unsafe extern "C" fn device_add(_driver: WDFDRIVER, mut init: PWDFDEVICE_INIT) -> NTSTATUS {
    let mut file_config = WDF_FILEOBJECT_CONFIG {
        Size: size_u32::<WDF_FILEOBJECT_CONFIG>(),
        EvtFileCleanup: Some(file_cleanup),
        EvtFileClose: Some(file_close),
        AutoForwardCleanupClose: _WDF_TRI_STATE::WdfUseDefault,
        FileObjectClass: _WDF_FILEOBJECT_CLASS::WdfFileObjectWdfCannotUseFsContexts,
        ..WDF_FILEOBJECT_CONFIG::default()
    };
    // SAFETY: EvtDriverDeviceAdd context, before WdfDeviceCreate.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceInitSetFileObjectConfig,
            init,
            &raw mut file_config,
            WDF_NO_OBJECT_ATTRIBUTES
        );
    };
    let mut device_attributes = attributes();
    device_attributes.ContextTypeInfo = &raw const DEVICE_CONTEXT.0;
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
    if status != STATUS_SUCCESS {
        return status;
    }
    // SAFETY: live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            &GUID_QUEUES,
            core::ptr::null()
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    let mut config = queue_config(
        _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
        true,
    );
    config.EvtIoDeviceControl = Some(device_control);
    if WITH_EVT_IO_STOP.load(Ordering::SeqCst) {
        config.EvtIoStop = Some(io_stop);
    }
    let default = match create_queue(device, &mut config) {
        Ok(queue) => queue,
        Err(status) => return status,
    };
    let mut config = queue_config(_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual, false);
    config.EvtIoCanceledOnQueue = Some(canceled_on_queue);
    let held = match create_queue(device, &mut config) {
        Ok(queue) => queue,
        Err(status) => return status,
    };
    // Reads go straight to a manual queue: the driver never receives them before a cancel.
    let mut config = queue_config(_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual, false);
    config.EvtIoCanceledOnQueue = Some(canceled_on_queue);
    let reads = match create_queue(device, &mut config) {
        Ok(queue) => queue,
        Err(status) => return status,
    };
    // SAFETY: a live device and queue.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceConfigureRequestDispatching,
            device,
            reads,
            _WDF_REQUEST_TYPE::WdfRequestTypeRead
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    let timer = match create_timer(device) {
        Ok(timer) => timer,
        Err(status) => return status,
    };
    // SAFETY: the device's context; no other thread sees the device yet.
    unsafe {
        context(device).write(DeviceContext {
            magic: MAGIC,
            default,
            held,
            timer,
        });
    };
    STATUS_SUCCESS
}

fn complete(request: WDFREQUEST, status: NTSTATUS) {
    // SAFETY: the driver owns `request` and completes it once.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, status) };
}

/// The first input byte of a request (0 if none).
fn tag_of(request: WDFREQUEST) -> u8 {
    let (mut input, mut length) = (core::ptr::null_mut(), 0_usize);
    // SAFETY: the driver owns `request`.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestRetrieveInputBuffer,
            request,
            1,
            &raw mut input,
            &raw mut length
        )
    };
    if status == STATUS_SUCCESS {
        // SAFETY: at least one byte.
        unsafe { input.cast::<u8>().read() }
    } else {
        0
    }
}

unsafe extern "C" fn canceled_on_queue(_queue: WDFQUEUE, request: WDFREQUEST) {
    log(format!("canceled on queue {}", tag_of(request)));
    complete(request, STATUS_CANCELLED);
}

unsafe extern "C" fn io_stop(_queue: WDFQUEUE, request: WDFREQUEST, flags: ULONG) {
    let purge = _WDF_REQUEST_STOP_ACTION_FLAGS::WdfRequestStopActionPurge as u32;
    log(format!("EvtIoStop purge={}", flags & purge != 0));
    if SLOT
        .compare_exchange(
            request.cast(),
            core::ptr::null_mut(),
            Ordering::SeqCst,
            Ordering::SeqCst,
        )
        .is_ok()
    {
        complete(request, STATUS_CANCELLED);
    }
}

unsafe extern "C" fn queue_stopped(_queue: WDFQUEUE, _context: WDFCONTEXT) {
    log("stopped".to_owned());
}

unsafe extern "C" fn timer_fired(timer: WDFTIMER) {
    // SAFETY: a live timer whose parent is the device.
    let device: WDFDEVICE =
        unsafe { call_unsafe_wdf_function_binding!(WdfTimerGetParentObject, timer) }.cast();
    if TIMER_STARTS_QUEUE.load(Ordering::SeqCst) {
        log("timer starts the queue".to_owned());
        // SAFETY: the device's live default queue.
        unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueStart, read_context(device).default) };
        return;
    }
    let parked: WDFREQUEST = SLOT.swap(core::ptr::null_mut(), Ordering::SeqCst).cast();
    if !parked.is_null() {
        complete(parked, STATUS_SUCCESS);
    }
}

fn start_timer(device: WDFDEVICE) {
    // SAFETY: the device's live timer; 50 ms, relative.
    let _ = unsafe {
        call_unsafe_wdf_function_binding!(WdfTimerStart, read_context(device).timer, -500_000)
    };
}

unsafe extern "C" fn device_control(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    code: u32,
) {
    let device = device_of(queue);
    match code {
        IOCTL_SLOW => {
            for _ in 0..5 {
                // SAFETY: the driver owns `request`.
                let _ = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetIoQueue, request) };
            }
            if read_context(device).magic != MAGIC {
                fail_test("the device context changed under a running callback");
            }
            complete(request, STATUS_SUCCESS);
        }
        IOCTL_HOLD => {
            // SAFETY: the driver owns `request`; the held queue is live.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestForwardToIoQueue,
                    request,
                    read_context(device).held
                )
            };
            if status != STATUS_SUCCESS {
                complete(request, status);
            }
        }
        IOCTL_KEEP => SLOT.store(request.cast(), Ordering::SeqCst),
        IOCTL_TIMED => {
            SLOT.store(request.cast(), Ordering::SeqCst);
            start_timer(device);
        }
        IOCTL_PURGE_HELD => {
            // SAFETY: a live queue other than the one this callback belongs to.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfIoQueuePurgeSynchronously,
                    read_context(device).held
                );
            };
            log("purged".to_owned());
            complete(request, STATUS_SUCCESS);
        }
        IOCTL_STOP_DEFAULT => {
            // SAFETY: the live default queue; the callback is this driver's.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfIoQueueStop,
                    queue,
                    Some(queue_stopped),
                    core::ptr::null_mut()
                );
            };
            start_timer(device);
            complete(request, STATUS_SUCCESS);
        }
        _ => complete(request, STATUS_INVALID_DEVICE_REQUEST),
    }
}

fn load(seed: u64) -> (Simulation, kmdf_sim::DeviceRef) {
    let config = SimConfig {
        on_violation: OnViolation::Record,
        seed,
        ..SimConfig::default()
    };
    let sim = Simulation::load_with(driver_entry, config).unwrap();
    let device = sim.add_device(r"Root\Queues").unwrap();
    (sim, device)
}

/// One thread sends slow IOCTLs while another removes the device.
fn removal_during_traffic(config: SimConfig) -> u64 {
    let sim = Simulation::load_with(driver_entry, config).unwrap();
    let device = sim.add_device(r"Root\Queues").unwrap();
    let handle = std::sync::Arc::new(sim.open(&GUID_QUEUES).unwrap());
    let sender = {
        let handle = std::sync::Arc::clone(&handle);
        sim.spawn("sender", move || {
            for _ in 0..3 {
                let status = handle.ioctl(IOCTL_SLOW, &[], 0).status;
                assert!(
                    [STATUS_SUCCESS, STATUS_DEVICE_REMOVED, STATUS_INVALID_HANDLE]
                        .contains(&status),
                    "a correct driver's IOCTL ends normally or is refused: {status:#x}"
                );
            }
        })
    };
    let remover = {
        let sim = sim.handle();
        sim.clone().spawn("remover", move || {
            sim.remove_device(device).unwrap();
        })
    };
    sender.join();
    remover.join();
    let violations = sim.take_violations();
    assert_eq!(violations, [], "no false report against a correct driver");
    let fingerprint = sim.schedule_fingerprint();
    drop(handle);
    assert_eq!(sim.unload(), []);
    fingerprint
}

#[test]
fn removal_during_traffic_waits_for_callbacks_in_flight_under_every_schedule() {
    let _serial = serial();
    let seen = explore(0..300, Policy::Random, |config| {
        removal_during_traffic(SimConfig {
            on_violation: OnViolation::Record,
            ..config
        })
    });
    assert!(seen.distinct > 10, "many interleavings: {seen:?}");
}

#[test]
fn removal_waits_for_a_request_a_timer_will_complete() {
    let _serial = serial();
    let (sim, device) = load(0);
    let handle = sim.open(&GUID_QUEUES).unwrap();
    let timed = handle.device_io_control(IOCTL_TIMED, &[], 0);
    drop(handle);
    sim.remove_device(device).unwrap();
    assert_eq!(sim.take_violations(), [], "removal waited for the timer");
    assert_eq!(
        timed.wait().status,
        STATUS_SUCCESS,
        "completed by the driver"
    );
    assert_eq!(sim.now(), std::time::Duration::from_millis(50));
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_request_nothing_can_complete_is_reported_when_removal_can_no_longer_wait() {
    let _serial = serial();
    let (sim, device) = load(0);
    let handle = sim.open(&GUID_QUEUES).unwrap();
    let kept = handle.device_io_control(IOCTL_KEEP, &[], 0);
    drop(handle);
    sim.remove_device(device).unwrap();
    let violations = sim.take_violations();
    assert_eq!(violations.len(), 1, "{violations:#?}");
    assert_eq!(violations[0].rule, Rule::RequestNotCompleted);
    assert!(
        violations[0].object.contains("IOCTL 0x80002008"),
        "{}",
        violations[0]
    );
    assert_eq!(kept.wait().status, STATUS_CANCELLED);
    assert_eq!(sim.unload(), []);
}

#[test]
fn evt_io_stop_sees_what_the_driver_owns_at_removal() {
    let _serial = serial();
    WITH_EVT_IO_STOP.store(true, Ordering::SeqCst);
    let (sim, device) = load(0);
    WITH_EVT_IO_STOP.store(false, Ordering::SeqCst);
    let handle = sim.open(&GUID_QUEUES).unwrap();
    let kept = handle.device_io_control(IOCTL_KEEP, &[], 0);
    drop(handle);
    sim.remove_device(device).unwrap();
    assert_eq!(take_log(), ["cleanup", "EvtIoStop purge=true"]);
    assert_eq!(kept.wait().status, STATUS_CANCELLED);
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_stopped_queue_holds_requests_until_it_is_started() {
    let _serial = serial();
    TIMER_STARTS_QUEUE.store(true, Ordering::SeqCst);
    let (sim, _device) = load(0);
    let handle = sim.open(&GUID_QUEUES).unwrap();
    assert_eq!(
        handle.ioctl(IOCTL_STOP_DEFAULT, &[], 0).status,
        STATUS_SUCCESS
    );
    assert_eq!(
        take_log(),
        ["stopped"],
        "EvtIoQueueState once the queue is idle"
    );
    let held = handle.device_io_control(IOCTL_SLOW, &[], 0);
    assert_eq!(
        held.poll(),
        None,
        "not delivered while the queue is stopped"
    );
    sim.advance(std::time::Duration::from_millis(50));
    TIMER_STARTS_QUEUE.store(false, Ordering::SeqCst);
    assert_eq!(take_log(), ["timer starts the queue"]);
    assert_eq!(
        held.wait().status,
        STATUS_SUCCESS,
        "delivered after the start"
    );
    drop(handle);
    assert_eq!(sim.unload(), []);
}

#[test]
fn purge_cancels_forwarded_requests_through_evt_io_canceled_on_queue_in_arrival_order() {
    let _serial = serial();
    let (sim, _device) = load(0);
    let handle = sim.open(&GUID_QUEUES).unwrap();
    let held: Vec<_> = [7_u8, 8, 9]
        .iter()
        .map(|tag| handle.device_io_control(IOCTL_HOLD, &[*tag], 0))
        .collect();
    assert_eq!(
        handle.ioctl(IOCTL_PURGE_HELD, &[], 0).status,
        STATUS_SUCCESS
    );
    assert_eq!(
        take_log(),
        [
            "canceled on queue 7",
            "canceled on queue 8",
            "canceled on queue 9",
            "purged"
        ]
    );
    for io in held {
        assert_eq!(io.wait().status, STATUS_CANCELLED);
    }
    drop(handle);
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_request_never_delivered_is_cancelled_by_the_framework_not_the_driver() {
    let _serial = serial();
    let (sim, _device) = load(0);
    let handle = sim.open(&GUID_QUEUES).unwrap();
    let read = handle.read(16);
    read.cancel();
    let result = read.wait();
    assert_eq!(result.status, STATUS_CANCELLED);
    assert_eq!(take_log(), Vec::<String>::new(), "no EvtIoCanceledOnQueue");
    drop(handle);
    assert_eq!(sim.unload(), []);
}

#[test]
fn closing_a_handle_runs_cleanup_before_its_queued_requests_are_cancelled() {
    let _serial = serial();
    let (sim, _device) = load(0);
    let handle = sim.open(&GUID_QUEUES).unwrap();
    let held = handle.device_io_control(IOCTL_HOLD, &[5], 0);
    handle.close();
    assert_eq!(take_log(), ["cleanup", "canceled on queue 5"]);
    assert_eq!(held.wait().status, STATUS_CANCELLED);
    assert_eq!(sim.unload(), []);
}

/// A handle closes while a slow IOCTL of it runs on another thread: the IOCTL may complete while
/// EvtFileCleanup runs, and EvtFileClose must still come after cleanup returns, once; then the
/// device is removed with nothing left. Under 200 random schedules.
#[test]
fn evt_file_close_runs_once_after_cleanup_whatever_completes_meanwhile() {
    let _serial = serial();
    let seen = explore(0..200, Policy::Random, |config| {
        CLOSES.store(0, Ordering::SeqCst);
        let (sim, device) = load(config.seed);
        let handle = std::sync::Arc::new(sim.open(&GUID_QUEUES).unwrap());
        let sender = {
            let handle = std::sync::Arc::clone(&handle);
            sim.spawn("slow IOCTL", move || {
                let result = handle.ioctl(IOCTL_SLOW, &[], 0);
                assert!(
                    [STATUS_SUCCESS, STATUS_INVALID_HANDLE].contains(&result.status),
                    "{:#x}",
                    result.status
                );
            })
        };
        // A slow IOCTL on another handle first: its DDI calls let the sender's IOCTL start.
        let other = sim.open(&GUID_QUEUES).unwrap();
        assert_eq!(other.ioctl(IOCTL_SLOW, &[], 0).status, STATUS_SUCCESS);
        handle.close();
        sender.join();
        other.close();
        sim.remove_device(device).unwrap();
        assert_eq!(
            CLOSES.load(Ordering::SeqCst),
            2,
            "one EvtFileClose per handle"
        );
        let fingerprint = sim.schedule_fingerprint();
        assert_eq!(sim.unload(), [], "no violation, nothing left");
        let _ = take_log();
        fingerprint
    });
    assert!(seen.distinct > 10, "{seen:?}");
}
