//! I/O queues: the device's default queue and the trampolines that deliver its reads, writes
//! and IOCTLs to the device context, and the requests it still owns when the device leaves D0
//! or is removed. DDI: "WdfIoQueueCreate function (wdfio.h)", "EVT_WDF_IO_QUEUE_IO_READ",
//! "EVT_WDF_IO_QUEUE_IO_WRITE", "EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL", "EVT_WDF_IO_QUEUE_IO_STOP".

use core::marker::PhantomData;

use wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, _WDF_TRI_STATE, ULONG, WDF_IO_QUEUE_CONFIG,
    WDF_NO_OBJECT_ATTRIBUTES, WDFQUEUE, WDFREQUEST, call_unsafe_wdf_function_binding,
};

use super::context::{self, ObjectContext};
use super::device::Device;
use super::request::{IoctlRequest, Request, StoppingRequest};
use super::status::{NtStatus, Result, to_result};
use super::trace::IoMeta;

/// How a queue presents requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dispatch {
    /// One request at a time.
    Sequential,
    /// As many at once as arrive.
    Parallel,
}

/// A device context that handles the I/O its default queue presents. Each method owns the
/// request and must complete it, or keep it to complete later.
pub trait IoCallbacks: ObjectContext {
    /// EvtIoRead: a read of `length` bytes.
    fn read(&self, request: Request, length: usize);
    /// EvtIoWrite: a write of `length` bytes.
    fn write(&self, request: Request, length: usize);
    /// EvtIoDeviceControl.
    fn device_control(&self, request: IoctlRequest);
    /// EvtIoStop: the queue is stopping (the device leaves D0, or is being removed) while the
    /// driver owns `request`. For [`super::request::StopAction::Suspend`] the device does not
    /// leave D0 until every such request is completed or kept ([`StoppingRequest::keep`]); a
    /// request neither (a driver that ignores this callback) hangs the power-down (bug check
    /// 0x9F on Windows).
    fn stop(&self, request: StoppingRequest<'_>);
}

/// A queue of a device with a `T` context.
pub struct Queue<'a, T> {
    raw: WDFQUEUE,
    _device: PhantomData<&'a T>,
}

impl<T> Queue<'_, T> {
    /// Whether the framework returned a handle (always, after a successful create).
    #[must_use]
    pub fn is_created(&self) -> bool {
        !self.raw.is_null()
    }
}

/// Creates the device's default queue (power-managed: it stops presenting while the device is
/// out of D0, and EvtIoStop tells `T` of the requests it owns then), delivering its I/O to the
/// device's `T`.
///
/// # Errors
/// The status `WdfIoQueueCreate` failed with.
pub fn create_default_queue<'a, T: IoCallbacks>(
    device: &Device<'a, T>,
    dispatch: Dispatch,
) -> Result<Queue<'a, T>> {
    #[expect(clippy::cast_possible_truncation, reason = "the structure is 96 bytes")]
    let size = size_of::<WDF_IO_QUEUE_CONFIG>() as ULONG;
    let mut config = WDF_IO_QUEUE_CONFIG {
        Size: size,
        DispatchType: match dispatch {
            Dispatch::Sequential => _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential,
            Dispatch::Parallel => _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
        },
        PowerManaged: _WDF_TRI_STATE::WdfUseDefault,
        DefaultQueue: u8::from(true),
        EvtIoRead: Some(evt_io_read::<T>),
        EvtIoWrite: Some(evt_io_write::<T>),
        EvtIoDeviceControl: Some(evt_io_device_control::<T>),
        EvtIoStop: Some(evt_io_stop::<T>),
        ..WDF_IO_QUEUE_CONFIG::default()
    };
    if dispatch == Dispatch::Parallel {
        // As WDF_IO_QUEUE_CONFIG_INIT does for parallel queues: no limit on presented requests.
        config.Settings.Parallel.NumberOfPresentedRequests = ULONG::MAX;
    }
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: live device; `config` and `queue` outlive the call; the queue's parent is the
    // device (no attributes); at most DISPATCH_LEVEL.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device.raw(),
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut queue
        )
    };
    to_result(status)?;
    Ok(Queue {
        raw: queue,
        _device: PhantomData,
    })
}

/// The `T` context of a queue's device.
///
/// # Safety
/// `queue` is live for `'a` (a queue callback's duration).
unsafe fn device_context<'a, T: ObjectContext>(queue: WDFQUEUE) -> Option<&'a T> {
    // SAFETY: a live queue handle (this function's contract).
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    // SAFETY: the queue's device outlives the queue's callbacks.
    unsafe { context::get::<T>(device.cast()) }
}

unsafe extern "C" fn evt_io_read<T: IoCallbacks>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    length: usize,
) {
    let meta = IoMeta::arrived(wdk_sys::IRP_MJ_READ, 0);
    // SAFETY: the framework presents a live request the driver now owns; a read.
    let request = unsafe { Request::from_raw(request, meta) };
    // SAFETY: for the callback's duration.
    match unsafe { device_context::<T>(queue) } {
        Some(context) => context.read(request, length),
        None => request.complete(Err(NtStatus::UNSUCCESSFUL)),
    }
}

unsafe extern "C" fn evt_io_write<T: IoCallbacks>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    length: usize,
) {
    let meta = IoMeta::arrived(wdk_sys::IRP_MJ_WRITE, 0);
    // SAFETY: as above; a write.
    let request = unsafe { Request::from_raw(request, meta) };
    // SAFETY: as above.
    match unsafe { device_context::<T>(queue) } {
        Some(context) => context.write(request, length),
        None => request.complete(Err(NtStatus::UNSUCCESSFUL)),
    }
}

unsafe extern "C" fn evt_io_device_control<T: IoCallbacks>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    output_buffer_length: usize,
    input_buffer_length: usize,
    io_control_code: ULONG,
) {
    // SAFETY: the framework presents a live request the driver now owns, with these parameters.
    let request = unsafe {
        IoctlRequest::from_raw(
            request,
            io_control_code,
            input_buffer_length,
            output_buffer_length,
        )
    };
    // SAFETY: as above.
    match unsafe { device_context::<T>(queue) } {
        Some(context) => context.device_control(request),
        None => request.complete(Err(NtStatus::UNSUCCESSFUL)),
    }
}

unsafe extern "C" fn evt_io_stop<T: IoCallbacks>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    action_flags: ULONG,
) {
    // SAFETY: the framework presents a live request the driver owns, for this callback only.
    let Some(request) = (unsafe { StoppingRequest::from_raw(request, action_flags) }) else {
        return;
    };
    // SAFETY: for the callback's duration.
    if let Some(context) = unsafe { device_context::<T>(queue) } {
        context.stop(request);
    }
}
