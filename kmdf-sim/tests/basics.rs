//! DDIs kmdf-sim implemented before its coverage table and no other test calls, each against its
//! contract: a request's parameters, information, requestor mode and cancel state, its queue's
//! device and default queue, its file's device; requeue; synchronous stop, asynchronous
//! stop-and-purge and synchronous drain; the driver's registry path; stopping a timer; flushing a
//! work item; removing a collection item by index; a registry value from a memory object; power
//! non-pageability; and an I/O target's device, reads and writes formatted and sent (a reused
//! request), synchronous reads and writes, and cancelling a sent request.

use core::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use kmdf_sim::wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, _WDF_IO_QUEUE_STATE as QS, _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1,
    _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_1, _WDF_MEMORY_DESCRIPTOR_TYPE,
    _WDF_REQUEST_SEND_OPTIONS_FLAGS, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING,
    PWDF_REQUEST_COMPLETION_PARAMS, PWDFDEVICE_INIT, STATUS_CANCELLED, STATUS_INVALID_PARAMETER,
    STATUS_SUCCESS, ULONG, WDF_MEMORY_DESCRIPTOR, WDF_NO_OBJECT_ATTRIBUTES, WDF_REQUEST_PARAMETERS,
    WDF_REQUEST_REUSE_PARAMS, WDF_REQUEST_SEND_OPTIONS, WDF_TIMER_CONFIG, WDF_WORKITEM_CONFIG,
    WDFCOLLECTION, WDFCONTEXT, WDFDEVICE, WDFDRIVER, WDFIOTARGET, WDFKEY, WDFMEMORY,
    WDFMEMORY_OFFSET, WDFOBJECT, WDFQUEUE, WDFREQUEST, WDFTIMER, WDFWORKITEM,
    call_unsafe_wdf_function_binding,
};
use kmdf_sim::{
    LowerDevice, LowerMajor, LowerResponse, OnViolation, RegistryValue, SimConfig, Simulation,
};

mod common;
use common::{attributes, create_driver, queue_config, size_u32};
#[path = "common/record.rs"]
#[expect(dead_code, reason = "this test uses only some of the shared helpers")]
mod record;
use record::{record, seen, serial, take};

const INTERFACE: GUID = GUID {
    Data1: 0xba51_c001,
    Data2: 1,
    Data3: 2,
    Data4: [1, 2, 3, 4, 5, 6, 7, 8],
};
const fn ioctl(function: u32) -> u32 {
    (0x8000 << 16) | (function << 2)
}
const INFO: u32 = ioctl(0xA00);
const PARK: u32 = ioctl(0xA01);
const REQUEUE: u32 = ioctl(0xA02);

static DEVICE: AtomicUsize = AtomicUsize::new(0);
static MANUAL: AtomicUsize = AtomicUsize::new(0);
static FIRED: AtomicUsize = AtomicUsize::new(0);

fn ptr<T>(value: &AtomicUsize) -> *mut T {
    core::ptr::with_exposed_provenance_mut(value.load(Ordering::Relaxed))
}

unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

unsafe extern "C" fn device_add(_driver: WDFDRIVER, mut init: PWDFDEVICE_INIT) -> NTSTATUS {
    // SAFETY: EvtDriverDeviceAdd context.
    unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitSetPowerNotPageable, init) };
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
    // SAFETY: the live device; the GUID is static.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            &INTERFACE,
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
    // SAFETY: the live device; `config` outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            core::ptr::null_mut()
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    let mut config = queue_config(_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual, false);
    let mut manual: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut manual
        )
    };
    MANUAL.store(manual.expose_provenance(), Ordering::Relaxed);
    status
}

fn info(queue: WDFQUEUE, request: WDFREQUEST) {
    let mut parameters = WDF_REQUEST_PARAMETERS {
        Size: u16::try_from(size_of::<WDF_REQUEST_PARAMETERS>()).unwrap_or(0),
        ..WDF_REQUEST_PARAMETERS::default()
    };
    // SAFETY: the driver owns the request; `parameters` outlives the call.
    unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestGetParameters, request, &raw mut parameters);
    };
    // SAFETY: a device-control request's union member.
    let control = unsafe { parameters.Parameters.DeviceIoControl };
    record("code", control.IoControlCode);
    record(
        "input length",
        i64::try_from(control.InputBufferLength).unwrap_or(-1),
    );
    record(
        "output length",
        i64::try_from(control.OutputBufferLength).unwrap_or(-1),
    );
    // SAFETY: the live queue and device.
    let default =
        unsafe { call_unsafe_wdf_function_binding!(WdfDeviceGetDefaultQueue, ptr(&DEVICE)) };
    record("default queue", i64::from(default == queue));
    // SAFETY: as above.
    let file = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetFileObject, request) };
    // SAFETY: the request's live file object.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfFileObjectGetDevice, file) };
    record("file's device", i64::from(device == ptr(&DEVICE)));
    // SAFETY: as above.
    record("requestor mode", unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestGetRequestorMode, request)
    });
    // SAFETY: as above.
    record("canceled", unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestIsCanceled, request)
    });
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestSetInformation, request, 3) };
    // SAFETY: as above.
    let information =
        unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetInformation, request) };
    record("information", i64::try_from(information).unwrap_or(-1));
}

unsafe extern "C" fn device_control(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    code: ULONG,
) {
    match code {
        INFO => info(queue, request),
        PARK => {
            // SAFETY: the driver owns the request; the manual queue is live.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestForwardToIoQueue, request, ptr(&MANUAL))
            };
            record("park", status);
            return;
        }
        REQUEUE => {
            let mut parked: WDFREQUEST = core::ptr::null_mut();
            // SAFETY: the live manual queue; out-pointer is a local.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfIoQueueRetrieveNextRequest,
                    ptr(&MANUAL),
                    &raw mut parked
                )
            };
            record("retrieve", status);
            // SAFETY: the driver owns the request it retrieved.
            let status = unsafe { call_unsafe_wdf_function_binding!(WdfRequestRequeue, parked) };
            record("requeue", status);
        }
        _ => {}
    }
    // SAFETY: the driver owns the request; WdfRequestComplete keeps the information set.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_SUCCESS) };
}

unsafe extern "C" fn fired(_timer: WDFTIMER) {
    FIRED.fetch_add(1, Ordering::Relaxed);
}

unsafe extern "C" fn work(_item: WDFWORKITEM) {
    FIRED.fetch_add(10, Ordering::Relaxed);
}

unsafe extern "C" fn stopped(_queue: WDFQUEUE, _context: WDFCONTEXT) {
    record("stop and purge callback", 1);
}

unsafe extern "C" fn sent_back(
    request: WDFREQUEST,
    _target: WDFIOTARGET,
    _params: PWDF_REQUEST_COMPLETION_PARAMS,
    _context: WDFCONTEXT,
) {
    // SAFETY: the request came back to its sender.
    record("sent status", unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestGetStatus, request)
    });
}

fn bus() -> LowerDevice {
    LowerDevice::new(|request| match request.major {
        LowerMajor::Read => LowerResponse::complete(STATUS_SUCCESS, 4, b"read".to_vec()),
        LowerMajor::Write if request.input == b"slow" => {
            LowerResponse::complete(STATUS_SUCCESS, 4, Vec::new()).after(Duration::from_secs(5))
        }
        LowerMajor::Write => {
            let n = u64::try_from(request.input.len()).unwrap_or(0);
            LowerResponse::complete(STATUS_SUCCESS, n, Vec::new())
        }
        _ => LowerResponse::default_for(request),
    })
}

fn descriptor(buffer: &mut [u8]) -> WDF_MEMORY_DESCRIPTOR {
    WDF_MEMORY_DESCRIPTOR {
        Type: _WDF_MEMORY_DESCRIPTOR_TYPE::WdfMemoryDescriptorTypeBuffer,
        u: _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1 {
            BufferType: _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_1 {
                Buffer: buffer.as_mut_ptr().cast(),
                Length: u32::try_from(buffer.len()).unwrap_or(0),
            },
        },
    }
}

fn memory(bytes: &[u8]) -> WDFMEMORY {
    let mut memory: WDFMEMORY = core::ptr::null_mut();
    let mut buffer = core::ptr::null_mut();
    // SAFETY: out-pointers are locals.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            0,
            u32::from_le_bytes(*b"test"),
            bytes.len(),
            &raw mut memory,
            &raw mut buffer
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    // SAFETY: the memory object's buffer holds bytes.len() bytes.
    unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), bytes.len()) };
    memory
}

fn send_synchronously(request: WDFREQUEST, target: WDFIOTARGET) -> NTSTATUS {
    let mut options = WDF_REQUEST_SEND_OPTIONS {
        Size: size_u32::<WDF_REQUEST_SEND_OPTIONS>(),
        Flags: _WDF_REQUEST_SEND_OPTIONS_FLAGS::WDF_REQUEST_SEND_OPTION_SYNCHRONOUS as u32,
        ..WDF_REQUEST_SEND_OPTIONS::default()
    };
    // SAFETY: a formatted request the driver created; the live target.
    let _ = unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestSend, request, target, &raw mut options)
    };
    // SAFETY: the request is back.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetStatus, request) }
}

fn load() -> (Simulation, kmdf_sim::DeviceRef) {
    let sim = Simulation::load_with(
        driver_entry,
        SimConfig {
            driver_name: "basics".to_owned(),
            on_violation: OnViolation::Record,
            ..SimConfig::default()
        },
    )
    .unwrap();
    let node = sim
        .add_device_stack(r"Root\Basics", &[sim.driver()], bus())
        .unwrap();
    (sim, node)
}

#[test]
fn request_queries_requeue_and_queue_states() {
    let _serial = serial();
    let _ = take();
    let (sim, node) = load();
    assert_eq!(sim.power_pageable(node), Some(false));
    let handle = sim.open(&INTERFACE).unwrap();
    let result = handle.ioctl(INFO, b"abc", 8);
    assert_eq!((result.status, result.information), (STATUS_SUCCESS, 3));
    let all = take();
    let at = |what: &str| seen(&all, what);
    assert_eq!(at("code"), i64::from(INFO));
    assert_eq!((at("input length"), at("output length")), (3, 8));
    assert_eq!(at("default queue"), 1);
    assert_eq!(at("file's device"), 1);
    assert_eq!(at("requestor mode"), 1, "UserMode");
    assert_eq!(at("canceled"), 0);
    assert_eq!(at("information"), 3);

    // Requeue puts a retrieved request back at the head of its queue.
    let parked = handle.device_io_control(PARK, b"", 0);
    assert_eq!(handle.ioctl(REQUEUE, b"", 0).status, STATUS_SUCCESS);
    let all = take();
    assert_eq!((seen(&all, "retrieve"), seen(&all, "requeue")), (0, 0));
    assert!(parked.poll().is_none());
    let manual: WDFQUEUE = ptr(&MANUAL);
    let queue_state = || {
        // SAFETY: the live manual queue; the test's thread is a simulated PASSIVE_LEVEL thread.
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfIoQueueGetState,
                manual,
                core::ptr::null_mut(),
                core::ptr::null_mut()
            )
        }
    };
    assert_eq!(
        queue_state() & QS::WdfIoQueueNoRequests,
        0,
        "the requeued request waits"
    );
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueStopSynchronously, manual) };
    assert_eq!(queue_state() & QS::WdfIoQueueDispatchRequests, 0);
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueStart, manual) };
    // Stop-and-purge cancels the waiting request and calls back once the queue is idle.
    // SAFETY: as above; the callback is static.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueStopAndPurge,
            manual,
            Some(stopped),
            core::ptr::null_mut()
        );
    }
    assert_eq!(parked.wait().status, STATUS_CANCELLED);
    assert_eq!(seen(&take(), "stop and purge callback"), 1);
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueStart, manual) };
    // SAFETY: as above: an empty queue drains at once and stops accepting.
    unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueDrainSynchronously, manual) };
    assert_eq!(queue_state() & QS::WdfIoQueueAcceptRequests, 0);
    handle.close();
    sim.remove_device(node).unwrap();
    assert!(sim.take_violations().is_empty());
    assert!(sim.unload().is_empty());
}

#[test]
#[expect(clippy::too_many_lines, reason = "one call of each DDI, in order")]
fn the_driver_path_timers_work_items_collections_registry_memory_and_targets() {
    let _serial = serial();
    let _ = take();
    let (sim, node) = load();
    let device: WDFDEVICE = ptr(&DEVICE);
    // SAFETY: the test's thread is a simulated PASSIVE_LEVEL thread (here and below); handles
    // are the driver's live objects; pointers outlive the calls.
    let driver = unsafe { call_unsafe_wdf_function_binding!(WdfDeviceGetDriver, device) };
    // SAFETY: as above.
    let path = unsafe { call_unsafe_wdf_function_binding!(WdfDriverGetRegistryPath, driver) };
    let mut units = Vec::new();
    loop {
        // SAFETY: inside the NUL-terminated string the framework keeps (the NUL ends the loop).
        let at = unsafe { path.add(units.len()) };
        // SAFETY: as above.
        let unit = unsafe { at.read() };
        if unit == 0 {
            break;
        }
        units.push(unit);
    }
    assert!(String::from_utf16_lossy(&units).ends_with(r"\Services\basics"));

    let mut parent = attributes();
    parent.ParentObject = device.cast();
    let mut timer_config = WDF_TIMER_CONFIG {
        Size: size_u32::<WDF_TIMER_CONFIG>(),
        EvtTimerFunc: Some(fired),
        ..WDF_TIMER_CONFIG::default()
    };
    let mut timer: WDFTIMER = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfTimerCreate,
            &raw mut timer_config,
            &raw mut parent,
            &raw mut timer
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    FIRED.store(0, Ordering::Relaxed);
    // SAFETY: as above; due in one second.
    let _ = unsafe { call_unsafe_wdf_function_binding!(WdfTimerStart, timer, -10_000_000) };
    // SAFETY: as above: it was queued, so TRUE; it never fires.
    let answer = unsafe { call_unsafe_wdf_function_binding!(WdfTimerStop, timer, 1) };
    assert_eq!(answer, 1);
    sim.advance(Duration::from_secs(2));
    assert_eq!(FIRED.load(Ordering::Relaxed), 0);
    // SAFETY: as above: not queued any more.
    let answer = unsafe { call_unsafe_wdf_function_binding!(WdfTimerStop, timer, 0) };
    assert_eq!(answer, 0);

    let mut item_config = WDF_WORKITEM_CONFIG {
        Size: size_u32::<WDF_WORKITEM_CONFIG>(),
        EvtWorkItemFunc: Some(work),
        ..WDF_WORKITEM_CONFIG::default()
    };
    let mut item: WDFWORKITEM = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfWorkItemCreate,
            &raw mut item_config,
            &raw mut parent,
            &raw mut item
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfWorkItemEnqueue, item) };
    // SAFETY: as above: returns once the callback has run.
    unsafe { call_unsafe_wdf_function_binding!(WdfWorkItemFlush, item) };
    assert_eq!(FIRED.load(Ordering::Relaxed), 10);

    let mut collection: WDFCOLLECTION = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfCollectionCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut collection
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    let objects: [WDFOBJECT; 2] = [timer.cast(), item.cast()];
    for object in objects {
        // SAFETY: as above.
        let status =
            unsafe { call_unsafe_wdf_function_binding!(WdfCollectionAdd, collection, object) };
        assert_eq!(status, STATUS_SUCCESS);
    }
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfCollectionRemoveItem, collection, 0) };
    // SAFETY: as above.
    let answer = unsafe { call_unsafe_wdf_function_binding!(WdfCollectionGetCount, collection) };
    assert_eq!(answer, 1);
    // SAFETY: as above.
    let first = unsafe { call_unsafe_wdf_function_binding!(WdfCollectionGetItem, collection, 0) };
    assert_eq!(first, objects[1]);
    // SAFETY: as above: an index past the end is reported.
    unsafe { call_unsafe_wdf_function_binding!(WdfCollectionRemoveItem, collection, 5) };
    let violations = sim.take_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].call, "WdfCollectionRemoveItem");

    let mut key: WDFKEY = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDriverOpenParametersRegistryKey,
            driver,
            0xF_003F,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut key
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    let blob = memory(b"wxyz");
    let name: Vec<u16> = "Blob".encode_utf16().collect();
    let name = kmdf_sim::wdk_sys::UNICODE_STRING {
        Length: 8,
        MaximumLength: 8,
        Buffer: name.as_ptr().cast_mut(),
    };
    let assign = |offset: usize, length: usize| {
        let mut offsets = WDFMEMORY_OFFSET {
            BufferOffset: offset,
            BufferLength: length,
        };
        // SAFETY: as above.
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRegistryAssignMemory,
                key,
                &raw const name,
                3,
                blob,
                &raw mut offsets
            )
        }
    };
    assert_eq!(assign(1, 2), STATUS_SUCCESS);
    assert_eq!(
        assign(3, 2),
        STATUS_INVALID_PARAMETER,
        "past the memory's end"
    );
    assert_eq!(
        sim.registry_value(&sim.parameters_key(sim.driver()), "Blob"),
        Some(RegistryValue::Binary(b"xy".to_vec()))
    );
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfRegistryClose, key) };

    // The default I/O target: the bus device under this one-driver stack.
    // SAFETY: as above.
    let target = unsafe { call_unsafe_wdf_function_binding!(WdfDeviceGetIoTarget, device) };
    // SAFETY: as above.
    let answer = unsafe { call_unsafe_wdf_function_binding!(WdfIoTargetGetDevice, target) };
    assert_eq!(answer, device);
    let mut request: WDFREQUEST = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            target,
            &raw mut request
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    let read_into = memory(b"....");
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoTargetFormatRequestForRead,
            target,
            request,
            read_into,
            core::ptr::null_mut(),
            core::ptr::null_mut()
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    assert_eq!(send_synchronously(request, target), STATUS_SUCCESS);
    let mut back = [0_u8; 4];
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCopyToBuffer,
            read_into,
            0,
            back.as_mut_ptr().cast(),
            4
        )
    };
    assert_eq!((status, &back), (STATUS_SUCCESS, b"read"));
    let mut reuse = WDF_REQUEST_REUSE_PARAMS {
        Size: size_u32::<WDF_REQUEST_REUSE_PARAMS>(),
        Flags: 0,
        Status: STATUS_SUCCESS,
        NewIrp: core::ptr::null_mut(),
    };
    // SAFETY: as above: the request is back, so it may be reused.
    let status =
        unsafe { call_unsafe_wdf_function_binding!(WdfRequestReuse, request, &raw mut reuse) };
    assert_eq!(status, STATUS_SUCCESS);
    let slow = memory(b"slow");
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoTargetFormatRequestForWrite,
            target,
            request,
            slow,
            core::ptr::null_mut(),
            core::ptr::null_mut()
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    // Sent asynchronously to a bus that answers in 5 s; cancelled before.
    // SAFETY: as above; the routine is static.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestSetCompletionRoutine,
            request,
            Some(sent_back),
            core::ptr::null_mut()
        );
    }
    // SAFETY: as above.
    let sent = unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestSend, request, target, core::ptr::null_mut())
    };
    assert_eq!(sent, 1);
    // SAFETY: as above: the request is with the target.
    let answer = unsafe { call_unsafe_wdf_function_binding!(WdfRequestCancelSentRequest, request) };
    assert_eq!(answer, 1);
    sim.advance(Duration::from_secs(1));
    assert_eq!(seen(&take(), "sent status"), i64::from(STATUS_CANCELLED));

    let mut read_buffer = [0_u8; 8];
    let mut read_descriptor = descriptor(&mut read_buffer);
    let mut bytes: u64 = 0;
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoTargetSendReadSynchronously,
            target,
            core::ptr::null_mut(),
            &raw mut read_descriptor,
            core::ptr::null_mut(),
            core::ptr::null_mut(),
            &raw mut bytes
        )
    };
    assert_eq!(
        (status, bytes, &read_buffer[..4]),
        (STATUS_SUCCESS, 4, &b"read"[..])
    );
    let mut write_buffer = *b"hello";
    let mut write_descriptor = descriptor(&mut write_buffer);
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoTargetSendWriteSynchronously,
            target,
            core::ptr::null_mut(),
            &raw mut write_descriptor,
            core::ptr::null_mut(),
            core::ptr::null_mut(),
            &raw mut bytes
        )
    };
    assert_eq!((status, bytes), (STATUS_SUCCESS, 5));
    for object in [
        request.cast(),
        read_into.cast(),
        slow.cast(),
        blob.cast(),
        collection.cast(),
    ] {
        // SAFETY: the driver's own objects.
        unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, object) };
    }
    sim.remove_device(node).unwrap();
    assert!(sim.take_violations().is_empty());
    assert!(sim.unload().is_empty());
}
