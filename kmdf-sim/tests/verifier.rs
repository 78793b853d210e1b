//! kmdf-sim's verifier, proven with deliberately broken drivers: one small KMDF driver written
//! against the wdk-sys mirror, whose `MODE` parameter selects the one rule it breaks. Each test
//! asserts the violation's rule, the framework call that detected it and the object it names;
//! a well-behaved mode shows the same driver runs clean.

use kmdf_sim::wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING, PVOID,
    PWDFDEVICE_INIT, STATUS_SUCCESS, ULONG, WDF_IO_QUEUE_CONFIG, WDF_NO_OBJECT_ATTRIBUTES,
    WDFDEVICE, WDFDRIVER, WDFQUEUE, WDFREQUEST, WDFSPINLOCK, call_unsafe_wdf_function_binding,
    ntddk,
};
use kmdf_sim::{OnViolation, Rule, SimConfig, Simulation, Violation};

mod common;
use common::{attributes, create_driver, queue_config};

const TEST_GUID: GUID = GUID {
    Data1: 0x1234_5678,
    Data2: 0x9abc,
    Data3: 0xdef0,
    Data4: [1, 2, 3, 4, 5, 6, 7, 8],
};
const IOCTL_TEST: u32 = 0x8000_2000; // vendor type 0x8000, function 0x800, METHOD_BUFFERED

/// What the test driver does wrong.
mod mode {
    pub const CLEAN: u8 = 0;
    pub const DOUBLE_COMPLETION: u8 = 1;
    pub const NEVER_COMPLETES: u8 = 2;
    pub const INFORMATION_TOO_LARGE: u8 = 3;
    pub const REQUEST_AFTER_COMPLETION: u8 = 4;
    pub const BUFFER_AFTER_COMPLETION: u8 = 5;
    pub const INIT_AFTER_CREATE: u8 = 6;
    pub const LEAKED_REFERENCE: u8 = 7;
    pub const LEAKED_POOL: u8 = 8;
    pub const SPIN_LOCK_HELD_ON_RETURN: u8 = 9;
    // From here on, `misuse` handles the IOCTL.
    pub const IRQL_TOO_HIGH: u8 = 10;
    pub const POOL_FREED_TWICE: u8 = 11;
    pub const COMPLETED_WHILE_CANCELABLE: u8 = 12;
    pub const UNMARK_WITHOUT_MARK: u8 = 13;
    pub const DELETE_A_REQUEST: u8 = 14;
    pub const BOGUS_HANDLE: u8 = 15;
    pub const RELEASE_UNHELD_LOCK: u8 = 16;
    pub const DRIVER_CREATE_TWICE: u8 = 17;
}

unsafe extern "system" fn driver_entry<const MODE: u8>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    let status = unsafe { create_driver(driver, registry_path, Some(device_add::<MODE>)) };
    if MODE == mode::DRIVER_CREATE_TWICE {
        // SAFETY: deliberately broken: WdfDriverCreate a second time.
        let again = unsafe { create_driver(driver, registry_path, Some(device_add::<MODE>)) };
        assert_ne!(again, STATUS_SUCCESS);
    }
    status
}

unsafe extern "C" fn ignore_cancel(_request: WDFREQUEST) {}

/// The broken behaviours of modes from `IRQL_TOO_HIGH` on; each still completes the request.
fn misuse<const MODE: u8>(queue: WDFQUEUE, request: WDFREQUEST) {
    match MODE {
        mode::IRQL_TOO_HIGH => {
            let mut lock: WDFSPINLOCK = core::ptr::null_mut();
            // SAFETY: plain create.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfSpinLockCreate,
                    WDF_NO_OBJECT_ATTRIBUTES,
                    &raw mut lock
                )
            };
            assert_eq!(status, STATUS_SUCCESS);
            // SAFETY: live queue.
            let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
            // SAFETY: raises to DISPATCH_LEVEL.
            unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockAcquire, lock) };
            // SAFETY: deliberately broken: a PASSIVE_LEVEL-only call at DISPATCH_LEVEL.
            let _ = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfDeviceCreateDeviceInterface,
                    device,
                    &TEST_GUID,
                    core::ptr::null()
                )
            };
            // SAFETY: held by this thread.
            unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockRelease, lock) };
        }
        mode::POOL_FREED_TWICE => {
            // SAFETY: plain allocation.
            let block = unsafe {
                ntddk::ExAllocatePool2(
                    kmdf_sim::wdk_sys::POOL_FLAG_NON_PAGED,
                    8,
                    u32::from_le_bytes(*b"Twce"),
                )
            };
            // SAFETY: a live block.
            unsafe { ntddk::ExFreePool(block) };
            // SAFETY: deliberately broken: freed twice.
            unsafe { ntddk::ExFreePool(block) };
        }
        mode::COMPLETED_WHILE_CANCELABLE => {
            // SAFETY: owned request; completing it while marked is the bug (below).
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestMarkCancelableEx,
                    request,
                    Some(ignore_cancel)
                )
            };
            assert_eq!(status, STATUS_SUCCESS);
        }
        mode::UNMARK_WITHOUT_MARK => {
            // SAFETY: deliberately broken: the request was never marked cancelable.
            let status =
                unsafe { call_unsafe_wdf_function_binding!(WdfRequestUnmarkCancelable, request) };
            assert_ne!(status, STATUS_SUCCESS);
        }
        mode::DELETE_A_REQUEST => {
            // SAFETY: deliberately broken: the framework owns the request's lifetime.
            unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, request.cast()) };
        }
        mode::BOGUS_HANDLE => {
            // SAFETY: deliberately broken: not a handle the framework gave out.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestComplete,
                    core::ptr::without_provenance_mut(0x7_7770),
                    STATUS_SUCCESS
                );
            };
        }
        mode::RELEASE_UNHELD_LOCK => {
            let mut lock: WDFSPINLOCK = core::ptr::null_mut();
            // SAFETY: plain create.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfSpinLockCreate,
                    WDF_NO_OBJECT_ATTRIBUTES,
                    &raw mut lock
                )
            };
            assert_eq!(status, STATUS_SUCCESS);
            // SAFETY: deliberately broken: released without being acquired.
            unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockRelease, lock) };
        }
        _ => {}
    }
    // SAFETY: the driver owns the request.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_SUCCESS) };
}

unsafe extern "C" fn device_add<const MODE: u8>(
    _driver: WDFDRIVER,
    mut init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    let kept_init = init;
    let mut device: WDFDEVICE = core::ptr::null_mut();
    let mut device_attributes = attributes();
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
    if MODE == mode::INIT_AFTER_CREATE {
        // The bug: the init was consumed by WdfDeviceCreate.
        // SAFETY: deliberately broken; the simulator must catch it.
        unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitSetIoType, kept_init, 2) };
    }
    // SAFETY: live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            &TEST_GUID,
            core::ptr::null()
        )
    };
    assert_eq!(status, STATUS_SUCCESS);
    let mut config = WDF_IO_QUEUE_CONFIG {
        EvtIoDeviceControl: Some(device_control::<MODE>),
        ..queue_config(
            _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential,
            true,
        )
    };
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

#[expect(
    clippy::too_many_lines,
    reason = "one arm per broken behaviour reads best in one place"
)]
unsafe extern "C" fn device_control<const MODE: u8>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    output_length: usize,
    _input: usize,
    _code: ULONG,
) {
    if MODE >= mode::IRQL_TOO_HIGH && MODE != mode::DRIVER_CREATE_TWICE {
        misuse::<MODE>(queue, request);
        return;
    }
    let mut buffer: PVOID = core::ptr::null_mut();
    let mut length = 0_usize;
    // SAFETY: the driver owns the request.
    let retrieved = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestRetrieveOutputBuffer,
            request,
            1,
            &raw mut buffer,
            &raw mut length
        )
    };
    assert_eq!(retrieved, STATUS_SUCCESS);
    match MODE {
        mode::NEVER_COMPLETES => {}
        mode::INFORMATION_TOO_LARGE => {
            // SAFETY: owned request; the information is the bug.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestCompleteWithInformation,
                    request,
                    STATUS_SUCCESS,
                    output_length as u64 + 1
                );
            };
        }
        mode::LEAKED_REFERENCE => {
            // SAFETY: live queue; the missing dereference is the bug.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfObjectReferenceActual,
                    queue.cast(),
                    7 as PVOID,
                    42,
                    c"verifier.rs".as_ptr()
                );
            };
            // SAFETY: owned request.
            unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_SUCCESS);
            };
        }
        mode::LEAKED_POOL => {
            // SAFETY: plain allocation; never freeing it is the bug.
            let block = unsafe {
                ntddk::ExAllocatePool2(
                    kmdf_sim::wdk_sys::POOL_FLAG_NON_PAGED,
                    24,
                    u32::from_le_bytes(*b"Leak"),
                )
            };
            assert!(!block.is_null());
            // SAFETY: owned request.
            unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_SUCCESS);
            };
        }
        mode::SPIN_LOCK_HELD_ON_RETURN => {
            let mut lock: WDFSPINLOCK = core::ptr::null_mut();
            // SAFETY: plain create and acquire; returning with it held is the bug.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfSpinLockCreate,
                    WDF_NO_OBJECT_ATTRIBUTES,
                    &raw mut lock
                )
            };
            assert_eq!(status, STATUS_SUCCESS);
            // SAFETY: as above.
            unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockAcquire, lock) };
            // SAFETY: owned request (completion at DISPATCH_LEVEL is allowed).
            unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_SUCCESS);
            };
        }
        _ => {
            // SAFETY: owned request.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestCompleteWithInformation,
                    request,
                    STATUS_SUCCESS,
                    1
                );
            };
            match MODE {
                mode::DOUBLE_COMPLETION => {
                    // SAFETY: deliberately broken.
                    unsafe {
                        call_unsafe_wdf_function_binding!(
                            WdfRequestComplete,
                            request,
                            STATUS_SUCCESS
                        );
                    };
                }
                mode::REQUEST_AFTER_COMPLETION => {
                    // SAFETY: deliberately broken.
                    let status = unsafe {
                        call_unsafe_wdf_function_binding!(
                            WdfRequestRetrieveOutputBuffer,
                            request,
                            1,
                            &raw mut buffer,
                            &raw mut length
                        )
                    };
                    assert_ne!(status, STATUS_SUCCESS);
                }
                mode::BUFFER_AFTER_COMPLETION => {
                    // SAFETY: deliberately broken: the buffer belonged to the completed request.
                    unsafe { buffer.cast::<u8>().write(0x11) };
                }
                _ => {}
            }
        }
    }
}

fn recording() -> SimConfig {
    SimConfig {
        driver_name: "broken".to_owned(),
        on_violation: OnViolation::Record,
        ..SimConfig::default()
    }
}

/// Loads the driver in `MODE`, sends one IOCTL (waiting for it unless it never completes),
/// removes the device, unloads, and returns every violation.
fn run<const MODE: u8>() -> Vec<Violation> {
    let sim = Simulation::load_with(driver_entry::<MODE>, recording()).unwrap();
    let device = sim.add_device(r"Root\Broken").unwrap();
    let handle = sim.open(&TEST_GUID).unwrap();
    let io = handle.device_io_control(IOCTL_TEST, b"in", 8);
    if MODE != mode::NEVER_COMPLETES {
        let result = io.wait();
        assert_eq!(result.status, STATUS_SUCCESS);
    }
    handle.close();
    sim.remove_device(device).unwrap();
    sim.unload()
}

fn only(violations: &[Violation], rule: Rule) -> &Violation {
    let matching: Vec<&Violation> = violations.iter().filter(|v| v.rule == rule).collect();
    assert_eq!(
        matching.len(),
        1,
        "expected exactly one {rule}, got: {violations:#?}"
    );
    let others: Vec<&Violation> = violations.iter().filter(|v| v.rule != rule).collect();
    assert!(
        others.is_empty(),
        "unexpected other violations: {others:#?}"
    );
    matching[0]
}

#[test]
fn a_correct_driver_runs_clean() {
    assert_eq!(run::<{ mode::CLEAN }>(), Vec::new());
}

#[test]
fn double_completion_is_caught() {
    let violations = run::<{ mode::DOUBLE_COMPLETION }>();
    let v = only(&violations, Rule::DoubleCompletion);
    assert_eq!(v.call, "WdfRequestComplete");
    assert!(
        v.object.starts_with("WDFREQUEST 0x") && v.object.contains("IOCTL 0x80002000"),
        "{v}"
    );
    assert!(
        v.detail.contains("already completed with STATUS_SUCCESS"),
        "{v}"
    );
}

#[test]
fn a_request_never_completed_is_caught_when_its_device_is_removed() {
    let violations = run::<{ mode::NEVER_COMPLETES }>();
    let v = only(&violations, Rule::RequestNotCompleted);
    assert_eq!(v.call, "remove_device");
    assert!(v.object.starts_with("WDFREQUEST 0x"), "{v}");
}

#[test]
fn a_request_never_completed_is_caught_when_the_simulation_ends() {
    let sim =
        Simulation::load_with(driver_entry::<{ mode::NEVER_COMPLETES }>, recording()).unwrap();
    sim.add_device(r"Root\Broken").unwrap();
    let handle = sim.open(&TEST_GUID).unwrap();
    let io = handle.device_io_control(IOCTL_TEST, b"in", 8);
    drop(handle);
    let violations = sim.unload();
    let v = only(&violations, Rule::RequestNotCompleted);
    assert_eq!(v.call, "unload");
    // The simulator completed it so the caller is not left hanging.
    assert_eq!(io.wait().status, kmdf_sim::wdk_sys::STATUS_CANCELLED);
}

#[test]
fn information_larger_than_the_output_buffer_is_caught() {
    let violations = run::<{ mode::INFORMATION_TOO_LARGE }>();
    let v = only(&violations, Rule::InformationExceedsBuffer);
    assert_eq!(v.call, "WdfRequestCompleteWithInformation");
    assert!(
        v.detail.contains("information 9 exceeds the 8-byte buffer"),
        "{v}"
    );
}

#[test]
fn a_request_used_after_completion_is_caught() {
    let violations = run::<{ mode::REQUEST_AFTER_COMPLETION }>();
    let v = only(&violations, Rule::RequestUsedAfterCompletion);
    assert_eq!(v.call, "WdfRequestRetrieveOutputBuffer");
    assert!(v.detail.contains("after it was completed with STATUS_SUCCESS (0x00000000) by WdfRequestCompleteWithInformation"), "{v}");
}

#[test]
fn a_buffer_written_after_completion_is_caught() {
    let violations = run::<{ mode::BUFFER_AFTER_COMPLETION }>();
    let v = only(&violations, Rule::BufferUsedAfterCompletion);
    assert!(v.object.starts_with("WDFREQUEST 0x"), "{v}");
    assert!(
        v.detail
            .contains("written at offset 0 after the request was completed"),
        "{v}"
    );
}

#[test]
fn a_device_init_call_after_device_create_is_caught() {
    let violations = run::<{ mode::INIT_AFTER_CREATE }>();
    let v = only(&violations, Rule::DeviceInitAfterCreate);
    assert_eq!(v.call, "WdfDeviceInitSetIoType");
    assert!(v.detail.contains("consumed by WdfDeviceCreate"), "{v}");
}

#[test]
fn an_object_still_referenced_at_unload_is_caught() {
    let violations = run::<{ mode::LEAKED_REFERENCE }>();
    let v = only(&violations, Rule::ObjectLeak);
    assert_eq!(v.call, "unload");
    assert!(v.object.starts_with("WDFQUEUE 0x"), "{v}");
    assert!(v.detail.contains("verifier.rs:42"), "{v}");
}

#[test]
fn pool_still_allocated_at_unload_is_caught() {
    let violations = run::<{ mode::LEAKED_POOL }>();
    let v = only(&violations, Rule::PoolLeak);
    assert_eq!(v.call, "unload");
    assert!(v.object.contains("tag 'Leak'"), "{v}");
    assert!(v.detail.contains("24 bytes"), "{v}");
}

#[test]
fn a_spin_lock_held_when_a_callback_returns_is_caught() {
    let violations = run::<{ mode::SPIN_LOCK_HELD_ON_RETURN }>();
    let held: Vec<&Violation> = violations
        .iter()
        .filter(|v| v.rule == Rule::LockHeldOnReturn)
        .collect();
    assert_eq!(held.len(), 1, "{violations:#?}");
    assert_eq!(held[0].call, "EvtIoDeviceControl");
    // Returning at DISPATCH_LEVEL from a PASSIVE_LEVEL callback is the second half of the bug.
    assert!(
        violations
            .iter()
            .any(|v| v.rule == Rule::IrqlNotRestored && v.call == "EvtIoDeviceControl"),
        "{violations:#?}"
    );
}

#[test]
#[should_panic(
    expected = "kmdf-sim verifier: DoubleCompletion in WdfRequestComplete on WDFREQUEST"
)]
fn by_default_a_violation_fails_the_test_loudly() {
    let sim = Simulation::load(driver_entry::<{ mode::DOUBLE_COMPLETION }>).unwrap();
    sim.add_device(r"Root\Broken").unwrap();
    let handle = sim.open(&TEST_GUID).unwrap();
    let _ = handle.ioctl(IOCTL_TEST, b"in", 8);
}

#[test]
fn a_call_above_its_maximum_irql_is_caught() {
    let violations = run::<{ mode::IRQL_TOO_HIGH }>();
    let v = only(&violations, Rule::IrqlTooHigh);
    assert_eq!(v.call, "WdfDeviceCreateDeviceInterface");
    assert!(
        v.object.contains("DISPATCH_LEVEL") && v.detail.contains("PASSIVE_LEVEL"),
        "{v}"
    );
}

#[test]
fn pool_freed_twice_is_caught() {
    let v = only(&run::<{ mode::POOL_FREED_TWICE }>(), Rule::BadPoolFree).clone();
    assert_eq!(v.call, "ExFreePool");
    assert!(v.detail.contains("freed twice"), "{v}");
}

#[test]
fn completing_a_request_still_marked_cancelable_is_caught() {
    let v = only(
        &run::<{ mode::COMPLETED_WHILE_CANCELABLE }>(),
        Rule::CompletedWhileCancelable,
    )
    .clone();
    assert_eq!(v.call, "WdfRequestComplete");
    assert!(v.detail.contains("WdfRequestUnmarkCancelable"), "{v}");
}

#[test]
fn unmarking_a_request_never_marked_cancelable_is_caught() {
    let v = only(&run::<{ mode::UNMARK_WITHOUT_MARK }>(), Rule::CancelMisuse).clone();
    assert_eq!(v.call, "WdfRequestUnmarkCancelable");
}

#[test]
fn deleting_a_framework_owned_request_is_caught() {
    let v = only(
        &run::<{ mode::DELETE_A_REQUEST }>(),
        Rule::ObjectDeleteMisuse,
    )
    .clone();
    assert_eq!(v.call, "WdfObjectDelete");
    assert!(v.object.starts_with("WDFREQUEST"), "{v}");
}

#[test]
fn a_bogus_handle_is_caught() {
    let v = only(&run::<{ mode::BOGUS_HANDLE }>(), Rule::InvalidHandle).clone();
    assert_eq!(v.call, "WdfRequestComplete");
    assert!(
        v.detail.contains("no object with this handle ever existed"),
        "{v}"
    );
}

#[test]
fn releasing_a_spin_lock_not_held_is_caught() {
    let v = only(&run::<{ mode::RELEASE_UNHELD_LOCK }>(), Rule::LockMisuse).clone();
    assert_eq!(v.call, "WdfSpinLockRelease");
    assert!(v.object.starts_with("WDFSPINLOCK"), "{v}");
}

#[test]
fn a_second_wdf_driver_create_is_caught() {
    let v = only(&run::<{ mode::DRIVER_CREATE_TWICE }>(), Rule::DriverCreate).clone();
    assert_eq!(v.call, "WdfDriverCreate");
    assert!(v.detail.contains("already called"), "{v}");
}

unsafe extern "system" fn entry_with_bad_config_size(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    let mut config = kmdf_sim::wdk_sys::WDF_DRIVER_CONFIG {
        Size: 8,
        EvtDriverDeviceAdd: Some(device_add::<{ mode::CLEAN }>),
        ..Default::default()
    };
    // SAFETY: deliberately broken: the Size field is wrong.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDriverCreate,
            core::ptr::from_mut(driver),
            registry_path,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut config,
            kmdf_sim::wdk_sys::WDF_NO_HANDLE.cast::<WDFDRIVER>()
        )
    }
}

#[test]
fn a_structure_with_the_wrong_size_is_rejected() {
    let sim = Simulation::load_with(entry_with_bad_config_size, recording());
    assert_eq!(
        sim.err(),
        Some(kmdf_sim::SimError::DriverEntryFailed(
            kmdf_sim::wdk_sys::STATUS_INFO_LENGTH_MISMATCH
        ))
    );
}

#[test]
fn removal_cancels_waiting_requests_and_reports_only_the_one_the_driver_kept() {
    let sim =
        Simulation::load_with(driver_entry::<{ mode::NEVER_COMPLETES }>, recording()).unwrap();
    let device = sim.add_device(r"Root\Broken").unwrap();
    let handle = sim.open(&TEST_GUID).unwrap();
    // A sequential queue: the first request goes to the driver (which keeps it), the others wait.
    let ios: Vec<_> = (0..3)
        .map(|_| handle.device_io_control(IOCTL_TEST, b"in", 8))
        .collect();
    assert!(ios.iter().all(|io| !io.is_complete()));
    sim.remove_device(device).unwrap();
    for io in ios {
        assert_eq!(io.wait().status, kmdf_sim::wdk_sys::STATUS_CANCELLED);
    }
    let violations = sim.unload();
    let v = only(&violations, Rule::RequestNotCompleted);
    assert_eq!(v.call, "remove_device");
}

/// A `run_concurrently` instance.
type ConcurrentRun = fn(u64) -> Vec<Violation>;

/// `run`, with the IOCTL sent from two simulated threads at once under the schedule of `seed`.
fn run_concurrently<const MODE: u8>(seed: u64) -> Vec<Violation> {
    let config = SimConfig {
        seed,
        ..recording()
    };
    let sim = Simulation::load_with(driver_entry::<MODE>, config).unwrap();
    let device = sim.add_device(r"Root\Broken").unwrap();
    let handle = std::sync::Arc::new(sim.open(&TEST_GUID).unwrap());
    let senders: Vec<_> = (0..2)
        .map(|n| {
            let handle = std::sync::Arc::clone(&handle);
            sim.spawn(&format!("sender {n}"), move || {
                let io = handle.device_io_control(IOCTL_TEST, b"in", 8);
                if MODE != mode::NEVER_COMPLETES {
                    assert_eq!(io.wait().status, STATUS_SUCCESS);
                }
            })
        })
        .collect();
    for sender in senders {
        sender.join();
    }
    handle.close();
    sim.remove_device(device).unwrap();
    drop(handle);
    sim.unload()
}

#[test]
fn the_must_fail_drivers_are_caught_under_every_schedule() {
    let cases: [(ConcurrentRun, Rule); 8] = [
        (
            run_concurrently::<{ mode::DOUBLE_COMPLETION }>,
            Rule::DoubleCompletion,
        ),
        (
            run_concurrently::<{ mode::NEVER_COMPLETES }>,
            Rule::RequestNotCompleted,
        ),
        (
            run_concurrently::<{ mode::INFORMATION_TOO_LARGE }>,
            Rule::InformationExceedsBuffer,
        ),
        (
            run_concurrently::<{ mode::REQUEST_AFTER_COMPLETION }>,
            Rule::RequestUsedAfterCompletion,
        ),
        (
            run_concurrently::<{ mode::BUFFER_AFTER_COMPLETION }>,
            Rule::BufferUsedAfterCompletion,
        ),
        (run_concurrently::<{ mode::LEAKED_POOL }>, Rule::PoolLeak),
        (
            run_concurrently::<{ mode::COMPLETED_WHILE_CANCELABLE }>,
            Rule::CompletedWhileCancelable,
        ),
        (
            run_concurrently::<{ mode::IRQL_TOO_HIGH }>,
            Rule::IrqlTooHigh,
        ),
    ];
    for (run, rule) in cases {
        for seed in 0..40 {
            let violations = run(seed);
            let caught = violations.iter().filter(|v| v.rule == rule).count();
            // The queue is sequential: a request that never completes keeps the other one
            // waiting in the queue, where removal cancels it (that one is not the driver's fault).
            let expected = if rule == Rule::RequestNotCompleted {
                1
            } else {
                2
            };
            assert!(
                caught == expected,
                "{rule} caught {caught} times, expected {expected}, under seed {seed}: {violations:#?}"
            );
        }
    }
    assert!(
        run_concurrently::<{ mode::CLEAN }>(7).is_empty(),
        "the correct driver stays clean"
    );
}
