//! kmdf-sim's special pool, proven with deliberately broken drivers: guard bytes around every
//! buffer handed to the driver (a request's system buffer, a WDFMEMORY buffer, a pool block, an
//! object's context) are checked when it is given back; freed pool and deleted WDFMEMORY are
//! poisoned and quarantined like a completed request's buffers; and, with page protection on, a
//! read through a stale pointer faults and is reported before the process ends (those scenarios
//! run in a child process: this test binary re-executes itself).

use kmdf_sim::wdk_sys::{
    _POOL_TYPE, _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING,
    POOL_FLAG_NON_PAGED, PVOID, PWDFDEVICE_INIT, STATUS_SUCCESS, ULONG, WDF_IO_QUEUE_CONFIG,
    WDF_OBJECT_CONTEXT_TYPE_INFO, WDFDRIVER, WDFMEMORY, WDFQUEUE, WDFREQUEST,
    call_unsafe_wdf_function_binding, ntddk,
};
use kmdf_sim::{OnViolation, Rule, SimConfig, Simulation, Violation, fail_test};

mod common;
use common::{attributes, create_driver, queue_config, size_u32};
#[path = "common/device.rs"]
mod device;
use device::create_device;
#[path = "common/context.rs"]
mod context;
use context::TypeInfo;

const TEST_GUID: GUID = GUID {
    Data1: 0x5bec_1a10,
    Data2: 0x0c1d,
    Data3: 0x4d6b,
    Data4: [0x8a, 0x1b, 0xc1, 0xd5, 0xd6, 0x00, 0x00, 0x01],
};

/// `CTL_CODE(0x8000, function, METHOD_BUFFERED, FILE_ANY_ACCESS)`.
const fn ioctl(function: u32) -> u32 {
    0x8000_0000 | (function << 2)
}

/// What the driver does with an IOCTL (in 2 / out 8 bytes, one shared 8-byte system buffer).
mod op {
    use super::ioctl;
    /// Fills the output buffer and completes with 8 bytes.
    pub const CLEAN: u32 = ioctl(0x800);
    /// Writes 4 bytes just past the end of its output buffer.
    pub const OVERRUN_OUTPUT: u32 = ioctl(0x801);
    /// Writes 4 bytes just before the start of its output buffer.
    pub const UNDERRUN_OUTPUT: u32 = ioctl(0x802);
    /// Writes 4 bytes past the end of an 8-byte pool block, then frees it.
    pub const POOL_OVERRUN: u32 = ioctl(0x803);
    /// Writes 4 bytes past the end of a 16-byte WDFMEMORY buffer, then deletes it.
    pub const MEMORY_OVERRUN: u32 = ioctl(0x804);
    /// Writes 4 bytes past the end of an 8-byte context of a WDFMEMORY, then deletes it.
    pub const CONTEXT_OVERRUN: u32 = ioctl(0x805);
    /// Frees an 8-byte pool block, then writes its first byte.
    pub const POOL_WRITE_AFTER_FREE: u32 = ioctl(0x806);
    /// Deletes a 16-byte WDFMEMORY, then writes its buffer's first byte.
    pub const MEMORY_WRITE_AFTER_DELETE: u32 = ioctl(0x807);
    /// Completes the request, then reads its output buffer.
    pub const READ_AFTER_COMPLETION: u32 = ioctl(0x808);
    /// Frees an 8-byte pool block, then reads it.
    pub const POOL_READ_AFTER_FREE: u32 = ioctl(0x809);
}

/// An 8-byte context.
static SMALL_CONTEXT: TypeInfo = TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO {
    Size: size_u32::<WDF_OBJECT_CONTEXT_TYPE_INFO>(),
    ContextName: c"SmallContext".as_ptr(),
    ContextSize: size_of::<u64>(),
    UniqueType: &raw const SMALL_CONTEXT.0,
    EvtDriverGetUniqueContextType: None,
});

unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

unsafe extern "C" fn device_add(_driver: WDFDRIVER, init: PWDFDEVICE_INIT) -> NTSTATUS {
    let config = WDF_IO_QUEUE_CONFIG {
        EvtIoDeviceControl: Some(device_control),
        EvtIoRead: Some(read),
        ..queue_config(
            _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential,
            true,
        )
    };
    // SAFETY: forwarded from EvtDriverDeviceAdd.
    unsafe { create_device(init, &TEST_GUID, config) }
}

/// An 8-byte non-paged pool block, or null (the test then fails).
fn allocate(tag: &[u8; 4]) -> *mut u8 {
    // SAFETY: plain allocation.
    let block = unsafe { ntddk::ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, u32::from_le_bytes(*tag)) };
    if block.is_null() {
        fail_test("ExAllocatePool2 failed");
    }
    block.cast()
}

fn free(block: *mut u8) {
    // SAFETY: a live block from `allocate`.
    unsafe { ntddk::ExFreePool(block.cast()) };
}

/// A 16-byte WDFMEMORY (with an 8-byte context if `context`) and its buffer.
fn create_memory(context: bool) -> (WDFMEMORY, *mut u8) {
    let mut memory_attributes = attributes();
    if context {
        memory_attributes.ContextTypeInfo = &raw const SMALL_CONTEXT.0;
    }
    let mut memory: WDFMEMORY = core::ptr::null_mut();
    let mut buffer: PVOID = core::ptr::null_mut();
    // SAFETY: plain create; the out pointers are live locals.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCreate,
            &raw mut memory_attributes,
            _POOL_TYPE::NonPagedPoolNx,
            u32::from_le_bytes(*b"Mem "),
            16,
            &raw mut memory,
            &raw mut buffer
        )
    };
    if status != STATUS_SUCCESS || buffer.is_null() {
        fail_test("WdfMemoryCreate failed");
    }
    (memory, buffer.cast())
}

fn delete(memory: WDFMEMORY) {
    // SAFETY: a live memory object the driver created.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, memory.cast()) };
}

/// Writes `count` bytes of 0x11 at `offset` from `start` (out of bounds where the test says so).
///
/// # Safety
/// The bytes must be host memory the simulator owns (its guards, or a block it keeps).
unsafe fn scribble(start: *mut u8, offset: isize, count: usize) {
    // SAFETY: the caller's contract; `write_bytes` has no alignment requirement for u8.
    unsafe { start.wrapping_offset(offset).write_bytes(0x11, count) };
}

/// Reads a byte the compiler may not elide.
///
/// # Safety
/// As [`scribble`]; with page protection the read faults.
unsafe fn peek(at: *const u8) -> u8 {
    // SAFETY: the caller's contract.
    std::hint::black_box(unsafe { at.read_volatile() })
}

unsafe extern "C" fn device_control(
    _queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    code: ULONG,
) {
    let mut buffer: PVOID = core::ptr::null_mut();
    let mut length = 0_usize;
    // SAFETY: the driver owns the request.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestRetrieveOutputBuffer,
            request,
            8,
            &raw mut buffer,
            &raw mut length
        )
    };
    if status != STATUS_SUCCESS || length != 8 {
        fail_test("the 8-byte output buffer was not retrieved");
        // SAFETY: the driver owns the request.
        unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, status) };
        return;
    }
    let output = buffer.cast::<u8>();
    // SAFETY (each block below): `output` is the request's live 8-byte system buffer, inside
    // the simulator's guarded block; the out-of-bounds writes and reads are the bugs under test.
    match code {
        // SAFETY: see above; in bounds.
        op::CLEAN => unsafe { scribble(output, 0, 8) },
        // SAFETY: see above; the 4 bytes past the end are the simulator's guard bytes.
        op::OVERRUN_OUTPUT => unsafe { scribble(output, 8, 4) },
        // SAFETY: see above; the 4 bytes before the start are the simulator's guard bytes.
        op::UNDERRUN_OUTPUT => unsafe { scribble(output, -4, 4) },
        op::POOL_OVERRUN => {
            let block = allocate(b"Ovrn");
            // SAFETY: the 4 bytes past the 8-byte block are the simulator's guard bytes.
            unsafe { scribble(block, 8, 4) };
            free(block);
        }
        op::MEMORY_OVERRUN => {
            let (memory, bytes) = create_memory(false);
            // SAFETY: the 4 bytes past the 16-byte buffer are the simulator's guard bytes.
            unsafe { scribble(bytes, 16, 4) };
            delete(memory);
        }
        op::CONTEXT_OVERRUN => {
            let (memory, _) = create_memory(true);
            // SAFETY: the memory object carries SMALL_CONTEXT.
            let context: *mut u8 = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfObjectGetTypedContextWorker,
                    memory.cast(),
                    &raw const SMALL_CONTEXT.0
                )
            }
            .cast();
            // SAFETY: the 4 bytes past the 8-byte context are the simulator's guard bytes.
            unsafe { scribble(context, 8, 4) };
            delete(memory);
        }
        op::POOL_WRITE_AFTER_FREE | op::POOL_READ_AFTER_FREE => {
            let block = allocate(b"Free");
            free(block);
            if code == op::POOL_WRITE_AFTER_FREE {
                // SAFETY: the simulator keeps the freed block in its quarantine.
                unsafe { scribble(block, 0, 1) };
            } else {
                // SAFETY: as above; with page protection the read faults.
                let _ = unsafe { peek(block) };
            }
        }
        op::MEMORY_WRITE_AFTER_DELETE => {
            let (memory, bytes) = create_memory(false);
            delete(memory);
            // SAFETY: the simulator keeps the deleted object's buffer in its quarantine.
            unsafe { scribble(bytes, 0, 1) };
        }
        op::READ_AFTER_COMPLETION => {
            // SAFETY: the driver owns the request.
            unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_SUCCESS);
            };
            // SAFETY: the simulator keeps the completed request's buffer in its quarantine; with
            // page protection the read faults.
            let _ = unsafe { peek(output) };
            return;
        }
        _ => fail_test("unknown IOCTL"),
    }
    // SAFETY: the driver owns the request.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithInformation,
            request,
            STATUS_SUCCESS,
            8
        );
    };
}

/// Fills a read's buffer and one byte more.
unsafe extern "C" fn read(_queue: WDFQUEUE, request: WDFREQUEST, length: usize) {
    let mut buffer: PVOID = core::ptr::null_mut();
    // SAFETY: the driver owns the request.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestRetrieveOutputBuffer,
            request,
            length,
            &raw mut buffer,
            core::ptr::null_mut()
        )
    };
    if status == STATUS_SUCCESS {
        // SAFETY: the read's live buffer of `length` bytes; the byte after it is the
        // simulator's guard (the bug under test).
        unsafe { scribble(buffer.cast(), 0, length + 1) };
    } else {
        fail_test("the read's buffer was not retrieved");
    }
    // SAFETY: the driver owns the request.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithInformation,
            request,
            status,
            length as u64
        );
    };
}

fn recording() -> SimConfig {
    SimConfig {
        driver_name: "specialpool".to_owned(),
        on_violation: OnViolation::Record,
        ..SimConfig::default()
    }
}

/// Loads the driver, sends each IOCTL in turn (in 2 / out 8 bytes), takes the violations found
/// so far, then removes the device and unloads; returns (before removal, at removal and unload).
fn run_with(codes: &[u32], config: SimConfig) -> (Vec<Violation>, Vec<Violation>) {
    let sim = Simulation::load_with(driver_entry, config).unwrap();
    let device = sim.add_device(r"Root\SpecialPool").unwrap();
    let handle = sim.open(&TEST_GUID).unwrap();
    for code in codes {
        let result = handle.device_io_control(*code, b"in", 8).wait();
        assert_eq!(result.status, STATUS_SUCCESS, "IOCTL {code:#x}");
    }
    let during = sim.take_violations();
    handle.close();
    sim.remove_device(device).unwrap();
    (during, sim.unload())
}

/// Every violation of one run of `code`.
fn run(code: u32) -> Vec<Violation> {
    let (mut during, after) = run_with(&[code], recording());
    during.extend(after);
    during
}

fn only(violations: &[Violation], rule: Rule) -> &Violation {
    assert_eq!(
        violations.len(),
        1,
        "expected exactly one {rule}, got: {violations:#?}"
    );
    assert_eq!(violations[0].rule, rule, "{violations:#?}");
    &violations[0]
}

#[test]
fn a_correct_driver_runs_clean() {
    assert_eq!(run(op::CLEAN), Vec::new());
}

#[test]
fn a_write_past_the_end_of_an_output_buffer_is_caught_at_completion() {
    let violations = run(op::OVERRUN_OUTPUT);
    let v = only(&violations, Rule::BufferOverrun);
    assert_eq!(v.call, "WdfRequestCompleteWithInformation");
    assert!(
        v.object.starts_with("WDFREQUEST 0x") && v.object.contains("IOCTL 0x80002004"),
        "{v}"
    );
    assert_eq!(
        v.detail,
        "the request's 8-byte buffer was written outside its bounds: guard bytes at offsets \
         8..=11 (past its end) were overwritten"
    );
    assert!(
        v.to_string()
            .contains("0xD6 DRIVER_PAGE_FAULT_BEYOND_END_OF_ALLOCATION")
    );
}

#[test]
fn a_write_before_the_start_of_an_output_buffer_is_caught_at_completion() {
    let violations = run(op::UNDERRUN_OUTPUT);
    let v = only(&violations, Rule::BufferOverrun);
    assert_eq!(v.call, "WdfRequestCompleteWithInformation");
    assert!(v.object.contains("IOCTL 0x80002008"), "{v}");
    assert!(
        v.detail
            .ends_with("guard bytes at offsets -4..=-1 (before its start) were overwritten"),
        "{v}"
    );
}

#[test]
fn a_write_past_the_end_of_a_read_buffer_is_caught_at_completion() {
    let sim = Simulation::load_with(driver_entry, recording()).unwrap();
    let device = sim.add_device(r"Root\SpecialPool").unwrap();
    let handle = sim.open(&TEST_GUID).unwrap();
    let result = handle.read(5).wait();
    assert_eq!(result.status, STATUS_SUCCESS);
    handle.close();
    sim.remove_device(device).unwrap();
    let violations = sim.unload();
    let v = only(&violations, Rule::BufferOverrun);
    assert_eq!(v.call, "WdfRequestCompleteWithInformation");
    assert!(v.object.contains("(read of 5 bytes)"), "{v}");
    assert!(
        v.detail.starts_with("the request's 5-byte buffer")
            && v.detail
                .ends_with("offsets 5..=5 (past its end) were overwritten"),
        "{v}"
    );
}

#[test]
fn a_write_past_the_end_of_a_pool_block_is_caught_when_it_is_freed() {
    let violations = run(op::POOL_OVERRUN);
    let v = only(&violations, Rule::BufferOverrun);
    assert_eq!(v.call, "ExFreePool");
    assert!(
        v.object.starts_with("pool block 0x") && v.object.ends_with("tag 'Ovrn'"),
        "{v}"
    );
    assert_eq!(
        v.detail,
        "the pool block's 8-byte buffer was written outside its bounds: guard bytes at offsets \
         8..=11 (past its end) were overwritten"
    );
}

#[test]
fn a_write_past_the_end_of_a_memory_object_is_caught_when_it_is_deleted() {
    let violations = run(op::MEMORY_OVERRUN);
    let v = only(&violations, Rule::BufferOverrun);
    assert_eq!(v.call, "the object's deletion");
    assert!(v.object.starts_with("WDFMEMORY 0x"), "{v}");
    assert!(
        v.detail.starts_with("the memory object's 16-byte buffer")
            && v.detail.contains("offsets 16..=19 (past its end)"),
        "{v}"
    );
}

#[test]
fn a_write_past_the_end_of_a_context_is_caught_when_its_object_is_deleted() {
    let violations = run(op::CONTEXT_OVERRUN);
    let v = only(&violations, Rule::BufferOverrun);
    assert!(
        v.object.starts_with("WDFMEMORY 0x") && v.object.ends_with("context SmallContext"),
        "{v}"
    );
    assert!(
        v.detail.starts_with("the 8-byte context")
            && v.detail.contains("offsets 8..=11 (past its end)")
            && v.detail.contains("deleted by WdfObjectDelete"),
        "{v}"
    );
}

#[test]
fn a_write_into_freed_pool_is_caught_at_removal() {
    let (during, after) = run_with(&[op::POOL_WRITE_AFTER_FREE], recording());
    assert_eq!(
        during,
        Vec::new(),
        "found only when the quarantine is checked"
    );
    let v = only(&after, Rule::FreedMemoryUsed);
    assert_eq!(v.call, "remove_device");
    assert!(
        v.object.starts_with("pool block 0x") && v.object.ends_with("tag 'Free'"),
        "{v}"
    );
    assert_eq!(
        v.detail,
        "the pool block's 8-byte buffer was written at offset 0 after it was freed"
    );
}

#[test]
fn a_write_into_a_deleted_memory_object_is_caught_at_removal() {
    let violations = run(op::MEMORY_WRITE_AFTER_DELETE);
    let v = only(&violations, Rule::FreedMemoryUsed);
    assert_eq!(v.call, "remove_device");
    assert!(v.object.starts_with("WDFMEMORY 0x"), "{v}");
    assert_eq!(
        v.detail,
        "the memory object's 16-byte buffer was written at offset 0 after the memory object was \
         deleted"
    );
}

#[test]
fn a_write_into_freed_pool_is_caught_when_it_leaves_the_quarantine_ring() {
    // The freed block, then 64 more retired blocks (one request buffer per IOCTL): the ring
    // keeps 64, so the freed block leaves it, and is checked, during the last IOCTL.
    let mut codes = vec![op::POOL_WRITE_AFTER_FREE];
    codes.extend([op::CLEAN; 64]);
    let (during, after) = run_with(&codes, recording());
    assert_eq!(after, Vec::new());
    let v = only(&during, Rule::FreedMemoryUsed);
    assert_eq!(v.call, "a later retirement (the quarantine ring was full)");
    assert!(v.object.ends_with("tag 'Free'"), "{v}");
}

/// Page protection: each scenario runs in a child process, which the fault ends.
#[cfg(unix)]
mod page_protection {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Output};

    use super::{SimConfig, op, recording, run_with};

    const SCENARIO: &str = "KMDF_SIM_SPECIAL_POOL_SCENARIO";
    /// SIGSEGV's number on Linux and the BSDs.
    const SIGSEGV: i32 = 11;

    /// The child's side: runs the IOCTL named by `SCENARIO` with page protection on. Ignored in
    /// a normal run; [`child`] runs it.
    #[test]
    #[ignore = "runs in a child process started by the page-protection tests"]
    fn page_protection_child() {
        let Some(code) = std::env::var(SCENARIO)
            .ok()
            .and_then(|code| code.parse::<u32>().ok())
        else {
            return;
        };
        let config = SimConfig {
            page_protection: true,
            ..recording()
        };
        let (during, after) = run_with(&[code], config);
        assert_eq!((during, after), (Vec::new(), Vec::new()));
        eprintln!("child: scenario {code:#x} ran to the end");
    }

    fn child(code: u32) -> (Output, String) {
        let exe = std::env::current_exe().unwrap();
        let output = Command::new(exe)
            .args([
                "--exact",
                "page_protection::page_protection_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(SCENARIO, code.to_string())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (output, stderr)
    }

    #[test]
    fn a_correct_driver_runs_clean_with_page_protection() {
        let (output, stderr) = child(op::CLEAN);
        assert!(output.status.success(), "{:?}\n{stderr}", output.status);
        assert!(stderr.contains("ran to the end"), "{stderr}");
        assert!(!stderr.contains("kmdf-sim verifier"), "{stderr}");
    }

    /// Runs `code` in a child with page protection, asserts the child died by SIGSEGV before
    /// the end of its scenario, and returns its report line, which starts with `prefix`.
    fn faulted(code: u32, prefix: &str) -> String {
        let (output, stderr) = child(code);
        assert_eq!(output.status.signal(), Some(SIGSEGV), "{stderr}");
        assert!(!stderr.contains("ran to the end"), "{stderr}");
        let report = stderr.lines().find(|line| line.starts_with(prefix));
        report.map_or_else(
            || panic!("no report {prefix:?} in: {stderr}"),
            str::to_owned,
        )
    }

    #[test]
    fn a_read_after_completion_faults_and_is_reported() {
        let report = faulted(
            op::READ_AFTER_COMPLETION,
            "kmdf-sim verifier: BufferUsedAfterCompletion (page fault) on WDFREQUEST 0x",
        );
        assert!(
            report.contains("accessed offset 0 (address 0x")
                && report.contains("of its 8-byte buffer after the request was completed"),
            "{report}"
        );
    }

    #[test]
    fn a_read_of_freed_pool_faults_and_is_reported() {
        let report = faulted(
            op::POOL_READ_AFTER_FREE,
            "kmdf-sim verifier: FreedMemoryUsed (page fault) on pool block 0x",
        );
        assert!(
            report.contains("of its 8-byte buffer after it was freed")
                && report.contains("0xD5 DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL"),
            "{report}"
        );
    }
}
