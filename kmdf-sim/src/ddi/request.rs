//! Framework entry points for requests (wdfrequest.h) and manual queue retrieval (wdfio.h):
//! parameters, buffers, completion, information, cancellation, forwarding.

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use crate::ddi::write_out;
use crate::framework;
use crate::irql::{self, DISPATCH};
use crate::memory::SimBuffer;
use crate::state::{
    Kind, MemoryData, ObjData, ObjId, Owner, RequestData, RequestKind, State, handle, id_of,
};
use crate::verifier::Rule;

/// `STATUS_WDF_PAUSED` (ntstatus.h, 0xC0200203). wdk-sys 0.5.2 does not bind the `STATUS_WDF_*`
/// codes, so neither does the mirror; the simulator keeps its own.
#[expect(
    clippy::cast_possible_wrap,
    reason = "an NTSTATUS written as its hex bit pattern"
)]
const STATUS_WDF_PAUSED: NTSTATUS = 0xC020_0203_u32 as i32;

/// Finds a request the driver owns; reports use after completion, use of a request sitting in a
/// queue, and bad handles.
pub(crate) fn owned_request(
    state: &mut State,
    request: sys::WDFREQUEST,
    call: &str,
) -> Option<ObjId> {
    let id = state.expect_object(request, Kind::Request, call)?;
    let detail = match state.request(id).map(|r| r.owner) {
        Some(Owner::Queued(_)) => {
            "the request sits in a queue (forwarded or requeued); the driver no longer owns it"
        }
        Some(Owner::Sent { .. }) => {
            "the request was sent to an I/O target and has not come back yet"
        }
        _ => return Some(id),
    };
    state.violation_on(Rule::RequestNotOwned, call, id, detail.to_owned());
    None
}

pub(crate) unsafe extern "C" fn WdfRequestGetParameters(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    Parameters: sys::PWDF_REQUEST_PARAMETERS,
) {
    const CALL: &str = "WdfRequestGetParameters";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return;
    };
    if Parameters.is_null() {
        state.violation_on(
            Rule::InvalidArgument,
            CALL,
            id,
            "Parameters is null".to_owned(),
        );
        return;
    }
    // SAFETY: the DDI contract: Parameters points at a WDF_REQUEST_PARAMETERS.
    let size = unsafe { (*Parameters).Size };
    if usize::from(size) < size_of::<sys::WDF_REQUEST_PARAMETERS>() {
        let described = state.describe(id);
        state.violation(
            Rule::InvalidArgument,
            CALL,
            described,
            format!("Parameters.Size is {size}; initialise it to sizeof(WDF_REQUEST_PARAMETERS) (WDF_REQUEST_PARAMETERS_INIT)"),
        );
    }
    let Some(parameters) = state.request(id).map(parameters_of) else {
        return;
    };
    // SAFETY: as above; the structure is written whole.
    unsafe { Parameters.write(parameters) };
}

/// The `WDF_REQUEST_PARAMETERS` of a request: its type and the IRP stack location's parameters.
/// `Type3InputBuffer` is the caller's input pointer for an internal METHOD_NEITHER IOCTL (what
/// IoBuildDeviceIoControlRequest stores), and NULL otherwise: other transfer types leave it
/// zero, and for a METHOD_NEITHER IRP_MJ_DEVICE_CONTROL the KMDF verifier clears it.
pub(crate) fn parameters_of(request: &RequestData) -> sys::WDF_REQUEST_PARAMETERS {
    let kind = request.kind;
    let mut parameters = sys::WDF_REQUEST_PARAMETERS {
        Size: u16::try_from(size_of::<sys::WDF_REQUEST_PARAMETERS>()).unwrap_or(u16::MAX),
        Type: kind.request_type(),
        ..Default::default()
    };
    match kind {
        RequestKind::Read { length } => parameters.Parameters.Read.Length = length,
        RequestKind::Write { length } => parameters.Parameters.Write.Length = length,
        RequestKind::DeviceControl {
            code,
            input_length,
            output_length,
        }
        | RequestKind::InternalDeviceControl {
            code,
            input_length,
            output_length,
        } => {
            let caller_pointers =
                matches!(kind, RequestKind::InternalDeviceControl { .. }) && code & 3 == 3;
            let type3 = match &request.input {
                Some(input) if caller_pointers => input.as_ptr().cast(),
                _ => std::ptr::null_mut(),
            };
            parameters.Parameters.DeviceIoControl =
                sys::_WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_4 {
                    OutputBufferLength: output_length,
                    InputBufferLength: input_length,
                    IoControlCode: code,
                    Type3InputBuffer: type3,
                };
        }
        RequestKind::Create => {}
    }
    parameters
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Input,
    Output,
}

/// A request's input or output buffer as the framework hands it out: its address and length.
/// `Err` carries the DDI's status: STATUS_INVALID_DEVICE_REQUEST for a request type without that
/// buffer or one using neither buffered nor direct I/O, STATUS_BUFFER_TOO_SMALL for length 0.
fn request_region(
    state: &mut State,
    id: ObjId,
    direction: Direction,
    call: &str,
) -> Result<(*mut u8, usize), NTSTATUS> {
    let data = state.request(id).ok_or(sys::STATUS_INTERNAL_ERROR)?;
    let (available, memory) = match (data.kind, direction) {
        // The framework hands out METHOD_NEITHER's pointers only from a kernel-mode caller (an
        // internal IOCTL); a user-mode caller's would need EvtIoInCallerContext.
        (RequestKind::DeviceControl { code, .. }, _) if code & 3 == 3 => {
            return Err(sys::STATUS_INVALID_DEVICE_REQUEST);
        }
        (
            RequestKind::DeviceControl { input_length, .. }
            | RequestKind::InternalDeviceControl { input_length, .. },
            Direction::Input,
        ) => (input_length, data.input.as_ref()),
        (
            RequestKind::DeviceControl { output_length, .. }
            | RequestKind::InternalDeviceControl { output_length, .. },
            Direction::Output,
        ) => (output_length, data.output.as_ref().or(data.input.as_ref())),
        (RequestKind::Write { length }, Direction::Input) => (length, data.input.as_ref()),
        (RequestKind::Read { length }, Direction::Output) => (length, data.output.as_ref()),
        (kind, _) => {
            let detail = format!(
                "a {} request has no {} buffer",
                kind.describe(),
                if direction == Direction::Input {
                    "input"
                } else {
                    "output"
                }
            );
            state.violation_on(Rule::InvalidArgument, call, id, detail);
            return Err(sys::STATUS_INVALID_DEVICE_REQUEST);
        }
    };
    if available == 0 {
        return Err(sys::STATUS_BUFFER_TOO_SMALL);
    }
    // A length without a buffer: the device's reads and writes use neither buffered nor direct
    // I/O.
    let memory = memory.ok_or(sys::STATUS_INVALID_DEVICE_REQUEST)?;
    Ok((memory.as_ptr(), available))
}

pub(crate) fn retrieve_buffer(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    direction: Direction,
    request: sys::WDFREQUEST,
    minimum: usize,
    buffer: *mut sys::PVOID,
    length: *mut usize,
) -> NTSTATUS {
    let sim = irql::enter(globals, call, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, request, call) else {
        return sys::STATUS_INTERNAL_ERROR;
    };
    if buffer.is_null() {
        state.violation_on(Rule::InvalidArgument, call, id, "Buffer is null".to_owned());
        return sys::STATUS_INVALID_PARAMETER;
    }
    write_out(buffer, std::ptr::null_mut());
    match request_region(&mut state, id, direction, call) {
        Ok((_, available)) if available < minimum => sys::STATUS_BUFFER_TOO_SMALL,
        Ok((pointer, available)) => {
            write_out(buffer, pointer.cast());
            write_out(length, available);
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

/// `WdfRequestRetrieveInputMemory` and `WdfRequestRetrieveOutputMemory`: a WDFMEMORY (the
/// request's child, gone with its completion) viewing the buffer.
fn retrieve_memory(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    direction: Direction,
    request: sys::WDFREQUEST,
    memory: *mut sys::WDFMEMORY,
) -> NTSTATUS {
    let sim = irql::enter(globals, call, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, request, call) else {
        return sys::STATUS_INTERNAL_ERROR;
    };
    if memory.is_null() {
        state.violation_on(Rule::InvalidArgument, call, id, "Memory is null".to_owned());
        return sys::STATUS_INVALID_PARAMETER;
    }
    write_out(memory, std::ptr::null_mut());
    let view = match request_region(&mut state, id, direction, call) {
        Ok(view) => view,
        Err(status) => return status,
    };
    match framework::create_object(
        &mut state,
        Kind::Memory,
        Some(id),
        None,
        ObjData::Memory(MemoryData {
            buffer: SimBuffer::zeroed(0),
            view: Some(view),
        }),
        call,
    ) {
        Ok(created) => {
            write_out(memory, handle(created));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) unsafe extern "C" fn WdfRequestRetrieveInputMemory(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    Memory: *mut sys::WDFMEMORY,
) -> NTSTATUS {
    retrieve_memory(
        globals,
        "WdfRequestRetrieveInputMemory",
        Direction::Input,
        Request,
        Memory,
    )
}

pub(crate) unsafe extern "C" fn WdfRequestRetrieveOutputMemory(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    Memory: *mut sys::WDFMEMORY,
) -> NTSTATUS {
    retrieve_memory(
        globals,
        "WdfRequestRetrieveOutputMemory",
        Direction::Output,
        Request,
        Memory,
    )
}

pub(crate) unsafe extern "C" fn WdfRequestRetrieveInputBuffer(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    MinimumRequiredLength: usize,
    Buffer: *mut sys::PVOID,
    Length: *mut usize,
) -> NTSTATUS {
    retrieve_buffer(
        globals,
        "WdfRequestRetrieveInputBuffer",
        Direction::Input,
        Request,
        MinimumRequiredLength,
        Buffer,
        Length,
    )
}

pub(crate) unsafe extern "C" fn WdfRequestRetrieveOutputBuffer(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    MinimumRequiredSize: usize,
    Buffer: *mut sys::PVOID,
    Length: *mut usize,
) -> NTSTATUS {
    retrieve_buffer(
        globals,
        "WdfRequestRetrieveOutputBuffer",
        Direction::Output,
        Request,
        MinimumRequiredSize,
        Buffer,
        Length,
    )
}

/// Reports a second completion precisely (rather than as a generic use after completion).
pub(crate) fn double_completion(state: &mut State, request: sys::WDFREQUEST, call: &str) -> bool {
    let Some(id) = id_of(request) else {
        return false;
    };
    let Some(fate) = state.completion_of(id) else {
        return false;
    };
    let described = state.describe(id);
    state.violation(
        Rule::DoubleCompletion,
        call,
        described,
        format!("the request was already {fate}; the first completion stands"),
    );
    true
}

pub(crate) fn complete(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    request: sys::WDFREQUEST,
    status: NTSTATUS,
    information: Option<u64>,
) {
    let sim = irql::enter(globals, call, DISPATCH);
    let id = {
        let mut state = sim.lock();
        if double_completion(&mut state, request, call) {
            return;
        }
        let Some(id) = owned_request(&mut state, request, call) else {
            return;
        };
        if status == sys::STATUS_PENDING {
            let described = state.describe(id);
            state.violation(
                Rule::InvalidArgument,
                call,
                described,
                "a request cannot be completed with STATUS_PENDING".to_owned(),
            );
        }
        id
    };
    framework::complete(&sim, id, status, information, call);
}

pub(crate) unsafe extern "C" fn WdfRequestComplete(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    Status: NTSTATUS,
) {
    complete(globals, "WdfRequestComplete", Request, Status, None);
}

pub(crate) unsafe extern "C" fn WdfRequestCompleteWithInformation(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    Status: NTSTATUS,
    Information: sys::ULONG_PTR,
) {
    complete(
        globals,
        "WdfRequestCompleteWithInformation",
        Request,
        Status,
        Some(Information),
    );
}

pub(crate) unsafe extern "C" fn WdfRequestSetInformation(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    Information: sys::ULONG_PTR,
) {
    const CALL: &str = "WdfRequestSetInformation";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return;
    };
    if let Some(data) = state.request_mut(id) {
        data.information = Information;
    }
}

pub(crate) unsafe extern "C" fn WdfRequestGetInformation(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> sys::ULONG_PTR {
    const CALL: &str = "WdfRequestGetInformation";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return 0;
    };
    state.request(id).map_or(0, |r| r.information)
}

pub(crate) unsafe extern "C" fn WdfRequestGetIoQueue(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> sys::WDFQUEUE {
    const CALL: &str = "WdfRequestGetIoQueue";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return std::ptr::null_mut();
    };
    match state.request(id).map(|r| r.owner) {
        Some(Owner::Driver { queue: Some(queue) } | Owner::Queued(queue)) => handle(queue),
        _ => std::ptr::null_mut(),
    }
}

pub(crate) unsafe extern "C" fn WdfRequestGetFileObject(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> sys::WDFFILEOBJECT {
    const CALL: &str = "WdfRequestGetFileObject";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return std::ptr::null_mut();
    };
    state
        .request(id)
        .and_then(|r| r.file)
        .map_or(std::ptr::null_mut(), handle)
}

pub(crate) unsafe extern "C" fn WdfRequestGetRequestorMode(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> sys::KPROCESSOR_MODE {
    const CALL: &str = "WdfRequestGetRequestorMode";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let id = owned_request(&mut state, Request, CALL);
    // An internal IOCTL comes from a kernel-mode caller; the rest from the test's user mode.
    let kernel = id
        .and_then(|id| state.request(id))
        .is_some_and(|r| matches!(r.kind, RequestKind::InternalDeviceControl { .. }));
    let mode = if kernel {
        sys::_MODE::KernelMode
    } else {
        sys::_MODE::UserMode
    };
    #[expect(clippy::cast_possible_truncation, reason = "MODE values are 0 and 1")]
    let mode = mode as sys::KPROCESSOR_MODE;
    mode
}

pub(crate) unsafe extern "C" fn WdfRequestMarkCancelableEx(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    EvtRequestCancel: sys::PFN_WDF_REQUEST_CANCEL,
) -> NTSTATUS {
    const CALL: &str = "WdfRequestMarkCancelableEx";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let Some(data) = state.request_mut(id) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    if EvtRequestCancel.is_none() {
        state.violation_on(
            Rule::InvalidArgument,
            CALL,
            id,
            "EvtRequestCancel is null".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    if data.cancel_routine.is_some() {
        state.violation_on(
            Rule::CancelMisuse,
            CALL,
            id,
            "the request is already marked cancelable".to_owned(),
        );
        return sys::STATUS_INVALID_DEVICE_REQUEST;
    }
    if data.cancel_requested {
        return sys::STATUS_CANCELLED;
    }
    data.cancel_routine = EvtRequestCancel;
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfRequestUnmarkCancelable(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> NTSTATUS {
    const CALL: &str = "WdfRequestUnmarkCancelable";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let Some(data) = state.request_mut(id) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    if data.cancel_routine.take().is_some() {
        return sys::STATUS_SUCCESS;
    }
    if data.cancel_requested {
        return sys::STATUS_CANCELLED;
    }
    state.violation_on(
        Rule::CancelMisuse,
        CALL,
        id,
        "the request is not marked cancelable".to_owned(),
    );
    sys::STATUS_INVALID_DEVICE_REQUEST
}

pub(crate) unsafe extern "C" fn WdfRequestIsCanceled(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> sys::BOOLEAN {
    const CALL: &str = "WdfRequestIsCanceled";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return 0;
    };
    u8::from(state.request(id).is_some_and(|r| r.cancel_requested))
}

pub(crate) unsafe extern "C" fn WdfRequestForwardToIoQueue(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    DestinationQueue: sys::WDFQUEUE,
) -> NTSTATUS {
    const CALL: &str = "WdfRequestForwardToIoQueue";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let (source, destination, id) = {
        let mut state = sim.lock();
        let Some(id) = owned_request(&mut state, Request, CALL) else {
            return sys::STATUS_INVALID_HANDLE;
        };
        let Some(destination) = state.expect_object(DestinationQueue, Kind::Queue, CALL) else {
            return sys::STATUS_INVALID_HANDLE;
        };
        let Some(Owner::Driver {
            queue: Some(source),
        }) = state.request(id).map(|r| r.owner)
        else {
            return sys::STATUS_INVALID_DEVICE_REQUEST;
        };
        if source == destination {
            state.violation_on(
                Rule::InvalidArgument,
                CALL,
                id,
                "the destination is the queue the request came from".to_owned(),
            );
            return sys::STATUS_INVALID_DEVICE_REQUEST;
        }
        if state.queue(source).map(|q| q.device) != state.queue(destination).map(|q| q.device) {
            state.violation_on(
                Rule::InvalidArgument,
                CALL,
                id,
                "the destination queue belongs to another device".to_owned(),
            );
            return sys::STATUS_INVALID_DEVICE_REQUEST;
        }
        if state
            .request(id)
            .is_some_and(|r| r.cancel_routine.is_some())
        {
            state.violation_on(
                Rule::CancelMisuse,
                CALL,
                id,
                "a cancelable request cannot be forwarded".to_owned(),
            );
            return sys::STATUS_INVALID_DEVICE_REQUEST;
        }
        if !state.queue(destination).is_some_and(|q| q.accepting) {
            return sys::STATUS_INVALID_DEVICE_STATE;
        }
        framework::queue::hand_back(&mut state, id, source, destination, false);
        (source, destination, id)
    };
    framework::queue::cancel_if_requested(&sim, id);
    framework::dispatch(&sim, destination);
    framework::dispatch(&sim, source);
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfRequestRequeue(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> NTSTATUS {
    const CALL: &str = "WdfRequestRequeue";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let (queue, id) = {
        let mut state = sim.lock();
        let Some(id) = owned_request(&mut state, Request, CALL) else {
            return sys::STATUS_INVALID_HANDLE;
        };
        let Some(Owner::Driver { queue: Some(queue) }) = state.request(id).map(|r| r.owner) else {
            return sys::STATUS_INVALID_DEVICE_REQUEST;
        };
        if state
            .request(id)
            .is_some_and(|r| r.cancel_routine.is_some())
        {
            let described = state.describe(id);
            state.violation(
                Rule::CancelMisuse,
                CALL,
                described,
                "a cancelable request cannot be requeued".to_owned(),
            );
            return sys::STATUS_INVALID_DEVICE_REQUEST;
        }
        framework::queue::hand_back(&mut state, id, queue, queue, true);
        (queue, id)
    };
    framework::queue::cancel_if_requested(&sim, id);
    framework::dispatch(&sim, queue);
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfIoQueueRetrieveNextRequest(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
    OutRequest: *mut sys::WDFREQUEST,
) -> NTSTATUS {
    const CALL: &str = "WdfIoQueueRetrieveNextRequest";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    write_out(OutRequest, std::ptr::null_mut());
    let Some(queue) = state.expect_object(Queue, Kind::Queue, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    if OutRequest.is_null() {
        state.violation_on(
            Rule::InvalidArgument,
            CALL,
            queue,
            "OutRequest is null".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    let Some(data) = state.queue_mut(queue) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    if data.dispatch != sys::_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual {
        let described = state.describe(queue);
        state.violation(
            Rule::InvalidArgument,
            CALL,
            described,
            "only a manual queue hands out requests on demand".to_owned(),
        );
        return sys::STATUS_INVALID_DEVICE_REQUEST;
    }
    if !data.started {
        return STATUS_WDF_PAUSED;
    }
    let Some(request) = data.pending.pop_front() else {
        return sys::STATUS_NO_MORE_ENTRIES;
    };
    data.presented += 1;
    if let Some(r) = state.request_mut(request) {
        r.owner = Owner::Driver { queue: Some(queue) };
    }
    write_out(OutRequest, handle(request));
    sys::STATUS_SUCCESS
}
