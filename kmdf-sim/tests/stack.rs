//! Device stacks: a filter test driver over a function test driver, both loaded into one
//! simulation, over a programmable bus device. Every request type goes down the stack and comes
//! back up through the filter's completion routine with the lower driver's status, information
//! and data; a filter without a queue for a request type has the framework pass it down;
//! synchronous and send-and-forget sends; cancellation follows a sent request down; the bus
//! device answers what the function driver sends below it, after a virtual delay; and removing
//! the stack under I/O load ends every request, under many schedules, with no violation. The
//! filter's must-fail modes prove the sending rules: RequestNotFormatted, SendAndForgetFormatted,
//! SendWhileHoldingSpinLock, FailedSendStatusReplaced (a send to a closed remote target fails
//! and the request is completed with another status, unless a debug print said why first) and
//! RequestNotOwned.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use kmdf_sim::wdk_sys::{
    _POOL_TYPE, _WDF_EXECUTION_LEVEL, _WDF_IO_QUEUE_DISPATCH_TYPE, _WDF_IO_TARGET_OPEN_TYPE,
    _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1, _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_1,
    _WDF_MEMORY_DESCRIPTOR_TYPE, _WDF_REQUEST_SEND_OPTIONS_FLAGS, _WDF_REQUEST_TYPE, DRIVER_OBJECT,
    GUID, NTSTATUS, PCUNICODE_STRING, PWDF_REQUEST_COMPLETION_PARAMS, PWDFDEVICE_INIT,
    STATUS_CANCELLED, STATUS_DEVICE_NOT_READY, STATUS_DEVICE_REMOVED, STATUS_INVALID_DEVICE_STATE,
    STATUS_IO_TIMEOUT, STATUS_NOT_SUPPORTED, STATUS_SUCCESS, STATUS_UNSUCCESSFUL, ULONG,
    UNICODE_STRING, WDF_FILEOBJECT_CONFIG, WDF_IO_TARGET_OPEN_PARAMS, WDF_MEMORY_DESCRIPTOR,
    WDF_NO_OBJECT_ATTRIBUTES, WDF_OBJECT_ATTRIBUTES, WDF_OBJECT_CONTEXT_TYPE_INFO,
    WDF_REQUEST_COMPLETION_PARAMS, WDF_REQUEST_SEND_OPTIONS, WDFCONTEXT, WDFDEVICE, WDFDRIVER,
    WDFFILEOBJECT, WDFIOTARGET, WDFMEMORY, WDFQUEUE, WDFREQUEST, WDFSPINLOCK,
    call_unsafe_wdf_function_binding,
};
use kmdf_sim::{
    IoResult, LowerDevice, LowerMajor, LowerResponse, OnViolation, Policy, Rule, SimConfig,
    Simulation, Violation, explore,
};

mod common;
use common::{attributes, create_driver, queue_config, size_u32};
#[path = "common/request.rs"]
mod request;
use request::{buffer, check, default_target};

const GUID_STACK: GUID = GUID {
    Data1: 0xfeed_0005,
    Data2: 5,
    Data3: 5,
    Data4: [5, 5, 5, 5, 5, 5, 5, 5],
};

/// METHOD_BUFFERED, FILE_ANY_ACCESS IOCTLs of the function driver.
const IOCTL_ECHO: u32 = 0x8000_2000;
/// Completed with STATUS_NOT_SUPPORTED.
const IOCTL_FAIL: u32 = 0x8000_2004;
/// Parked in a manual queue until cancelled.
const IOCTL_PARK: u32 = 0x8000_2008;
/// Sent on down to the bus device; completed with what it answered.
const IOCTL_DOWN: u32 = 0x8000_200C;
/// An echo the filter sends synchronously.
const IOCTL_SYNC: u32 = 0x8000_2010;
/// An echo the filter sends with send-and-forget.
const IOCTL_FORGET: u32 = 0x8000_2014;
/// The filter answers it itself: it opens a remote target on the device named in
/// [`REMOTE_NAME`], sends an IOCTL_ECHO of the input there in a request it created (formatted
/// with WDFMEMORY buffers, sent synchronously), and returns what came back.
const IOCTL_REMOTE: u32 = 0x8000_2018;
/// As IOCTL_REMOTE, with `WdfIoTargetSendIoctlSynchronously` and buffer descriptors.
const IOCTL_REMOTE_SYNC: u32 = 0x8000_201C;
/// Parked by the function driver; the filter sends it synchronously with a 10 ms timeout.
const IOCTL_PARK_TIMEOUT: u32 = 0x8000_2020;

/// The filter sends it to a remote target whose device went away (opened on the device named
/// in [`REMOTE_NAME`], then closed, as a driver's EvtIoTargetQueryRemove does): `WdfRequestSend`
/// returns FALSE with STATUS_INVALID_DEVICE_STATE, and the filter completes it as its mode says.
const IOCTL_CLOSED_TARGET: u32 = 0x8000_2024;

/// The interface path of the remote device the filter opens for IOCTL_REMOTE*.
static REMOTE_NAME: Mutex<String> = Mutex::new(String::new());

/// What a read returns at offset `i`.
fn pattern(i: usize) -> u8 {
    u8::try_from(i % 256).unwrap_or(0) ^ 0x5A
}

// ---------------------------------------------------------------------------------------------
// The function driver.

/// Opens the function driver saw (EvtDeviceFileCreate), and closes (EvtFileClose).
static OPENS: AtomicU32 = AtomicU32::new(0);
static CLOSES: AtomicU32 = AtomicU32::new(0);

#[repr(C)]
#[derive(Clone, Copy)]
struct FunctionContext {
    parked: WDFQUEUE,
}

#[repr(transparent)]
struct TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO);
// SAFETY: immutable static data pointing at static data.
unsafe impl Sync for TypeInfo {}

static FUNCTION_CONTEXT: TypeInfo = TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO {
    Size: size_u32::<WDF_OBJECT_CONTEXT_TYPE_INFO>(),
    ContextName: c"FunctionContext".as_ptr(),
    ContextSize: size_of::<FunctionContext>(),
    UniqueType: &raw const FUNCTION_CONTEXT.0,
    EvtDriverGetUniqueContextType: None,
});

unsafe extern "system" fn function_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    OPENS.store(0, Ordering::SeqCst);
    CLOSES.store(0, Ordering::SeqCst);
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(function_add)) }
}

unsafe extern "C" fn function_add(_driver: WDFDRIVER, mut init: PWDFDEVICE_INIT) -> NTSTATUS {
    let mut file_config = WDF_FILEOBJECT_CONFIG {
        Size: size_u32::<WDF_FILEOBJECT_CONFIG>(),
        EvtDeviceFileCreate: Some(file_create),
        EvtFileClose: Some(file_close),
        ..WDF_FILEOBJECT_CONFIG::default()
    };
    // SAFETY: EvtDriverDeviceAdd context; the config outlives the call.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceInitSetFileObjectConfig,
            init,
            &raw mut file_config,
            WDF_NO_OBJECT_ATTRIBUTES
        );
    };
    let mut device_attributes = WDF_OBJECT_ATTRIBUTES {
        ContextTypeInfo: &raw const FUNCTION_CONTEXT.0,
        ..attributes()
    };
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
    if !check(status, "WdfDeviceCreate") {
        return status;
    }
    // SAFETY: live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            &GUID_STACK,
            core::ptr::null()
        )
    };
    if !check(status, "WdfDeviceCreateDeviceInterface") {
        return status;
    }
    let mut config = queue_config(
        _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
        true,
    );
    config.EvtIoRead = Some(function_read);
    config.EvtIoWrite = Some(function_write);
    config.EvtIoDeviceControl = Some(function_ioctl);
    // SAFETY: live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            core::ptr::null_mut()
        )
    };
    if !check(status, "WdfIoQueueCreate (default)") {
        return status;
    }
    let mut config = queue_config(_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual, false);
    let mut parked: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut parked
        )
    };
    if !check(status, "WdfIoQueueCreate (parked)") {
        return status;
    }
    // SAFETY: the device's context, which nothing else uses yet.
    unsafe { function_context(device).write(FunctionContext { parked }) };
    STATUS_SUCCESS
}

fn function_context(device: WDFDEVICE) -> *mut FunctionContext {
    // SAFETY: a live device created with FUNCTION_CONTEXT.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectGetTypedContextWorker,
            device.cast(),
            &raw const FUNCTION_CONTEXT.0
        )
    }
    .cast()
}

unsafe extern "C" fn file_create(_device: WDFDEVICE, request: WDFREQUEST, _file: WDFFILEOBJECT) {
    OPENS.fetch_add(1, Ordering::SeqCst);
    // SAFETY: the driver owns the create request.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_SUCCESS) };
}

unsafe extern "C" fn file_close(_file: WDFFILEOBJECT) {
    CLOSES.fetch_add(1, Ordering::SeqCst);
}

fn complete(request: WDFREQUEST, status: NTSTATUS, information: usize) {
    // SAFETY: the caller owns the request.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithInformation,
            request,
            status,
            information as u64
        );
    };
}

unsafe extern "C" fn function_read(_queue: WDFQUEUE, request: WDFREQUEST, length: usize) {
    let Some((out, room)) = buffer(request, true) else {
        complete(request, STATUS_INVALID_DEVICE_STATE, 0);
        return;
    };
    let n = room.min(length);
    // SAFETY: `out` has `room` >= n bytes, owned by the request until it completes.
    let out = unsafe { core::slice::from_raw_parts_mut(out, n) };
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = pattern(i);
    }
    complete(request, STATUS_SUCCESS, n);
}

unsafe extern "C" fn function_write(_queue: WDFQUEUE, request: WDFREQUEST, length: usize) {
    complete(request, STATUS_SUCCESS, length);
}

unsafe extern "C" fn function_ioctl(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    output_length: usize,
    input_length: usize,
    code: ULONG,
) {
    match code {
        IOCTL_ECHO | IOCTL_SYNC | IOCTL_FORGET => {
            let (Some((input, _)), Some((output, _))) =
                (buffer(request, false), buffer(request, true))
            else {
                complete(request, STATUS_INVALID_DEVICE_STATE, 0);
                return;
            };
            let n = input_length.min(output_length);
            // SAFETY: METHOD_BUFFERED: one system buffer of max(in, out) bytes; copy within it.
            unsafe { core::ptr::copy(input, output, n) };
            complete(request, STATUS_SUCCESS, n);
        }
        IOCTL_PARK | IOCTL_PARK_TIMEOUT => {
            // SAFETY: live queue.
            let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
            // SAFETY: initialised in device add.
            let parked = unsafe { function_context(device).read() }.parked;
            // SAFETY: the driver owns the request and hands it to its manual queue.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestForwardToIoQueue, request, parked)
            };
            if status != STATUS_SUCCESS {
                complete(request, status, 0);
            }
        }
        IOCTL_DOWN => {
            send_with_routine(request, default_target(queue));
        }
        _ => complete(request, STATUS_NOT_SUPPORTED, 0),
    }
}

/// Formats `request` with its current type and sends it to `target`, asynchronously, with
/// [`pass_back`] as its completion routine; a failed send completes it with its status.
fn send_with_routine(request: WDFREQUEST, target: WDFIOTARGET) {
    // SAFETY: the driver owns the request; the target is live.
    // SAFETY: the driver owns the request.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestFormatRequestUsingCurrentType, request) };
    // SAFETY: as above; the routine is a static function.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestSetCompletionRoutine,
            request,
            Some(pass_back),
            core::ptr::null_mut()
        );
    };
    // SAFETY: as above; the target is live.
    let sent = unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestSend, request, target, core::ptr::null_mut())
    };
    if sent == 0 {
        // SAFETY: a failed send leaves the request with the driver.
        let status = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetStatus, request) };
        complete(request, status, 0);
    }
}

/// The filter's record of what came back up: (status, information) per completion routine call.
static RETURNED: Mutex<Vec<(NTSTATUS, u64)>> = Mutex::new(Vec::new());

/// Completion routine: records what the lower driver completed with and completes the request
/// with exactly that.
unsafe extern "C" fn pass_back(
    request: WDFREQUEST,
    _target: WDFIOTARGET,
    params: PWDF_REQUEST_COMPLETION_PARAMS,
    _context: WDFCONTEXT,
) {
    // SAFETY: the framework passes valid completion parameters for the call's duration.
    let params = unsafe { &*params };
    // SAFETY: the union's Status member is the one the framework writes.
    let status = unsafe { params.IoStatus.__bindgen_anon_1.Status };
    let information = params.IoStatus.Information;
    RETURNED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push((status, information));
    // SAFETY: the driver owns the request again in its completion routine.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithInformation,
            request,
            status,
            information
        );
    };
}

// ---------------------------------------------------------------------------------------------
// The filter driver.

mod filter {
    /// A default queue takes every request; each is sent down (IOCTL_SYNC synchronously,
    /// IOCTL_FORGET with send-and-forget, the rest asynchronously with a completion routine).
    pub const ALL: u8 = 0;
    /// Only device controls have a queue; reads and writes pass down by the framework.
    pub const IOCTLS_ONLY: u8 = 1;
    /// Like ALL, but sends without formatting (must fail: RequestNotFormatted).
    pub const UNFORMATTED: u8 = 2;
    /// Formats, then sends with send-and-forget (must fail: SendAndForgetFormatted).
    pub const FORGET_FORMATTED: u8 = 3;
    /// Like ALL, but sends while holding a spin lock (must fail: SendWhileHoldingSpinLock).
    pub const UNDER_SPIN_LOCK: u8 = 4;
    /// Like ALL, but completes a request whose send failed with STATUS_UNSUCCESSFUL instead of
    /// `WdfRequestGetStatus` (must fail: FailedSendStatusReplaced).
    pub const FAILED_SEND_REPLACED: u8 = 5;
    /// As FAILED_SEND_REPLACED, but prints why first (`wdk::println!`): allowed.
    pub const FAILED_SEND_EXPLAINED: u8 = 6;
    /// As FAILED_SEND_EXPLAINED, but prints before sending, when nothing had failed yet (must
    /// fail: FailedSendStatusReplaced).
    pub const FAILED_SEND_EXPLAINED_EARLY: u8 = 7;
    /// Like ALL, but completes IOCTL_PARK right after sending it, while it waits below (must
    /// fail: RequestNotOwned).
    pub const COMPLETE_WHILE_SENT: u8 = 8;
}

/// What the filter prints in FAILED_SEND_EXPLAINED before it replaces a failed send's status.
const FAILED_SEND_REASON: &str =
    "filter: the target below is gone; completing with STATUS_UNSUCCESSFUL as its callers expect";

/// Requests the filter's queue received: reads, writes, device controls.
static SEEN: [AtomicU32; 3] = [AtomicU32::new(0), AtomicU32::new(0), AtomicU32::new(0)];

fn seen() -> [u32; 3] {
    SEEN.each_ref().map(|c| c.load(Ordering::SeqCst))
}

unsafe extern "system" fn filter_entry<const MODE: u8>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    for counter in &SEEN {
        counter.store(0, Ordering::SeqCst);
    }
    RETURNED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(filter_add::<MODE>)) }
}

unsafe extern "C" fn filter_add<const MODE: u8>(
    _driver: WDFDRIVER,
    mut init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    // SAFETY: EvtDriverDeviceAdd context.
    unsafe { call_unsafe_wdf_function_binding!(WdfFdoInitSetFilter, init) };
    // Passive execution level: the filter may send synchronously from its queue callbacks.
    let mut device_attributes = WDF_OBJECT_ATTRIBUTES {
        ExecutionLevel: _WDF_EXECUTION_LEVEL::WdfExecutionLevelPassive,
        ..attributes()
    };
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
    if !check(status, "WdfDeviceCreate (filter)") {
        return status;
    }
    let ioctls_only = MODE == filter::IOCTLS_ONLY;
    let mut config = queue_config(
        _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
        !ioctls_only,
    );
    if !ioctls_only {
        config.EvtIoRead = Some(filter_read::<MODE>);
        config.EvtIoWrite = Some(filter_write::<MODE>);
        // Zero-length reads and writes reach the filter, which sends them down like any other.
        config.AllowZeroLengthRequests = 1;
    }
    config.EvtIoDeviceControl = Some(filter_ioctl::<MODE>);
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: live device.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut queue
        )
    };
    if !check(status, "WdfIoQueueCreate (filter)") {
        return status;
    }
    if ioctls_only {
        // SAFETY: live device and queue.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceConfigureRequestDispatching,
                device,
                queue,
                _WDF_REQUEST_TYPE::WdfRequestTypeDeviceControl
            )
        };
        if !check(status, "WdfDeviceConfigureRequestDispatching") {
            return status;
        }
    }
    STATUS_SUCCESS
}

fn send_with_flags(request: WDFREQUEST, target: WDFIOTARGET, flags: i32) -> bool {
    let mut options = WDF_REQUEST_SEND_OPTIONS {
        Size: size_u32::<WDF_REQUEST_SEND_OPTIONS>(),
        Flags: flags.cast_unsigned(),
        Timeout: 0,
    };
    // SAFETY: the driver owns the request; target live; options outlive the call.
    let sent = unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestSend, request, target, &raw mut options)
    };
    sent != 0
}

/// Sends `request` (formatted) synchronously; returns the status and information it came back
/// with, as `WdfRequestGetCompletionParams` reports them.
fn send_synchronously_and_look(request: WDFREQUEST, target: WDFIOTARGET) -> (NTSTATUS, u64) {
    let sync = _WDF_REQUEST_SEND_OPTIONS_FLAGS::WDF_REQUEST_SEND_OPTION_SYNCHRONOUS;
    send_with_flags(request, target, sync);
    let mut params = WDF_REQUEST_COMPLETION_PARAMS {
        Size: size_u32::<WDF_REQUEST_COMPLETION_PARAMS>(),
        // SAFETY: plain C data; all-zero is valid.
        ..unsafe { core::mem::zeroed() }
    };
    // SAFETY: the request is back with the driver; `params` carries its Size.
    unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestGetCompletionParams, request, &raw mut params);
    };
    // SAFETY: the union's Status member is the one the framework writes.
    let status = unsafe { params.IoStatus.__bindgen_anon_1.Status };
    (status, params.IoStatus.Information)
}

/// The filter's handling of every request it sees.
fn filter_forward<const MODE: u8>(queue: WDFQUEUE, request: WDFREQUEST, code: Option<ULONG>) {
    let target = default_target(queue);
    let forget = _WDF_REQUEST_SEND_OPTIONS_FLAGS::WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET;
    match (MODE, code) {
        (filter::UNFORMATTED, _) => {
            if !send_with_flags(request, target, 0) {
                complete(request, STATUS_INVALID_DEVICE_STATE, 0);
            }
        }
        (filter::UNDER_SPIN_LOCK, _) => {
            let mut lock: WDFSPINLOCK = core::ptr::null_mut();
            // SAFETY: out-pointer is a local; the lock's parent is the driver.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfSpinLockCreate,
                    WDF_NO_OBJECT_ATTRIBUTES,
                    &raw mut lock
                )
            };
            if !check(status, "WdfSpinLockCreate") {
                complete(request, status, 0);
                return;
            }
            // SAFETY: the live spin lock, acquired and released on this thread.
            unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockAcquire, lock) };
            send_with_routine(request, target);
            // SAFETY: as above.
            unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockRelease, lock) };
            // SAFETY: the driver created the lock; nothing holds it.
            unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, lock.cast()) };
        }
        (filter::FORGET_FORMATTED, _) => {
            // SAFETY: the driver owns the request.
            unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestFormatRequestUsingCurrentType, request);
            };
            if !send_with_flags(request, target, forget) {
                complete(request, STATUS_INVALID_DEVICE_STATE, 0);
            }
        }
        (_, Some(IOCTL_FORGET)) => {
            if !send_with_flags(request, target, forget) {
                // SAFETY: a failed send leaves the request with the driver.
                let status =
                    unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetStatus, request) };
                complete(request, status, 0);
            }
        }
        (_, Some(code @ (IOCTL_REMOTE | IOCTL_REMOTE_SYNC))) => {
            remote_echo(queue, request, code == IOCTL_REMOTE_SYNC);
        }
        (_, Some(IOCTL_CLOSED_TARGET)) => send_to_closed_target::<MODE>(queue, request),
        (filter::COMPLETE_WHILE_SENT, Some(IOCTL_PARK)) => {
            send_with_routine(request, target);
            // Deliberately broken: the request is parked below; the filter does not own it.
            complete(request, STATUS_SUCCESS, 0);
        }
        (_, Some(IOCTL_PARK_TIMEOUT)) => {
            // SAFETY: the driver owns the request.
            unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestFormatRequestUsingCurrentType, request);
            };
            let mut options = WDF_REQUEST_SEND_OPTIONS {
                Size: size_u32::<WDF_REQUEST_SEND_OPTIONS>(),
                Flags: (_WDF_REQUEST_SEND_OPTIONS_FLAGS::WDF_REQUEST_SEND_OPTION_SYNCHRONOUS
                    | _WDF_REQUEST_SEND_OPTIONS_FLAGS::WDF_REQUEST_SEND_OPTION_TIMEOUT)
                    .cast_unsigned(),
                Timeout: -100_000, // 10 ms, relative
            };
            // SAFETY: the driver owns the request; target live; options outlive the call.
            let _sent = unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestSend, request, target, &raw mut options)
            };
            // SAFETY: the request is back with the driver.
            let status = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetStatus, request) };
            complete(request, status, 0);
        }
        (_, Some(IOCTL_SYNC)) => {
            // SAFETY: the driver owns the request.
            unsafe {
                call_unsafe_wdf_function_binding!(WdfRequestFormatRequestUsingCurrentType, request);
            };
            // Back (or failed): the status is the request's either way.
            let (status, information) = send_synchronously_and_look(request, target);
            // SAFETY: the driver owns the request.
            let status_again =
                unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetStatus, request) };
            if status != status_again {
                kmdf_sim::fail_test("completion params and WdfRequestGetStatus disagree");
            }
            // SAFETY: the driver owns the request.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestCompleteWithInformation,
                    request,
                    status,
                    information
                );
            };
        }
        _ => send_with_routine(request, target),
    }
}

/// Creates a WDFMEMORY of `size` bytes (parented to `parent`) holding `bytes` at its start.
fn memory(parent: WDFDEVICE, size: usize, bytes: &[u8]) -> Option<WDFMEMORY> {
    let mut attributes = WDF_OBJECT_ATTRIBUTES {
        ParentObject: parent.cast(),
        ..attributes()
    };
    let (mut memory, mut buffer): (WDFMEMORY, *mut core::ffi::c_void) =
        (core::ptr::null_mut(), core::ptr::null_mut());
    // SAFETY: out-pointers are locals; the parent is live.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCreate,
            &raw mut attributes,
            _POOL_TYPE::NonPagedPoolNx,
            u32::from_le_bytes(*b"Test"),
            size,
            &raw mut memory,
            &raw mut buffer
        )
    };
    if !check(status, "WdfMemoryCreate") {
        return None;
    }
    let n = bytes.len().min(size);
    // SAFETY: the memory's buffer has `size` >= n bytes.
    unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), n) };
    Some(memory)
}

/// IOCTL_REMOTE and IOCTL_REMOTE_SYNC: echoes the request's input through a remote target.
fn remote_echo(queue: WDFQUEUE, request: WDFREQUEST, descriptors: bool) {
    // SAFETY: a live queue.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    // An open that fails (no such name) is the answer the caller gets.
    let (status, information) = match remote_target(device) {
        Ok(target) => {
            let answer = match (buffer(request, false), buffer(request, true)) {
                (Some(input), Some(output)) if descriptors => {
                    echo_by_descriptors(target, input, output)
                }
                (Some(input), Some(output)) => {
                    echo_by_created_request(device, target, input, output)
                }
                _ => (STATUS_INVALID_DEVICE_STATE, 0),
            };
            // SAFETY: the target is open and nothing is sent on it any more.
            unsafe { call_unsafe_wdf_function_binding!(WdfIoTargetClose, target) };
            // SAFETY: the driver created the target.
            unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, target.cast()) };
            answer
        }
        Err(status) => (status, 0),
    };
    complete(request, status, usize::try_from(information).unwrap_or(0));
}

/// A remote target of `device`, opened on the device named in [`REMOTE_NAME`]; the status of
/// the failed create or open (the target deleted again) otherwise.
fn remote_target(device: WDFDEVICE) -> Result<WDFIOTARGET, NTSTATUS> {
    let mut target: WDFIOTARGET = core::ptr::null_mut();
    // SAFETY: live device; out-pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoTargetCreate,
            device,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut target
        )
    };
    if !check(status, "WdfIoTargetCreate") {
        return Err(status);
    }
    let status = open_remote(target);
    if status != STATUS_SUCCESS {
        // SAFETY: the driver created the target; it is not open.
        unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, target.cast()) };
        return Err(status);
    }
    Ok(target)
}

/// Opens remote target `target` on the device named in [`REMOTE_NAME`].
fn open_remote(target: WDFIOTARGET) -> NTSTATUS {
    let name: Vec<u16> = REMOTE_NAME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .encode_utf16()
        .collect();
    let bytes = u16::try_from(name.len() * 2).unwrap_or(0);
    let mut params = WDF_IO_TARGET_OPEN_PARAMS {
        Size: size_u32::<WDF_IO_TARGET_OPEN_PARAMS>(),
        Type: _WDF_IO_TARGET_OPEN_TYPE::WdfIoTargetOpenByName,
        TargetDeviceName: UNICODE_STRING {
            Length: bytes,
            MaximumLength: bytes,
            Buffer: name.as_ptr().cast_mut(),
        },
        // SAFETY: plain C data; all-zero is valid for the rest.
        ..unsafe { core::mem::zeroed() }
    };
    // SAFETY: live target; the params and the name outlive the call.
    unsafe { call_unsafe_wdf_function_binding!(WdfIoTargetOpen, target, &raw mut params) }
}

/// IOCTL_CLOSED_TARGET: the request, formatted, is sent to a remote target that was opened and
/// closed again (its device is going away); the send fails, and the request is completed with
/// the send's status (`WdfRequestGetStatus`), or, in the FAILED_SEND_* modes, with
/// STATUS_UNSUCCESSFUL — after printing why in FAILED_SEND_EXPLAINED.
fn send_to_closed_target<const MODE: u8>(queue: WDFQUEUE, request: WDFREQUEST) {
    // SAFETY: a live queue.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    let target = match remote_target(device) {
        Ok(target) => target,
        Err(status) => {
            kmdf_sim::fail_test(&format!("the remote target did not open: {status:#x}"));
            complete(request, status, 0);
            return;
        }
    };
    // SAFETY: the target is open and nothing was sent on it.
    unsafe { call_unsafe_wdf_function_binding!(WdfIoTargetClose, target) };
    // SAFETY: the driver owns the request.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestFormatRequestUsingCurrentType, request) };
    if MODE == filter::FAILED_SEND_EXPLAINED_EARLY {
        kmdf_sim_wdk::println!("{FAILED_SEND_REASON}");
    }
    if send_with_flags(request, target, 0) {
        kmdf_sim::fail_test("a request was sent through a closed I/O target");
    } else {
        // SAFETY: a failed send leaves the request with the driver.
        let failed = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetStatus, request) };
        let status = match MODE {
            filter::FAILED_SEND_REPLACED | filter::FAILED_SEND_EXPLAINED_EARLY => {
                STATUS_UNSUCCESSFUL
            }
            filter::FAILED_SEND_EXPLAINED => {
                kmdf_sim_wdk::println!("{FAILED_SEND_REASON}");
                STATUS_UNSUCCESSFUL
            }
            _ => failed,
        };
        complete(request, status, 0);
    }
    // SAFETY: the driver created the target; nothing is sent on it.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, target.cast()) };
}

/// A created request, formatted with WDFMEMORY buffers, sent synchronously; the echo comes back
/// into the output memory, which is copied to `output`.
fn echo_by_created_request(
    device: WDFDEVICE,
    target: WDFIOTARGET,
    (input, input_length): (*mut u8, usize),
    (output, output_length): (*mut u8, usize),
) -> (NTSTATUS, u64) {
    // SAFETY: the request's input buffer holds input_length bytes until it completes.
    let data = unsafe { core::slice::from_raw_parts(input, input_length) }.to_vec();
    let (Some(in_memory), Some(out_memory)) = (
        memory(device, data.len().max(1), &data),
        memory(device, output_length.max(1), &[]),
    ) else {
        return (STATUS_INVALID_DEVICE_STATE, 0);
    };
    let mut created: WDFREQUEST = core::ptr::null_mut();
    // SAFETY: live target; out-pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            target,
            &raw mut created
        )
    };
    let mut result = (status, 0);
    if check(status, "WdfRequestCreate") {
        // SAFETY: the driver owns the created request; memories and target are live.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfIoTargetFormatRequestForIoctl,
                target,
                created,
                IOCTL_ECHO,
                in_memory,
                core::ptr::null_mut(),
                out_memory,
                core::ptr::null_mut()
            )
        };
        if check(status, "WdfIoTargetFormatRequestForIoctl") {
            let (status, information) = send_synchronously_and_look(created, target);
            let mut length = 0_usize;
            // SAFETY: live memory; out-pointer is a local.
            let source = unsafe {
                call_unsafe_wdf_function_binding!(WdfMemoryGetBuffer, out_memory, &raw mut length)
            };
            let n = usize::try_from(information)
                .unwrap_or(0)
                .min(length)
                .min(output_length);
            // SAFETY: both buffers hold at least n bytes and are distinct.
            unsafe { core::ptr::copy_nonoverlapping(source.cast::<u8>(), output, n) };
            result = (status, n as u64);
        }
        // SAFETY: the driver created the request and it is back.
        unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, created.cast()) };
    }
    for memory in [in_memory, out_memory] {
        // SAFETY: the driver created the memory; nothing uses it any more.
        unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, memory.cast()) };
    }
    result
}

/// `WdfIoTargetSendIoctlSynchronously` with the request's own buffers as descriptors.
fn echo_by_descriptors(
    target: WDFIOTARGET,
    (input, input_length): (*mut u8, usize),
    (output, output_length): (*mut u8, usize),
) -> (NTSTATUS, u64) {
    // METHOD_BUFFERED: the caller's input and output share one buffer; copy the input out.
    // SAFETY: the request's buffer holds input_length bytes.
    let mut data = unsafe { core::slice::from_raw_parts(input, input_length) }.to_vec();
    let descriptor = |pointer: *mut u8, length: usize| WDF_MEMORY_DESCRIPTOR {
        Type: _WDF_MEMORY_DESCRIPTOR_TYPE::WdfMemoryDescriptorTypeBuffer,
        u: _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1 {
            BufferType: _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_1 {
                Buffer: pointer.cast(),
                Length: u32::try_from(length).unwrap_or(0),
            },
        },
    };
    let mut in_descriptor = descriptor(data.as_mut_ptr(), data.len());
    let mut out_descriptor = descriptor(output, output_length);
    let mut returned: u64 = 0;
    // SAFETY: live target; descriptors and their buffers outlive the synchronous call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoTargetSendIoctlSynchronously,
            target,
            core::ptr::null_mut(),
            IOCTL_ECHO,
            &raw mut in_descriptor,
            &raw mut out_descriptor,
            core::ptr::null_mut(),
            &raw mut returned
        )
    };
    (status, returned)
}

unsafe extern "C" fn filter_read<const MODE: u8>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _length: usize,
) {
    SEEN[0].fetch_add(1, Ordering::SeqCst);
    filter_forward::<MODE>(queue, request, None);
}

unsafe extern "C" fn filter_write<const MODE: u8>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _length: usize,
) {
    SEEN[1].fetch_add(1, Ordering::SeqCst);
    filter_forward::<MODE>(queue, request, None);
}

unsafe extern "C" fn filter_ioctl<const MODE: u8>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    code: ULONG,
) {
    SEEN[2].fetch_add(1, Ordering::SeqCst);
    filter_forward::<MODE>(queue, request, Some(code));
}

// ---------------------------------------------------------------------------------------------
// The tests.

fn config(seed: u64, on_violation: OnViolation) -> SimConfig {
    SimConfig {
        driver_name: "function".to_owned(),
        on_violation,
        seed,
        ..SimConfig::default()
    }
}

/// Loads the function driver, then the filter in `MODE`, and adds `Root\Stack` with the filter
/// over the function device over `bus`.
fn stack<const MODE: u8>(config: SimConfig, bus: LowerDevice) -> (Simulation, kmdf_sim::DeviceRef) {
    let sim = Simulation::load_with(function_entry, config).unwrap();
    let filter = sim.load_driver("filter", filter_entry::<MODE>).unwrap();
    let device = sim
        .add_device_stack(r"Root\Stack", &[sim.driver(), filter], bus)
        .unwrap();
    (sim, device)
}

fn returned() -> Vec<(NTSTATUS, u64)> {
    RETURNED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

fn ok(result: &IoResult, information: u64, output: &[u8]) {
    assert_eq!(result.status, STATUS_SUCCESS, "{result:?}");
    assert_eq!(result.information, information, "{result:?}");
    assert_eq!(result.output, output, "{result:?}");
}

#[test]
fn every_request_type_goes_down_the_stack_and_comes_back_up() {
    let (sim, device) =
        stack::<{ filter::ALL }>(config(0, OnViolation::Panic), LowerDevice::root());
    let handle = sim.open(&GUID_STACK).unwrap();
    assert_eq!(
        OPENS.load(Ordering::SeqCst),
        1,
        "the create reached the function driver"
    );

    let expected: Vec<u8> = (0..16).map(pattern).collect();
    ok(&handle.read(16).wait(), 16, &expected);
    ok(&handle.write(b"abcdefg").wait(), 7, b"");
    ok(&handle.ioctl(IOCTL_ECHO, b"hello", 5), 5, b"hello");
    let failed = handle.ioctl(IOCTL_FAIL, b"", 0);
    assert_eq!(failed.status, STATUS_NOT_SUPPORTED, "{failed:?}");
    ok(&handle.ioctl(IOCTL_SYNC, b"in sync", 7), 7, b"in sync");
    ok(
        &handle.ioctl(IOCTL_FORGET, b"forgotten", 9),
        9,
        b"forgotten",
    );
    // The function driver's queue takes no zero-length reads: its framework completes one at
    // once with success, and the filter's send still succeeds, its completion routine seeing
    // that status (not a failed WdfRequestSend).
    ok(&handle.read(0).wait(), 0, b"");

    assert_eq!(seen(), [2, 1, 4], "the filter's queue saw each request");
    // The completion routine ran for the asynchronous sends only, with the lower driver's
    // status and information each time.
    assert_eq!(
        returned(),
        [
            (STATUS_SUCCESS, 16),
            (STATUS_SUCCESS, 7),
            (STATUS_SUCCESS, 5),
            (STATUS_NOT_SUPPORTED, 0),
            (STATUS_SUCCESS, 0),
        ]
    );
    handle.close();
    assert_eq!(
        CLOSES.load(Ordering::SeqCst),
        1,
        "the close reached the function driver"
    );
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_filter_without_a_queue_for_a_request_type_has_it_passed_down() {
    let (sim, device) =
        stack::<{ filter::IOCTLS_ONLY }>(config(0, OnViolation::Panic), LowerDevice::root());
    let handle = sim.open(&GUID_STACK).unwrap();
    let expected: Vec<u8> = (0..5).map(pattern).collect();
    ok(&handle.read(5).wait(), 5, &expected);
    ok(&handle.write(b"xyz").wait(), 3, b"");
    ok(&handle.ioctl(IOCTL_ECHO, b"ioctl", 5), 5, b"ioctl");
    assert_eq!(seen(), [0, 0, 1], "reads and writes went past the filter");
    assert_eq!(returned(), [(STATUS_SUCCESS, 5)]);
    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn the_bus_device_answers_what_the_stack_sends_below_it_after_its_delay() {
    let bus = LowerDevice::new(|request| {
        match (request.major, request.ioctl, request.input.as_slice()) {
            (LowerMajor::DeviceControl, IOCTL_DOWN, b"ok") => {
                LowerResponse::complete(STATUS_SUCCESS, 3, b"bus".to_vec())
                    .after(Duration::from_millis(5))
            }
            _ => LowerResponse::fail(STATUS_DEVICE_NOT_READY),
        }
    });
    let (sim, device) = stack::<{ filter::ALL }>(config(0, OnViolation::Panic), bus);
    let handle = sim.open(&GUID_STACK).unwrap();
    let before = sim.now();
    ok(&handle.ioctl(IOCTL_DOWN, b"ok", 8), 3, b"bus");
    assert!(
        sim.now() >= before + Duration::from_millis(5),
        "the answer came after the bus device's virtual delay"
    );
    let refused = handle.ioctl(IOCTL_DOWN, b"no", 8);
    assert_eq!(refused.status, STATUS_DEVICE_NOT_READY, "{refused:?}");
    // Each IOCTL_DOWN came back twice: from the bus to the function driver, and from the
    // function driver to the filter.
    assert_eq!(
        returned(),
        [
            (STATUS_SUCCESS, 3),
            (STATUS_SUCCESS, 3),
            (STATUS_DEVICE_NOT_READY, 0),
            (STATUS_DEVICE_NOT_READY, 0),
        ]
    );
    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

/// Parks IOCTL_PARK below the filter in `MODE` and cancels it (it comes back through the
/// filter's completion routine with STATUS_CANCELLED); returns the violations at unload.
fn park_and_cancel<const MODE: u8>(on_violation: OnViolation) -> Vec<Violation> {
    let (sim, device) = stack::<MODE>(config(0, on_violation), LowerDevice::root());
    let handle = sim.open(&GUID_STACK).unwrap();
    let parked = handle.device_io_control(IOCTL_PARK, b"", 0);
    assert!(
        parked.poll().is_none(),
        "parked in the function driver's manual queue"
    );
    parked.cancel();
    let result = parked.wait();
    assert_eq!(result.status, STATUS_CANCELLED, "{result:?}");
    assert_eq!(returned(), [(STATUS_CANCELLED, 0)]);
    handle.close();
    sim.remove_device(device).unwrap();
    sim.unload()
}

#[test]
fn cancelling_an_io_cancels_it_where_it_waits_below_the_filter() {
    assert_eq!(park_and_cancel::<{ filter::ALL }>(OnViolation::Panic), []);
}

#[test]
fn a_request_waiting_at_the_bus_device_is_cancelled_there() {
    let bus = LowerDevice::new(|_| {
        LowerResponse::complete(STATUS_SUCCESS, 0, Vec::new()).after(Duration::from_hours(1))
    });
    let (sim, device) = stack::<{ filter::ALL }>(config(0, OnViolation::Panic), bus);
    let handle = sim.open(&GUID_STACK).unwrap();
    let down = handle.device_io_control(IOCTL_DOWN, b"", 0);
    assert!(down.poll().is_none(), "held by the bus device for an hour");
    down.cancel();
    let result = down.wait();
    assert_eq!(result.status, STATUS_CANCELLED, "{result:?}");
    assert!(
        sim.now() < Duration::from_hours(1),
        "cancelled, not waited out"
    );
    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

/// Across the removal runs: I/O ended by removal (other than cancelled), cancelled, and echoes
/// answered before removal.
static OUTCOMES: [AtomicU32; 3] = [AtomicU32::new(0), AtomicU32::new(0), AtomicU32::new(0)];

/// One run of the removal scenario: two threads send every kind of request (some parked until
/// cancelled) through the filter while the test's thread removes the stack. Every I/O ends with
/// its right answer or one of the statuses removal gives: STATUS_DEVICE_REMOVED (the I/O
/// manager refused it), STATUS_CANCELLED (purged), STATUS_INVALID_DEVICE_STATE (it reached a
/// queue or a target that removal had already closed); nothing is left.
fn remove_under_load(config: SimConfig) -> u64 {
    fn removal_status(status: NTSTATUS) -> bool {
        OUTCOMES[usize::from(status == STATUS_CANCELLED)].fetch_add(1, Ordering::SeqCst);
        [
            STATUS_DEVICE_REMOVED,
            STATUS_CANCELLED,
            STATUS_INVALID_DEVICE_STATE,
        ]
        .contains(&status)
    }
    let (sim, device) = stack::<{ filter::ALL }>(config, LowerDevice::root());
    let mut threads = Vec::new();
    for t in 0..2_u8 {
        let handle = sim.open(&GUID_STACK).unwrap();
        threads.push(sim.spawn(&format!("client {t}"), move || {
            let parked = handle.device_io_control(IOCTL_PARK, b"", 0);
            for round in 0..3_u8 {
                let payload = [t, round];
                let echo = handle.ioctl(IOCTL_ECHO, &payload, 2);
                if echo.status == STATUS_SUCCESS {
                    OUTCOMES[2].fetch_add(1, Ordering::SeqCst);
                }
                assert!(
                    (echo.status == STATUS_SUCCESS && echo.output == payload)
                        || removal_status(echo.status),
                    "{echo:?}"
                );
                let read = handle.read(4).wait();
                let expected: Vec<u8> = (0..4).map(pattern).collect();
                assert!(
                    (read.status == STATUS_SUCCESS && read.output == expected)
                        || removal_status(read.status),
                    "{read:?}"
                );
                let sync = handle.ioctl(IOCTL_SYNC, &payload, 2);
                assert!(
                    (sync.status == STATUS_SUCCESS && sync.output == payload)
                        || removal_status(sync.status),
                    "{sync:?}"
                );
            }
            let parked = parked.wait();
            assert!(removal_status(parked.status), "{parked:?}");
            handle.close();
        }));
    }
    // The removal comes after a seed-chosen amount of the test thread's own traffic, so the
    // schedules cover removal early, midway and late in the clients' work.
    let own = sim.open(&GUID_STACK).unwrap();
    for _ in 0..sim.seed() % 8 {
        let echo = own.ioctl(IOCTL_ECHO, b"own", 3);
        assert_eq!(echo.status, STATUS_SUCCESS, "{echo:?}");
    }
    own.close();
    sim.remove_device(device).unwrap();
    for thread in threads {
        thread.join();
    }
    let fingerprint = sim.schedule_fingerprint();
    let violations: Vec<Violation> = sim.unload();
    assert_eq!(violations, [], "fingerprint {fingerprint}");
    fingerprint
}

#[test]
fn removing_the_stack_under_load_ends_every_request_under_every_schedule() {
    let random = explore(0..150, Policy::Random, |config| {
        remove_under_load(SimConfig {
            driver_name: "function".to_owned(),
            on_violation: OnViolation::Record,
            ..config
        })
    });
    assert!(random.distinct > 100, "{random:?}");
    let pct = explore(
        0..100,
        Policy::Pct {
            depth: 3,
            steps: 2_000,
        },
        |config| {
            remove_under_load(SimConfig {
                driver_name: "function".to_owned(),
                on_violation: OnViolation::Record,
                ..config
            })
        },
    );
    assert!(pct.distinct > 10, "{pct:?}");
    let [ended, cancelled, answered] = OUTCOMES.each_ref().map(|c| c.load(Ordering::SeqCst));
    // The schedules cover I/O answered before the removal, cancelled by it, and refused after.
    assert!(
        ended > 0 && cancelled > 0 && answered > 0,
        "{ended} {cancelled} {answered}"
    );
    eprintln!(
        "250 schedules: {answered} echoes answered, {cancelled} requests cancelled, {ended} ended \
         by removal otherwise"
    );
}

fn one_echo_through<const MODE: u8>() -> Vec<Violation> {
    let (sim, device) = stack::<MODE>(config(0, OnViolation::Record), LowerDevice::root());
    let handle = sim.open(&GUID_STACK).unwrap();
    let echo = handle.ioctl(IOCTL_ECHO, b"abc", 3);
    assert_eq!(echo.status, STATUS_SUCCESS, "{echo:?}");
    handle.close();
    sim.remove_device(device).unwrap();
    sim.unload()
}

#[test]
fn sending_a_request_without_formatting_it_is_reported() {
    let violations = one_echo_through::<{ filter::UNFORMATTED }>();
    let rules: Vec<(Rule, &str)> = violations
        .iter()
        .map(|v| (v.rule, v.call.as_str()))
        .collect();
    assert_eq!(
        rules,
        [(Rule::RequestNotFormatted, "WdfRequestSend")],
        "{violations:#?}"
    );
}

#[test]
fn formatting_a_send_and_forget_request_is_reported() {
    let violations = one_echo_through::<{ filter::FORGET_FORMATTED }>();
    let rules: Vec<(Rule, &str)> = violations
        .iter()
        .map(|v| (v.rule, v.call.as_str()))
        .collect();
    assert_eq!(
        rules,
        [(Rule::SendAndForgetFormatted, "WdfRequestSend")],
        "{violations:#?}"
    );
}

#[test]
fn a_driver_sends_its_own_requests_to_a_remote_target_it_opened_by_name() {
    let (sim, device) =
        stack::<{ filter::ALL }>(config(0, OnViolation::Panic), LowerDevice::root());
    let remote = sim
        .add_device_stack(r"Root\Remote", &[sim.driver()], LowerDevice::root())
        .unwrap();
    let paths = sim.interface_paths(&GUID_STACK);
    assert_eq!(paths.len(), 2, "{paths:?}");
    let name = paths
        .iter()
        .find(|p| p.contains("#REMOTE#"))
        .cloned()
        .unwrap();
    assert!(
        name.starts_with(r"\\?\ROOT#REMOTE#0001#{feed0005-"),
        "{name}"
    );
    *REMOTE_NAME.lock().unwrap() = name;
    let handle = sim.open(&GUID_STACK).unwrap();
    let opens_before = OPENS.load(Ordering::SeqCst);
    ok(&handle.ioctl(IOCTL_REMOTE, b"far away", 16), 8, b"far away");
    ok(
        &handle.ioctl(IOCTL_REMOTE_SYNC, b"and back", 16),
        8,
        b"and back",
    );
    // Each remote open made a handle of its own on the remote device, closed again.
    assert_eq!(OPENS.load(Ordering::SeqCst), opens_before + 2);
    assert_eq!(CLOSES.load(Ordering::SeqCst), 2);
    *REMOTE_NAME.lock().unwrap() =
        r"\??\ROOT#NOWHERE#0009#{feed0005-0005-0005-0505-050505050505}".to_owned();
    let missing = handle.ioctl(IOCTL_REMOTE, b"x", 1);
    assert_eq!(
        missing.status,
        kmdf_sim::wdk_sys::STATUS_OBJECT_NAME_NOT_FOUND,
        "{missing:?}"
    );
    handle.close();
    sim.remove_device(device).unwrap();
    sim.remove_device(remote).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_synchronous_send_with_a_timeout_is_cancelled_and_fails_with_io_timeout() {
    let (sim, device) =
        stack::<{ filter::ALL }>(config(0, OnViolation::Panic), LowerDevice::root());
    let handle = sim.open(&GUID_STACK).unwrap();
    let before = sim.now();
    let result = handle.ioctl(IOCTL_PARK_TIMEOUT, b"", 0);
    assert_eq!(result.status, STATUS_IO_TIMEOUT, "{result:?}");
    let waited = sim.now().checked_sub(before).unwrap();
    assert!(
        waited >= Duration::from_millis(10) && waited < Duration::from_millis(11),
        "cancelled at its 10 ms timeout, after {waited:?}"
    );
    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn sending_while_holding_a_spin_lock_is_reported() {
    let violations = one_echo_through::<{ filter::UNDER_SPIN_LOCK }>();
    let rules: Vec<(Rule, &str)> = violations
        .iter()
        .map(|v| (v.rule, v.call.as_str()))
        .collect();
    assert_eq!(
        rules,
        [(Rule::SendWhileHoldingSpinLock, "WdfRequestSend")],
        "{violations:#?}"
    );
}

/// Loads the stack in `MODE` beside a remote device, sends IOCTL_CLOSED_TARGET (its send fails:
/// the remote target was closed) and returns what the caller got, the driver's debug lines and
/// the violations.
fn failed_send<const MODE: u8>() -> (IoResult, Vec<String>, Vec<Violation>) {
    let (sim, device) = stack::<MODE>(config(0, OnViolation::Record), LowerDevice::root());
    let remote = sim
        .add_device_stack(r"Root\Remote", &[sim.driver()], LowerDevice::root())
        .unwrap();
    let name = sim
        .interface_paths(&GUID_STACK)
        .into_iter()
        .find(|p| p.contains("#REMOTE#"))
        .unwrap();
    *REMOTE_NAME.lock().unwrap() = name;
    let handle = sim.open(&GUID_STACK).unwrap();
    let result = handle.ioctl(IOCTL_CLOSED_TARGET, b"gone", 4);
    // The stack works on: the next request goes down and comes back.
    ok(&handle.ioctl(IOCTL_ECHO, b"still", 5), 5, b"still");
    handle.close();
    let debug = sim.debug_log();
    sim.remove_device(device).unwrap();
    sim.remove_device(remote).unwrap();
    (result, debug, sim.unload())
}

#[test]
fn a_failed_send_completed_with_its_own_status_is_clean() {
    let (result, _, violations) = failed_send::<{ filter::ALL }>();
    assert_eq!(result.status, STATUS_INVALID_DEVICE_STATE, "{result:?}");
    assert_eq!(violations, []);
}

/// The one FailedSendStatusReplaced report of a driver that completed IOCTL_CLOSED_TARGET with
/// STATUS_UNSUCCESSFUL after its send failed with STATUS_INVALID_DEVICE_STATE.
fn only_failed_send_report(result: &IoResult, violations: &[Violation]) {
    assert_eq!(result.status, STATUS_UNSUCCESSFUL, "{result:?}");
    let [violation] = violations else {
        panic!("one violation expected: {violations:#?}");
    };
    assert_eq!(violation.rule, Rule::FailedSendStatusReplaced);
    assert_eq!(violation.call, "WdfRequestCompleteWithInformation");
    assert!(
        violation.object.starts_with("WDFREQUEST 0x")
            && violation
                .object
                .ends_with("(IOCTL 0x80002024, in 4 / out 4 bytes)"),
        "{violation}"
    );
    assert_eq!(
        violation.detail,
        "WdfRequestSend returned FALSE with STATUS_INVALID_DEVICE_STATE (0xc0000184) \
         (WdfRequestGetStatus), and the request was completed with STATUS_UNSUCCESSFUL \
         (0xc0000001) without saying why: complete it with the send's status, or print the \
         reason (wdk::println!, DbgPrint) on the thread the send failed on before completing it"
    );
}

#[test]
fn completing_a_failed_send_with_another_status_is_reported() {
    let (result, _, violations) = failed_send::<{ filter::FAILED_SEND_REPLACED }>();
    only_failed_send_report(&result, &violations);
}

#[test]
fn a_reason_printed_before_the_send_failed_does_not_say_why() {
    let (result, debug, violations) = failed_send::<{ filter::FAILED_SEND_EXPLAINED_EARLY }>();
    assert!(
        debug
            .iter()
            .any(|line| line.trim_end() == FAILED_SEND_REASON),
        "{debug:#?}"
    );
    only_failed_send_report(&result, &violations);
}

#[test]
fn completing_a_failed_send_with_another_status_after_saying_why_is_allowed() {
    let (result, debug, violations) = failed_send::<{ filter::FAILED_SEND_EXPLAINED }>();
    assert_eq!(result.status, STATUS_UNSUCCESSFUL, "{result:?}");
    assert_eq!(violations, []);
    assert!(
        debug
            .iter()
            .any(|line| line.trim_end() == FAILED_SEND_REASON),
        "{debug:#?}"
    );
}

#[test]
fn completing_a_request_while_it_is_sent_is_reported() {
    // The refused completion ended nothing: the request stays parked until cancelled.
    let violations = park_and_cancel::<{ filter::COMPLETE_WHILE_SENT }>(OnViolation::Record);
    let [violation] = violations.as_slice() else {
        panic!("one violation expected: {violations:#?}");
    };
    assert_eq!(
        (violation.rule, violation.call.as_str()),
        (Rule::RequestNotOwned, "WdfRequestCompleteWithInformation"),
        "{violation}"
    );
    assert!(
        violation
            .detail
            .starts_with("the request was sent to an I/O target and has not come back"),
        "{violation}"
    );
}
