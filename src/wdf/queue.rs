//! I/O queues: the device's default queue and the trampolines that deliver its requests to the
//! driver. DDI: "WdfIoQueueCreate function (wdfio.h)", "EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL".

use wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, _WDF_TRI_STATE, ULONG, WDF_IO_QUEUE_CONFIG,
    WDF_NO_OBJECT_ATTRIBUTES, WDFQUEUE, WDFREQUEST, call_unsafe_wdf_function_binding,
};

use super::context::{self, ObjectContext};
use super::device::Device;
use super::request::{IoctlParams, Request};
use super::status::{NtStatus, Result, to_result};

/// How a queue presents requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dispatch {
    /// One request at a time.
    Sequential,
    /// As many at once as arrive.
    Parallel,
}

/// A device context that handles device I/O control requests.
pub trait DeviceControl: ObjectContext {
    /// EvtIoDeviceControl: the driver owns `request` and must complete (or forward) it.
    fn device_control(&self, request: Request, params: IoctlParams);
}

/// Creates the device's default queue, delivering IOCTLs to the device's `T` context.
///
/// # Errors
/// The status `WdfIoQueueCreate` failed with.
pub fn create_default_queue<T: DeviceControl>(device: &Device<'_>, dispatch: Dispatch) -> Result {
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
        EvtIoDeviceControl: Some(evt_io_device_control::<T>),
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
    to_result(status)
}

unsafe extern "C" fn evt_io_device_control<T: DeviceControl>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    output_buffer_length: usize,
    input_buffer_length: usize,
    io_control_code: ULONG,
) {
    // SAFETY: the framework presents a live request the driver now owns.
    let request = unsafe { Request::from_raw(request) };
    // SAFETY: a live queue handle, for the duration of the callback.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    // SAFETY: the queue's device outlives the queue's callbacks.
    let context = unsafe { context::get::<T>(device.cast()) };
    let params = IoctlParams {
        code: io_control_code,
        input_length: input_buffer_length,
        output_length: output_buffer_length,
    };
    match context {
        Some(context) => context.device_control(request, params),
        None => request.complete(Err(NtStatus::UNSUCCESSFUL)),
    }
}
