//! The simulated bus under every device stack: the physical device object (PDO) at the bottom of
//! a device node. What a stack sends below its lowest device reaches it; a test programs it
//! ([`LowerDevice`]) to complete each request with a chosen status, information and data, after
//! a chosen virtual delay, or to fail it.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

/// The major function of a request that reached the bus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LowerMajor {
    /// IRP_MJ_CREATE.
    Create,
    /// IRP_MJ_READ.
    Read,
    /// IRP_MJ_WRITE.
    Write,
    /// IRP_MJ_DEVICE_CONTROL.
    DeviceControl,
    /// IRP_MJ_INTERNAL_DEVICE_CONTROL (sent by a kernel-mode caller, never from user mode).
    InternalDeviceControl,
}

/// A request as the bus device sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LowerRequest {
    /// What kind of request.
    pub major: LowerMajor,
    /// The IOCTL code (0 unless `major` is `DeviceControl` or `InternalDeviceControl`).
    pub ioctl: u32,
    /// The data written, or the IOCTL's input buffer (empty for a user-mode METHOD_NEITHER
    /// IOCTL, whose buffers the framework never sees; an internal IOCTL's input is there in
    /// every transfer type).
    pub input: Vec<u8>,
    /// How many bytes the request can take back (a read's length, an IOCTL's output length).
    pub output_length: usize,
}

/// How the bus device answers a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LowerResponse {
    /// The completion status.
    pub status: NTSTATUS,
    /// `IoStatus.Information` (cut to the request's buffer for a read or a device control; an
    /// internal IOCTL's goes up unchanged, as KMDF does not check it).
    pub information: u64,
    /// Bytes placed at the start of the request's output buffer (cut to its length).
    pub data: Vec<u8>,
    /// Virtual time before the completion (zero: completed at once, on the sender's thread; else
    /// from the bus's own simulated thread at DISPATCH_LEVEL, as a DPC would).
    pub delay: Duration,
}

impl LowerResponse {
    /// Completes with `status`, `information` and `data`, at once.
    #[must_use]
    pub fn complete(status: NTSTATUS, information: u64, data: Vec<u8>) -> Self {
        Self {
            status,
            information,
            data,
            delay: Duration::ZERO,
        }
    }

    /// Fails with `status` (information 0, no data), at once.
    #[must_use]
    pub fn fail(status: NTSTATUS) -> Self {
        Self::complete(status, 0, Vec::new())
    }

    /// The same answer, after `delay` of virtual time.
    #[must_use]
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// What a root-enumerated PDO with no function of its own answers: creates (and cleanup and
    /// close) succeed; anything else is STATUS_INVALID_DEVICE_REQUEST.
    #[must_use]
    pub fn default_for(request: &LowerRequest) -> Self {
        match request.major {
            LowerMajor::Create => Self::complete(sys::STATUS_SUCCESS, 0, Vec::new()),
            _ => Self::fail(sys::STATUS_INVALID_DEVICE_REQUEST),
        }
    }
}

/// A programmable bus device: called once per request that reaches the bottom of the stack, on
/// the thread that sent it (with no simulator lock held; it must not call the simulation).
#[derive(Clone)]
pub struct LowerDevice(pub(crate) Arc<dyn Fn(&LowerRequest) -> LowerResponse + Send + Sync>);

impl LowerDevice {
    /// A bus device answering each request with `answer`.
    pub fn new(answer: impl Fn(&LowerRequest) -> LowerResponse + Send + Sync + 'static) -> Self {
        Self(Arc::new(answer))
    }

    /// The default: [`LowerResponse::default_for`].
    #[must_use]
    pub fn root() -> Self {
        Self::new(LowerResponse::default_for)
    }

    pub(crate) fn answer(&self, request: &LowerRequest) -> LowerResponse {
        (self.0)(request)
    }
}

impl fmt::Debug for LowerDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LowerDevice")
    }
}

impl Default for LowerDevice {
    fn default() -> Self {
        Self::root()
    }
}
