//! The caller's side of I/O: an open handle ([`FileHandle`]) and an operation in flight
//! ([`PendingIo`]), as user mode sees them through `CreateFileW`, `DeviceIoControl`, `ReadFile`,
//! `WriteFile`, `CancelIoEx` and `CloseHandle`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::checkpoint;
use crate::framework;
use crate::io_manager;
use crate::io_manager::Access;
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
        let irp = framework::io::submit(
            &self.sim,
            self.closed.load(std::sync::atomic::Ordering::Acquire),
            self.file,
            self.device,
            self.access,
            RequestKind::DeviceControl {
                code,
                input_length: input.len(),
                output_length: output_len,
            },
            input,
        );
        checkpoint(&self.sim);
        PendingIo {
            sim: Arc::clone(&self.sim),
            irp,
        }
    }

    /// Sends an IOCTL and waits for it.
    #[must_use]
    pub fn ioctl(&self, code: u32, input: &[u8], output_len: usize) -> IoResult {
        self.device_io_control(code, input, output_len).wait()
    }

    /// Sends `ReadFile` for `length` bytes; returns at once.
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn read(&self, length: usize) -> PendingIo {
        let irp = framework::io::submit(
            &self.sim,
            self.closed.load(std::sync::atomic::Ordering::Acquire),
            self.file,
            self.device,
            self.access,
            RequestKind::Read { length },
            &[],
        );
        checkpoint(&self.sim);
        PendingIo {
            sim: Arc::clone(&self.sim),
            irp,
        }
    }

    /// Sends `WriteFile` of `data`; returns at once.
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn write(&self, data: &[u8]) -> PendingIo {
        let irp = framework::io::submit(
            &self.sim,
            self.closed.load(std::sync::atomic::Ordering::Acquire),
            self.file,
            self.device,
            self.access,
            RequestKind::Write { length: data.len() },
            data,
        );
        checkpoint(&self.sim);
        PendingIo {
            sim: Arc::clone(&self.sim),
            irp,
        }
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
