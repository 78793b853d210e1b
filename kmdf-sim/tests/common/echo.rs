//! A minimal METHOD_BUFFERED echo driver for measuring kmdf-sim itself (tests/lean.rs and
//! benches/requests.rs): ECHO returns its input, GET_INFO a fixed 16-byte reply, PRINT writes a
//! debug line, PARK leaves the request pending in a manual queue until RELEASE completes it,
//! and SCRIBBLE is the one bug: it writes into its buffer after completing the request.
//! kmdf-sim cannot use the iolab driver (iolab depends on kmdf-sim), so this is its stand-in,
//! written against the wdk-sys mirror like every test driver.

use core::sync::atomic::{AtomicPtr, Ordering};

use kmdf_sim::wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING, PVOID,
    PWDFDEVICE_INIT, STATUS_INVALID_DEVICE_REQUEST, STATUS_SUCCESS, ULONG, WDFDEVICE, WDFDRIVER,
    WDFQUEUE, WDFQUEUE__, WDFREQUEST, call_unsafe_wdf_function_binding,
};

use crate::common::{attributes, create_driver, queue_config};

/// The echo device's interface.
pub const GUID_ECHO: GUID = GUID {
    Data1: 0xec40_0001,
    Data2: 0x5157,
    Data3: 0x0001,
    Data4: [0x6b, 0x6d, 0x64, 0x66, 0x2d, 0x73, 0x69, 0x6d],
};

/// `CTL_CODE(0x8000, function, METHOD_BUFFERED, FILE_ANY_ACCESS)`.
const fn buffered(function: u32) -> u32 {
    (0x8000 << 16) | (function << 2)
}

/// Returns the input (input and output share the system buffer).
pub const IOCTL_ECHO: u32 = buffered(0x800);
/// Returns [`INFO`] (a small fixed reply, like iolab's GET_INFO).
pub const IOCTL_GET_INFO: u32 = buffered(0x801);
/// Writes a line to the debug output, returns nothing.
pub const IOCTL_PRINT: u32 = buffered(0x802);
/// Stays pending in a manual queue until a RELEASE completes it (with no data).
pub const IOCTL_PARK: u32 = buffered(0x803);
/// Completes the oldest parked request, then itself.
pub const IOCTL_RELEASE: u32 = buffered(0x804);

/// Completes the request, then writes `0x11` into its system buffer at the offset its input
/// starts with (a little-endian `u32`) through the pointer it kept: a write after completion.
pub const IOCTL_SCRIBBLE: u32 = buffered(0x805);

/// GET_INFO's reply.
pub const INFO: [u8; 16] = *b"kmdf-sim echo 1\0";

/// The manual queue PARK forwards to (one simulation per process, so one device at a time).
static PARKED: AtomicPtr<WDFQUEUE__> = AtomicPtr::new(core::ptr::null_mut());

/// The driver's DriverEntry.
///
/// # Safety
/// Called by kmdf-sim as DriverEntry.
pub unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

/// Creates a queue on `device`; fails the test (without unwinding) if it cannot.
fn create_queue(device: WDFDEVICE, manual: bool) -> WDFQUEUE {
    let mut config = if manual {
        queue_config(_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual, false)
    } else {
        let mut config = queue_config(
            _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
            true,
        );
        config.EvtIoDeviceControl = Some(device_control);
        config
    };
    let mut queue_attributes = attributes();
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: a live device, during EvtDriverDeviceAdd; every pointer outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            &raw mut queue_attributes,
            &raw mut queue
        )
    };
    if status != STATUS_SUCCESS {
        kmdf_sim::fail_test("echo: WdfIoQueueCreate failed");
    }
    queue
}

unsafe extern "C" fn device_add(_driver: WDFDRIVER, mut init: PWDFDEVICE_INIT) -> NTSTATUS {
    let mut device: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: EvtDriverDeviceAdd context; `init` is the framework's.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut init,
            core::ptr::null_mut(),
            &raw mut device
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    // SAFETY: a live device; the GUID is static.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            &GUID_ECHO,
            core::ptr::null()
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    create_queue(device, false);
    PARKED.store(create_queue(device, true), Ordering::Release);
    STATUS_SUCCESS
}

/// `WdfRequestRetrieve{Input,Output}Buffer`: the buffer and its length, or the failure status.
fn buffer(request: WDFREQUEST, output: bool, minimum: usize) -> Result<(*mut u8, usize), NTSTATUS> {
    let mut buffer: PVOID = core::ptr::null_mut();
    let mut length = 0;
    let status = if output {
        // SAFETY: the driver owns the request; both out-pointers are valid.
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestRetrieveOutputBuffer,
                request,
                minimum,
                &raw mut buffer,
                &raw mut length
            )
        }
    } else {
        // SAFETY: as above.
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestRetrieveInputBuffer,
                request,
                minimum,
                &raw mut buffer,
                &raw mut length
            )
        }
    };
    if status == STATUS_SUCCESS {
        Ok((buffer.cast(), length))
    } else {
        Err(status)
    }
}

/// ECHO: the output is the input. With METHOD_BUFFERED both are the one system buffer, so the
/// copy only happens if the framework ever hands out two buffers.
fn echo(request: WDFREQUEST) -> Result<usize, NTSTATUS> {
    let (input, length) = buffer(request, false, 1)?;
    let (output, _) = buffer(request, true, length)?;
    if input != output {
        // SAFETY: the framework's buffers of this owned request hold `length` bytes each (the
        // output's minimum was `length`); `copy` allows overlap.
        unsafe { core::ptr::copy(input, output, length) };
    }
    Ok(length)
}

fn get_info(request: WDFREQUEST) -> Result<usize, NTSTATUS> {
    let (output, _) = buffer(request, true, INFO.len())?;
    // SAFETY: the output buffer of this owned request holds at least INFO.len() bytes.
    unsafe { core::ptr::copy_nonoverlapping(INFO.as_ptr(), output, INFO.len()) };
    Ok(INFO.len())
}

fn release() -> NTSTATUS {
    let mut parked: WDFREQUEST = core::ptr::null_mut();
    // SAFETY: the live manual queue; the out-pointer is valid.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueRetrieveNextRequest,
            PARKED.load(Ordering::Acquire),
            &raw mut parked
        )
    };
    if status == STATUS_SUCCESS {
        // SAFETY: the driver owns the request it retrieved.
        unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, parked, STATUS_SUCCESS) };
    }
    status
}

fn scribble(request: WDFREQUEST) {
    let Ok((buffer, length)) = self::buffer(request, false, 4) else {
        kmdf_sim::fail_test("echo: SCRIBBLE needs a 4-byte offset");
        return;
    };
    // SAFETY: the input buffer of this owned request holds at least 4 bytes.
    let offset = unsafe { buffer.cast::<[u8; 4]>().read() };
    let offset = usize::try_from(u32::from_le_bytes(offset)).unwrap_or(usize::MAX);
    // SAFETY: the driver owns the request and completes it once.
    unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_SUCCESS);
    };
    if offset < length {
        // SAFETY: `offset` < `length`, inside the buffer the framework handed out.
        let target = unsafe { buffer.add(offset) };
        // SAFETY: deliberately broken, but the block stays allocated: kmdf-sim keeps a completed
        // request's buffers in its quarantine.
        unsafe { target.write(0x11) };
    }
}

unsafe extern "C" fn device_control(
    _queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    code: ULONG,
) {
    let result = match code {
        IOCTL_ECHO => echo(request),
        IOCTL_GET_INFO => get_info(request),
        IOCTL_PRINT => {
            kmdf_sim_wdk::println!("echo: PRINT request");
            Ok(0)
        }
        IOCTL_PARK => {
            // SAFETY: the driver owns the request; the destination is its live manual queue.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestForwardToIoQueue,
                    request,
                    PARKED.load(Ordering::Acquire)
                )
            };
            if status == STATUS_SUCCESS {
                return;
            }
            Err(status)
        }
        IOCTL_SCRIBBLE => {
            scribble(request);
            return;
        }
        IOCTL_RELEASE => {
            let status = release();
            if status == STATUS_SUCCESS {
                Ok(0)
            } else {
                Err(status)
            }
        }
        _ => Err(STATUS_INVALID_DEVICE_REQUEST),
    };
    let (status, information) = match result {
        Ok(bytes) => (STATUS_SUCCESS, bytes as u64),
        Err(status) => (status, 0),
    };
    // SAFETY: the driver owns the request and completes it once.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithInformation,
            request,
            status,
            information
        );
    };
}
