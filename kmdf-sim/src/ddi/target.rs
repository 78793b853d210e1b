//! Framework entry points for I/O targets and sending requests (wdfiotarget.h, wdfrequest.h,
//! wdfdevice.h). DDI: "WdfDeviceGetIoTarget function (wdfdevice.h)", "WdfIoTargetGetDevice",
//! "WdfRequestFormatRequestUsingCurrentType", "WdfRequestSend", "WdfRequestGetStatus",
//! "WdfRequestSetCompletionRoutine", "WdfRequestGetCompletionParams",
//! "WdfRequestCancelSentRequest".

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::device::read_unicode;
use super::request::owned_request;
use super::write_out;
use crate::framework;
use crate::framework::target::SendHow;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::state::{
    CompletionRoutine, FailedSend, IoTargetData, Kind, ObjData, ObjId, OutputSink, Owner, Remote,
    RequestKind, State, handle,
};
use crate::verifier::Rule;

pub(crate) unsafe extern "C" fn WdfDeviceGetIoTarget(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
) -> sys::WDFIOTARGET {
    const CALL: &str = "WdfDeviceGetIoTarget";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(device) = state.expect_object(Device, Kind::Device, CALL) else {
        return std::ptr::null_mut();
    };
    state
        .device(device)
        .and_then(|d| d.target)
        .map_or(std::ptr::null_mut(), handle)
}

pub(crate) unsafe extern "C" fn WdfIoTargetGetDevice(
    globals: PWDF_DRIVER_GLOBALS,
    IoTarget: sys::WDFIOTARGET,
) -> sys::WDFDEVICE {
    const CALL: &str = "WdfIoTargetGetDevice";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(target) = state.expect_object(IoTarget, Kind::IoTarget, CALL) else {
        return std::ptr::null_mut();
    };
    state
        .target(target)
        .map_or(std::ptr::null_mut(), |t| handle(t.device))
}

pub(crate) unsafe extern "C" fn WdfRequestFormatRequestUsingCurrentType(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) {
    const CALL: &str = "WdfRequestFormatRequestUsingCurrentType";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return;
    };
    if let Some(data) = state.request_mut(id) {
        data.formatted = true;
    }
}

pub(crate) unsafe extern "C" fn WdfRequestSend(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    Target: sys::WDFIOTARGET,
    Options: sys::PWDF_REQUEST_SEND_OPTIONS,
) -> sys::BOOLEAN {
    const CALL: &str = "WdfRequestSend";
    use sys::_WDF_REQUEST_SEND_OPTIONS_FLAGS as flags;
    let sim = irql::enter(globals, CALL, DISPATCH);
    let (request, target, how, timeout) = {
        let mut state = sim.lock();
        let Some(request) = owned_request(&mut state, Request, CALL) else {
            return 0;
        };
        let Some(target) = state.expect_object(Target, Kind::IoTarget, CALL) else {
            return 0;
        };
        let options = if Options.is_null() {
            None
        } else {
            match framework::read_config(&mut state, Options.cast_const(), CALL) {
                Ok(options) => Some(options),
                Err(status) => {
                    send_failed(&mut state, request, status, sim.sched.current());
                    return 0;
                }
            }
        };
        let bits = options.map_or(0, |o| o.Flags);
        let has = |flag: flags::Type| u32::try_from(flag).is_ok_and(|flag| bits & flag != 0);
        let how = if has(flags::WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET) {
            if bits != u32::try_from(flags::WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET).unwrap_or(0) {
                state.violation_on(
                    Rule::InvalidArgument,
                    CALL,
                    request,
                    format!(
                        "WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET cannot be combined with other \
                         flags (Flags {bits:#x})"
                    ),
                );
            }
            SendHow::SendAndForget
        } else if has(flags::WDF_REQUEST_SEND_OPTION_SYNCHRONOUS) {
            SendHow::Synchronous
        } else {
            SendHow::Asynchronous
        };
        let timeout = options
            .filter(|o| has(flags::WDF_REQUEST_SEND_OPTION_TIMEOUT) && o.Timeout != 0)
            .map(|o| o.Timeout);
        let formatted = state.request(request).is_some_and(|r| r.formatted);
        match how {
            SendHow::SendAndForget if formatted => state.violation_on(
                Rule::SendAndForgetFormatted,
                CALL,
                request,
                "the request was formatted, then sent with WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET \
                 (send-and-forget sends a request as it came)"
                    .to_owned(),
            ),
            SendHow::Asynchronous | SendHow::Synchronous if !formatted => state.violation_on(
                Rule::RequestNotFormatted,
                CALL,
                request,
                "the request was sent without WdfRequestFormatRequestUsingCurrentType or a \
                 WdfIoTargetFormatRequestFor* call (kmdf-sim sends it with its current type)"
                    .to_owned(),
            ),
            _ => {}
        }
        (request, target, how, timeout)
    };
    if irql::spin_locks_held() > 0 {
        sim.lock().violation_on(
            Rule::SendWhileHoldingSpinLock,
            CALL,
            request,
            format!(
                "sent while this thread holds {} spin lock(s)",
                irql::spin_locks_held()
            ),
        );
    }
    if how == SendHow::Synchronous && !irql::check_max(&sim, CALL, PASSIVE) {
        return 0;
    }
    match framework::target::send(&sim, request, target, how, timeout) {
        Ok(()) => 1,
        Err(status) => {
            send_failed(&mut sim.lock(), request, status, sim.sched.current());
            0
        }
    }
}

/// `WdfRequestSend` returns FALSE for `request` on simulated thread `thread`: the request stays
/// with the driver, `WdfRequestGetStatus` says why (`status`), and the driver is to complete it
/// with that status unless it says why it does not (the `FailedSendStatusReplaced` rule).
fn send_failed(
    state: &mut State,
    request: ObjId,
    status: NTSTATUS,
    thread: Option<crate::scheduler::Tid>,
) {
    let Some(data) = state.request_mut(request) else {
        return;
    };
    data.returned = Some((status, 0));
    // A created request is deleted, never completed: no completion status to check.
    if !data.created {
        state.failed_sends.insert(
            request,
            FailedSend {
                status,
                thread,
                explained: false,
            },
        );
    }
}

pub(crate) unsafe extern "C" fn WdfRequestGetStatus(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> NTSTATUS {
    const CALL: &str = "WdfRequestGetStatus";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(Request, Kind::Request, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    state
        .request(id)
        .and_then(|r| r.returned)
        .map_or(sys::STATUS_PENDING, |(status, _)| status)
}

pub(crate) unsafe extern "C" fn WdfRequestSetCompletionRoutine(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    CompletionRoutine: sys::PFN_WDF_REQUEST_COMPLETION_ROUTINE,
    CompletionContext: sys::WDFCONTEXT,
) {
    const CALL: &str = "WdfRequestSetCompletionRoutine";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return;
    };
    if let Some(data) = state.request_mut(id) {
        data.completion_routine = CompletionRoutine.map(|routine| CompletionRoutine {
            routine,
            context: CompletionContext,
        });
    }
}

pub(crate) unsafe extern "C" fn WdfRequestGetCompletionParams(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    Params: sys::PWDF_REQUEST_COMPLETION_PARAMS,
) {
    const CALL: &str = "WdfRequestGetCompletionParams";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return;
    };
    if framework::read_config(&mut state, Params.cast_const(), CALL).is_err() {
        return;
    }
    let Some(data) = state.request(id) else {
        return;
    };
    let (status, information) = data.returned.unwrap_or((sys::STATUS_PENDING, 0));
    let params = framework::target::completion_params(data.kind, status, information);
    // SAFETY: read_config checked Params is non-null and its Size is this structure's.
    unsafe { Params.write(params) };
}

pub(crate) unsafe extern "C" fn WdfRequestCancelSentRequest(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> sys::BOOLEAN {
    const CALL: &str = "WdfRequestCancelSentRequest";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let request = {
        let mut state = sim.lock();
        let Some(id) = state.expect_object(Request, Kind::Request, CALL) else {
            return 0;
        };
        match state.request(id).map(|r| r.owner) {
            Some(Owner::Sent { .. }) => id,
            _ => return 0,
        }
    };
    framework::cancel_request(&sim, request);
    1
}

pub(crate) unsafe extern "C" fn WdfIoTargetCreate(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    IoTargetAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    IoTarget: *mut sys::WDFIOTARGET,
) -> NTSTATUS {
    const CALL: &str = "WdfIoTargetCreate";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    write_out(IoTarget, std::ptr::null_mut());
    let Some(device) = state.expect_object(Device, Kind::Device, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    match framework::create_object(
        &mut state,
        Kind::IoTarget,
        Some(device),
        framework::read_attributes(IoTargetAttributes),
        ObjData::IoTarget(IoTargetData {
            device,
            remote: Some(Remote::default()),
        }),
        CALL,
    ) {
        Ok(id) => {
            write_out(IoTarget, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) unsafe extern "C" fn WdfIoTargetOpen(
    globals: PWDF_DRIVER_GLOBALS,
    IoTarget: sys::WDFIOTARGET,
    OpenParams: sys::PWDF_IO_TARGET_OPEN_PARAMS,
) -> NTSTATUS {
    const CALL: &str = "WdfIoTargetOpen";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let (target, name) = {
        let mut state = sim.lock();
        let Some(target) = state.expect_object(IoTarget, Kind::IoTarget, CALL) else {
            return sys::STATUS_INVALID_HANDLE;
        };
        if state.target(target).is_some_and(|t| t.remote.is_none()) {
            state.violation_on(
                Rule::InvalidArgument,
                CALL,
                target,
                "a device's default I/O target is opened by the framework".to_owned(),
            );
            return sys::STATUS_INVALID_DEVICE_REQUEST;
        }
        let params = match framework::read_config(&mut state, OpenParams.cast_const(), CALL) {
            Ok(params) => params,
            Err(status) => return status,
        };
        if params.Type != sys::_WDF_IO_TARGET_OPEN_TYPE::WdfIoTargetOpenByName {
            state.violation_on(
                Rule::Unsupported,
                CALL,
                target,
                format!(
                    "kmdf-sim opens remote targets by name only (WdfIoTargetOpenByName), not \
                     with open type {}",
                    params.Type
                ),
            );
            return sys::STATUS_NOT_IMPLEMENTED;
        }
        let name = read_unicode(&raw const params.TargetDeviceName)
            .map(|units| String::from_utf16_lossy(&units))
            .unwrap_or_default();
        (target, name)
    };
    match framework::target::open_remote(&sim, target, &name) {
        Ok(()) => sys::STATUS_SUCCESS,
        Err(status) => status,
    }
}

pub(crate) unsafe extern "C" fn WdfIoTargetClose(
    globals: PWDF_DRIVER_GLOBALS,
    IoTarget: sys::WDFIOTARGET,
) {
    const CALL: &str = "WdfIoTargetClose";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let Some(target) = sim.lock().expect_object(IoTarget, Kind::IoTarget, CALL) else {
        return;
    };
    framework::target::close_remote(&sim, target);
}

pub(crate) unsafe extern "C" fn WdfRequestCreate(
    globals: PWDF_DRIVER_GLOBALS,
    RequestAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    IoTarget: sys::WDFIOTARGET,
    Request: *mut sys::WDFREQUEST,
) -> NTSTATUS {
    const CALL: &str = "WdfRequestCreate";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    write_out(Request, std::ptr::null_mut());
    let target = if IoTarget.is_null() {
        0
    } else {
        match state.expect_object(IoTarget, Kind::IoTarget, CALL) {
            Some(target) => target,
            None => return sys::STATUS_INVALID_HANDLE,
        }
    };
    match framework::target::create_request(
        &mut state,
        target,
        framework::read_attributes(RequestAttributes),
        CALL,
    ) {
        Ok(id) => {
            write_out(Request, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) unsafe extern "C" fn WdfRequestReuse(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    ReuseParams: sys::PWDF_REQUEST_REUSE_PARAMS,
) -> NTSTATUS {
    const CALL: &str = "WdfRequestReuse";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return sys::STATUS_INVALID_DEVICE_REQUEST;
    };
    let params = match framework::read_config(&mut state, ReuseParams.cast_const(), CALL) {
        Ok(params) => params,
        Err(status) => return status,
    };
    if !state.request(id).is_some_and(|r| r.created) {
        state.violation_on(
            Rule::RequestNotOwned,
            CALL,
            id,
            "only a request the driver created (WdfRequestCreate) can be reused".to_owned(),
        );
        return sys::STATUS_INVALID_DEVICE_REQUEST;
    }
    if let Some(data) = state.request_mut(id) {
        // As the framework's reuse clears the fields of the last use: the I/O, its status
        // (now ReuseParams.Status) and the completion routine.
        data.kind = RequestKind::Create;
        data.input = None;
        data.output = None;
        data.sink = None;
        data.formatted = false;
        data.completion_routine = None;
        data.cancel_requested = false;
        data.information = 0;
        data.returned = Some((params.Status, 0));
    }
    sys::STATUS_SUCCESS
}

/// A `WDFMEMORY` and `WDFMEMORY_OFFSET` pair of a format call: the memory, the region's offset
/// and its length (the whole buffer without offsets). `Ok(None)` for no memory.
fn memory_region(
    state: &mut State,
    memory: sys::WDFMEMORY,
    offsets: sys::PWDFMEMORY_OFFSET,
    call: &str,
) -> Result<Option<(ObjId, usize, usize)>, NTSTATUS> {
    if memory.is_null() {
        return Ok(None);
    }
    let id = state
        .expect_object(memory, Kind::Memory, call)
        .ok_or(sys::STATUS_INVALID_HANDLE)?;
    let size = match state.objects.get(&id).map(|o| &o.data) {
        Some(ObjData::Memory(data)) => data.region().1,
        _ => return Err(sys::STATUS_INVALID_HANDLE),
    };
    // SAFETY: the DDI contract: a non-null offsets pointer points at a WDFMEMORY_OFFSET.
    let (offset, length) = match unsafe { offsets.as_ref() } {
        Some(o) => (o.BufferOffset, o.BufferLength),
        None => (0, size),
    };
    if offset.checked_add(length).is_none_or(|end| end > size) {
        state.violation_on(
            Rule::InvalidArgument,
            call,
            id,
            format!("the region {offset}+{length} lies outside the {size}-byte buffer"),
        );
        return Err(sys::STATUS_INVALID_PARAMETER);
    }
    Ok(Some((id, offset, length)))
}

/// The bytes of a memory region (empty for none).
fn region_bytes(state: &State, region: Option<(ObjId, usize, usize)>) -> Vec<u8> {
    let Some((memory, offset, length)) = region else {
        return Vec::new();
    };
    match state.objects.get(&memory).map(|o| &o.data) {
        Some(ObjData::Memory(data)) => data
            .bytes()
            .get(offset..offset.saturating_add(length))
            .map(<[u8]>::to_vec)
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The common part of the `WdfIoTargetFormatRequestFor*` calls: the request must be one the
/// driver created and owns, and the target live.
fn format_target(
    state: &mut State,
    target: sys::WDFIOTARGET,
    request: sys::WDFREQUEST,
    call: &'static str,
) -> Result<ObjId, NTSTATUS> {
    state
        .expect_object(target, Kind::IoTarget, call)
        .ok_or(sys::STATUS_INVALID_HANDLE)?;
    let id = owned_request(state, request, call).ok_or(sys::STATUS_INVALID_DEVICE_REQUEST)?;
    if !state.request(id).is_some_and(|r| r.created) {
        state.violation_on(
            Rule::Unsupported,
            call,
            id,
            "kmdf-sim formats only requests the driver created; formatting a received request \
             for a new transfer is not simulated yet"
                .to_owned(),
        );
        return Err(sys::STATUS_NOT_IMPLEMENTED);
    }
    Ok(id)
}

fn sink_for(region: Option<(ObjId, usize, usize)>) -> Option<OutputSink> {
    region.map(|(memory, offset, length)| OutputSink::Memory {
        memory,
        offset,
        length,
    })
}

pub(crate) unsafe extern "C" fn WdfIoTargetFormatRequestForIoctl(
    globals: PWDF_DRIVER_GLOBALS,
    IoTarget: sys::WDFIOTARGET,
    Request: sys::WDFREQUEST,
    IoctlCode: sys::ULONG,
    InputBuffer: sys::WDFMEMORY,
    InputBufferOffset: sys::PWDFMEMORY_OFFSET,
    OutputBuffer: sys::WDFMEMORY,
    OutputBufferOffset: sys::PWDFMEMORY_OFFSET,
) -> NTSTATUS {
    const CALL: &str = "WdfIoTargetFormatRequestForIoctl";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let result = (|| {
        let id = format_target(&mut state, IoTarget, Request, CALL)?;
        let input = memory_region(&mut state, InputBuffer, InputBufferOffset, CALL)?;
        let output = memory_region(&mut state, OutputBuffer, OutputBufferOffset, CALL)?;
        let kind = RequestKind::DeviceControl {
            code: IoctlCode,
            input_length: input.map_or(0, |r| r.2),
            output_length: output.map_or(0, |r| r.2),
        };
        let bytes = region_bytes(&state, input);
        let second = region_bytes(&state, output);
        framework::target::format(&mut state, id, kind, &bytes, &second, sink_for(output));
        Ok(())
    })();
    result.map_or_else(|status| status, |()| sys::STATUS_SUCCESS)
}

pub(crate) unsafe extern "C" fn WdfIoTargetFormatRequestForRead(
    globals: PWDF_DRIVER_GLOBALS,
    IoTarget: sys::WDFIOTARGET,
    Request: sys::WDFREQUEST,
    OutputBuffer: sys::WDFMEMORY,
    OutputBufferOffset: sys::PWDFMEMORY_OFFSET,
    _DeviceOffset: sys::PLONGLONG,
) -> NTSTATUS {
    const CALL: &str = "WdfIoTargetFormatRequestForRead";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let result = (|| {
        let id = format_target(&mut state, IoTarget, Request, CALL)?;
        let output = memory_region(&mut state, OutputBuffer, OutputBufferOffset, CALL)?;
        let kind = RequestKind::Read {
            length: output.map_or(0, |r| r.2),
        };
        framework::target::format(&mut state, id, kind, &[], &[], sink_for(output));
        Ok(())
    })();
    result.map_or_else(|status| status, |()| sys::STATUS_SUCCESS)
}

pub(crate) unsafe extern "C" fn WdfIoTargetFormatRequestForWrite(
    globals: PWDF_DRIVER_GLOBALS,
    IoTarget: sys::WDFIOTARGET,
    Request: sys::WDFREQUEST,
    InputBuffer: sys::WDFMEMORY,
    InputBufferOffset: sys::PWDFMEMORY_OFFSET,
    _DeviceOffset: sys::PLONGLONG,
) -> NTSTATUS {
    const CALL: &str = "WdfIoTargetFormatRequestForWrite";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let result = (|| {
        let id = format_target(&mut state, IoTarget, Request, CALL)?;
        let input = memory_region(&mut state, InputBuffer, InputBufferOffset, CALL)?;
        let kind = RequestKind::Write {
            length: input.map_or(0, |r| r.2),
        };
        let bytes = region_bytes(&state, input);
        framework::target::format(&mut state, id, kind, &bytes, &[], None);
        Ok(())
    })();
    result.map_or_else(|status| status, |()| sys::STATUS_SUCCESS)
}

/// A synchronous send's memory descriptor: its bytes and where output written to it goes.
struct Described {
    bytes: Vec<u8>,
    length: usize,
    sink: Option<OutputSink>,
}

fn describe_memory(
    state: &mut State,
    descriptor: sys::PWDF_MEMORY_DESCRIPTOR,
    call: &str,
) -> Result<Option<Described>, NTSTATUS> {
    use sys::_WDF_MEMORY_DESCRIPTOR_TYPE as kind;
    // SAFETY: the DDI contract: a non-null descriptor points at a WDF_MEMORY_DESCRIPTOR.
    let Some(descriptor) = (unsafe { descriptor.as_ref() }).copied() else {
        return Ok(None);
    };
    match descriptor.Type {
        kind::WdfMemoryDescriptorTypeBuffer => {
            // SAFETY: the Type says the BufferType member is the one the driver set.
            let buffer = unsafe { descriptor.u.BufferType };
            let length = usize::try_from(buffer.Length).unwrap_or(0);
            if buffer.Buffer.is_null() && length > 0 {
                return Err(sys::STATUS_INVALID_PARAMETER);
            }
            let bytes = if length == 0 {
                Vec::new()
            } else {
                // SAFETY: the DDI contract: the buffer holds Length bytes for the whole call.
                unsafe { std::slice::from_raw_parts(buffer.Buffer.cast::<u8>(), length) }.to_vec()
            };
            Ok(Some(Described {
                bytes,
                length,
                sink: Some(OutputSink::Pointer {
                    pointer: buffer.Buffer.cast(),
                    length,
                }),
            }))
        }
        kind::WdfMemoryDescriptorTypeHandle => {
            // SAFETY: the Type says the HandleType member is the one the driver set.
            let handle_type = unsafe { descriptor.u.HandleType };
            let region = memory_region(state, handle_type.Memory, handle_type.Offsets, call)?;
            Ok(Some(Described {
                bytes: region_bytes(state, region),
                length: region.map_or(0, |r| r.2),
                sink: sink_for(region),
            }))
        }
        _ => Err(sys::STATUS_NOT_IMPLEMENTED),
    }
}

/// The body of the three `WdfIoTargetSend*Synchronously` calls.
fn send_synchronously(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    target: sys::WDFIOTARGET,
    request: sys::WDFREQUEST,
    options: sys::PWDF_REQUEST_SEND_OPTIONS,
    describe: impl FnOnce(&mut State) -> Result<(RequestKind, Vec<u8>, Option<OutputSink>), NTSTATUS>,
) -> (NTSTATUS, u64) {
    use sys::_WDF_REQUEST_SEND_OPTIONS_FLAGS as flags;
    let sim = irql::enter(globals, call, PASSIVE);
    let prepared = {
        let mut state = sim.lock();
        (|| {
            let target = state
                .expect_object(target, Kind::IoTarget, call)
                .ok_or(sys::STATUS_INVALID_HANDLE)?;
            let request = if request.is_null() {
                None
            } else {
                let id = owned_request(&mut state, request, call)
                    .ok_or(sys::STATUS_INVALID_DEVICE_REQUEST)?;
                Some(id)
            };
            let timeout = if options.is_null() {
                None
            } else {
                let options = framework::read_config(&mut state, options.cast_const(), call)?;
                let bit = u32::try_from(flags::WDF_REQUEST_SEND_OPTION_TIMEOUT).unwrap_or(0);
                (options.Flags & bit != 0 && options.Timeout != 0).then_some(options.Timeout)
            };
            let (kind, input, sink) = describe(&mut state)?;
            if let Some(id) = request
                && !state.request(id).is_some_and(|r| r.created)
            {
                state.violation_on(
                    Rule::Unsupported,
                    call,
                    id,
                    "kmdf-sim sends only requests the driver created (or none) synchronously \
                     with a new transfer"
                        .to_owned(),
                );
                return Err(sys::STATUS_NOT_IMPLEMENTED);
            }
            Ok((target, request, kind, input, sink, timeout))
        })()
    };
    match prepared {
        Ok((target, request, kind, input, sink, timeout)) => framework::target::send_synchronously(
            &sim, target, request, kind, &input, sink, timeout,
        ),
        Err(status) => (status, 0),
    }
}

pub(crate) unsafe extern "C" fn WdfIoTargetSendIoctlSynchronously(
    globals: PWDF_DRIVER_GLOBALS,
    IoTarget: sys::WDFIOTARGET,
    Request: sys::WDFREQUEST,
    IoctlCode: sys::ULONG,
    InputBuffer: sys::PWDF_MEMORY_DESCRIPTOR,
    OutputBuffer: sys::PWDF_MEMORY_DESCRIPTOR,
    RequestOptions: sys::PWDF_REQUEST_SEND_OPTIONS,
    BytesReturned: sys::PULONG_PTR,
) -> NTSTATUS {
    let ioctl = SyncIoctl {
        call: "WdfIoTargetSendIoctlSynchronously",
        internal: false,
        code: IoctlCode,
        buffers: [InputBuffer, OutputBuffer],
    };
    send_ioctl_synchronously(
        globals,
        IoTarget,
        Request,
        &ioctl,
        RequestOptions,
        BytesReturned,
    )
}

/// As `WdfIoTargetSendIoctlSynchronously`, with IRP_MJ_INTERNAL_DEVICE_CONTROL: the lower
/// driver gets the buffers of the code's transfer type (METHOD_NEITHER's as this driver's own
/// pointers), its information goes unchecked.
pub(crate) unsafe extern "C" fn WdfIoTargetSendInternalIoctlSynchronously(
    globals: PWDF_DRIVER_GLOBALS,
    IoTarget: sys::WDFIOTARGET,
    Request: sys::WDFREQUEST,
    IoctlCode: sys::ULONG,
    InputBuffer: sys::PWDF_MEMORY_DESCRIPTOR,
    OutputBuffer: sys::PWDF_MEMORY_DESCRIPTOR,
    RequestOptions: sys::PWDF_REQUEST_SEND_OPTIONS,
    BytesReturned: sys::PULONG_PTR,
) -> NTSTATUS {
    let ioctl = SyncIoctl {
        call: "WdfIoTargetSendInternalIoctlSynchronously",
        internal: true,
        code: IoctlCode,
        buffers: [InputBuffer, OutputBuffer],
    };
    send_ioctl_synchronously(
        globals,
        IoTarget,
        Request,
        &ioctl,
        RequestOptions,
        BytesReturned,
    )
}

/// What a `WdfIoTarget*IoctlSynchronously` call sends: the DDI, internal or not, the code, the
/// input and output descriptors.
struct SyncIoctl {
    call: &'static str,
    internal: bool,
    code: sys::ULONG,
    buffers: [sys::PWDF_MEMORY_DESCRIPTOR; 2],
}

fn send_ioctl_synchronously(
    globals: PWDF_DRIVER_GLOBALS,
    target: sys::WDFIOTARGET,
    request: sys::WDFREQUEST,
    ioctl: &SyncIoctl,
    options: sys::PWDF_REQUEST_SEND_OPTIONS,
    bytes_returned: sys::PULONG_PTR,
) -> NTSTATUS {
    let SyncIoctl {
        call,
        internal,
        code,
        buffers: [input, output],
    } = *ioctl;
    let (status, information) =
        send_synchronously(globals, call, target, request, options, |state| {
            let input = describe_memory(state, input, call)?;
            let output = describe_memory(state, output, call)?;
            let (input_length, output_length) = (
                input.as_ref().map_or(0, |d| d.length),
                output.as_ref().map_or(0, |d| d.length),
            );
            let kind = if internal {
                RequestKind::InternalDeviceControl {
                    code,
                    input_length,
                    output_length,
                }
            } else {
                RequestKind::DeviceControl {
                    code,
                    input_length,
                    output_length,
                }
            };
            Ok((
                kind,
                input.map(|d| d.bytes).unwrap_or_default(),
                output.and_then(|d| d.sink),
            ))
        });
    write_out(bytes_returned, information);
    status
}

pub(crate) unsafe extern "C" fn WdfIoTargetSendReadSynchronously(
    globals: PWDF_DRIVER_GLOBALS,
    IoTarget: sys::WDFIOTARGET,
    Request: sys::WDFREQUEST,
    OutputBuffer: sys::PWDF_MEMORY_DESCRIPTOR,
    _DeviceOffset: sys::PLONGLONG,
    RequestOptions: sys::PWDF_REQUEST_SEND_OPTIONS,
    BytesRead: sys::PULONG_PTR,
) -> NTSTATUS {
    const CALL: &str = "WdfIoTargetSendReadSynchronously";
    let (status, information) =
        send_synchronously(globals, CALL, IoTarget, Request, RequestOptions, |state| {
            let output = describe_memory(state, OutputBuffer, CALL)?;
            let kind = RequestKind::Read {
                length: output.as_ref().map_or(0, |d| d.length),
            };
            Ok((kind, Vec::new(), output.and_then(|d| d.sink)))
        });
    write_out(BytesRead, information);
    status
}

pub(crate) unsafe extern "C" fn WdfIoTargetSendWriteSynchronously(
    globals: PWDF_DRIVER_GLOBALS,
    IoTarget: sys::WDFIOTARGET,
    Request: sys::WDFREQUEST,
    InputBuffer: sys::PWDF_MEMORY_DESCRIPTOR,
    _DeviceOffset: sys::PLONGLONG,
    RequestOptions: sys::PWDF_REQUEST_SEND_OPTIONS,
    BytesWritten: sys::PULONG_PTR,
) -> NTSTATUS {
    const CALL: &str = "WdfIoTargetSendWriteSynchronously";
    let (status, information) =
        send_synchronously(globals, CALL, IoTarget, Request, RequestOptions, |state| {
            let input = describe_memory(state, InputBuffer, CALL)?;
            let kind = RequestKind::Write {
                length: input.as_ref().map_or(0, |d| d.length),
            };
            Ok((kind, input.map(|d| d.bytes).unwrap_or_default(), None))
        });
    write_out(BytesWritten, information);
    status
}
