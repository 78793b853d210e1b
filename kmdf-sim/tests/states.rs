//! Queue states and searches, general objects and object locks, request queries, and device
//! state, through one driver: a parallel default queue whose IOCTLs act on a manual queue
//! (parked requests), on the device, and on themselves, each recording what the DDIs answered.

use core::sync::atomic::{AtomicUsize, Ordering};

use kmdf_sim::wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, _WDF_IO_QUEUE_STATE as QS, DRIVER_OBJECT, GUID, NTSTATUS,
    PCUNICODE_STRING, PVOID, PWDFDEVICE_INIT, STATUS_CANCELLED, STATUS_INVALID_DEVICE_REQUEST,
    STATUS_INVALID_DEVICE_STATE, STATUS_NO_MORE_ENTRIES, STATUS_SUCCESS, ULONG, UNICODE_STRING,
    WDF_NO_OBJECT_ATTRIBUTES, WDF_OBJECT_CONTEXT_TYPE_INFO, WDF_REQUEST_PARAMETERS, WDFCONTEXT,
    WDFDEVICE, WDFDRIVER, WDFFILEOBJECT, WDFOBJECT, WDFQUEUE, WDFREQUEST, WDFSTRING,
    call_unsafe_wdf_function_binding,
};
use kmdf_sim::{OnViolation, Rule, SimConfig, SimError, Simulation};

mod common;
use common::{attributes, create_driver, queue_config, size_u32};
#[path = "common/context.rs"]
mod context;
#[path = "common/record.rs"]
#[expect(dead_code, reason = "this test uses only some of the shared helpers")]
mod record;
use record::{record, seen, serial, take, text_of};

const INTERFACE: GUID = GUID {
    Data1: 0x57a7_e001,
    Data2: 1,
    Data3: 2,
    Data4: [1, 2, 3, 4, 5, 6, 7, 8],
};
const FILE_DEVICE_NETWORK: u32 = 0x12;

const fn ioctl(function: u32) -> u32 {
    (0x8000 << 16) | (function << 2)
}
const PARK: u32 = ioctl(0x900);
const QUERY: u32 = ioctl(0x901);
const TAKE_BY_FILE: u32 = ioctl(0x902);
const PURGE: u32 = ioctl(0x903);
const DRAIN: u32 = ioctl(0x904);
const OBJECTS: u32 = ioctl(0x905);
const MARK: u32 = ioctl(0x906);
const IDLE: u32 = ioctl(0x907);
const HIDE: u32 = ioctl(0x908);
const SHOW: u32 = ioctl(0x909);
const FAIL: u32 = ioctl(0x90A);

static MANUAL: AtomicUsize = AtomicUsize::new(0);
static DEVICE: AtomicUsize = AtomicUsize::new(0);
static READY: AtomicUsize = AtomicUsize::new(0);

fn manual() -> WDFQUEUE {
    core::ptr::with_exposed_provenance_mut(MANUAL.load(Ordering::Relaxed))
}

fn device() -> WDFDEVICE {
    core::ptr::with_exposed_provenance_mut(DEVICE.load(Ordering::Relaxed))
}

#[repr(C)]
struct Tally {
    count: u32,
}

static TALLY_INFO: context::TypeInfo = context::TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO {
    Size: size_u32::<WDF_OBJECT_CONTEXT_TYPE_INFO>(),
    ContextName: c"Tally".as_ptr(),
    ContextSize: size_of::<Tally>(),
    UniqueType: core::ptr::null(),
    EvtDriverGetUniqueContextType: None,
});

unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

unsafe extern "C" fn ready(_queue: WDFQUEUE, context: WDFCONTEXT) {
    READY.fetch_add(1, Ordering::Relaxed);
    record("ready context", i64::from(context.addr() == 0x5eed));
}

unsafe extern "C" fn drained(_queue: WDFQUEUE, _context: WDFCONTEXT) {
    record("drained", 1);
}

fn ready_notify(queue: WDFQUEUE) -> NTSTATUS {
    // SAFETY: a live queue; the callback is static.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueReadyNotify,
            queue,
            Some(ready),
            core::ptr::with_exposed_provenance_mut(0x5eed)
        )
    }
}

unsafe extern "C" fn device_add(driver: WDFDRIVER, mut init: PWDFDEVICE_INIT) -> NTSTATUS {
    // SAFETY: EvtDriverDeviceAdd context; live handles, pointers that outlive the calls.
    unsafe {
        call_unsafe_wdf_function_binding!(WdfDeviceInitSetDeviceType, init, FILE_DEVICE_NETWORK);
    }
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitSetPowerPageable, init) };
    let mut device: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut init,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut device
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    DEVICE.store(device.expose_provenance(), Ordering::Relaxed);
    // SAFETY: as above.
    let owner = unsafe { call_unsafe_wdf_function_binding!(WdfDeviceGetDriver, device) };
    record("device's driver", i64::from(owner == driver));
    // SAFETY: as above.
    record("pnp state in add", unsafe {
        call_unsafe_wdf_function_binding!(WdfDeviceGetDevicePnpState, device)
    });
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            &INTERFACE,
            core::ptr::null()
        )
    };
    record("interface", status);
    let mut string: WDFSTRING = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfStringCreate,
            core::ptr::null(),
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut string
        )
    };
    record("string", status);
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceRetrieveDeviceInterfaceString,
            device,
            &INTERFACE,
            core::ptr::null(),
            string
        )
    };
    record("interface string", status);
    let mut path = UNICODE_STRING::default();
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfStringGetUnicodeString, string, &raw mut path) };
    record(
        "interface string is the path",
        i64::from(text_of(&path) == r"\??\ROOT#STATES#0000#{57a7e001-0001-0002-0102-030405060708}"),
    );
    let mut config = queue_config(
        _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
        true,
    );
    config.EvtIoDeviceControl = Some(device_control);
    let mut default: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut default
        )
    };
    record("default queue", status);
    let mut config = queue_config(_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual, false);
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut queue
        )
    };
    record("manual queue", status);
    MANUAL.store(queue.expose_provenance(), Ordering::Relaxed);
    record("ready notify", ready_notify(queue));
    record("ready notify again", ready_notify(queue));
    record("ready notify on a parallel queue", ready_notify(default));
    STATUS_SUCCESS
}

fn complete(request: WDFREQUEST, status: NTSTATUS) {
    // SAFETY: the driver owns the request.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, status) };
}

fn file_of(request: WDFREQUEST) -> WDFFILEOBJECT {
    // SAFETY: the driver owns the request.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetFileObject, request) }
}

/// FindRequest (by file), the parameters it fills, then RetrieveFoundRequest; the state before
/// and after.
fn query(request: WDFREQUEST) {
    let (mut queued, mut owned): (ULONG, ULONG) = (0, 0);
    // SAFETY: the live manual queue; out-pointers are locals.
    let state = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueGetState,
            manual(),
            &raw mut queued,
            &raw mut owned
        )
    };
    record("state", state);
    record("queued", queued);
    record("owned", owned);
    let mut parameters = WDF_REQUEST_PARAMETERS {
        Size: u16::try_from(size_of::<WDF_REQUEST_PARAMETERS>()).unwrap_or(0),
        ..WDF_REQUEST_PARAMETERS::default()
    };
    let mut found: WDFREQUEST = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueFindRequest,
            manual(),
            core::ptr::null_mut(),
            file_of(request),
            &raw mut parameters,
            &raw mut found
        )
    };
    record("find", status);
    // SAFETY: the union member of a device-control request.
    record("found code", unsafe {
        parameters.Parameters.DeviceIoControl.IoControlCode
    });
    let mut next: WDFREQUEST = core::ptr::null_mut();
    // SAFETY: as above; `found` is referenced by the find.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueFindRequest,
            manual(),
            found,
            file_of(request),
            core::ptr::null_mut(),
            &raw mut next
        )
    };
    record("find after the last", status);
    let mut taken: WDFREQUEST = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueRetrieveFoundRequest,
            manual(),
            found,
            &raw mut taken
        )
    };
    record("retrieve found", status);
    record("retrieved the found one", i64::from(taken == found));
    // SAFETY: the reference WdfIoQueueFindRequest took.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectDereferenceActual,
            found.cast(),
            core::ptr::null_mut(),
            0,
            core::ptr::null()
        );
    };
    // SAFETY: the driver owns the request it retrieved.
    record("from 32-bit", unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestIsFrom32BitProcess, taken)
    });
    // SAFETY: as above.
    let pid = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetRequestorProcessId, taken) };
    record(
        "requestor is this process",
        i64::from(pid == std::process::id()),
    );
    // SAFETY: as above.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithPriorityBoost,
            taken,
            STATUS_SUCCESS,
            2
        );
    }
    // SAFETY: as above.
    let after = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueGetState,
            manual(),
            core::ptr::null_mut(),
            core::ptr::null_mut()
        )
    };
    record("state after", after);
}

fn objects() {
    let mut attributes = attributes();
    attributes.ContextTypeInfo = &raw const TALLY_INFO.0;
    let mut object: WDFOBJECT = core::ptr::null_mut();
    // SAFETY: out-pointer is a local; the type info is static.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfObjectCreate, &raw mut attributes, &raw mut object)
    };
    record("object create", status);
    // SAFETY: a live object with a Tally context.
    let tally: PVOID = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectGetTypedContextWorker,
            object,
            &raw const TALLY_INFO.0
        )
    };
    // SAFETY: the context's address, from its object.
    let back = unsafe { call_unsafe_wdf_function_binding!(WdfObjectContextGetObject, tally) };
    record("context gives its object", i64::from(back == object));
    // SAFETY: the driver's own object.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, object) };
    // The device's synchronization lock: a spin lock (the default execution level), so DISPATCH.
    // SAFETY: the live device.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectAcquireLock, device().cast()) };
    // SAFETY: reads this thread's IRQL.
    record("irql under the lock", unsafe {
        kmdf_sim::wdk_sys::ntddk::KeGetCurrentIrql()
    });
    // SAFETY: acquired just above.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectReleaseLock, device().cast()) };
    // SAFETY: as above.
    record("irql after", unsafe {
        kmdf_sim::wdk_sys::ntddk::KeGetCurrentIrql()
    });
    // SAFETY: the live manual queue (a queue has a lock too).
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectAcquireLock, manual().cast()) };
    // SAFETY: acquired just above.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectReleaseLock, manual().cast()) };
    // SAFETY: as above.
    record("power state", unsafe {
        call_unsafe_wdf_function_binding!(WdfDeviceGetDevicePowerState, device())
    });
    // SAFETY: as above.
    record("power policy state", unsafe {
        call_unsafe_wdf_function_binding!(WdfDeviceGetDevicePowerPolicyState, device())
    });
    // SAFETY: as above.
    record("pnp state", unsafe {
        call_unsafe_wdf_function_binding!(WdfDeviceGetDevicePnpState, device())
    });
}

unsafe extern "C" fn cancel(request: WDFREQUEST) {
    record("cancel routine", 1);
    complete(request, STATUS_CANCELLED);
}

fn idle() -> NTSTATUS {
    let status =
        // SAFETY: the live device, from a queue callback at PASSIVE_LEVEL.
        unsafe { call_unsafe_wdf_function_binding!(WdfDeviceStopIdleNoTrack, device(), 0) };
    record("stop idle", status);
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfDeviceResumeIdleNoTrack, device()) };
    // SAFETY: as above; the tagged forms count the same references.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceStopIdleActual,
            device(),
            1,
            core::ptr::null_mut(),
            0,
            core::ptr::null()
        )
    };
    record("stop idle actual", status);
    // SAFETY: as above.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceResumeIdleActual,
            device(),
            core::ptr::null_mut(),
            0,
            core::ptr::null()
        );
    }
    // One resume too many: reported.
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfDeviceResumeIdleNoTrack, device()) };
    STATUS_SUCCESS
}

fn interface(enabled: u8) -> NTSTATUS {
    // SAFETY: the live device and its interface.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceSetDeviceInterfaceState,
            device(),
            &INTERFACE,
            core::ptr::null(),
            enabled
        );
    }
    STATUS_SUCCESS
}

unsafe extern "C" fn device_control(
    _queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    code: ULONG,
) {
    let status = match code {
        PARK => {
            // SAFETY: the driver owns the request; the manual queue is live.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestForwardToIoQueue, request, manual())
            };
            if status == STATUS_SUCCESS {
                return;
            }
            status
        }
        QUERY => {
            query(request);
            STATUS_SUCCESS
        }
        TAKE_BY_FILE => {
            let mut taken: WDFREQUEST = core::ptr::null_mut();
            // SAFETY: the live manual queue and the request's file.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfIoQueueRetrieveRequestByFileObject,
                    manual(),
                    file_of(request),
                    &raw mut taken
                )
            };
            record("by file", status);
            if status == STATUS_SUCCESS {
                complete(taken, STATUS_SUCCESS);
            }
            STATUS_SUCCESS
        }
        PURGE => {
            // SAFETY: the live manual queue, from another queue's callback at PASSIVE_LEVEL.
            unsafe {
                call_unsafe_wdf_function_binding!(WdfIoQueueStopAndPurgeSynchronously, manual());
            };
            // SAFETY: as above.
            let state = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfIoQueueGetState,
                    manual(),
                    core::ptr::null_mut(),
                    core::ptr::null_mut()
                )
            };
            record("state after stop and purge", state);
            STATUS_SUCCESS
        }
        DRAIN => {
            // SAFETY: the live manual queue; the callback is static.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfIoQueueDrain,
                    manual(),
                    Some(drained),
                    core::ptr::null_mut()
                );
            }
            STATUS_SUCCESS
        }
        OBJECTS => {
            objects();
            STATUS_SUCCESS
        }
        MARK => {
            // SAFETY: the driver owns the request; the routine is static.
            unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestMarkCancelable, request, Some(cancel));
            };
            return;
        }
        IDLE => idle(),
        HIDE => interface(0),
        SHOW => interface(1),
        FAIL => {
            // SAFETY: the live device.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfDeviceSetFailed,
                    device(),
                    kmdf_sim::wdk_sys::_WDF_DEVICE_FAILED_ACTION::WdfDeviceFailedNoRestart
                );
            }
            // SAFETY: as above.
            record("pnp state after failing", unsafe {
                call_unsafe_wdf_function_binding!(WdfDeviceGetDevicePnpState, device())
            });
            STATUS_SUCCESS
        }
        _ => STATUS_INVALID_DEVICE_REQUEST,
    };
    complete(request, status);
}

fn load() -> Simulation {
    Simulation::load_with(
        driver_entry,
        SimConfig {
            driver_name: "states".to_owned(),
            on_violation: OnViolation::Record,
            ..SimConfig::default()
        },
    )
    .unwrap()
}

const fn bits(list: &[i32]) -> i64 {
    let mut all = 0;
    let mut at = 0;
    while at < list.len() {
        all |= list[at];
        at += 1;
    }
    all as i64
}

#[test]
fn a_manual_queue_notifies_arrivals_finds_requests_and_hands_them_out() {
    let _serial = serial();
    let _ = take();
    let sim = load();
    let node = sim.add_device(r"Root\States").unwrap();
    let added = take();
    let at = |what: &str| seen(&added, what);
    assert_eq!(at("device's driver"), 1);
    assert_eq!(
        at("pnp state in add"),
        i64::from(kmdf_sim::wdk_sys::_WDF_DEVICE_PNP_STATE::WdfDevStatePnpInit)
    );
    assert_eq!(at("interface string"), i64::from(STATUS_SUCCESS));
    assert_eq!(at("interface string is the path"), 1);
    assert_eq!(at("ready notify"), i64::from(STATUS_SUCCESS));
    assert_eq!(
        at("ready notify again"),
        i64::from(STATUS_INVALID_DEVICE_STATE)
    );
    assert_eq!(
        at("ready notify on a parallel queue"),
        i64::from(STATUS_INVALID_DEVICE_REQUEST)
    );
    assert_eq!(sim.device_type(node), FILE_DEVICE_NETWORK);
    assert_eq!(sim.power_pageable(node), Some(true));
    let violations = sim.take_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].call, "WdfIoQueueReadyNotify");

    let one = sim.open(&INTERFACE).unwrap();
    let two = sim.open(&INTERFACE).unwrap();
    READY.store(0, Ordering::Relaxed);
    let first = one.device_io_control(PARK, b"", 0);
    let second = two.device_io_control(PARK, b"", 0);
    // The first arrival into the empty queue notifies; the second finds it non-empty.
    assert_eq!(READY.load(Ordering::Relaxed), 1);
    assert_eq!(seen(&take(), "ready context"), 1);
    assert_eq!(one.ioctl(QUERY, b"", 0).status, STATUS_SUCCESS);
    assert_eq!(first.wait().status, STATUS_SUCCESS);
    let all = take();
    let at = |what: &str| seen(&all, what);
    assert_eq!(
        at("state"),
        bits(&[
            QS::WdfIoQueueAcceptRequests,
            QS::WdfIoQueueDispatchRequests,
            QS::WdfIoQueueDriverNoRequests
        ])
    );
    assert_eq!((at("queued"), at("owned")), (2, 0));
    assert_eq!(at("find"), i64::from(STATUS_SUCCESS));
    assert_eq!(at("found code"), i64::from(PARK));
    // Only one request of this file: the next find runs off the end.
    assert_eq!(at("find after the last"), i64::from(STATUS_NO_MORE_ENTRIES));
    assert_eq!(at("retrieve found"), i64::from(STATUS_SUCCESS));
    assert_eq!(at("retrieved the found one"), 1);
    assert_eq!(at("from 32-bit"), 0);
    assert_eq!(at("requestor is this process"), 1);
    assert_eq!(
        at("state after"),
        bits(&[
            QS::WdfIoQueueAcceptRequests,
            QS::WdfIoQueueDispatchRequests,
            QS::WdfIoQueueDriverNoRequests
        ])
    );
    // By file object: handle two's request; then none is left for handle one.
    assert_eq!(two.ioctl(TAKE_BY_FILE, b"", 0).status, STATUS_SUCCESS);
    assert_eq!(second.wait().status, STATUS_SUCCESS);
    assert_eq!(one.ioctl(TAKE_BY_FILE, b"", 0).status, STATUS_SUCCESS);
    let all = take();
    assert_eq!(
        all.iter()
            .filter(|(w, _)| w == "by file")
            .map(|(_, v)| *v)
            .collect::<Vec<_>>(),
        [i64::from(STATUS_SUCCESS), i64::from(STATUS_NO_MORE_ENTRIES)]
    );

    // Stop-and-purge cancels what waits and keeps accepting, held until started again.
    let parked = one.device_io_control(PARK, b"", 0);
    assert_eq!(two.ioctl(PURGE, b"", 0).status, STATUS_SUCCESS);
    assert_eq!(parked.wait().status, STATUS_CANCELLED);
    assert_eq!(
        seen(&take(), "state after stop and purge"),
        bits(&[
            QS::WdfIoQueueAcceptRequests,
            QS::WdfIoQueueNoRequests,
            QS::WdfIoQueueDriverNoRequests
        ])
    );
    // Drain: no new requests; the callback once nothing is left.
    assert_eq!(two.ioctl(DRAIN, b"", 0).status, STATUS_SUCCESS);
    assert_eq!(seen(&take(), "drained"), 1);
    let refused = one.ioctl(PARK, b"", 0);
    assert_eq!(refused.status, STATUS_INVALID_DEVICE_STATE, "{refused:?}");
    one.close();
    two.close();
    sim.remove_device(node).unwrap();
    assert!(sim.take_violations().is_empty());
    assert!(sim.unload().is_empty());
}

#[test]
fn objects_locks_cancel_idle_interfaces_and_failure() {
    let _serial = serial();
    let _ = take();
    let sim = load();
    let node = sim.add_device(r"Root\States").unwrap();
    let _ = take();
    let _ = sim.take_violations();
    let handle = sim.open(&INTERFACE).unwrap();
    assert_eq!(handle.ioctl(OBJECTS, b"", 0).status, STATUS_SUCCESS);
    let all = take();
    let at = |what: &str| seen(&all, what);
    assert_eq!(at("object create"), i64::from(STATUS_SUCCESS));
    assert_eq!(at("context gives its object"), 1);
    assert_eq!(at("irql under the lock"), 2);
    assert_eq!(at("irql after"), 0);
    assert_eq!(at("power state"), 0x307, "WdfDevStatePowerD0");
    assert_eq!(at("power policy state"), 0x565, "WdfDevStatePwrPolStarted");
    assert_eq!(
        at("pnp state"),
        i64::from(kmdf_sim::wdk_sys::_WDF_DEVICE_PNP_STATE::WdfDevStatePnpStarted)
    );

    // MarkCancelable: cancelling the I/O runs the routine, which completes it.
    let pending = handle.device_io_control(MARK, b"", 0);
    assert!(pending.poll().is_none());
    pending.cancel();
    assert_eq!(pending.wait().status, STATUS_CANCELLED);
    assert_eq!(seen(&take(), "cancel routine"), 1);

    // Idle references: in D0 StopIdle succeeds at once; a resume without a stop is reported.
    assert_eq!(handle.ioctl(IDLE, b"", 0).status, STATUS_SUCCESS);
    let all = take();
    assert_eq!(seen(&all, "stop idle"), i64::from(STATUS_SUCCESS));
    assert_eq!(seen(&all, "stop idle actual"), i64::from(STATUS_SUCCESS));
    let violations = sim.take_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(
        (violations[0].rule, violations[0].call.as_str()),
        (Rule::InvalidArgument, "WdfDeviceResumeIdleNoTrack")
    );

    // A disabled interface is not listed and cannot be opened; enabled again, it can.
    assert_eq!(handle.ioctl(HIDE, b"", 0).status, STATUS_SUCCESS);
    assert!(sim.interface_paths(&INTERFACE).is_empty());
    assert!(matches!(
        sim.open(&INTERFACE),
        Err(SimError::NoSuchInterface(_))
    ));
    assert_eq!(handle.ioctl(SHOW, b"", 0).status, STATUS_SUCCESS);
    sim.open(&INTERFACE).unwrap().close();

    // WdfDeviceSetFailed: the device's PnP state is Failed, and StopIdle can no longer bring it
    // to D0.
    assert_eq!(handle.ioctl(FAIL, b"", 0).status, STATUS_SUCCESS);
    assert_eq!(
        seen(&take(), "pnp state after failing"),
        i64::from(kmdf_sim::wdk_sys::_WDF_DEVICE_PNP_STATE::WdfDevStatePnpFailed)
    );
    assert_eq!(handle.ioctl(IDLE, b"", 0).status, STATUS_SUCCESS);
    assert_eq!(
        seen(&take(), "stop idle"),
        i64::from(0xC000_02D3_u32.cast_signed()),
        "STATUS_POWER_STATE_INVALID"
    );
    let _ = sim.take_violations();
    handle.close();
    sim.remove_device(node).unwrap();
    assert!(sim.unload().is_empty());
}
