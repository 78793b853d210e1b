//! What the pipe scenarios and `iolabctl read`/`write` need beyond one IOCTL at a time: more
//! handles (with chosen access), overlapped reads, writes and IOCTLs that can be polled, waited
//! for with a limit, and cancelled (`CancelIoEx`), time passing (virtual in the simulator), and
//! removing the device with I/O in flight (then a fresh device, so a run can go on). The
//! simulator transport offers all of it; the Win32 transport all but a surprise removal (which
//! only the hardware or its bus driver can report), and says so through
//! [`Harness::can_remove`]; a transport without it returns `None` from
//! [`crate::Transport::harness`].

use std::time::Duration;

use crate::DeviceError;

/// A handle the harness opened; [`MAIN_HANDLE`] is the transport's own.
pub type HandleId = usize;
/// An operation in flight.
pub type OpId = usize;

/// The transport's own handle (opened for reading and writing).
pub const MAIN_HANDLE: HandleId = 0;

/// The error of [`Harness::start`] on a handle that is not open (`STATUS_INVALID_HANDLE`).
#[must_use]
pub fn not_open(handle: HandleId) -> DeviceError {
    DeviceError::Other {
        code: 0xC000_0008,
        detail: format!("handle {handle} is not open (STATUS_INVALID_HANDLE)"),
    }
}

/// An I/O operation to start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// `ReadFile` of this many bytes.
    Read(usize),
    /// `WriteFile` of these bytes.
    Write(Vec<u8>),
    /// `DeviceIoControl`.
    Ioctl {
        /// The control code.
        code: u32,
        /// The input bytes.
        input: Vec<u8>,
        /// The output buffer's length.
        output_length: usize,
    },
}

/// How an operation ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Bytes transferred (`IoStatus.Information`), or the failure.
    pub result: Result<usize, DeviceError>,
    /// The bytes returned to the caller (a read's data, an IOCTL's output).
    pub output: Vec<u8>,
}

/// Handles, overlapped I/O, time and removal (see the module docs).
pub trait Harness {
    /// Opens another handle to the device, for reading and/or writing.
    ///
    /// # Errors
    /// Why the open failed.
    fn open(&mut self, read: bool, write: bool) -> Result<HandleId, DeviceError>;
    /// Closes a handle the harness opened (its waiting I/O is cancelled by the driver).
    fn close(&mut self, handle: HandleId);
    /// Starts an operation on a handle.
    ///
    /// # Errors
    /// If the handle is not open.
    fn start(&mut self, handle: HandleId, op: Op) -> Result<OpId, DeviceError>;
    /// The operation's completion, if it has completed (it is then forgotten).
    fn poll(&mut self, op: OpId) -> Option<Completion>;
    /// Waits up to `limit` for the operation; `None` if it has not completed by then.
    fn wait(&mut self, op: OpId, limit: Duration) -> Option<Completion>;
    /// Requests cancellation, as `CancelIoEx` does.
    fn cancel(&mut self, op: OpId);
    /// Lets `duration` pass.
    fn sleep(&mut self, duration: Duration);
    /// Whether [`Harness::remove_and_restart`] with `surprise` can work over this transport;
    /// asked before starting I/O that the removal was to end.
    ///
    /// # Errors
    /// Why it cannot, in words (a real device cannot be surprise-removed from user mode).
    fn can_remove(&self, surprise: bool) -> Result<(), String> {
        let _ = surprise;
        Ok(())
    }
    /// Removes the device (surprise removal, or an orderly one) while I/O may be in flight, lets
    /// that I/O complete, closes every handle, then brings up a fresh device and reopens the
    /// main handle.
    ///
    /// # Errors
    /// What went wrong, in words.
    fn remove_and_restart(&mut self, surprise: bool) -> Result<(), String>;
}
