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
    /// 0x9F on Windows). Queues made with [`create_filter_queue`] have no EvtIoStop (their
    /// requests are at the device below, which answers for them), so the default does nothing.
    fn stop(&self, request: StoppingRequest<'_>) {
        let _ = request;
    }
    /// EvtIoInternalDeviceControl (only for queues made with [`create_filter_queue`]).
    fn internal_device_control(&self, request: IoctlRequest) {
        request.complete(Err(NtStatus::INVALID_DEVICE_REQUEST));
    }
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
    let config = WDF_IO_QUEUE_CONFIG {
        EvtIoStop: Some(evt_io_stop::<T>),
        ..default_config::<T>(dispatch)
    };
    create(device, config)
}

/// Creates a filter device's default queue: parallel, receiving reads, writes, device controls
/// and internal device controls (zero-length reads and writes too, so they reach the device
/// below as they came), delivering them to the device's `T`.
///
/// # Errors
/// The status `WdfIoQueueCreate` failed with.
pub fn create_filter_queue<'a, T: IoCallbacks>(device: &Device<'a, T>) -> Result<Queue<'a, T>> {
    let config = WDF_IO_QUEUE_CONFIG {
        AllowZeroLengthRequests: u8::from(true),
        EvtIoInternalDeviceControl: Some(evt_io_internal_device_control::<T>),
        ..default_config::<T>(Dispatch::Parallel)
    };
    create(device, config)
}

/// `WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE` with `T`'s read, write and IOCTL callbacks.
fn default_config<T: IoCallbacks>(dispatch: Dispatch) -> WDF_IO_QUEUE_CONFIG {
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
        ..WDF_IO_QUEUE_CONFIG::default()
    };
    if dispatch == Dispatch::Parallel {
        // As WDF_IO_QUEUE_CONFIG_INIT does for parallel queues: no limit on presented requests.
        config.Settings.Parallel.NumberOfPresentedRequests = ULONG::MAX;
    }
    config
}

/// `WdfIoQueueCreate` of `config` on `device`.
fn create<'a, T: ObjectContext>(
    device: &Device<'a, T>,
    mut config: WDF_IO_QUEUE_CONFIG,
) -> Result<Queue<'a, T>> {
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

/// Delivers an IOCTL (internal or not) to `deliver`.
///
/// # Safety
/// The framework's arguments of an EvtIoDeviceControl or EvtIoInternalDeviceControl call.
unsafe fn ioctl<T: IoCallbacks>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    [output_length, input_length]: [usize; 2],
    (major, code): (u32, ULONG),
    deliver: fn(&T, IoctlRequest),
) {
    // SAFETY: the framework presents a live request the driver now owns, with these parameters.
    let request =
        unsafe { IoctlRequest::from_raw(request, major, code, input_length, output_length) };
    // SAFETY: for the callback's duration.
    match unsafe { device_context::<T>(queue) } {
        Some(context) => deliver(context, request),
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
    let lengths = [output_buffer_length, input_buffer_length];
    // SAFETY: the framework's own arguments.
    unsafe {
        ioctl(
            queue,
            request,
            lengths,
            (wdk_sys::IRP_MJ_DEVICE_CONTROL, io_control_code),
            T::device_control,
        );
    };
}

unsafe extern "C" fn evt_io_internal_device_control<T: IoCallbacks>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    output_buffer_length: usize,
    input_buffer_length: usize,
    io_control_code: ULONG,
) {
    let lengths = [output_buffer_length, input_buffer_length];
    // SAFETY: the framework's own arguments.
    unsafe {
        ioctl(
            queue,
            request,
            lengths,
            (wdk_sys::IRP_MJ_INTERNAL_DEVICE_CONTROL, io_control_code),
            T::internal_device_control,
        );
    };
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
