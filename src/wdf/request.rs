//! Requests the driver owns: their buffers, their file object, completion (which consumes the
//! request, so it cannot be completed twice or touched afterwards), and the cancelable window
//! ([`CancelableRequest`]: a request marked cancelable has no buffers and cannot be completed
//! until [`CancelableRequest::unmark`] gives it back). A [`Request`] is `Send`: it can be kept
//! and completed later from another thread. DDI: "WdfRequestRetrieveOutputBuffer function
//! (wdfrequest.h)", "WdfRequestCompleteWithInformation function", "WdfRequestMarkCancelableEx
//! function", "WdfRequestUnmarkCancelable function", "WdfRequestStopAcknowledge function",
//! "WDF_REQUEST_STOP_ACTION_FLAGS enumeration".

use core::sync::atomic::{AtomicU64, Ordering};

use wdk_sys::{
    _WDF_REQUEST_PARAMETERS__bindgen_ty_1, NTSTATUS, PVOID, USHORT, WDF_OBJECT_ATTRIBUTES,
    WDF_REQUEST_PARAMETERS, WDFREQUEST, call_unsafe_wdf_function_binding,
};

use super::context::{self, ObjectContext, ZeroedContext};
use super::status::{NtStatus, Result, Status, from_result, to_result};
use super::trace::{self, IoMeta};

/// What a device that asked for stamps (`DeviceInit::set_request_stamps`) keeps with each
/// request: two words the driver sets when the request arrives and reads when it completes.
#[derive(Default)]
pub struct RequestStamp {
    words: [AtomicU64; 2],
}

crate::declare_context!(RequestStamp, REQUEST_STAMP_TYPE_INFO);

// SAFETY: two atomics: all-zero is a valid value, and nothing needs dropping.
unsafe impl ZeroedContext for RequestStamp {}

/// The request attributes that give each request a [`RequestStamp`].
pub(crate) fn stamp_attributes() -> WDF_OBJECT_ATTRIBUTES {
    context::zeroed_attributes_for::<RequestStamp>()
}

/// Identifies a request (its handle's value), for finding a kept request again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestId(usize);

impl RequestId {
    /// The value, for logic that keeps ids as integers.
    #[must_use]
    pub const fn value(self) -> usize {
        self.0
    }
}

/// A request the driver owns. Dropping it without completing it would leave the caller waiting
/// forever (kmdf-sim reports that as `RequestNotCompleted`); complete it with
/// [`Request::complete`].
#[must_use = "a request must be completed; dropping it leaves the caller waiting forever"]
pub struct Request {
    raw: WDFREQUEST,
    /// What its completion event reports (ETW).
    meta: IoMeta,
}

// SAFETY: a WDFREQUEST may be used from any thread at the IRQLs its DDIs allow; the value is the
// driver's ownership of the request, which moves with it.
unsafe impl Send for Request {}

impl Request {
    /// Takes ownership of a request the framework presented.
    ///
    /// # Safety
    /// `raw` is a live request the framework just delivered to the driver, not wrapped twice;
    /// `meta` describes it (its major function and IOCTL code).
    pub(crate) unsafe fn from_raw(raw: WDFREQUEST, meta: IoMeta) -> Self {
        Self { raw, meta }
    }

    /// The same request, known to have arrived at `since` (100 ns ticks of
    /// [`super::time::now`]), for the latency its completion event reports: a request handed
    /// back by its cancel routine comes without what was gathered when it arrived.
    pub fn arrived_at(self, since: u64) -> Self {
        Self {
            meta: self.meta.with_arrival(since),
            ..self
        }
    }

    /// The request's identity.
    #[must_use]
    pub fn id(&self) -> RequestId {
        RequestId(self.raw.addr())
    }

    /// The request's handle, for the layer's own DDI calls.
    pub(crate) fn raw(&self) -> WDFREQUEST {
        self.raw
    }

    /// Sets the request's stamp (a device with `DeviceInit::set_request_stamps`); false if it
    /// has none.
    #[must_use]
    pub fn set_stamp(&self, words: [u64; 2]) -> bool {
        // SAFETY: the driver owns this live request; its stamp lives as long as it does.
        let Some(stamp) = (unsafe { context::get_zeroed::<RequestStamp>(self.raw.cast()) }) else {
            return false;
        };
        for (word, value) in stamp.words.iter().zip(words) {
            word.store(value, Ordering::Relaxed);
        }
        true
    }

    /// The request's stamp, as set when it arrived (zeros if never set or if it has none).
    #[must_use]
    pub fn stamp(&self) -> [u64; 2] {
        // SAFETY: as in `set_stamp`.
        match unsafe { context::get_zeroed::<RequestStamp>(self.raw.cast()) } {
            Some(stamp) => stamp.words.each_ref().map(|w| w.load(Ordering::Relaxed)),
            None => [0; 2],
        }
    }

    /// `WdfRequestGetStatus`: after a failed send, why it failed.
    #[must_use]
    pub fn status(&self) -> Status {
        // SAFETY: the driver owns this live request.
        Status::from_raw(unsafe {
            call_unsafe_wdf_function_binding!(WdfRequestGetStatus, self.raw)
        })
    }

    /// Completes the request with any status and information: a lower driver's, passed on
    /// unchanged.
    pub fn complete_with(self, status: Status, information: u64) {
        trace::request_completed(&self.meta, status.raw(), information);
        // SAFETY: the driver owns the live request and completes it once (`self` is consumed).
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestCompleteWithInformation,
                self.raw,
                status.raw(),
                information
            );
        };
    }

    /// The `T` context of the file object (handle) the request was sent on.
    #[must_use]
    pub fn file_context<T: ObjectContext>(&self) -> Option<&T> {
        // SAFETY: the driver owns this live request.
        let file = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetFileObject, self.raw) };
        if file.is_null() {
            return None;
        }
        // SAFETY: a request's file object lives at least as long as the request (its close
        // waits for the file's requests), and the borrow is tied to `self`.
        unsafe { context::get::<T>(file.cast()) }
    }

    /// The buffer a read fills, or the output buffer of an IOCTL: exactly `length` bytes (its
    /// length as the framework gave it), the caller's own pages for direct I/O.
    ///
    /// # Errors
    /// The framework's status if it cannot retrieve the buffer; `STATUS_INVALID_DEVICE_REQUEST`
    /// if its length is not `length`.
    pub fn output(&mut self, length: usize) -> Result<&mut [u8]> {
        if length == 0 {
            return Ok(&mut []);
        }
        let base = self.retrieve(true, length)?;
        // SAFETY: the framework returned a buffer of `length` bytes (checked) that stays valid
        // until completion, which needs `self` back: the borrow ends first.
        Ok(unsafe { core::slice::from_raw_parts_mut(base.cast::<u8>(), length) })
    }

    /// The data of a write, or the input buffer of an IOCTL: exactly `length` bytes.
    ///
    /// # Errors
    /// As [`Request::output`].
    pub fn input(&mut self, length: usize) -> Result<&[u8]> {
        if length == 0 {
            return Ok(&[]);
        }
        let base = self.retrieve(false, length)?;
        // SAFETY: as in `output`; shared, since nothing is written through it.
        Ok(unsafe { core::slice::from_raw_parts(base.cast::<u8>().cast_const(), length) })
    }

    /// `WdfRequestRetrieveOutputBuffer` / `WdfRequestRetrieveInputBuffer` of exactly `length`
    /// (non-zero) bytes.
    fn retrieve(&mut self, output: bool, length: usize) -> Result<PVOID> {
        let mut base: PVOID = core::ptr::null_mut();
        let mut found = 0;
        let status: NTSTATUS = if output {
            // SAFETY: the driver owns this live request; the out-pointers outlive the call.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestRetrieveOutputBuffer,
                    self.raw,
                    length,
                    &raw mut base,
                    &raw mut found
                )
            }
        } else {
            // SAFETY: as above.
            unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestRetrieveInputBuffer,
                    self.raw,
                    length,
                    &raw mut base,
                    &raw mut found
                )
            }
        };
        to_result(status)?;
        if found != length || base.is_null() {
            return Err(NtStatus::INVALID_DEVICE_REQUEST);
        }
        Ok(base)
    }

    /// Completes the request: `Ok(n)` with STATUS_SUCCESS and `n` bytes of information, or the
    /// error status with none.
    pub fn complete(self, result: Result<usize>) {
        let (status, information) = match result {
            Ok(written) => (
                from_result(Ok(())),
                u64::try_from(written).unwrap_or(u64::MAX),
            ),
            Err(status) => (status.raw(), 0),
        };
        trace::request_completed(&self.meta, status, information);
        // SAFETY: the driver owns the live request and completes it once (`self` is consumed).
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestCompleteWithInformation,
                self.raw,
                status,
                information
            );
        };
    }

    /// `WdfRequestMarkCancelableEx`: the request enters its cancelable window, where a
    /// cancellation calls `T::cancel` (the device context's). It cannot be completed nor its
    /// buffers used until [`CancelableRequest::unmark`] gives it back.
    ///
    /// # Errors
    /// The request itself, when it was already cancelled (STATUS_CANCELLED): complete it.
    pub fn mark_cancelable<T: CancelCallback>(
        self,
    ) -> core::result::Result<CancelableRequest, Self> {
        // SAFETY: the driver owns the live request, which is not cancelable yet (a
        // `CancelableRequest` is only made here); the routine is a valid EvtRequestCancel.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestMarkCancelableEx,
                self.raw,
                Some(evt_request_cancel::<T>)
            )
        };
        if to_result(status).is_ok() {
            Ok(CancelableRequest {
                raw: self.raw,
                meta: self.meta,
            })
        } else {
            Err(self)
        }
    }
}

/// A request in its cancelable window. It has no buffers and no completion: only
/// [`CancelableRequest::unmark`] leaves the window. Keep it where the device context's
/// [`CancelCallback::cancel`] can find it by [`CancelableRequest::id`] and drop it.
pub struct CancelableRequest {
    raw: WDFREQUEST,
    meta: IoMeta,
}

// SAFETY: as for `Request`.
unsafe impl Send for CancelableRequest {}

impl core::fmt::Debug for CancelableRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "CancelableRequest({:#x})", self.raw.addr())
    }
}

impl CancelableRequest {
    /// The request's identity (the one [`CancelCallback::cancel`] receives).
    #[must_use]
    pub fn id(&self) -> RequestId {
        RequestId(self.raw.addr())
    }

    /// `WdfRequestUnmarkCancelable`: the request leaves its cancelable window and the driver
    /// owns it again. `None` when it is being cancelled: its cancel callback owns it and
    /// completes it, and this value is gone.
    #[must_use = "a request given back must be completed"]
    pub fn unmark(self) -> Option<Request> {
        // SAFETY: the request is live and cancelable: its cancel callback has not completed it,
        // because the callback's contract is to drop this value (found by id) under the same
        // lock this call is made under, before completing.
        let status =
            unsafe { call_unsafe_wdf_function_binding!(WdfRequestUnmarkCancelable, self.raw) };
        to_result(status).ok().map(|()| Request {
            raw: self.raw,
            meta: self.meta,
        })
    }
}

/// Why the framework presents a request to EvtIoStop (`WDF_REQUEST_STOP_ACTION_FLAGS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopAction {
    /// The device is leaving D0 (`WdfRequestStopActionSuspend`): complete the request, or keep it
    /// through the power-down ([`StoppingRequest::keep`]); the device does not leave D0 before.
    Suspend,
    /// The device is being removed (`WdfRequestStopActionPurge`): the framework cancels the
    /// driver's cancelable requests; the others must be completed.
    Purge,
}

/// A request the driver owns, presented to EvtIoStop for the callback's duration (`'a`): only its
/// identity and why it is presented. The driver finds what it keeps under that identity and
/// either completes it or keeps it ([`StoppingRequest::keep`]).
#[derive(Debug)]
pub struct StoppingRequest<'a> {
    raw: WDFREQUEST,
    action: StopAction,
    cancelable: bool,
    _callback: core::marker::PhantomData<&'a ()>,
}

impl StoppingRequest<'_> {
    /// Wraps EvtIoStop's request and action flags; `None` for flags naming no action.
    ///
    /// # Safety
    /// `raw` is a live request the driver owns, presented to EvtIoStop, and the value does not
    /// outlive that callback.
    pub(crate) unsafe fn from_raw(raw: WDFREQUEST, flags: u32) -> Option<Self> {
        let has =
            |flag: wdk_sys::_WDF_REQUEST_STOP_ACTION_FLAGS::Type| flags & flag.cast_unsigned() != 0;
        let action = if has(wdk_sys::_WDF_REQUEST_STOP_ACTION_FLAGS::WdfRequestStopActionPurge) {
            StopAction::Purge
        } else if has(wdk_sys::_WDF_REQUEST_STOP_ACTION_FLAGS::WdfRequestStopActionSuspend) {
            StopAction::Suspend
        } else {
            return None;
        };
        Some(Self {
            raw,
            action,
            cancelable: has(
                wdk_sys::_WDF_REQUEST_STOP_ACTION_FLAGS::WdfRequestStopRequestCancelable,
            ),
            _callback: core::marker::PhantomData,
        })
    }

    /// The request's identity (as [`CancelableRequest::id`]).
    #[must_use]
    pub fn id(&self) -> RequestId {
        RequestId(self.raw.addr())
    }

    /// Why the request is presented.
    #[must_use]
    pub fn action(&self) -> StopAction {
        self.action
    }

    /// Whether the request is in its cancelable window (`WdfRequestStopRequestCancelable`).
    #[must_use]
    pub fn is_cancelable(&self) -> bool {
        self.cancelable
    }

    /// `WdfRequestStopAcknowledge(Request, FALSE)`: the driver keeps `kept` — this request, in
    /// its cancelable window — through the power-down; it stays the driver's and cancelable, and
    /// the device may leave D0. Call it under the lock that guards `kept` (as for
    /// [`CancelableRequest::unmark`]).
    ///
    /// # Errors
    /// `self` back if `kept` is another request.
    pub fn keep(self, kept: &CancelableRequest) -> core::result::Result<(), Self> {
        if kept.raw != self.raw {
            return Err(self);
        }
        // SAFETY:
        // - the request is live and not completed: `kept` is still held, and its cancel
        //   callback's contract is to drop it (under the lock this call is made under) before
        //   completing it;
        // - this is EvtIoStop's request, during the callback (the lifetime of `self`), as the DDI
        //   requires; without requeue, so its cancelable mark may stay.
        unsafe {
            call_unsafe_wdf_function_binding!(WdfRequestStopAcknowledge, self.raw, u8::from(false));
        };
        Ok(())
    }
}

/// The device context's answer to EvtRequestCancel for requests it marked cancelable.
pub trait CancelCallback: ObjectContext {
    /// The request `request` (id `request.id()`) is cancelled. Under the lock that guards the
    /// kept [`CancelableRequest`]s, drop the one with this id, if still kept; then complete the
    /// request (normally with STATUS_CANCELLED).
    fn cancel(&self, request: Request);
}

/// The major function (`WDF_REQUEST_TYPE`, which has the `IRP_MJ_*` values) and IOCTL code of a
/// request the framework handed back, for its completion event; asked only while a session
/// listens. Its arrival time is not known here ([`Request::arrived_at`]).
pub(crate) fn meta_of(raw: WDFREQUEST) -> IoMeta {
    let meta = IoMeta::arrived(0, 0);
    if !meta.is_traced() {
        return meta;
    }
    #[expect(clippy::cast_possible_truncation, reason = "the structure is 56 bytes")]
    let size = size_of::<WDF_REQUEST_PARAMETERS>() as USHORT;
    let mut params = WDF_REQUEST_PARAMETERS {
        Size: size,
        MinorFunction: 0,
        Type: 0,
        Parameters: _WDF_REQUEST_PARAMETERS__bindgen_ty_1 {
            Others: wdk_sys::_WDF_REQUEST_PARAMETERS__bindgen_ty_1__bindgen_ty_5 {
                Arg1: core::ptr::null_mut(),
                Arg2: core::ptr::null_mut(),
                IoControlCode: 0,
                Arg4: core::ptr::null_mut(),
            },
        },
    };
    // SAFETY: a live request the driver owns; `params` is initialised with its Size
    // (WDF_REQUEST_PARAMETERS_INIT) and outlives the call.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetParameters, raw, &raw mut params) };
    let major = u32::try_from(params.Type).unwrap_or(0);
    let code = if major == wdk_sys::IRP_MJ_DEVICE_CONTROL {
        // SAFETY: the framework filled the DeviceIoControl member for a device control request;
        // every member is plain data.
        unsafe { params.Parameters.DeviceIoControl }.IoControlCode
    } else {
        0
    };
    meta.of(major, code)
}

unsafe extern "C" fn evt_request_cancel<T: CancelCallback>(raw: WDFREQUEST) {
    // SAFETY: the framework hands the cancelled request back to the driver, which owns it now.
    let request = unsafe { Request::from_raw(raw, meta_of(raw)) };
    // SAFETY: a live request from a queue of the driver's device.
    let queue = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetIoQueue, raw) };
    if queue.is_null() {
        request.complete(Err(NtStatus::CANCELLED));
        return;
    }
    // SAFETY: a live queue; its device outlives it.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    // SAFETY: the device outlives the requests of its queues.
    match unsafe { context::get::<T>(device.cast()) } {
        Some(context) => context.cancel(request),
        None => request.complete(Err(NtStatus::CANCELLED)),
    }
}

/// The parameters of a device I/O control request. Only the framework's callback makes one, so
/// safe code cannot forge the transfer type or the lengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IoctlParams {
    code: u32,
    input_length: usize,
    output_length: usize,
}

impl IoctlParams {
    /// The I/O control code.
    #[must_use]
    pub const fn code(&self) -> u32 {
        self.code
    }

    /// The transfer type (`METHOD_*`): the low two bits of the code.
    #[must_use]
    pub const fn method(&self) -> u32 {
        self.code & 3
    }

    /// The caller's input length, in bytes.
    #[must_use]
    pub const fn input_length(&self) -> usize {
        self.input_length
    }

    /// The caller's output length, in bytes.
    #[must_use]
    pub const fn output_length(&self) -> usize {
        self.output_length
    }
}

/// An IOCTL request with its own parameters.
#[must_use = "a request must be completed; dropping it leaves the caller waiting forever"]
pub struct IoctlRequest {
    request: Request,
    params: IoctlParams,
}

/// A direct-I/O IOCTL's buffers: the input (a system buffer) and the caller's own pages.
pub struct DirectBuffers<'a> {
    /// The input buffer.
    pub input: &'a [u8],
    /// The second buffer: the caller's data for METHOD_IN_DIRECT, the space for the reply for
    /// METHOD_OUT_DIRECT.
    pub data: &'a mut [u8],
}

impl IoctlRequest {
    /// Wraps a request the framework presented with the parameters it presented.
    ///
    /// # Safety
    /// As [`Request::from_raw`]; the lengths and code are the framework's, `major` its major
    /// function (`IRP_MJ_DEVICE_CONTROL` or `IRP_MJ_INTERNAL_DEVICE_CONTROL`).
    pub(crate) unsafe fn from_raw(
        raw: WDFREQUEST,
        major: u32,
        code: u32,
        input_length: usize,
        output_length: usize,
    ) -> Self {
        Self {
            // SAFETY: this function's contract.
            request: unsafe { Request::from_raw(raw, IoMeta::arrived(major, code)) },
            params: IoctlParams {
                code,
                input_length,
                output_length,
            },
        }
    }

    /// The request's parameters.
    #[must_use]
    pub fn params(&self) -> IoctlParams {
        self.params
    }

    /// The underlying request (for its file context).
    pub fn request(&self) -> &Request {
        &self.request
    }

    /// The underlying request, to forward it as it came.
    pub fn into_request(self) -> Request {
        self.request
    }

    /// The system buffer of a `METHOD_BUFFERED` IOCTL: one block of max(input, output) bytes
    /// holding the caller's input on entry and the driver's output on completion ("Buffer
    /// Descriptions for I/O Control Codes").
    ///
    /// # Errors
    /// `STATUS_INVALID_DEVICE_REQUEST` for another transfer type; the framework's status if it
    /// cannot retrieve the buffers.
    pub fn system_buffer(&mut self) -> Result<SystemBuffer<'_>> {
        let params = self.params;
        if params.method() != 0 {
            return Err(NtStatus::INVALID_DEVICE_REQUEST);
        }
        let total = params.input_length.max(params.output_length);
        if total == 0 {
            return Ok(SystemBuffer {
                bytes: &mut [],
                input_length: 0,
                output_length: 0,
            });
        }
        let output = match params.output_length {
            0 => core::ptr::null_mut(),
            length => self.request.retrieve(true, length)?,
        };
        let input = match params.input_length {
            0 => core::ptr::null_mut(),
            length => self.request.retrieve(false, length)?,
        };
        let base = match (input.is_null(), output.is_null()) {
            (false, false) if input != output => return Err(NtStatus::INVALID_DEVICE_REQUEST),
            (false, _) => input,
            (true, false) => output,
            (true, true) => return Err(NtStatus::INVALID_DEVICE_REQUEST),
        };
        // SAFETY: for METHOD_BUFFERED the I/O manager allocates one non-paged system buffer of
        // max(input, output) bytes and both retrievals return its address (checked above); the
        // driver owns the request, so the buffer stays valid and unaliased until completion,
        // which needs `self` back (the returned borrow ends first).
        let bytes = unsafe { core::slice::from_raw_parts_mut(base.cast::<u8>(), total) };
        Ok(SystemBuffer {
            bytes,
            input_length: params.input_length,
            output_length: params.output_length,
        })
    }

    /// The buffers of a `METHOD_IN_DIRECT` or `METHOD_OUT_DIRECT` IOCTL: the input (system
    /// buffer) and the second buffer (the caller's pages), separate blocks.
    ///
    /// # Errors
    /// `STATUS_INVALID_DEVICE_REQUEST` for another transfer type; the framework's status if it
    /// cannot retrieve a buffer.
    pub fn direct_buffers(&mut self) -> Result<DirectBuffers<'_>> {
        let params = self.params;
        if params.method() != 1 && params.method() != 2 {
            return Err(NtStatus::INVALID_DEVICE_REQUEST);
        }
        let input: &[u8] = match params.input_length {
            0 => &[],
            length => {
                let base = self.request.retrieve(false, length)?;
                // SAFETY: the system buffer of `length` bytes stays valid until completion,
                // which needs `self` back; it is a block of its own, apart from the data pages.
                unsafe { core::slice::from_raw_parts(base.cast::<u8>().cast_const(), length) }
            }
        };
        let data: &mut [u8] = match params.output_length {
            0 => &mut [],
            length => {
                let base = self.request.retrieve(true, length)?;
                // SAFETY: the caller's locked pages (MDL), `length` bytes, valid until
                // completion and not the input's block.
                unsafe { core::slice::from_raw_parts_mut(base.cast::<u8>(), length) }
            }
        };
        Ok(DirectBuffers { input, data })
    }

    /// Completes the request (see [`Request::complete`]).
    pub fn complete(self, result: Result<usize>) {
        self.request.complete(result);
    }
}

/// The shared system buffer of a `METHOD_BUFFERED` IOCTL. The input and output views are the
/// same bytes: output written over the first bytes replaces the input there.
pub struct SystemBuffer<'a> {
    bytes: &'a mut [u8],
    input_length: usize,
    output_length: usize,
}

impl<'a> SystemBuffer<'a> {
    /// A system buffer over `bytes` (at least max(input, output) long), for tests of the logic
    /// above this layer. `None` if `bytes` is too short.
    #[must_use]
    pub fn new(bytes: &'a mut [u8], input_length: usize, output_length: usize) -> Option<Self> {
        (bytes.len() >= input_length.max(output_length)).then_some(Self {
            bytes,
            input_length,
            output_length,
        })
    }

    /// The caller's input length.
    #[must_use]
    pub fn input_length(&self) -> usize {
        self.input_length
    }

    /// The caller's output length.
    #[must_use]
    pub fn output_length(&self) -> usize {
        self.output_length
    }

    /// The caller's input.
    #[must_use]
    pub fn input(&self) -> &[u8] {
        self.bytes.get(..self.input_length).unwrap_or_default()
    }

    /// The output space, `output_length` bytes; on entry its first bytes hold the input.
    pub fn output(&mut self) -> &mut [u8] {
        self.bytes.get_mut(..self.output_length).unwrap_or_default()
    }
}
