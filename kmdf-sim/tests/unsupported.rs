//! A WDF function kmdf-sim does not implement, and a check a test driver fails inside a callback
//! (`kmdf_sim::fail_test`), each fail one test through a verifier report instead of aborting the
//! test binary: a panic
//! cannot unwind out of the driver's `extern "C"` callbacks, so the simulator records the report,
//! hands the driver the DDI's documented failure value and lets it carry on.
//!
//! The test driver picks what it does in EvtIoDeviceControl with its `MODE` parameter and answers
//! the IOCTL with two 64-bit values saying what it got back, so each test asserts both what the
//! driver saw and what the verifier reported.
//!
//! The DDIs used here are in the mirror's table with no simulator implementation behind them; if
//! kmdf-sim grows one, pick another DDI whose table entry is still empty.

use kmdf_sim::wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING, PMDL,
    PWDFDEVICE_INIT, STATUS_NOT_IMPLEMENTED, STATUS_SUCCESS, ULONG, WDF_IO_QUEUE_CONFIG,
    WDF_NO_OBJECT_ATTRIBUTES, WDFDEVICE, WDFDRIVER, WDFQUEUE, WDFREQUEST,
    call_unsafe_wdf_function_binding,
};
use kmdf_sim::{OnViolation, Rule, SimConfig, Simulation, Violation};

mod common;
use common::{attributes, create_driver, queue_config};

const TEST_GUID: GUID = GUID {
    Data1: 0x5eed_0001,
    Data2: 0x0dd1,
    Data3: 0x4e55,
    Data4: [0x75, 0x6e, 0x73, 0x75, 0x70, 0x70, 0x6f, 0x72],
};
const IOCTL_TEST: u32 = 0x8000_2000; // vendor type 0x8000, function 0x800, METHOD_BUFFERED
/// The IOCTL's output: two little-endian `u64` values from the driver.
const ANSWER_BYTES: usize = 16;

/// What the test driver does in EvtIoDeviceControl, and the two values it answers with.
mod mode {
    /// `WdfRequestRetrieveInputWdmMdl` (NTSTATUS): the status, and the `PMDL` it wrote.
    pub const RETRIEVE_INPUT_MDL: u8 = 0;
    /// `WdfIoTargetWdmGetTargetDeviceObject` of the default target (a pointer), then
    /// `WdfRequestIsReserved` (BOOLEAN): the pointer's address and the BOOLEAN.
    pub const POINTER_AND_BOOLEAN: u8 = 1;
    /// `WdfRequestWdmFormatUsingStackLocation` (VOID): 1 once it returned, and 0.
    pub const VOID_DDI: u8 = 2;
    /// `kmdf_sim::fail_test(FAILURE_MESSAGE)`: 1 once it returned, and the line it was called on.
    pub const FAIL_TEST: u8 = 3;
}

/// What the test driver in `FAIL_TEST` mode reports.
const FAILURE_MESSAGE: &str = "the test driver saw something it did not expect";

unsafe extern "system" fn driver_entry<const MODE: u8>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add::<MODE>)) }
}

/// A device with an interface and a sequential default queue; a failure is returned to the
/// framework (no assertion: this runs inside an `extern "C"` callback).
unsafe extern "C" fn device_add<const MODE: u8>(
    _driver: WDFDRIVER,
    mut init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    let mut device: WDFDEVICE = core::ptr::null_mut();
    let mut device_attributes = attributes();
    // SAFETY: EvtDriverDeviceAdd context; every pointer outlives the call.
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
    // SAFETY: live device; the GUID is a static.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            &TEST_GUID,
            core::ptr::null()
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    let mut config = WDF_IO_QUEUE_CONFIG {
        EvtIoDeviceControl: Some(device_control::<MODE>),
        ..queue_config(
            _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential,
            true,
        )
    };
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: live device; `config` and `queue` outlive the call.
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

/// Calls what `MODE` says, then answers the IOCTL with what came back.
unsafe extern "C" fn device_control<const MODE: u8>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    _code: ULONG,
) {
    let answer: [u64; 2] = match MODE {
        mode::RETRIEVE_INPUT_MDL => {
            let mut memory: PMDL = core::ptr::null_mut();
            // SAFETY: the driver owns the request; `memory` outlives the call.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestRetrieveInputWdmMdl,
                    request,
                    &raw mut memory
                )
            };
            [u64::from(status.cast_unsigned()), address(memory)]
        }
        mode::POINTER_AND_BOOLEAN => {
            // SAFETY: the queue the request came from is live.
            let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
            // SAFETY: live device.
            let target = unsafe { call_unsafe_wdf_function_binding!(WdfDeviceGetIoTarget, device) };
            // SAFETY: the device's live default target.
            let object = unsafe {
                call_unsafe_wdf_function_binding!(WdfIoTargetWdmGetTargetDeviceObject, target)
            };
            // SAFETY: the driver owns the request.
            let reserved =
                unsafe { call_unsafe_wdf_function_binding!(WdfRequestIsReserved, request) };
            [address(object), u64::from(reserved)]
        }
        mode::VOID_DDI => {
            // SAFETY: the driver owns the request; the stack location is never read (the DDI is
            // not implemented).
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestWdmFormatUsingStackLocation,
                    request,
                    core::ptr::null_mut()
                );
            };
            [1, 0]
        }
        mode::FAIL_TEST => {
            let line = line!() + 1;
            kmdf_sim::fail_test(FAILURE_MESSAGE);
            [1, u64::from(line)]
        }
        _ => [0, 0],
    };
    // SAFETY: the driver owns the request and completes it exactly once, here.
    unsafe { answer_request(request, answer) };
}

fn address<T>(pointer: *mut T) -> u64 {
    pointer.addr() as u64
}

/// Writes `answer` into the request's output buffer and completes it with STATUS_SUCCESS, or
/// with the status of a failed buffer retrieval.
///
/// # Safety
/// The driver owns `request` and completes it nowhere else.
unsafe fn answer_request(request: WDFREQUEST, answer: [u64; 2]) {
    let mut buffer: *mut core::ffi::c_void = core::ptr::null_mut();
    let mut length = 0_usize;
    // SAFETY: the driver owns the request; `buffer` and `length` outlive the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestRetrieveOutputBuffer,
            request,
            ANSWER_BYTES,
            &raw mut buffer,
            &raw mut length
        )
    };
    if status != STATUS_SUCCESS {
        // SAFETY: the driver owns the request (this function's contract).
        unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, status) };
        return;
    }
    let mut bytes = [0_u8; ANSWER_BYTES];
    for (chunk, value) in bytes.chunks_exact_mut(8).zip(answer) {
        chunk.copy_from_slice(&value.to_le_bytes());
    }
    // SAFETY: the framework returned a buffer of at least ANSWER_BYTES bytes, owned by the
    // request until it completes; `bytes` is a distinct local.
    unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), ANSWER_BYTES) };
    // SAFETY: the driver owns the request (this function's contract).
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithInformation,
            request,
            STATUS_SUCCESS,
            ANSWER_BYTES as u64
        );
    };
}

fn recording() -> SimConfig {
    SimConfig {
        driver_name: "unsupported".to_owned(),
        on_violation: OnViolation::Record,
        ..SimConfig::default()
    }
}

/// Loads the driver in `MODE` (recording violations), sends one IOCTL, removes the device and
/// unloads; returns the driver's answer and every violation of the run. That it returns at all
/// shows the test process survived.
fn run<const MODE: u8>() -> ([u64; 2], Vec<Violation>) {
    let sim = Simulation::load_with(driver_entry::<MODE>, recording()).unwrap();
    let device = sim.add_device(r"Root\Unsupported").unwrap();
    let handle = sim.open(&TEST_GUID).unwrap();
    let result = handle.ioctl(IOCTL_TEST, b"in", ANSWER_BYTES);
    assert_eq!(result.status, STATUS_SUCCESS, "{result:?}");
    assert_eq!(result.information, ANSWER_BYTES as u64, "{result:?}");
    let mut answer = [0_u64; 2];
    for (value, chunk) in answer.iter_mut().zip(result.output.chunks_exact(8)) {
        *value = u64::from_le_bytes(chunk.try_into().unwrap());
    }
    handle.close();
    sim.remove_device(device).unwrap();
    (answer, sim.unload())
}

/// The violations' (rule, call) pairs, in order.
fn rules_and_calls(violations: &[Violation]) -> Vec<(Rule, &str)> {
    violations
        .iter()
        .map(|v| (v.rule, v.call.as_str()))
        .collect()
}

#[test]
fn an_unimplemented_ddi_returning_ntstatus_gives_status_not_implemented_and_one_report() {
    let ([status, memory], violations) = run::<{ mode::RETRIEVE_INPUT_MDL }>();
    assert_eq!(
        status,
        u64::from(STATUS_NOT_IMPLEMENTED.cast_unsigned()),
        "the driver got NTSTATUS {status:#x}"
    );
    assert_eq!(memory, 0, "the output parameter was written");
    assert_eq!(
        rules_and_calls(&violations),
        [(Rule::Unsupported, "WdfRequestRetrieveInputWdmMdl")],
        "{violations:#?}"
    );
    let v = &violations[0];
    assert_eq!(v.object, "WdfFunctions[271]", "{v}");
    assert!(
        v.detail
            .contains("kmdf-sim does not implement this DDI yet")
            && v.detail.contains("STATUS_NOT_IMPLEMENTED"),
        "{v}"
    );
    assert!(
        v.to_string()
            .starts_with("kmdf-sim verifier: Unsupported in WdfRequestRetrieveInputWdmMdl on "),
        "{v}"
    );
}

#[test]
fn unimplemented_ddis_returning_a_pointer_or_a_boolean_give_null_and_false() {
    let ([object, reserved], violations) = run::<{ mode::POINTER_AND_BOOLEAN }>();
    assert_eq!(
        object, 0,
        "WdfIoTargetWdmGetTargetDeviceObject returned {object:#x}"
    );
    assert_eq!(reserved, 0, "WdfRequestIsReserved returned {reserved}");
    assert_eq!(
        rules_and_calls(&violations),
        [
            (Rule::Unsupported, "WdfIoTargetWdmGetTargetDeviceObject"),
            (Rule::Unsupported, "WdfRequestIsReserved"),
        ],
        "{violations:#?}"
    );
    assert!(violations[0].detail.contains("NULL"), "{}", violations[0]);
    assert!(violations[1].detail.contains("FALSE"), "{}", violations[1]);
}

#[test]
fn an_unimplemented_void_ddi_returns_and_the_driver_carries_on() {
    let (answer, violations) = run::<{ mode::VOID_DDI }>();
    assert_eq!(answer, [1, 0]);
    assert_eq!(
        rules_and_calls(&violations),
        [(Rule::Unsupported, "WdfRequestWdmFormatUsingStackLocation")],
        "{violations:#?}"
    );
}

#[test]
#[should_panic(
    expected = "kmdf-sim verifier: Unsupported in WdfRequestRetrieveInputWdmMdl on WdfFunctions[271]: kmdf-sim does not implement this DDI yet"
)]
fn by_default_an_unimplemented_ddi_fails_the_test_at_the_next_simulator_call() {
    let sim = Simulation::load(driver_entry::<{ mode::RETRIEVE_INPUT_MDL }>).unwrap();
    sim.add_device(r"Root\Unsupported").unwrap();
    let handle = sim.open(&TEST_GUID).unwrap();
    // The driver runs (and calls the DDI) while the IOCTL is sent; the report is raised when
    // this call returns to the test.
    let _ = handle.device_io_control(IOCTL_TEST, b"in", ANSWER_BYTES);
}

#[test]
fn fail_test_in_a_callback_reports_a_test_failure_and_the_driver_carries_on() {
    let ([returned, line], violations) = run::<{ mode::FAIL_TEST }>();
    assert_eq!(returned, 1, "the driver did not get past fail_test");
    assert_eq!(
        rules_and_calls(&violations),
        [(Rule::TestFailure, "fail_test")],
        "{violations:#?}"
    );
    let v = &violations[0];
    assert_eq!(v.detail, FAILURE_MESSAGE, "{v}");
    // The caller's location, not fail_test's own.
    assert!(v.object.contains(&format!("unsupported.rs:{line}:")), "{v}");
}

#[test]
fn by_default_fail_test_fails_the_test_at_the_next_simulator_call() {
    let sim = Simulation::load(driver_entry::<{ mode::FAIL_TEST }>).unwrap();
    sim.add_device(r"Root\Unsupported").unwrap();
    let handle = sim.open(&TEST_GUID).unwrap();
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = handle.device_io_control(IOCTL_TEST, b"in", ANSWER_BYTES);
    }))
    .expect_err("the failed check did not fail the test");
    let text = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        text.starts_with("kmdf-sim verifier: TestFailure in fail_test on ")
            && text.contains("unsupported.rs:")
            && text.contains(FAILURE_MESSAGE),
        "{text}"
    );
}
