//! What the filter role's scenarios need: iolab as an upper filter over a lower device the
//! scenario programs (each request's status, information, data and delay), handles to the
//! filtered devices and overlapped I/O on them, virtual time, removal (orderly or surprise) with
//! I/O in flight, the filter's control device, and the driver's unload with its leak check.
//!
//! Only a transport that can build device stacks offers it: the simulator
//! ([`crate::sim::SimTransport`]), where the lower device is kmdf-sim's programmable bus device.
//! On a real machine the device below a filter is real hardware and its driver, which a test
//! cannot program, so [`crate::Transport::filter_lab`] is `None` there and the filter scenarios
//! report that they were not run. Nothing here names a kmdf-sim type: the Windows build compiles
//! this module without the simulator.
//!
//! Operations reuse the harness's [`Op`] and [`OpId`]; their completions are reported as the
//! I/O manager ends them ([`Ended`]: the NTSTATUS, `IoStatus.Information` and the bytes the
//! caller got back), so that a scenario can compare every one exactly, warnings included.

use std::sync::Arc;
use std::time::Duration;

use crate::DeviceError;
use crate::harness::{HandleId, Op, OpId};

/// A filtered device the lab added ([`FilterLab::add_filtered`]).
pub type LabDevice = usize;

/// The kind of a request that reached the lower device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LowerKind {
    /// `IRP_MJ_READ`.
    Read,
    /// `IRP_MJ_WRITE`.
    Write,
    /// `IRP_MJ_DEVICE_CONTROL`.
    DeviceControl,
    /// Anything else that reaches the lower device (the script answers it too).
    Other,
}

/// A request as the lower device sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LowerRequest {
    /// Its kind.
    pub kind: LowerKind,
    /// The IOCTL code (0 for reads and writes).
    pub code: u32,
    /// The data written, or the IOCTL's input buffer (empty for METHOD_NEITHER, whose buffers
    /// the framework never sees).
    pub input: Vec<u8>,
    /// How many bytes it can take back (a read's length, an IOCTL's output length).
    pub output_length: usize,
}

/// How the lower device answers a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LowerAnswer {
    /// The completion status (NTSTATUS bits).
    pub status: u32,
    /// `IoStatus.Information`.
    pub information: u64,
    /// Bytes placed at the start of the request's output buffer (cut to its length).
    pub data: Vec<u8>,
    /// Time before it completes (zero: at once, on the sender's thread).
    pub delay: Duration,
}

impl LowerAnswer {
    /// Completes with `status` and `data`, information = `data.len()`, at once.
    #[must_use]
    pub fn of(status: u32, data: Vec<u8>) -> Self {
        Self {
            status,
            information: data.len() as u64,
            data,
            delay: Duration::ZERO,
        }
    }

    /// Completes with `status`, information 0 and no data, at once.
    #[must_use]
    pub fn status(status: u32) -> Self {
        Self::of(status, Vec::new())
    }

    /// The same answer, after `delay`.
    #[must_use]
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// The lower device's behaviour: called once per request that reaches it (creates are answered
/// by the lab), on the thread that sent it; it must not call back into the lab.
pub type LowerScript = Arc<dyn Fn(&LowerRequest) -> LowerAnswer + Send + Sync>;

/// How an operation ended, as the I/O manager reports it to the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ended {
    /// The NTSTATUS, as its bits.
    pub status: u32,
    /// `IoStatus.Information`.
    pub information: u64,
    /// The bytes returned to the caller (a read's data, an IOCTL's output).
    pub output: Vec<u8>,
}

/// Filtered devices over programmable lower devices (see the module docs).
pub trait FilterLab {
    /// Adds a device node whose lower device answers with `lower` and whose stack has iolab as
    /// its upper filter (which creates the control device if it is the first filter instance).
    ///
    /// # Errors
    /// Why the device could not be added (the driver's EvtDriverDeviceAdd failed, a rule broken).
    fn add_filtered(&mut self, lower: LowerScript) -> Result<LabDevice, String>;
    /// The name of the filtered device's physical device object (`\Device\...`), which
    /// LIST_FILTERS should report for its filter instance; `None` for a device the lab never
    /// added.
    fn device_name(&self, device: LabDevice) -> Option<String>;
    /// The requests that reached `device`'s lower device since the last call, in order.
    fn lower_requests(&mut self, device: LabDevice) -> Vec<LowerRequest>;
    /// Opens a handle to the filtered device (the top of its stack: the filter).
    ///
    /// # Errors
    /// Why the open failed (the device is gone: [`DeviceError::NotFound`]).
    fn open(&mut self, device: LabDevice) -> Result<HandleId, DeviceError>;
    /// Closes a handle (the last one of a surprise-removed device lets its removal finish).
    fn close(&mut self, handle: HandleId);
    /// Starts an operation on a handle.
    ///
    /// # Errors
    /// If the handle is not open.
    fn start(&mut self, handle: HandleId, op: Op) -> Result<OpId, DeviceError>;
    /// The operation's end, if it has ended (it is then forgotten).
    fn poll(&mut self, op: OpId) -> Option<Ended>;
    /// Waits up to `limit` for the operation; `None` if it has not ended by then.
    fn wait(&mut self, op: OpId, limit: Duration) -> Option<Ended>;
    /// Requests cancellation, as `CancelIoEx` does.
    fn cancel(&mut self, op: OpId);
    /// Lets `duration` pass (the lower device's delayed answers fall due meanwhile).
    fn advance(&mut self, duration: Duration);
    /// Removes the filtered device with whatever I/O is in flight: orderly (its handles are
    /// closed by the removal) or a surprise removal (its handles stay open and new I/O on them
    /// fails; the removal finishes when the last one is closed).
    ///
    /// # Errors
    /// What went wrong, in words (a rule the driver broke on the way, too).
    fn remove(&mut self, device: LabDevice, surprise: bool) -> Result<(), String>;
    /// Sends an IOCTL to the filter's control device on a handle opened for it (read and
    /// write access) and closed again.
    ///
    /// # Errors
    /// [`DeviceError::NotFound`] if there is no control device to open.
    fn control(
        &mut self,
        code: u32,
        input: &[u8],
        output_length: usize,
    ) -> Result<Ended, DeviceError>;
    /// Whether the control device exists (opens) now.
    fn control_device_exists(&mut self) -> bool;
    /// Removes every device left (the transport's own too), unloads the driver and reports
    /// what the unload found (objects or pool left, a control device not deleted, any rule
    /// broken since the last report); then loads the driver again and brings the transport's
    /// own device back, so the run goes on.
    ///
    /// # Errors
    /// The unload's findings, or what failed in the reload, in words.
    fn unload_and_reload(&mut self) -> Result<(), String>;
}
