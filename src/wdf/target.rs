//! A device's default I/O target (the next lower device of its stack) and sending requests to
//! it: formatted with their current type and a typed completion callback
//! ([`SendCompletion`]), or send-and-forget. A failed send hands the request back. DDI:
//! "WdfDeviceGetIoTarget function (wdfdevice.h)", "WdfRequestFormatRequestUsingCurrentType
//! function (wdfrequest.h)", "WdfRequestSetCompletionRoutine function", "WdfRequestSend
//! function", "EVT_WDF_REQUEST_COMPLETION_ROUTINE".

use core::ffi::c_void;
use core::sync::atomic::{AtomicPtr, Ordering};

use wdk_sys::{
    _WDF_REQUEST_SEND_OPTIONS_FLAGS, PWDF_REQUEST_COMPLETION_PARAMS, ULONG,
    WDF_REQUEST_SEND_OPTIONS, WDFCONTEXT, WDFIOTARGET, WDFREQUEST,
    call_unsafe_wdf_function_binding,
};

use super::context::ObjectContext;
use super::device::Device;
use super::request::Request;
use super::status::Status;

/// What the lower driver completed a sent request with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Completion {
    /// `IoStatus.Status`.
    pub status: Status,
    /// `IoStatus.Information`.
    pub information: u64,
}

/// A device context that hears of the completion of the requests sent through its
/// [`IoTarget`].
pub trait SendCompletion: ObjectContext {
    /// A sent request came back (at or below DISPATCH_LEVEL, on the completing thread); the
    /// driver owns it again and must complete it.
    fn completed(&self, request: Request, completion: Completion);
}

/// The default I/O target of a device with a `T` context, attached after the device is created
/// ([`IoTarget::attach`]); until then every send fails.
pub struct IoTarget<T> {
    raw: AtomicPtr<c_void>,
    /// The context of the device whose target this is: the completion callbacks' `self`.
    owner: AtomicPtr<T>,
}

impl<T> Default for IoTarget<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> IoTarget<T> {
    /// A target not attached yet.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            raw: AtomicPtr::new(core::ptr::null_mut()),
            owner: AtomicPtr::new(core::ptr::null_mut()),
        }
    }
}

impl<T: SendCompletion> IoTarget<T> {
    /// `WdfDeviceGetIoTarget`: attaches `device`'s default target; the requests sent through it
    /// complete to `device`'s context.
    pub fn attach(&self, device: &Device<'_, T>) {
        // SAFETY: a live device; at most DISPATCH_LEVEL.
        let raw = unsafe { call_unsafe_wdf_function_binding!(WdfDeviceGetIoTarget, device.raw()) };
        self.owner.store(
            core::ptr::from_ref(device.context()).cast_mut(),
            Ordering::Release,
        );
        self.raw.store(raw.cast(), Ordering::Release);
    }

    /// The target and the context it completes to, if attached and `context` is that context.
    fn parts(&self, context: &T) -> Option<WDFIOTARGET> {
        let raw: WDFIOTARGET = self.raw.load(Ordering::Acquire).cast();
        let owner = self.owner.load(Ordering::Acquire);
        (!raw.is_null() && core::ptr::eq(owner, context)).then_some(raw)
    }

    /// Sends `request` down, formatted with its current type, with `context`'s
    /// [`SendCompletion::completed`] as its completion routine. `context` must be the context
    /// of the device this target belongs to.
    ///
    /// # Errors
    /// The request itself, when the framework refused to send it (its status says why: see
    /// [`Request::status`]) or the target is not attached or not `context`'s.
    pub fn send(&self, context: &T, request: Request) -> Result<(), Request> {
        let Some(target) = self.parts(context) else {
            return Err(request);
        };
        let raw = request.raw();
        // SAFETY: the driver owns this live request; at most DISPATCH_LEVEL.
        unsafe { call_unsafe_wdf_function_binding!(WdfRequestFormatRequestUsingCurrentType, raw) };
        let context: WDFCONTEXT = core::ptr::from_ref(context).cast_mut().cast();
        // SAFETY: as above; the routine is a valid EVT_WDF_REQUEST_COMPLETION_ROUTINE for `T`,
        // and its context is the `T` of the device that owns `target`, which outlives every
        // request sent through the target (the framework cancels and waits for them before it
        // deletes the device).
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestSetCompletionRoutine,
                raw,
                Some(evt_completion::<T>),
                context
            );
        };
        // SAFETY: the request is formatted and has its routine; the target is the device's
        // live default target; no options (asynchronous).
        let sent = unsafe {
            call_unsafe_wdf_function_binding!(WdfRequestSend, raw, target, core::ptr::null_mut())
        };
        if sent == 0 { Err(request) } else { Ok(()) }
    }

    /// Sends `request` down as it came, with `WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET`: the
    /// driver never sees it again; the lower driver's completion goes straight up.
    ///
    /// # Errors
    /// As [`IoTarget::send`].
    pub fn send_and_forget(&self, context: &T, request: Request) -> Result<(), Request> {
        let Some(target) = self.parts(context) else {
            return Err(request);
        };
        #[expect(clippy::cast_possible_truncation, reason = "the structure is 16 bytes")]
        let size = size_of::<WDF_REQUEST_SEND_OPTIONS>() as ULONG;
        let flags =
            _WDF_REQUEST_SEND_OPTIONS_FLAGS::WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET as ULONG;
        let mut options = WDF_REQUEST_SEND_OPTIONS {
            Size: size,
            Flags: flags,
            Timeout: 0,
        };
        // SAFETY: the driver owns this live request (not formatted: send-and-forget sends it as
        // it came); the target is the device's live default target; `options` outlives the
        // call.
        let sent = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestSend,
                request.raw(),
                target,
                &raw mut options
            )
        };
        // Sent: the request left the driver, and `request` (a handle) goes with this scope.
        if sent == 0 { Err(request) } else { Ok(()) }
    }
}

unsafe extern "C" fn evt_completion<T: SendCompletion>(
    request: WDFREQUEST,
    _target: WDFIOTARGET,
    params: PWDF_REQUEST_COMPLETION_PARAMS,
    context: WDFCONTEXT,
) {
    // SAFETY: the framework passes the completion parameters of this request, valid for the
    // callback; null only if it broke its contract.
    let completion = match unsafe { params.as_ref() } {
        Some(params) => Completion {
            // SAFETY: `Status` is the union member the framework writes for a completion.
            status: Status::from_raw(unsafe { params.IoStatus.__bindgen_anon_1.Status }),
            information: params.IoStatus.Information,
        },
        None => Completion {
            status: Status::from_raw(wdk_sys::STATUS_UNSUCCESSFUL),
            information: 0,
        },
    };
    // SAFETY: the request came back to the driver, which owns it again.
    let request = unsafe { Request::from_raw(request, super::request::meta_of(request)) };
    // SAFETY: `send` set this context to the `T` of the device whose target sent the request;
    // that device outlives the request (see `send`).
    match unsafe { context.cast::<T>().as_ref() } {
        Some(owner) => owner.completed(request, completion),
        None => request.complete_with(completion.status, completion.information),
    }
}
