//! The I/O manager's own contracts, seen from a test driver: each IOCTL transfer type hands the
//! driver the right buffers with the right contents in each direction (METHOD_IN_DIRECT's
//! second buffer carries the caller's data to the device; METHOD_OUT_DIRECT's takes the
//! driver's; METHOD_NEITHER's cannot be retrieved), the caller's NULL buffer with a length is
//! refused before the driver sees it, reads and writes follow the device's I/O type, request
//! memory objects view the buffers, and an exclusive device takes one handle at a time.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use kmdf_sim::wdk_sys::{
    _WDF_DEVICE_IO_TYPE, _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, GUID, NTSTATUS,
    PCUNICODE_STRING, PWDFDEVICE_INIT, STATUS_ACCESS_DENIED, STATUS_ACCESS_VIOLATION,
    STATUS_INVALID_DEVICE_REQUEST, STATUS_SUCCESS, ULONG, WDF_DEVICE_IO_TYPE,
    WDF_OBJECT_ATTRIBUTES, WDFDRIVER, WDFMEMORY, WDFOBJECT, WDFQUEUE, WDFREQUEST,
    call_unsafe_wdf_function_binding,
};
use kmdf_sim::{SimError, Simulation, UserBuffer};

mod common;
use common::{attributes, create_driver, queue_config};
#[path = "common/device.rs"]
mod device;

const GUID_IO: GUID = GUID {
    Data1: 0xfeed_0008,
    Data2: 8,
    Data3: 8,
    Data4: [8, 8, 8, 8, 8, 8, 8, 8],
};

/// CTL_CODE(0x8000, 0x800 + n, method, FILE_ANY_ACCESS).
const fn ioctl(function: u32, method: u32) -> u32 {
    (0x8000 << 16) | ((0x800 + function) << 2) | method
}
/// METHOD_BUFFERED: the output is the input reversed.
const IOCTL_REVERSE: u32 = ioctl(0, 0);
/// METHOD_IN_DIRECT: the driver records both buffers as it sees them.
const IOCTL_IN_DIRECT: u32 = ioctl(1, 1);
/// METHOD_OUT_DIRECT: the output is the input reversed.
const IOCTL_OUT_DIRECT: u32 = ioctl(2, 2);
/// METHOD_NEITHER: the driver records the retrieve statuses.
const IOCTL_NEITHER: u32 = ioctl(3, 3);
/// METHOD_BUFFERED, through WDFMEMORY views: the output is the input reversed.
const IOCTL_REVERSE_BY_MEMORY: u32 = ioctl(4, 0);

/// What the driver saw: buffers as bytes, or retrieve statuses.
#[derive(Debug, PartialEq, Eq)]
enum Seen {
    Buffers(Vec<u8>, Vec<u8>),
    Statuses(NTSTATUS, NTSTATUS),
    Read(Vec<u8>),
}

static SEEN: Mutex<Vec<Seen>> = Mutex::new(Vec::new());
/// Requests whose cleanup callback ran (the device's request attributes give every request
/// one): each request the driver got is deleted once completed.
static CLEANED: AtomicU32 = AtomicU32::new(0);

unsafe extern "C" fn request_cleanup(_request: WDFOBJECT) {
    CLEANED.fetch_add(1, Ordering::SeqCst);
}

fn seen() -> Vec<Seen> {
    std::mem::take(
        &mut *SEEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    )
}

fn record(what: Seen) {
    SEEN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(what);
}

mod io_type {
    pub const BUFFERED: u8 = 0;
    pub const DIRECT: u8 = 1;
    pub const NEITHER: u8 = 2;
    /// Buffered, and the device is exclusive.
    pub const EXCLUSIVE: u8 = 3;
}

const fn wdf_io_type(mode: u8) -> WDF_DEVICE_IO_TYPE {
    match mode {
        io_type::DIRECT => _WDF_DEVICE_IO_TYPE::WdfDeviceIoDirect,
        io_type::NEITHER => _WDF_DEVICE_IO_TYPE::WdfDeviceIoNeither,
        _ => _WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered,
    }
}

unsafe extern "system" fn driver_entry<const MODE: u8>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    seen();
    CLEANED.store(0, Ordering::SeqCst);
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add::<MODE>)) }
}

unsafe extern "C" fn device_add<const MODE: u8>(
    _driver: WDFDRIVER,
    init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    // SAFETY: EvtDriverDeviceAdd context.
    unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitSetIoType, init, wdf_io_type(MODE)) };
    let exclusive = u8::from(MODE == io_type::EXCLUSIVE);
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitSetExclusive, init, exclusive) };
    let mut request_attributes = WDF_OBJECT_ATTRIBUTES {
        EvtCleanupCallback: Some(request_cleanup),
        ..attributes()
    };
    // SAFETY: as above; the attributes outlive the call.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceInitSetRequestAttributes,
            init,
            &raw mut request_attributes
        );
    };
    let mut config = queue_config(
        _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential,
        true,
    );
    config.EvtIoDeviceControl = Some(device_control);
    config.EvtIoRead = Some(read);
    config.EvtIoWrite = Some(write);
    // SAFETY: EvtDriverDeviceAdd context.
    unsafe { device::create_device(init, &GUID_IO, config) }
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

/// Retrieves a buffer: its status, and its bytes if it succeeded.
fn retrieve(request: WDFREQUEST, output: bool) -> (NTSTATUS, *mut u8, usize) {
    let (mut pointer, mut length) = (core::ptr::null_mut(), 0_usize);
    let status = if output {
        // SAFETY: the driver owns the request; out-pointers are locals.
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestRetrieveOutputBuffer,
                request,
                0,
                &raw mut pointer,
                &raw mut length
            )
        }
    } else {
        // SAFETY: as above.
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestRetrieveInputBuffer,
                request,
                0,
                &raw mut pointer,
                &raw mut length
            )
        }
    };
    (status, pointer.cast(), length)
}

/// The bytes at a retrieved buffer.
fn bytes<'a>(pointer: *mut u8, length: usize) -> &'a mut [u8] {
    if length == 0 {
        return &mut [];
    }
    // SAFETY: a buffer the framework handed out, owned by the request until it completes.
    unsafe { core::slice::from_raw_parts_mut(pointer, length) }
}

unsafe extern "C" fn device_control(
    _queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    input_length: usize,
    code: ULONG,
) {
    match code {
        IOCTL_REVERSE | IOCTL_OUT_DIRECT => {
            let (s1, input, n) = retrieve(request, false);
            let data: Vec<u8> = bytes(input, n).iter().rev().copied().collect();
            let (s2, output, room) = retrieve(request, true);
            if s1 != STATUS_SUCCESS || s2 != STATUS_SUCCESS || room < data.len() {
                complete(request, STATUS_INVALID_DEVICE_REQUEST, 0);
                return;
            }
            bytes(output, data.len()).copy_from_slice(&data);
            complete(request, STATUS_SUCCESS, data.len());
        }
        IOCTL_IN_DIRECT => {
            let (_, input, n) = retrieve(request, false);
            let (_, second, m) = retrieve(request, true);
            record(Seen::Buffers(
                bytes(input, n).to_vec(),
                bytes(second, m).to_vec(),
            ));
            complete(request, STATUS_SUCCESS, m);
        }
        IOCTL_NEITHER => {
            let (s1, _, _) = retrieve(request, false);
            let (s2, _, _) = retrieve(request, true);
            record(Seen::Statuses(s1, s2));
            complete(request, STATUS_SUCCESS, 0);
        }
        IOCTL_REVERSE_BY_MEMORY => reverse_by_memory(request, input_length),
        _ => complete(request, STATUS_INVALID_DEVICE_REQUEST, 0),
    }
}

/// IOCTL_REVERSE through `WdfRequestRetrieveInputMemory`/`OutputMemory` and the memory copy
/// DDIs.
fn reverse_by_memory(request: WDFREQUEST, input_length: usize) {
    let (mut input, mut output): (WDFMEMORY, WDFMEMORY) =
        (core::ptr::null_mut(), core::ptr::null_mut());
    // SAFETY: the driver owns the request; out-pointers are locals.
    let s1 = unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestRetrieveInputMemory, request, &raw mut input)
    };
    // SAFETY: as above.
    let s2 = unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestRetrieveOutputMemory, request, &raw mut output)
    };
    if s1 != STATUS_SUCCESS || s2 != STATUS_SUCCESS {
        complete(request, STATUS_INVALID_DEVICE_REQUEST, 0);
        return;
    }
    let mut data = vec![0_u8; input_length];
    // SAFETY: live memory views; `data` holds input_length bytes.
    let copied = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCopyToBuffer,
            input,
            0,
            data.as_mut_ptr().cast(),
            input_length
        )
    };
    data.reverse();
    // SAFETY: as above; the output view is at least as long (the test's contract).
    let written = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCopyFromBuffer,
            output,
            0,
            data.as_mut_ptr().cast(),
            input_length
        )
    };
    if copied != STATUS_SUCCESS || written != STATUS_SUCCESS {
        complete(request, STATUS_INVALID_DEVICE_REQUEST, 0);
        return;
    }
    complete(request, STATUS_SUCCESS, input_length);
}

unsafe extern "C" fn read(_queue: WDFQUEUE, request: WDFREQUEST, length: usize) {
    let (status, output, room) = retrieve(request, true);
    if status != STATUS_SUCCESS {
        record(Seen::Statuses(status, status));
        complete(request, status, 0);
        return;
    }
    let buffer = bytes(output, room);
    record(Seen::Read(buffer.to_vec()));
    buffer.fill(b'r');
    complete(request, STATUS_SUCCESS, length.min(room));
}

unsafe extern "C" fn write(_queue: WDFQUEUE, request: WDFREQUEST, length: usize) {
    let (status, input, n) = retrieve(request, false);
    if status != STATUS_SUCCESS {
        record(Seen::Statuses(status, status));
        complete(request, status, 0);
        return;
    }
    record(Seen::Buffers(bytes(input, n).to_vec(), Vec::new()));
    complete(request, STATUS_SUCCESS, length);
}

fn started<const MODE: u8>() -> (Simulation, kmdf_sim::DeviceRef) {
    let sim = Simulation::load(driver_entry::<MODE>).unwrap();
    let device = sim.add_device(r"Root\Io").unwrap();
    (sim, device)
}

#[test]
fn each_ioctl_transfer_type_hands_over_the_right_buffers() {
    let (sim, device) = started::<{ io_type::BUFFERED }>();
    let handle = sim.open(&GUID_IO).unwrap();
    let reversed = handle.ioctl(IOCTL_REVERSE, b"abc", 8);
    assert_eq!(
        (reversed.status, reversed.output.as_slice()),
        (STATUS_SUCCESS, &b"cba"[..])
    );
    // METHOD_IN_DIRECT: the second buffer carries the caller's data to the driver.
    let sent = handle
        .device_io_control_with(
            IOCTL_IN_DIRECT,
            UserBuffer::Bytes(b"header"),
            UserBuffer::Bytes(b"payload to the device"),
        )
        .wait();
    assert_eq!(sent.status, STATUS_SUCCESS);
    assert_eq!(
        seen(),
        [Seen::Buffers(
            b"header".to_vec(),
            b"payload to the device".to_vec()
        )]
    );
    // METHOD_OUT_DIRECT: the driver writes into the caller's second buffer.
    let out = handle
        .device_io_control_with(
            IOCTL_OUT_DIRECT,
            UserBuffer::Bytes(b"xyz"),
            UserBuffer::Bytes(b"......"),
        )
        .wait();
    assert_eq!(
        (out.status, out.information, out.output.as_slice()),
        (STATUS_SUCCESS, 3, &b"zyx"[..])
    );
    // METHOD_NEITHER: the framework has no buffer to hand out.
    assert_eq!(
        handle.ioctl(IOCTL_NEITHER, b"raw", 4).status,
        STATUS_SUCCESS
    );
    assert_eq!(
        seen(),
        [Seen::Statuses(
            STATUS_INVALID_DEVICE_REQUEST,
            STATUS_INVALID_DEVICE_REQUEST
        )]
    );
    // WDFMEMORY views of the request's buffers.
    let by_memory = handle.ioctl(IOCTL_REVERSE_BY_MEMORY, b"memory", 6);
    assert_eq!(
        (by_memory.status, by_memory.output.as_slice()),
        (STATUS_SUCCESS, &b"yromem"[..])
    );
    assert_eq!(
        CLEANED.load(Ordering::SeqCst),
        5,
        "each of the 5 requests was deleted"
    );
    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_null_buffer_with_a_length_is_refused_before_the_driver_sees_it() {
    let (sim, device) = started::<{ io_type::BUFFERED }>();
    let handle = sim.open(&GUID_IO).unwrap();
    for (input, output) in [
        (UserBuffer::Null(4), UserBuffer::Length(4)),
        (UserBuffer::Bytes(b"abc"), UserBuffer::Null(8)),
    ] {
        let result = handle
            .device_io_control_with(IOCTL_IN_DIRECT, input, output)
            .wait();
        assert_eq!(
            result.status, STATUS_ACCESS_VIOLATION,
            "{input:?} {output:?}"
        );
    }
    let result = handle.read_with(UserBuffer::Null(16)).wait();
    assert_eq!(result.status, STATUS_ACCESS_VIOLATION);
    assert_eq!(seen(), [], "the driver saw none of them");
    assert_eq!(
        CLEANED.load(Ordering::SeqCst),
        0,
        "no request was even made"
    );
    // NULL with length 0 is no buffer at all; METHOD_NEITHER's buffers go unprobed.
    let result = handle
        .device_io_control_with(IOCTL_IN_DIRECT, UserBuffer::Null(0), UserBuffer::Null(0))
        .wait();
    assert_eq!(result.status, STATUS_SUCCESS);
    let result = handle
        .device_io_control_with(IOCTL_NEITHER, UserBuffer::Null(4), UserBuffer::Null(4))
        .wait();
    assert_eq!(result.status, STATUS_SUCCESS);
    assert_eq!(
        seen(),
        [
            Seen::Buffers(Vec::new(), Vec::new()),
            Seen::Statuses(STATUS_INVALID_DEVICE_REQUEST, STATUS_INVALID_DEVICE_REQUEST),
        ]
    );
    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

/// A read into a caller buffer holding "old!", then a write of "data".
fn read_and_write<const MODE: u8>() -> (Vec<Seen>, NTSTATUS, Vec<u8>) {
    let (sim, device) = started::<MODE>();
    let handle = sim.open(&GUID_IO).unwrap();
    let read = handle.read_with(UserBuffer::Bytes(b"old!")).wait();
    let write = handle.write(b"data").wait();
    assert_eq!(read.status, write.status);
    handle.close();
    sim.remove_device(device).unwrap();
    // Taken while this simulation still holds the process's one slot: once it unloads, another
    // test's driver may run and clear the record.
    let saw = seen();
    assert_eq!(sim.unload(), []);
    (saw, read.status, read.output)
}

#[test]
fn reads_and_writes_follow_the_device_io_type() {
    let f = 0xCD;
    // Buffered: a read's system buffer is fresh (the caller's bytes are not in it).
    let (saw, status, output) = read_and_write::<{ io_type::BUFFERED }>();
    assert_eq!(status, STATUS_SUCCESS);
    assert_eq!(output, b"rrrr");
    assert_eq!(
        saw,
        [
            Seen::Read(vec![f, f, f, f]),
            Seen::Buffers(b"data".to_vec(), Vec::new())
        ]
    );
    // Direct: the driver works in the caller's own buffer.
    let (saw, status, output) = read_and_write::<{ io_type::DIRECT }>();
    assert_eq!((status, output.as_slice()), (STATUS_SUCCESS, &b"rrrr"[..]));
    assert_eq!(
        saw,
        [
            Seen::Read(b"old!".to_vec()),
            Seen::Buffers(b"data".to_vec(), Vec::new())
        ]
    );
    // Neither: nothing the framework can hand out.
    let (saw, status, _) = read_and_write::<{ io_type::NEITHER }>();
    assert_eq!(status, STATUS_INVALID_DEVICE_REQUEST);
    let refused = Seen::Statuses(STATUS_INVALID_DEVICE_REQUEST, STATUS_INVALID_DEVICE_REQUEST);
    assert_eq!(
        saw,
        [
            refused,
            Seen::Statuses(STATUS_INVALID_DEVICE_REQUEST, STATUS_INVALID_DEVICE_REQUEST)
        ]
    );
}

#[test]
fn an_exclusive_device_takes_one_handle_at_a_time() {
    let (sim, device) = started::<{ io_type::EXCLUSIVE }>();
    let first = sim.open(&GUID_IO).unwrap();
    assert_eq!(
        sim.open(&GUID_IO).unwrap_err(),
        SimError::CreateFailed(STATUS_ACCESS_DENIED)
    );
    first.close();
    let second = sim.open(&GUID_IO).unwrap();
    second.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);

    // Not exclusive: any number.
    let (sim, device) = started::<{ io_type::BUFFERED }>();
    let handles: Vec<_> = (0..3).map(|_| sim.open(&GUID_IO).unwrap()).collect();
    drop(handles);
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}
