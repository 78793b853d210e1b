//! Requests the driver owns: their parameters, their buffers, and completion, which consumes
//! the request so it cannot be completed twice or touched afterwards. DDI:
//! "WdfRequestRetrieveOutputBuffer function (wdfrequest.h)",
//! "WdfRequestCompleteWithInformation function (wdfrequest.h)".

use wdk_sys::{PVOID, WDFREQUEST, call_unsafe_wdf_function_binding};

use super::status::{NtStatus, Result, from_result, to_result};

/// The parameters of a device I/O control request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IoctlParams {
    /// The I/O control code.
    pub code: u32,
    /// The caller's input length, in bytes.
    pub input_length: usize,
    /// The caller's output length, in bytes.
    pub output_length: usize,
}

impl IoctlParams {
    /// The transfer type (`METHOD_*`): the low two bits of the code.
    #[must_use]
    pub const fn method(&self) -> u32 {
        self.code & 3
    }
}

/// A request the driver owns. Dropping it without completing it would leave the caller waiting
/// forever (kmdf-sim reports that as `RequestNotCompleted`); complete it with
/// [`Request::complete`].
#[must_use = "a request must be completed; dropping it leaves the caller waiting forever"]
pub struct Request {
    raw: WDFREQUEST,
}

impl Request {
    /// Takes ownership of a request the framework presented.
    ///
    /// # Safety
    /// `raw` is a live request the framework just delivered to the driver, not wrapped twice.
    pub(crate) unsafe fn from_raw(raw: WDFREQUEST) -> Self {
        Self { raw }
    }

    /// The system buffer of a `METHOD_BUFFERED` IOCTL: one block of max(input, output) bytes
    /// holding the caller's input on entry and the driver's output on completion ("Buffer
    /// Descriptions for I/O Control Codes"). Borrowing `self` mutably means the buffer cannot be
    /// used once the request is completed.
    ///
    /// # Errors
    /// `STATUS_INVALID_DEVICE_REQUEST` for another transfer type; the framework's status if it
    /// cannot retrieve the buffers.
    pub fn system_buffer(&mut self, params: &IoctlParams) -> Result<SystemBuffer<'_>> {
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
        let mut output: PVOID = core::ptr::null_mut();
        let mut input: PVOID = core::ptr::null_mut();
        if params.output_length > 0 {
            let mut length = 0;
            // SAFETY: the driver owns this live request; the out-pointers outlive the call.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestRetrieveOutputBuffer,
                    self.raw,
                    1,
                    &raw mut output,
                    &raw mut length
                )
            };
            to_result(status)?;
            if length != params.output_length {
                return Err(NtStatus::INVALID_DEVICE_REQUEST);
            }
        }
        if params.input_length > 0 {
            let mut length = 0;
            // SAFETY: as above.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestRetrieveInputBuffer,
                    self.raw,
                    1,
                    &raw mut input,
                    &raw mut length
                )
            };
            to_result(status)?;
            if length != params.input_length {
                return Err(NtStatus::INVALID_DEVICE_REQUEST);
            }
        }
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
