//! kmdf-sim's runtime semantics, shown with a small well-behaved driver written against the
//! wdk-sys mirror: object deletion order, requests that stay pending after their callback and are
//! completed later from another thread, forwarding to a manual queue, cancellation (by the
//! caller, by closing the handle, by removing the device) and contexts released on removal.

use std::sync::Mutex;

use kmdf_sim::wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING, PWDFDEVICE_INIT,
    STATUS_CANCELLED, STATUS_IO_TIMEOUT, STATUS_NO_MORE_ENTRIES, STATUS_SUCCESS, ULONG,
    WDF_OBJECT_ATTRIBUTES, WDF_OBJECT_CONTEXT_TYPE_INFO, WDF_TIMER_CONFIG, WDF_WORKITEM_CONFIG,
    WDFDEVICE, WDFDRIVER, WDFOBJECT, WDFQUEUE, WDFREQUEST, WDFTIMER, WDFWORKITEM,
    call_unsafe_wdf_function_binding,
};
use kmdf_sim::{OnViolation, SimConfig, Simulation};

mod common;
use common::{attributes as init_attributes, create_driver, queue_config, size_u32};

const GUID_TEST: GUID = GUID {
    Data1: 0xfeed_0001,
    Data2: 1,
    Data3: 2,
    Data4: [3, 4, 5, 6, 7, 8, 9, 10],
};
/// Parks the request in the manual queue (it stays pending).
const IOCTL_PARK: u32 = 0x8000_2000;
/// Completes the oldest parked request with this request's input, then itself.
const IOCTL_RELEASE: u32 = 0x8000_2004;
/// Stays pending, cancelable; the cancel routine completes it with STATUS_CANCELLED.
const IOCTL_WAIT_CANCELABLE: u32 = 0x8000_2008;
/// Parked; a 100 ms timer completes the oldest parked request with STATUS_IO_TIMEOUT.
const IOCTL_TIME_OUT_IN_100MS: u32 = 0x8000_200C;
/// Parked; a work item completes the oldest parked request with STATUS_SUCCESS.
const IOCTL_COMPLETE_FROM_WORK_ITEM: u32 = 0x8000_2010;

/// What the driver's callbacks did, in order.
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn log(entry: &str) {
    LOG.lock().unwrap().push(entry.to_owned());
}

fn take_log() -> Vec<String> {
    std::mem::take(&mut *LOG.lock().unwrap())
}

/// The device context: where the manual queue is.
#[repr(C)]
#[derive(Clone, Copy)]
struct DeviceContext {
    parked: WDFQUEUE,
    timer: WDFTIMER,
    work_item: WDFWORKITEM,
}

#[repr(transparent)]
struct TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO);
// SAFETY: immutable static data pointing at static data.
unsafe impl Sync for TypeInfo {}

static DEVICE_CONTEXT: TypeInfo = TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO {
    Size: size_u32::<WDF_OBJECT_CONTEXT_TYPE_INFO>(),
    ContextName: c"DeviceContext".as_ptr(),
    ContextSize: size_of::<DeviceContext>(),
    UniqueType: &raw const DEVICE_CONTEXT.0,
    EvtDriverGetUniqueContextType: None,
});

fn attributes(
    cleanup: kmdf_sim::wdk_sys::PFN_WDF_OBJECT_CONTEXT_CLEANUP,
    destroy: kmdf_sim::wdk_sys::PFN_WDF_OBJECT_CONTEXT_DESTROY,
) -> WDF_OBJECT_ATTRIBUTES {
    WDF_OBJECT_ATTRIBUTES {
        EvtCleanupCallback: cleanup,
        EvtDestroyCallback: destroy,
        ..init_attributes()
    }
}

macro_rules! logging_callback {
    ($name:ident, $text:literal) => {
        unsafe extern "C" fn $name(_object: WDFOBJECT) {
            log($text);
        }
    };
}
logging_callback!(device_cleanup, "device cleanup");
logging_callback!(device_destroy, "device destroy");
logging_callback!(default_queue_cleanup, "default queue cleanup");
logging_callback!(default_queue_destroy, "default queue destroy");
logging_callback!(parked_queue_cleanup, "parked queue cleanup");
logging_callback!(parked_queue_destroy, "parked queue destroy");

unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    take_log();
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

/// A copy of the device's context (its fields are handles).
fn read_context(device: WDFDEVICE) -> DeviceContext {
    // SAFETY: initialised in device add, before any I/O or timer can reach the device.
    unsafe { context(device).read() }
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

unsafe extern "C" fn device_add(_driver: WDFDRIVER, mut init: PWDFDEVICE_INIT) -> NTSTATUS {
    let mut device: WDFDEVICE = core::ptr::null_mut();
    let mut device_attributes = attributes(Some(device_cleanup), Some(device_destroy));
    device_attributes.ContextTypeInfo = &raw const DEVICE_CONTEXT.0;
    // SAFETY: EvtDriverDeviceAdd context.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut init,
            &raw mut device_attributes,
            &raw mut device
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    // SAFETY: live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            &GUID_TEST,
            core::ptr::null()
        )
    };
    assert_eq!(status, STATUS_SUCCESS);

    let mut config = queue_config(
        _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
        true,
    );
    config.EvtIoDeviceControl = Some(device_control);
    let mut queue_attributes = attributes(Some(default_queue_cleanup), Some(default_queue_destroy));
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            &raw mut queue_attributes,
            &raw mut queue
        )
    };
    assert_eq!(status, STATUS_SUCCESS);

    let mut config = queue_config(_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual, false);
    let mut parked_attributes = attributes(Some(parked_queue_cleanup), Some(parked_queue_destroy));
    let mut parked: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            &raw mut parked_attributes,
            &raw mut parked
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    let mut timer_config = WDF_TIMER_CONFIG {
        Size: size_u32::<WDF_TIMER_CONFIG>(),
        EvtTimerFunc: Some(timer_fired),
        AutomaticSerialization: 1,
        ..WDF_TIMER_CONFIG::default()
    };
    let mut timer_attributes = WDF_OBJECT_ATTRIBUTES {
        ParentObject: device.cast(),
        ..init_attributes()
    };
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
    assert_eq!(status, STATUS_SUCCESS);
    let mut work_config = WDF_WORKITEM_CONFIG {
        Size: size_u32::<WDF_WORKITEM_CONFIG>(),
        EvtWorkItemFunc: Some(work_item_runs),
        AutomaticSerialization: 1,
    };
    let mut work_attributes = WDF_OBJECT_ATTRIBUTES {
        ParentObject: device.cast(),
        ..init_attributes()
    };
    let mut work_item: WDFWORKITEM = core::ptr::null_mut();
    // SAFETY: the work item's parent is the live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfWorkItemCreate,
            &raw mut work_config,
            &raw mut work_attributes,
            &raw mut work_item
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    // SAFETY: the context belongs to the device, which no other thread sees yet.
    unsafe {
        context(device).write(DeviceContext {
            parked,
            timer,
            work_item,
        });
    };
    STATUS_SUCCESS
}

/// Completes the oldest parked request of the device that owns `child`.
fn complete_oldest_parked(child: WDFOBJECT, status: NTSTATUS) {
    // SAFETY: timers and work items here are children of the device.
    let device: WDFDEVICE =
        unsafe { call_unsafe_wdf_function_binding!(WdfTimerGetParentObject, child.cast()) }.cast();
    let parked_queue = read_context(device).parked;
    let mut parked: WDFREQUEST = core::ptr::null_mut();
    // SAFETY: live manual queue.
    if unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueRetrieveNextRequest,
            parked_queue,
            &raw mut parked
        )
    } == STATUS_SUCCESS
    {
        // SAFETY: the driver owns the retrieved request.
        unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, parked, status) };
    }
}

unsafe extern "C" fn timer_fired(timer: WDFTIMER) {
    log("timer fired");
    complete_oldest_parked(timer.cast(), STATUS_IO_TIMEOUT);
}

unsafe extern "C" fn work_item_runs(work_item: WDFWORKITEM) {
    log("work item ran");
    // SAFETY: a live work item.
    let device: WDFDEVICE =
        unsafe { call_unsafe_wdf_function_binding!(WdfWorkItemGetParentObject, work_item) }.cast();
    let timer = read_context(device).timer;
    complete_oldest_parked(timer.cast(), STATUS_SUCCESS);
}

unsafe extern "C" fn cancel_routine(request: WDFREQUEST) {
    log("cancel routine");
    // SAFETY: the cancel routine owns the request.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_CANCELLED) };
}

/// IOCTL_RELEASE: completes the oldest parked request with this request's input.
fn release(request: WDFREQUEST, parked_queue: WDFQUEUE, input_length: usize) {
    let mut parked: WDFREQUEST = core::ptr::null_mut();
    // SAFETY: live manual queue.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueRetrieveNextRequest,
            parked_queue,
            &raw mut parked
        )
    };
    if status == STATUS_NO_MORE_ENTRIES {
        // SAFETY: owned request.
        unsafe {
            call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_NO_MORE_ENTRIES);
        };
        return;
    }
    assert_eq!(status, STATUS_SUCCESS);
    let (mut input, mut input_len) = (core::ptr::null_mut(), 0_usize);
    let (mut output, mut output_len) = (core::ptr::null_mut(), 0_usize);
    // SAFETY: both requests are owned by the driver now.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestRetrieveInputBuffer,
            request,
            1,
            &raw mut input,
            &raw mut input_len
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestRetrieveOutputBuffer,
            parked,
            1,
            &raw mut output,
            &raw mut output_len
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    let n = input_len.min(output_len).min(input_length);
    // SAFETY: both buffers are at least n bytes and belong to different requests.
    unsafe { core::ptr::copy_nonoverlapping(input.cast::<u8>(), output.cast::<u8>(), n) };
    // SAFETY: owned requests, each completed once.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithInformation,
            parked,
            STATUS_SUCCESS,
            n as u64
        );
    };
    // SAFETY: as above.
    unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_SUCCESS);
    };
}

unsafe extern "C" fn device_control(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _output: usize,
    input_length: usize,
    code: ULONG,
) {
    // SAFETY: live queue.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    let parked_queue = read_context(device).parked;
    match code {
        IOCTL_PARK => {
            // SAFETY: the driver owns the request and hands it to its manual queue.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestForwardToIoQueue, request, parked_queue)
            };
            assert_eq!(status, STATUS_SUCCESS);
        }
        IOCTL_RELEASE => release(request, parked_queue, input_length),
        IOCTL_TIME_OUT_IN_100MS | IOCTL_COMPLETE_FROM_WORK_ITEM => {
            // SAFETY: the driver owns the request and hands it to its manual queue.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestForwardToIoQueue, request, parked_queue)
            };
            assert_eq!(status, STATUS_SUCCESS);
            let DeviceContext {
                timer, work_item, ..
            } = read_context(device);
            if code == IOCTL_TIME_OUT_IN_100MS {
                // SAFETY: a live timer; negative means relative, in 100 ns units.
                let _already_queued =
                    unsafe { call_unsafe_wdf_function_binding!(WdfTimerStart, timer, -1_000_000) };
            } else {
                // SAFETY: a live work item.
                unsafe { call_unsafe_wdf_function_binding!(WdfWorkItemEnqueue, work_item) };
            }
        }
        IOCTL_WAIT_CANCELABLE => {
            // SAFETY: owned request.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestMarkCancelableEx,
                    request,
                    Some(cancel_routine)
                )
            };
            if status == STATUS_CANCELLED {
                // SAFETY: marking failed, so the driver still owns it.
                unsafe {
                    call_unsafe_wdf_function_binding!(
                        WdfRequestComplete,
                        request,
                        STATUS_CANCELLED
                    );
                };
            }
        }
        _ => {
            // SAFETY: owned request.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestComplete,
                    request,
                    kmdf_sim::wdk_sys::STATUS_INVALID_DEVICE_REQUEST
                );
            };
        }
    }
}

fn start() -> (Simulation, kmdf_sim::DeviceRef) {
    let sim = Simulation::load_with(
        driver_entry,
        SimConfig {
            driver_name: "runtime".to_owned(),
            on_violation: OnViolation::Panic,
            ..SimConfig::default()
        },
    )
    .unwrap();
    let device = sim.add_device(r"Root\Runtime").unwrap();
    (sim, device)
}

#[test]
fn removal_runs_cleanup_children_first_then_destroy_and_frees_everything() {
    let (sim, device) = start();
    assert!(take_log().is_empty());
    sim.remove_device(device).unwrap();
    assert_eq!(
        take_log(),
        [
            "default queue cleanup",
            "parked queue cleanup",
            "device cleanup",
            "default queue destroy",
            "parked queue destroy",
            "device destroy"
        ]
    );
    assert_eq!(sim.object_count(), 1, "only the driver is left");
    assert!(sim.unload().is_empty());
}

#[test]
fn a_request_pended_in_one_call_is_completed_from_another_thread() {
    let (sim, _device) = start();
    let handle = sim.open(&GUID_TEST).unwrap();
    let parked = handle.device_io_control(IOCTL_PARK, &[], 16);
    assert_eq!(
        parked.poll(),
        None,
        "the request stays pending after its callback returned"
    );
    let handle = std::sync::Arc::new(handle);
    let releaser = std::sync::Arc::clone(&handle);
    let outcome = std::sync::Arc::new(std::sync::Mutex::new(None));
    let result = std::sync::Arc::clone(&outcome);
    sim.spawn("releaser", move || {
        *result.lock().unwrap() = Some(releaser.ioctl(IOCTL_RELEASE, b"hello", 0).status);
    })
    .join();
    assert_eq!(*outcome.lock().unwrap(), Some(STATUS_SUCCESS));
    let parked = parked.wait();
    assert_eq!(
        (parked.status, parked.information, parked.output.as_slice()),
        (STATUS_SUCCESS, 5, &b"hello"[..])
    );
    drop(handle);
    assert!(sim.unload().is_empty());
}

#[test]
fn cancelling_a_cancelable_request_runs_its_cancel_routine_once() {
    let (sim, _device) = start();
    let handle = sim.open(&GUID_TEST).unwrap();
    let waiting = handle.device_io_control(IOCTL_WAIT_CANCELABLE, &[], 0);
    assert!(!waiting.is_complete());
    waiting.cancel();
    waiting.cancel();
    assert_eq!(waiting.wait().status, STATUS_CANCELLED);
    assert_eq!(take_log(), ["cancel routine"]);
    assert!(sim.unload().is_empty());
}

#[test]
fn cancelling_a_request_still_in_a_queue_completes_it_cancelled() {
    let (sim, _device) = start();
    let handle = sim.open(&GUID_TEST).unwrap();
    let parked = handle.device_io_control(IOCTL_PARK, &[], 16);
    parked.cancel();
    assert_eq!(parked.wait().status, STATUS_CANCELLED);
    // Nothing is left to release.
    assert_eq!(
        handle.ioctl(IOCTL_RELEASE, b"x", 0).status,
        STATUS_NO_MORE_ENTRIES
    );
    assert!(sim.unload().is_empty());
}

#[test]
fn closing_a_handle_cancels_its_requests_waiting_in_queues() {
    let (sim, _device) = start();
    let first = sim.open(&GUID_TEST).unwrap();
    let second = sim.open(&GUID_TEST).unwrap();
    let parked = first.device_io_control(IOCTL_PARK, &[], 16);
    first.close();
    assert_eq!(parked.wait().status, STATUS_CANCELLED);
    assert_eq!(
        second.ioctl(IOCTL_RELEASE, b"x", 0).status,
        STATUS_NO_MORE_ENTRIES
    );
    assert!(sim.unload().is_empty());
}

#[test]
fn removing_the_device_cancels_pending_requests_cleanly() {
    let (sim, device) = start();
    let handle = sim.open(&GUID_TEST).unwrap();
    let parked = handle.device_io_control(IOCTL_PARK, &[], 16);
    let waiting = handle.device_io_control(IOCTL_WAIT_CANCELABLE, &[], 0);
    sim.remove_device(device).unwrap();
    assert_eq!(parked.wait().status, STATUS_CANCELLED);
    assert_eq!(waiting.wait().status, STATUS_CANCELLED);
    assert!(take_log().contains(&"cancel routine".to_owned()));
    // The handle is dead: new I/O fails at once.
    assert_eq!(
        handle.ioctl(IOCTL_PARK, &[], 0).status,
        kmdf_sim::wdk_sys::STATUS_DEVICE_REMOVED
    );
    assert!(sim.unload().is_empty());
}

#[test]
fn timers_fire_on_virtual_time_only() {
    let (sim, _device) = start();
    let handle = sim.open(&GUID_TEST).unwrap();
    let io = handle.device_io_control(IOCTL_TIME_OUT_IN_100MS, &[], 0);
    sim.advance(std::time::Duration::from_millis(99));
    assert_eq!(io.poll(), None, "99 ms in, the timer has not fired");
    assert!(take_log().is_empty());
    sim.advance(std::time::Duration::from_millis(1));
    assert_eq!(take_log(), ["timer fired"]);
    assert_eq!(io.wait().status, STATUS_IO_TIMEOUT);
    sim.advance(std::time::Duration::from_secs(10));
    assert!(take_log().is_empty(), "a one-shot timer fires once");
    assert!(sim.unload().is_empty());
}

#[test]
fn an_armed_timer_dies_with_its_device() {
    let (sim, device) = start();
    let handle = sim.open(&GUID_TEST).unwrap();
    let io = handle.device_io_control(IOCTL_TIME_OUT_IN_100MS, &[], 0);
    sim.remove_device(device).unwrap();
    assert_eq!(io.wait().status, STATUS_CANCELLED);
    sim.advance(std::time::Duration::from_secs(1));
    assert!(!take_log().contains(&"timer fired".to_owned()));
    assert!(sim.unload().is_empty());
}

#[test]
fn work_items_run_on_the_worker_thread() {
    let (sim, _device) = start();
    let handle = sim.open(&GUID_TEST).unwrap();
    let result = handle.ioctl(IOCTL_COMPLETE_FROM_WORK_ITEM, &[], 0);
    assert_eq!(result.status, STATUS_SUCCESS);
    assert!(sim.wait_for_work_items(std::time::Duration::from_secs(5)));
    assert_eq!(take_log(), ["work item ran"]);
    assert!(sim.unload().is_empty());
}

#[test]
fn virtual_time_moves_only_when_the_test_says() {
    let (sim, _device) = start();
    assert_eq!(sim.now(), std::time::Duration::ZERO);
    sim.advance(std::time::Duration::from_millis(1500));
    assert_eq!(sim.now(), std::time::Duration::from_millis(1500));
    assert!(sim.unload().is_empty());
}

/// What [`globals_entry`] saw: the mirror's two pointers, the WDFDRIVER `WdfDriverCreate` gave it,
/// and the `Driver` and name the globals then held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct GlobalsSeen {
    table: usize,
    globals: usize,
    created: usize,
    in_globals: usize,
    name: [i8; 32],
}

static GLOBALS_SEEN: Mutex<Vec<GlobalsSeen>> = Mutex::new(Vec::new());

unsafe extern "system" fn globals_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    let mut config = kmdf_sim::wdk_sys::WDF_DRIVER_CONFIG {
        Size: size_u32::<kmdf_sim::wdk_sys::WDF_DRIVER_CONFIG>(),
        ..Default::default()
    };
    let mut created: WDFDRIVER = core::ptr::null_mut();
    // SAFETY: DriverEntry's own arguments; `config` and `created` outlive the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDriverCreate,
            core::ptr::from_mut(driver),
            registry_path,
            kmdf_sim::wdk_sys::WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut config,
            &raw mut created
        )
    };
    // SAFETY: a plain read of the pointer value, by driver code running in a simulation (the
    // mirror's statics are installed and never written again).
    let table = unsafe { kmdf_sim::wdk_sys::WdfFunctions };
    // SAFETY: as above.
    let globals = unsafe { kmdf_sim::wdk_sys::WdfDriverGlobals };
    // SAFETY: the installed globals pointer is valid for the process's life; the simulator
    // writes the block only on this simulation's threads, which run one at a time.
    let block = unsafe { globals.read() };
    GLOBALS_SEEN.lock().unwrap().push(GlobalsSeen {
        table: table.addr(),
        globals: globals.addr(),
        created: created.addr(),
        in_globals: block.Driver.addr(),
        name: block.DriverName,
    });
    status
}

#[test]
fn the_mirrors_table_and_globals_are_written_once_and_each_load_renews_the_globals() {
    let names = ["first-load", "second-load"];
    let mut seen = Vec::new();
    for name in names {
        let sim = Simulation::load_with(
            globals_entry,
            SimConfig {
                driver_name: name.to_owned(),
                ..SimConfig::default()
            },
        )
        .unwrap();
        let mine = GLOBALS_SEEN.lock().unwrap().pop().unwrap();
        assert_eq!(sim.unload(), Vec::new());
        seen.push(mine);
    }
    for (mine, name) in seen.iter().zip(names) {
        assert_ne!(mine.created, 0, "{name}: WdfDriverCreate gave a WDFDRIVER");
        assert_eq!(mine.in_globals, mine.created, "{name}: the globals' Driver");
        let stored: Vec<u8> = mine
            .name
            .iter()
            .take_while(|c| **c != 0)
            .map(|c| c.to_ne_bytes()[0])
            .collect();
        assert_eq!(stored, name.as_bytes(), "the globals' DriverName");
    }
    assert_eq!(
        (seen[0].table, seen[0].globals),
        (seen[1].table, seen[1].globals),
        "the same table and globals block for every simulation of the process"
    );
    assert_ne!(seen[0].table, 0);
    assert_ne!(seen[0].globals, 0);
}
