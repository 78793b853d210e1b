//! Framework entry points for I/O targets and sending requests (wdfiotarget.h, wdfrequest.h,
//! wdfdevice.h). DDI: "WdfDeviceGetIoTarget function (wdfdevice.h)", "WdfIoTargetGetDevice",
//! "WdfRequestFormatRequestUsingCurrentType", "WdfRequestSend", "WdfRequestGetStatus",
//! "WdfRequestSetCompletionRoutine", "WdfRequestGetCompletionParams",
//! "WdfRequestCancelSentRequest".

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::request::owned_request;
use crate::framework;
use crate::framework::target::SendHow;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::state::{CompletionRoutine, Kind, Owner, handle};
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
    let (request, target, how) = {
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
                    if let Some(data) = state.request_mut(request) {
                        data.returned = Some((status, 0));
                    }
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
        if has(flags::WDF_REQUEST_SEND_OPTION_TIMEOUT) && options.is_some_and(|o| o.Timeout != 0) {
            state.violation_on(
                Rule::Unsupported,
                CALL,
                request,
                "WDF_REQUEST_SEND_OPTION_TIMEOUT is not simulated yet: the request was sent \
                 without a timeout"
                    .to_owned(),
            );
        }
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
        (request, target, how)
    };
    if how == SendHow::Synchronous && !irql::check_max(&sim, CALL, PASSIVE) {
        return 0;
    }
    match framework::target::send(&sim, request, target, how) {
        Ok(()) => 1,
        Err(status) => {
            if let Some(data) = sim.lock().request_mut(request) {
                data.returned = Some((status, 0));
            }
            0
        }
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
