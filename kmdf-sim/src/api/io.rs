//! The caller's side of I/O: an open handle ([`FileHandle`]) and an operation in flight
//! ([`PendingIo`]), as user mode sees them through `CreateFileW`, `DeviceIoControl`, `ReadFile`,
//! `WriteFile`, `CancelIoEx` and `CloseHandle`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::checkpoint;
use crate::framework;
use crate::io_manager;
use crate::io_manager::{Access, UserBuffer};
use crate::state::{IoResult, IrpId, ObjId, RequestKind, Sim};

/// An open handle to a device.
pub struct FileHandle {
    sim: Arc<Sim>,
    file: ObjId,
    device: ObjId,
    access: Access,
    closed: std::sync::atomic::AtomicBool,
}

impl fmt::Debug for FileHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileHandle")
            .field("file", &(self.file << 4))
            .finish_non_exhaustive()
    }
}

impl FileHandle {
    pub(crate) fn new(sim: Arc<Sim>, file: ObjId, device: ObjId, access: Access) -> Self {
        Self {
            sim,
            file,
            device,
            access,
            closed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Sends `DeviceIoControl(code, input, output of output_len bytes)`; returns at once.
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn device_io_control(&self, code: u32, input: &[u8], output_len: usize) -> PendingIo {
        self.device_io_control_with(
            code,
            UserBuffer::Bytes(input),
            UserBuffer::Length(output_len),
        )
    }

    /// Sends `DeviceIoControl` with the caller's two buffers as given: the I/O manager treats
    /// them by the code's transfer type. METHOD_BUFFERED copies `input` into a system buffer of
    /// max(in, out) bytes and the reported bytes back out; METHOD_IN_DIRECT and METHOD_OUT_DIRECT
    /// pass `input` in a system buffer and `output` as the caller's own memory (its contents, if
    /// given as [`UserBuffer::Bytes`], are what the driver sees — the data an IN_DIRECT request
    /// sends to the device); METHOD_NEITHER passes no buffer the framework can retrieve. A
    /// [`UserBuffer::Null`] with a length fails at once with STATUS_ACCESS_VIOLATION, as the
    /// I/O manager's probe does (METHOD_NEITHER's buffers are not probed).
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn device_io_control_with(
        &self,
        code: u32,
        input: UserBuffer<'_>,
        output: UserBuffer<'_>,
    ) -> PendingIo {
        let kind = RequestKind::DeviceControl {
            code,
            input_length: input.len(),
            output_length: output.len(),
        };
        self.submit(kind, input, output)
    }

    /// Sends an IOCTL and waits for it.
    #[must_use]
    pub fn ioctl(&self, code: u32, input: &[u8], output_len: usize) -> IoResult {
        self.device_io_control(code, input, output_len).wait()
    }

    /// Sends `ReadFile` for `length` bytes; returns at once.
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn read(&self, length: usize) -> PendingIo {
        self.read_with(UserBuffer::Length(length))
    }

    /// Sends `ReadFile` into the caller's `buffer`. With the device's I/O type buffered, the
    /// driver sees a fresh system buffer; with direct I/O, the caller's own memory (its contents
    /// as given); with neither, no buffer the framework can retrieve. A null buffer with a length
    /// fails at once with STATUS_ACCESS_VIOLATION (unless the I/O type is neither).
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn read_with(&self, buffer: UserBuffer<'_>) -> PendingIo {
        let kind = RequestKind::Read {
            length: buffer.len(),
        };
        self.submit(kind, UserBuffer::None, buffer)
    }

    /// Sends `WriteFile` of `data`; returns at once.
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn write(&self, data: &[u8]) -> PendingIo {
        self.write_with(UserBuffer::Bytes(data))
    }

    /// Sends `WriteFile` from the caller's `buffer` (see [`FileHandle::read_with`] for the I/O
    /// types and null buffers).
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn write_with(&self, buffer: UserBuffer<'_>) -> PendingIo {
        let kind = RequestKind::Write {
            length: buffer.len(),
        };
        self.submit(kind, buffer, UserBuffer::None)
    }

    fn submit(
        &self,
        kind: RequestKind,
        input: UserBuffer<'_>,
        output: UserBuffer<'_>,
    ) -> PendingIo {
        let irp = framework::io::submit(
            &self.sim,
            self.closed.load(std::sync::atomic::Ordering::Acquire),
            self.file,
            self.device,
            self.access,
            kind,
            [input, output],
        );
        checkpoint(&self.sim);
        PendingIo::new(Arc::clone(&self.sim), irp)
    }

    /// Closes the handle, as `CloseHandle` does (cleanup now, close once its I/O is done). Other
    /// simulated threads may still have I/O in flight on it; I/O sent on it afterwards fails at
    /// once with STATUS_INVALID_HANDLE, as it does in user mode.
    pub fn close(&self) {
        self.close_inner();
        checkpoint(&self.sim);
    }

    fn close_inner(&self) {
        if !self.closed.swap(true, std::sync::atomic::Ordering::AcqRel) {
            framework::file::close_file(&self.sim, self.file);
            // The last handle of a surprise-removed device lets its removal finish.
            let node = framework::pnp::node_of(&self.sim.lock(), self.device);
            if let Some(node) = node {
                framework::pnp::finish_if_closed(&self.sim, node, "CloseHandle");
            }
        }
    }
}

impl Drop for FileHandle {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.close_inner();
        }
    }
}

/// An I/O operation in flight: wait for it, poll it, or cancel it (`CancelIoEx`). Dropping it
/// without waiting lets the I/O go on; its result is then discarded when it completes.
pub struct PendingIo {
    sim: Arc<Sim>,
    irp: IrpId,
}

impl Drop for PendingIo {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            io_manager::forget(&self.sim, self.irp);
        }
    }
}

impl fmt::Debug for PendingIo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingIo")
            .field("irp", &self.irp)
            .finish_non_exhaustive()
    }
}

impl PendingIo {
    pub(super) const fn new(sim: Arc<Sim>, irp: IrpId) -> Self {
        Self { sim, irp }
    }

    /// The result, if the I/O has completed.
    #[must_use]
    pub fn poll(&self) -> Option<IoResult> {
        let result = self
            .sim
            .lock()
            .irps
            .get(&self.irp)
            .and_then(|i| i.result.clone());
        checkpoint(&self.sim);
        result
    }

    /// True once the I/O has completed.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.sim
            .lock()
            .irps
            .get(&self.irp)
            .is_some_and(|i| i.result.is_some())
    }

    /// Waits (virtual time: other simulated threads run meanwhile) up to `limit` for
    /// completion; `None` if the I/O has not completed by then, or if it never can (every
    /// simulated thread is waiting and no timer is due).
    #[must_use]
    pub fn wait_timeout(&self, limit: Duration) -> Option<IoResult> {
        self.wait_until(limit, true)
    }

    fn wait_until(&self, limit: Duration, timeout: bool) -> Option<IoResult> {
        let result = io_manager::wait_until(&self.sim, self.irp, limit, timeout);
        checkpoint(&self.sim);
        result
    }

    /// Waits for completion.
    ///
    /// # Panics
    /// If the I/O cannot complete: every simulated thread is waiting and nothing is due (the
    /// driver pended it and nothing will complete it), or it has not completed within the
    /// configured `io_wait_limit` of virtual time. The message names the request and the seed.
    #[must_use]
    pub fn wait(self) -> IoResult {
        let result = io_manager::wait_for_irp(&self.sim, self.irp);
        checkpoint(&self.sim);
        result
    }

    /// Requests cancellation, as `CancelIoEx` does. The I/O then completes, with
    /// STATUS_CANCELLED or normally if it won the race.
    pub fn cancel(&self) {
        let request = {
            let mut state = self.sim.lock();
            let Some(irp) = state.irps.get_mut(&self.irp) else {
                return;
            };
            irp.cancel_requested = true;
            irp.request
        };
        match request {
            Some(request) => framework::cancel_request(&self.sim, request),
            // No request holds it: it may be with the bus device under a stack of filters.
            None => framework::target::cancel_at_bus(&self.sim, None, self.irp),
        }
        checkpoint(&self.sim);
    }
}
