//! IRQL, execution level and synchronization scope as KMDF has them: callbacks run at the IRQL of
//! the context that triggers them (a request presented from a DISPATCH_LEVEL completion runs at
//! DISPATCH_LEVEL; EvtIoCanceledOnQueue runs at the canceller's IRQL), unless the queue's
//! execution level is passive (then the framework presents from a worker thread); a queue
//! synchronization scope serialises the queue's callbacks under every schedule (at
//! DISPATCH_LEVEL, under the scope's spin lock).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

use kmdf_sim::wdk_sys::{
    _WDF_EXECUTION_LEVEL, _WDF_IO_QUEUE_DISPATCH_TYPE, _WDF_SYNCHRONIZATION_SCOPE, DRIVER_OBJECT,
    GUID, NTSTATUS, PCUNICODE_STRING, PWDFDEVICE_INIT, STATUS_CANCELLED,
    STATUS_INVALID_DEVICE_REQUEST, STATUS_SUCCESS, WDF_NO_OBJECT_ATTRIBUTES, WDF_TIMER_CONFIG,
    WDFDEVICE, WDFDRIVER, WDFQUEUE, WDFREQUEST, WDFTIMER, call_unsafe_wdf_function_binding,
};
use kmdf_sim::{OnViolation, Policy, SimConfig, Simulation, explore};

mod common;
use common::{attributes, create_driver, queue_config, size_u32};

const GUID_IRQL: GUID = GUID {
    Data1: 0xfeed_0005,
    Data2: 1,
    Data3: 2,
    Data4: [3, 4, 5, 6, 7, 8, 9, 14],
};
/// Logs the IRQL, keeps the request in the slot and starts the 10 ms timer (which completes it,
/// or purges the held queue in purge mode).
const IOCTL_PARK_THEN_TIMER: u32 = 0x8000_2000;
/// Logs the IRQL and completes.
const IOCTL_LOG_IRQL: u32 = 0x8000_2004;
/// Notes whether another callback of the queue is running, across three DDI calls.
const IOCTL_OVERLAP: u32 = 0x8000_2008;
/// Forwards the request to the held manual queue.
const IOCTL_HOLD: u32 = 0x8000_200C;

/// How the next loaded driver builds its default queue, and what its timer does.
#[derive(Clone, Copy, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches of the test driver"
)]
struct Mode {
    parallel: bool,
    passive_queue: bool,
    queue_scope: bool,
    timer_purges: bool,
}

static MODE: Mutex<Mode> = Mutex::new(Mode {
    parallel: false,
    passive_queue: false,
    queue_scope: false,
    timer_purges: false,
});
static SLOT: AtomicPtr<core::ffi::c_void> = AtomicPtr::new(core::ptr::null_mut());
static HELD: AtomicPtr<core::ffi::c_void> = AtomicPtr::new(core::ptr::null_mut());
static TIMER: AtomicPtr<core::ffi::c_void> = AtomicPtr::new(core::ptr::null_mut());
static IN_CALLBACK: AtomicBool = AtomicBool::new(false);
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());
static SERIAL: Mutex<()> = Mutex::new(());

fn serial(mode: Mode) -> std::sync::MutexGuard<'static, ()> {
    let guard = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    *MODE.lock().unwrap() = mode;
    guard
}

fn mode() -> Mode {
    *MODE.lock().unwrap()
}

fn log(entry: String) {
    LOG.lock().unwrap().push(entry);
}

fn take_log() -> Vec<String> {
    std::mem::take(&mut *LOG.lock().unwrap())
}

fn irql() -> u8 {
    // SAFETY: callable at any IRQL.
    unsafe { kmdf_sim::wdk_sys::ntddk::KeGetCurrentIrql() }
}

unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    SLOT.store(core::ptr::null_mut(), Ordering::SeqCst);
    IN_CALLBACK.store(false, Ordering::SeqCst);
    take_log();
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

fn check(status: NTSTATUS) -> Result<(), NTSTATUS> {
    if status == STATUS_SUCCESS {
        Ok(())
    } else {
        Err(status)
    }
}

fn create_queues(device: WDFDEVICE) -> Result<(), NTSTATUS> {
    let mode = mode();
    let mut config = queue_config(
        if mode.parallel {
            _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel
        } else {
            _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential
        },
        true,
    );
    config.EvtIoDeviceControl = Some(device_control);
    let mut queue_attributes = attributes();
    if mode.passive_queue {
        queue_attributes.ExecutionLevel = _WDF_EXECUTION_LEVEL::WdfExecutionLevelPassive;
    }
    if mode.queue_scope {
        queue_attributes.SynchronizationScope =
            _WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeQueue;
    }
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: a live device; config and attributes outlive the call.
    check(unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            &raw mut queue_attributes,
            &raw mut queue
        )
    })?;
    let mut config = queue_config(_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual, false);
    config.EvtIoCanceledOnQueue = Some(canceled_on_queue);
    let mut held: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: as above.
    check(unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut held
        )
    })?;
    HELD.store(held.cast(), Ordering::SeqCst);
    Ok(())
}

fn create_timer(device: WDFDEVICE) -> Result<(), NTSTATUS> {
    let mut timer_config = WDF_TIMER_CONFIG {
        Size: size_u32::<WDF_TIMER_CONFIG>(),
        EvtTimerFunc: Some(timer_fired),
        ..WDF_TIMER_CONFIG::default()
    };
    let mut timer_attributes = attributes();
    timer_attributes.ParentObject = device.cast();
    let mut timer: WDFTIMER = core::ptr::null_mut();
    // SAFETY: the timer's parent is the live device.
    check(unsafe {
        call_unsafe_wdf_function_binding!(
            WdfTimerCreate,
            &raw mut timer_config,
            &raw mut timer_attributes,
            &raw mut timer
        )
    })?;
    TIMER.store(timer.cast(), Ordering::SeqCst);
    Ok(())
}

unsafe extern "C" fn device_add(_driver: WDFDRIVER, mut init: PWDFDEVICE_INIT) -> NTSTATUS {
    let mut device: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: EvtDriverDeviceAdd context.
    let created = check(unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut init,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut device
        )
    });
    let result = created
        .and_then(|()| {
            // SAFETY: live device.
            check(unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfDeviceCreateDeviceInterface,
                    device,
                    &GUID_IRQL,
                    core::ptr::null()
                )
            })
        })
        .and_then(|()| create_queues(device))
        .and_then(|()| create_timer(device));
    match result {
        Ok(()) => STATUS_SUCCESS,
        Err(status) => status,
    }
}

fn complete(request: WDFREQUEST, status: NTSTATUS) {
    // SAFETY: the driver owns `request` and completes it once.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, status) };
}

unsafe extern "C" fn canceled_on_queue(_queue: WDFQUEUE, request: WDFREQUEST) {
    log(format!("canceled on queue at irql {}", irql()));
    complete(request, STATUS_CANCELLED);
}

unsafe extern "C" fn timer_fired(_timer: WDFTIMER) {
    if mode().timer_purges {
        let held: WDFQUEUE = HELD.load(Ordering::SeqCst).cast();
        // SAFETY: the live held queue; asynchronous purge, allowed at DISPATCH_LEVEL.
        unsafe {
            call_unsafe_wdf_function_binding!(WdfIoQueuePurge, held, None, core::ptr::null_mut());
        };
        return;
    }
    let parked: WDFREQUEST = SLOT.swap(core::ptr::null_mut(), Ordering::SeqCst).cast();
    if !parked.is_null() {
        complete(parked, STATUS_SUCCESS);
    }
}

fn touch(request: WDFREQUEST) {
    // SAFETY: the driver owns `request`.
    let _ = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetIoQueue, request) };
}

unsafe extern "C" fn device_control(
    _queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    code: u32,
) {
    match code {
        IOCTL_PARK_THEN_TIMER => {
            log(format!("irql {}", irql()));
            SLOT.store(request.cast(), Ordering::SeqCst);
            let timer: WDFTIMER = TIMER.load(Ordering::SeqCst).cast();
            // SAFETY: the live timer; 10 ms relative.
            let _ = unsafe { call_unsafe_wdf_function_binding!(WdfTimerStart, timer, -100_000) };
        }
        IOCTL_LOG_IRQL => {
            log(format!("irql {}", irql()));
            complete(request, STATUS_SUCCESS);
        }
        IOCTL_OVERLAP => {
            if IN_CALLBACK.swap(true, Ordering::SeqCst) {
                log("overlap".to_owned());
            }
            for _ in 0..3 {
                touch(request);
            }
            IN_CALLBACK.store(false, Ordering::SeqCst);
            complete(request, STATUS_SUCCESS);
        }
        IOCTL_HOLD => {
            let held: WDFQUEUE = HELD.load(Ordering::SeqCst).cast();
            // SAFETY: the driver owns `request`; the held queue is live.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestForwardToIoQueue, request, held)
            };
            if status != STATUS_SUCCESS {
                complete(request, status);
            }
            let timer: WDFTIMER = TIMER.load(Ordering::SeqCst).cast();
            // SAFETY: the live timer; 10 ms relative.
            let _ = unsafe { call_unsafe_wdf_function_binding!(WdfTimerStart, timer, -100_000) };
        }
        _ => complete(request, STATUS_INVALID_DEVICE_REQUEST),
    }
}

fn started(seed: u64) -> (Simulation, kmdf_sim::FileHandle) {
    let config = SimConfig {
        on_violation: OnViolation::Record,
        seed,
        ..SimConfig::default()
    };
    let sim = Simulation::load_with(driver_entry, config).unwrap();
    sim.add_device(r"Root\Irql").unwrap();
    let handle = sim.open(&GUID_IRQL).unwrap();
    (sim, handle)
}

/// A parks itself and starts a timer; B waits behind it in the sequential queue; the timer (at
/// DISPATCH_LEVEL) completes A, and the framework presents B from there.
fn presented_after_a_timer_completion() -> Vec<String> {
    let (sim, handle) = started(0);
    let first = handle.device_io_control(IOCTL_PARK_THEN_TIMER, &[], 0);
    let second = handle.device_io_control(IOCTL_LOG_IRQL, &[], 0);
    sim.advance(std::time::Duration::from_millis(10));
    assert_eq!(first.wait().status, STATUS_SUCCESS);
    assert_eq!(second.wait().status, STATUS_SUCCESS);
    assert_eq!(sim.take_violations(), []);
    drop(handle);
    assert_eq!(sim.unload(), []);
    take_log()
}

#[test]
fn a_request_presented_from_a_dispatch_level_completion_runs_at_dispatch_level() {
    let _serial = serial(Mode::default());
    assert_eq!(presented_after_a_timer_completion(), ["irql 0", "irql 2"]);
}

#[test]
fn a_passive_level_queue_is_presented_from_a_worker_instead() {
    let _serial = serial(Mode {
        passive_queue: true,
        ..Mode::default()
    });
    assert_eq!(presented_after_a_timer_completion(), ["irql 0", "irql 0"]);
}

#[test]
fn evt_io_canceled_on_queue_runs_at_the_cancellers_irql() {
    let _serial = serial(Mode {
        timer_purges: true,
        ..Mode::default()
    });
    let (sim, handle) = started(0);
    let held = handle.device_io_control(IOCTL_HOLD, &[], 0);
    sim.advance(std::time::Duration::from_millis(10));
    assert_eq!(held.wait().status, STATUS_CANCELLED);
    assert_eq!(
        take_log(),
        ["canceled on queue at irql 2"],
        "purged by a DPC"
    );
    drop(handle);
    assert_eq!(sim.unload(), []);
}

/// Three threads send two IOCTL_OVERLAP each to the parallel queue.
fn overlapping_senders(config: SimConfig) -> u64 {
    let sim = Simulation::load_with(driver_entry, config).unwrap();
    sim.add_device(r"Root\Irql").unwrap();
    let handle = std::sync::Arc::new(sim.open(&GUID_IRQL).unwrap());
    let threads: Vec<_> = (0..3)
        .map(|n| {
            let handle = std::sync::Arc::clone(&handle);
            sim.spawn(&format!("sender {n}"), move || {
                for _ in 0..2 {
                    assert_eq!(handle.ioctl(IOCTL_OVERLAP, &[], 0).status, STATUS_SUCCESS);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join();
    }
    let log = take_log();
    assert!(!log.contains(&"overlap".to_owned()), "callbacks overlapped");
    let fingerprint = sim.schedule_fingerprint();
    drop(handle);
    assert_eq!(sim.unload(), []);
    fingerprint
}

#[test]
fn a_queue_synchronization_scope_serialises_its_callbacks_under_every_schedule() {
    let _serial = serial(Mode {
        parallel: true,
        queue_scope: true,
        ..Mode::default()
    });
    let seen = explore(0..200, Policy::Random, overlapping_senders);
    assert!(seen.distinct > 1);
    // Under the scope's spin lock the callback runs at DISPATCH_LEVEL.
    let (sim, handle) = started(0);
    assert_eq!(handle.ioctl(IOCTL_LOG_IRQL, &[], 0).status, STATUS_SUCCESS);
    assert_eq!(take_log(), ["irql 2"]);
    drop(handle);
    assert_eq!(sim.unload(), []);
}

#[test]
fn without_a_scope_a_parallel_queue_overlaps_its_callbacks_in_some_schedule() {
    let _serial = serial(Mode {
        parallel: true,
        ..Mode::default()
    });
    let failure = std::panic::catch_unwind(|| explore(0..200, Policy::Random, overlapping_senders))
        .expect_err("some schedule runs two callbacks at once");
    let message = failure
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.contains("callbacks overlapped"), "{message}");
}
