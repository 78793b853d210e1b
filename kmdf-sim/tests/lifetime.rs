//! Requests as KMDF has them: completion publishes the result exactly once (a second completion,
//! from any thread and under any schedule, is caught and the first result stands), deletes the
//! request's children, and frees the request when the last reference goes; a driver reference
//! keeps the object (its context and `WdfObjectDereference` stay legal, other use is a
//! violation), and a reference never released is a leak at removal.

use std::sync::Mutex;
use std::sync::atomic::{AtomicPtr, Ordering};

use kmdf_sim::wdk_sys::{
    _POOL_TYPE, _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING,
    PWDFDEVICE_INIT, STATUS_CANCELLED, STATUS_INVALID_DEVICE_REQUEST, STATUS_SUCCESS,
    WDF_NO_OBJECT_ATTRIBUTES, WDF_OBJECT_CONTEXT_TYPE_INFO, WDFDEVICE, WDFDRIVER, WDFMEMORY,
    WDFOBJECT, WDFQUEUE, WDFREQUEST, call_unsafe_wdf_function_binding,
};
use kmdf_sim::{OnViolation, Policy, Rule, SimConfig, Simulation, explore, fail_test};

mod common;
use common::{attributes, create_driver, queue_config, size_u32};

const GUID_LIFE: GUID = GUID {
    Data1: 0xfeed_0003,
    Data2: 1,
    Data3: 2,
    Data4: [3, 4, 5, 6, 7, 8, 9, 12],
};
/// References the request, completes it, reads its context, dereferences it: legal.
const IOCTL_REFERENCE_READ_RELEASE: u32 = 0x8000_2000;
/// References the request and completes it; never dereferences it.
const IOCTL_REFERENCE_AND_KEEP: u32 = 0x8000_2004;
/// References, completes, then calls WdfRequestGetIoQueue on it (illegal), then dereferences.
const IOCTL_REFERENCE_THEN_MISUSE: u32 = 0x8000_2008;
/// Creates a WDFMEMORY parented to the request, then completes the request.
const IOCTL_MEMORY_CHILD: u32 = 0x8000_200C;
/// Keeps the request pending in the driver's slot.
const IOCTL_PARK: u32 = 0x8000_2010;
/// Completes the parked request (without taking it out of the slot) with STATUS_SUCCESS if the
/// input byte is 1, else STATUS_CANCELLED; then completes itself.
const IOCTL_COMPLETE_PARKED: u32 = 0x8000_2014;

static SLOT: AtomicPtr<core::ffi::c_void> = AtomicPtr::new(core::ptr::null_mut());
static LOG: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

fn take_log() -> Vec<&'static str> {
    std::mem::take(&mut *LOG.lock().unwrap())
}

#[repr(transparent)]
struct TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO);
// SAFETY: immutable static data pointing at static data.
unsafe impl Sync for TypeInfo {}

/// Every request carries a `u64` context.
static REQUEST_CONTEXT: TypeInfo = TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO {
    Size: size_u32::<WDF_OBJECT_CONTEXT_TYPE_INFO>(),
    ContextName: c"RequestContext".as_ptr(),
    ContextSize: size_of::<u64>(),
    UniqueType: &raw const REQUEST_CONTEXT.0,
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

unsafe extern "C" fn device_add(_driver: WDFDRIVER, mut init: PWDFDEVICE_INIT) -> NTSTATUS {
    let mut request_attributes = attributes();
    request_attributes.ContextTypeInfo = &raw const REQUEST_CONTEXT.0;
    // SAFETY: EvtDriverDeviceAdd context, before WdfDeviceCreate.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceInitSetRequestAttributes,
            init,
            &raw mut request_attributes
        );
    };
    let mut device: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: EvtDriverDeviceAdd context.
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
    // SAFETY: live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            &GUID_LIFE,
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
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: live device.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut queue
        )
    }
}

fn complete(request: WDFREQUEST, status: NTSTATUS) {
    // SAFETY: test driver: the request handle is the one presented (the rules under test decide
    // whether this completion is legal).
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, status) };
}

fn context(request: WDFREQUEST) -> *mut u64 {
    // SAFETY: every request carries REQUEST_CONTEXT (WdfDeviceInitSetRequestAttributes).
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectGetTypedContextWorker,
            request.cast(),
            &raw const REQUEST_CONTEXT.0
        )
    }
    .cast()
}

/// The tag of this driver's references.
fn tag(request: WDFREQUEST) -> *mut core::ffi::c_void {
    request.cast()
}

fn reference(request: WDFREQUEST) {
    // SAFETY: a live request.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectReferenceActual,
            request.cast(),
            tag(request),
            i32::try_from(line!()).unwrap_or(0),
            c"lifetime.rs".as_ptr()
        );
    };
}

fn dereference(request: WDFREQUEST) {
    // SAFETY: the reference taken by `reference`.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectDereferenceActual,
            request.cast(),
            tag(request),
            i32::try_from(line!()).unwrap_or(0),
            c"lifetime.rs".as_ptr()
        );
    };
}

unsafe extern "C" fn memory_cleanup(_memory: WDFOBJECT) {
    LOG.lock().unwrap().push("memory cleanup");
}

unsafe extern "C" fn device_control(
    _queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    code: u32,
) {
    match code {
        IOCTL_REFERENCE_READ_RELEASE => {
            // SAFETY: the request's context, written while the driver owns the request.
            unsafe { context(request).write(0x5eed) };
            reference(request);
            complete(request, STATUS_SUCCESS);
            // SAFETY: the reference keeps the request's context alive after completion.
            let value = unsafe { context(request).read() };
            if value != 0x5eed {
                fail_test("the request's context changed after completion");
            }
            dereference(request);
        }
        IOCTL_REFERENCE_AND_KEEP => {
            reference(request);
            complete(request, STATUS_SUCCESS);
        }
        IOCTL_REFERENCE_THEN_MISUSE => {
            reference(request);
            complete(request, STATUS_SUCCESS);
            // SAFETY: deliberately broken: the request is completed.
            let _ = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetIoQueue, request) };
            dereference(request);
        }
        IOCTL_MEMORY_CHILD => {
            let mut memory_attributes = attributes();
            memory_attributes.ParentObject = request.cast();
            memory_attributes.EvtCleanupCallback = Some(memory_cleanup);
            let mut memory: WDFMEMORY = core::ptr::null_mut();
            // SAFETY: the parent is the live request the driver owns.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfMemoryCreate,
                    &raw mut memory_attributes,
                    _POOL_TYPE::NonPagedPool,
                    u32::from_le_bytes(*b"Life"),
                    64,
                    &raw mut memory,
                    core::ptr::null_mut()
                )
            };
            complete(request, status);
        }
        IOCTL_PARK => SLOT.store(request.cast(), Ordering::SeqCst),
        IOCTL_COMPLETE_PARKED => {
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
                // SAFETY: the input buffer holds at least one byte.
                let choice = unsafe { input.cast::<u8>().read() };
                let parked: WDFREQUEST = SLOT.load(Ordering::SeqCst).cast();
                complete(
                    parked,
                    if choice == 1 {
                        STATUS_SUCCESS
                    } else {
                        STATUS_CANCELLED
                    },
                );
            }
            complete(request, status);
        }
        _ => complete(request, STATUS_INVALID_DEVICE_REQUEST),
    }
}

fn recording(seed: u64) -> SimConfig {
    SimConfig {
        on_violation: OnViolation::Record,
        seed,
        ..SimConfig::default()
    }
}

fn started(config: SimConfig) -> (Simulation, kmdf_sim::DeviceRef, kmdf_sim::FileHandle) {
    let sim = Simulation::load_with(driver_entry, config).unwrap();
    let device = sim.add_device(r"Root\Life").unwrap();
    let handle = sim.open(&GUID_LIFE).unwrap();
    (sim, device, handle)
}

#[test]
fn a_reference_keeps_a_completed_request_for_its_context_and_dereference() {
    let (sim, device, handle) = started(recording(0));
    let result = handle.ioctl(IOCTL_REFERENCE_READ_RELEASE, &[], 0);
    assert_eq!(result.status, STATUS_SUCCESS);
    assert_eq!(sim.take_violations(), []);
    drop(handle);
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_reference_never_released_is_a_leak_at_removal() {
    let (sim, device, handle) = started(recording(0));
    assert_eq!(
        handle.ioctl(IOCTL_REFERENCE_AND_KEEP, &[], 0).status,
        STATUS_SUCCESS,
        "the caller gets its result at completion, whatever the reference"
    );
    assert_eq!(
        sim.take_violations(),
        [],
        "a reference is legal until removal"
    );
    drop(handle);
    sim.remove_device(device).unwrap();
    let violations = sim.take_violations();
    assert_eq!(violations.len(), 1, "{violations:#?}");
    let leak = &violations[0];
    assert_eq!(leak.rule, Rule::ObjectLeak);
    assert!(leak.object.starts_with("WDFREQUEST"), "{leak}");
    assert!(
        leak.detail.contains("lifetime.rs:"),
        "names the site: {leak}"
    );
    assert_eq!(sim.unload(), []);
}

#[test]
fn other_use_of_a_referenced_completed_request_is_a_violation() {
    let (sim, _device, handle) = started(recording(0));
    assert_eq!(
        handle.ioctl(IOCTL_REFERENCE_THEN_MISUSE, &[], 0).status,
        STATUS_SUCCESS
    );
    let violations = sim.take_violations();
    assert_eq!(violations.len(), 1, "{violations:#?}");
    assert_eq!(violations[0].rule, Rule::RequestUsedAfterCompletion);
    assert_eq!(violations[0].call, "WdfRequestGetIoQueue");
    assert!(
        violations[0]
            .detail
            .contains("completed with STATUS_SUCCESS (0x00000000) by WdfRequestComplete"),
        "{}",
        violations[0]
    );
    drop(handle);
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_requests_children_are_deleted_when_it_completes() {
    let (sim, _device, handle) = started(recording(0));
    let objects_before = sim.object_count();
    assert_eq!(
        handle.ioctl(IOCTL_MEMORY_CHILD, &[], 0).status,
        STATUS_SUCCESS
    );
    assert_eq!(
        take_log(),
        ["memory cleanup"],
        "the WDFMEMORY went with its request"
    );
    assert_eq!(
        sim.object_count(),
        objects_before,
        "neither request nor memory is left"
    );
    assert_eq!(sim.take_violations(), []);
    drop(handle);
    assert_eq!(sim.unload(), [], "no false ObjectLeak for the memory");
}

/// One parked request; two threads complete it concurrently with different statuses. Returns
/// the schedule's fingerprint.
fn racing_completions(config: SimConfig) -> u64 {
    let (sim, _device, handle) = started(config);
    let handle = std::sync::Arc::new(handle);
    let parked = handle.device_io_control(IOCTL_PARK, &[], 0);
    let threads: Vec<_> = [1_u8, 2]
        .into_iter()
        .map(|choice| {
            let handle = std::sync::Arc::clone(&handle);
            sim.spawn(&format!("completer {choice}"), move || {
                assert_eq!(
                    handle.ioctl(IOCTL_COMPLETE_PARKED, &[choice], 0).status,
                    STATUS_SUCCESS
                );
            })
        })
        .collect();
    for thread in threads {
        thread.join();
    }
    let result = parked.wait();
    let violations = sim.take_violations();
    assert_eq!(
        violations.len(),
        1,
        "exactly one of the two is caught: {violations:#?}"
    );
    let double = &violations[0];
    assert_eq!(double.rule, Rule::DoubleCompletion);
    let first = if double.detail.contains("completed with STATUS_SUCCESS") {
        STATUS_SUCCESS
    } else {
        assert!(
            double.detail.contains("completed with STATUS_CANCELLED"),
            "{double}"
        );
        STATUS_CANCELLED
    };
    assert_eq!(
        result.status, first,
        "the caller sees the first completion's status"
    );
    let fingerprint = sim.schedule_fingerprint();
    drop(handle);
    assert_eq!(sim.unload(), []);
    fingerprint
}

#[test]
fn a_second_completion_from_another_thread_is_caught_under_every_schedule() {
    let seen = explore(0..200, Policy::Random, |config| {
        racing_completions(SimConfig {
            on_violation: OnViolation::Record,
            ..config
        })
    });
    assert_eq!(seen.runs, 200);
    assert!(seen.distinct > 1, "both orders were explored");
}
