//! The I/O manager: access checks on handles, the buffers it builds for each transfer type
//! (METHOD_BUFFERED's shared system buffer, direct I/O's separate buffers, METHOD_NEITHER's
//! none), and IRPs that complete at once.

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use crate::memory::{FRESH_FILL, SimBuffer};
use std::time::Duration;

use crate::scheduler::Wake;
use crate::state::{IoResult, Irp, IrpId, RequestKind, Sim, State};

/// The access rights a handle was opened with (`FILE_READ_DATA`, `FILE_WRITE_DATA`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    /// Opened for reading (`GENERIC_READ`).
    pub read: bool,
    /// Opened for writing (`GENERIC_WRITE`).
    pub write: bool,
}

impl Access {
    /// `GENERIC_READ | GENERIC_WRITE`.
    pub const READ_WRITE: Self = Self {
        read: true,
        write: true,
    };
    /// Neither (a handle opened with desired access 0, for queries).
    pub const NONE: Self = Self {
        read: false,
        write: false,
    };
    /// `GENERIC_READ` only.
    pub const READ: Self = Self {
        read: true,
        write: false,
    };

    /// Whether the I/O manager lets a request of `kind` through: for an IOCTL, the access bits
    /// of its code (`(code >> 14) & 3`: FILE_READ_ACCESS 1, FILE_WRITE_ACCESS 2).
    pub(crate) const fn allows(self, kind: RequestKind) -> bool {
        match kind {
            RequestKind::Create => true,
            RequestKind::Read { .. } => self.read,
            RequestKind::Write { .. } => self.write,
            RequestKind::DeviceControl { code, .. } => {
                let required = (code >> 14) & 3;
                (required & 1 == 0 || self.read) && (required & 2 == 0 || self.write)
            }
            // User mode cannot send one through a handle (`DeviceIoControl` always builds
            // IRP_MJ_DEVICE_CONTROL); kernel-mode callers are not checked.
            RequestKind::InternalDeviceControl { .. } => false,
        }
    }
}

/// A caller's buffer, as user mode hands it to `DeviceIoControl`, `ReadFile` or `WriteFile`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserBuffer<'a> {
    /// No buffer: a null pointer and length 0.
    None,
    /// A buffer holding these bytes (its length is theirs).
    Bytes(&'a [u8]),
    /// A buffer of this many bytes whose contents the caller did not set (a driver that reads
    /// them sees `0xCD`).
    Length(usize),
    /// A null pointer with this length: the I/O manager's probe fails unless the length is 0.
    Null(usize),
}

impl UserBuffer<'_> {
    /// The length the caller passed.
    #[must_use]
    pub const fn len(&self) -> usize {
        match self {
            Self::None => 0,
            Self::Bytes(bytes) => bytes.len(),
            Self::Length(len) | Self::Null(len) => *len,
        }
    }

    /// Whether the caller passed length 0.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes the caller's buffer holds (none for a buffer of unset contents).
    pub(crate) const fn bytes(&self) -> &[u8] {
        match self {
            Self::Bytes(bytes) => bytes,
            _ => &[],
        }
    }

    /// A null pointer with a length: what the I/O manager's probe rejects.
    pub(crate) const fn faults(&self) -> bool {
        matches!(self, Self::Null(len) if *len > 0)
    }
}

/// How a transfer's buffers reach the driver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Transfer {
    /// A system buffer the I/O manager copies in and out (METHOD_BUFFERED, buffered reads and
    /// writes).
    Buffered,
    /// The caller's own memory (MDL) for the data buffer (METHOD_IN/OUT_DIRECT's second buffer,
    /// direct reads and writes); an IOCTL's first buffer is still a system buffer.
    Direct,
    /// The caller's raw pointers, which the framework does not hand out (METHOD_NEITHER).
    Neither,
    /// A kernel-mode caller's own pointers (an internal IOCTL's METHOD_NEITHER:
    /// `Parameters.DeviceIoControl.Type3InputBuffer` and `Irp->UserBuffer`), which the
    /// framework hands out as they are: two separate buffers, as with direct I/O.
    CallerPointers,
}

impl Transfer {
    /// The transfer of a request of `kind` to a device whose reads and writes use `io_type`.
    pub(crate) fn of(kind: RequestKind, io_type: sys::WDF_DEVICE_IO_TYPE) -> Self {
        match kind {
            RequestKind::DeviceControl { code, .. } => match code & 3 {
                0 => Self::Buffered,
                1 | 2 => Self::Direct,
                _ => Self::Neither,
            },
            // IoBuildDeviceIoControlRequest describes an internal IOCTL's buffers by the code's
            // transfer type too ("Buffer Descriptions for I/O Control Codes").
            RequestKind::InternalDeviceControl { code, .. } => match code & 3 {
                0 => Self::Buffered,
                1 | 2 => Self::Direct,
                _ => Self::CallerPointers,
            },
            RequestKind::Read { .. } | RequestKind::Write { .. } => match io_type {
                sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoDirect => Self::Direct,
                sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoNeither => Self::Neither,
                _ => Self::Buffered,
            },
            RequestKind::Create => Self::Buffered,
        }
    }
}

pub(crate) fn finish_now(state: &mut State, irp: IrpId, kind: RequestKind, status: NTSTATUS) {
    state.irps.insert(
        irp,
        Irp {
            kind,
            request: None,
            result: Some(IoResult {
                status,
                information: 0,
                output: Vec::new(),
            }),
            cancel_requested: false,
            abandoned: false,
        },
    );
}

/// A new request buffer of `len` bytes: the caller's `data`, then `FRESH_FILL` over the output
/// space the caller did not fill, written in one sweep.
pub(crate) fn new_buffer(len: usize, data: &[u8]) -> SimBuffer {
    SimBuffer::filled(len, data, FRESH_FILL)
}

/// The buffers the I/O manager builds for a request of `kind` with `transfer`: METHOD_BUFFERED
/// shares one system buffer of max(input, output) bytes for both (holding the input); direct
/// I/O passes an IOCTL's input in a system buffer and the data buffer as the caller's memory
/// (`output`'s contents for a read or an IOCTL's second buffer); a buffered read gets a fresh
/// system buffer whatever the caller's held; METHOD_NEITHER gets none, unless a kernel-mode
/// caller sent it (an internal IOCTL: its input and output are its own two buffers, the output
/// holding `output`'s contents). `filled(len, data)` makes
/// each one as [`new_buffer`] does (the framework passes one that may reuse a quarantined
/// buffer).
pub(crate) fn buffers_for(
    kind: RequestKind,
    transfer: Transfer,
    input: &[u8],
    output: &[u8],
    mut filled: impl FnMut(usize, &[u8]) -> SimBuffer,
) -> (Option<SimBuffer>, Option<SimBuffer>) {
    if transfer == Transfer::Neither {
        return (None, None);
    }
    let direct = transfer == Transfer::Direct;
    match kind {
        RequestKind::Create => (None, None),
        RequestKind::Read { length } => {
            let contents = if direct { output } else { &[] };
            (None, Some(filled(length, contents)))
        }
        RequestKind::Write { length } => (Some(filled(length, input)), None),
        RequestKind::DeviceControl {
            input_length,
            output_length,
            ..
        }
        | RequestKind::InternalDeviceControl {
            input_length,
            output_length,
            ..
        } => {
            if transfer == Transfer::Buffered {
                let len = input_length.max(output_length);
                ((len > 0).then(|| filled(len, input)), None)
            } else {
                (
                    (input_length > 0).then(|| filled(input_length, input)),
                    (output_length > 0).then(|| filled(output_length, output)),
                )
            }
        }
    }
}

/// Blocks the calling simulated thread until IRP `irp` completes, or until `limit` of virtual
/// time has passed. With `timeout` false the limit is only a guard: it does not make time pass by
/// itself, so an I/O that nothing can complete ends the wait at once (the simulation is stuck).
/// Returns the result if the IRP completed (a copy: the record stays for another look).
pub(crate) fn wait_until(
    sim: &Sim,
    irp: IrpId,
    limit: Duration,
    timeout: bool,
) -> Option<IoResult> {
    block_for(sim, irp, limit, timeout);
    sim.lock().irps.get(&irp).and_then(|i| i.result.clone())
}

fn block_for(sim: &Sim, irp: IrpId, limit: Duration, timeout: bool) {
    let ticks = u64::try_from(limit.as_nanos() / 100).unwrap_or(u64::MAX);
    let deadline = sim.now().saturating_add(ticks);
    let _ = sim.block_until("an I/O to complete", move |state, now| {
        let done = state.irps.get(&irp).is_none_or(|i| i.result.is_some());
        if done || now >= deadline {
            Wake::Ready
        } else if timeout {
            Wake::At(deadline)
        } else {
            Wake::Later
        }
    });
}

/// The caller will not look at IRP `irp` again (its `PendingIo` was dropped): its record goes
/// now if the IRP has completed, or else when it completes, so records do not pile up.
pub(crate) fn forget(sim: &Sim, irp: IrpId) {
    let mut state = sim.lock();
    let completed = match state.irps.get_mut(&irp) {
        Some(record) if record.result.is_none() => {
            record.abandoned = true;
            false
        }
        Some(_) => true,
        None => false,
    };
    if completed {
        state.irps.remove(&irp);
    }
}

/// Completes IRP `irp` with `result` for its caller to collect, or forgets it at once if the
/// caller has dropped its `PendingIo`.
pub(crate) fn publish(state: &mut State, irp: IrpId, result: IoResult) {
    match state.irps.get_mut(&irp) {
        Some(record) if record.abandoned => {
            state.irps.remove(&irp);
        }
        Some(record) => {
            record.result = Some(result);
            record.request = None;
        }
        None => {}
    }
}

/// Waits for IRP `irp` to complete and forgets it.
///
/// # Panics
/// If it cannot complete: every simulated thread is waiting and nothing is due (the driver
/// pended it and nothing completed it), or it has not completed within the configured
/// `io_wait_limit` of virtual time. The message names the request and the schedule's seed.
pub(crate) fn wait_for_irp(sim: &Sim, irp: IrpId) -> IoResult {
    let limit = sim.config.io_wait_limit;
    block_for(sim, irp, limit, false);
    {
        let mut state = sim.lock();
        if state.irps.get(&irp).is_some_and(|i| i.result.is_some())
            && let Some(result) = state.irps.remove(&irp).and_then(|i| i.result)
        {
            return result;
        }
    }
    let blocked = sim.sched.blocked_threads();
    let state = sim.lock();
    let what = state.irps.get(&irp).map_or_else(String::new, |i| {
        i.request
            .map_or_else(|| i.kind.describe(), |r| state.describe(r))
    });
    let others: Vec<String> = blocked
        .iter()
        .map(|(thread, waits)| format!("{thread} waits for {waits}"))
        .collect();
    panic!(
        "kmdf-sim: the I/O ({what}) did not complete: the driver pended it and nothing completed it \
         (within {limit:?} of virtual time, or with nothing left that could; {}) (schedule seed {})",
        if others.is_empty() {
            "no other thread waits".to_owned()
        } else {
            others.join("; ")
        },
        sim.sched.seed()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ioctl(code: u32, input_length: usize, output_length: usize) -> RequestKind {
        RequestKind::DeviceControl {
            code,
            input_length,
            output_length,
        }
    }

    fn built(
        kind: RequestKind,
        io_type: sys::WDF_DEVICE_IO_TYPE,
        input: &[u8],
        output: &[u8],
    ) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
        let (a, b) = buffers_for(kind, Transfer::of(kind, io_type), input, output, new_buffer);
        (
            a.map(|b| b.as_slice().to_vec()),
            b.map(|b| b.as_slice().to_vec()),
        )
    }

    const BUFFERED: sys::WDF_DEVICE_IO_TYPE = sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered;
    const DIRECT: sys::WDF_DEVICE_IO_TYPE = sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoDirect;
    const NEITHER: sys::WDF_DEVICE_IO_TYPE = sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoNeither;
    const F: u8 = FRESH_FILL;

    #[test]
    fn buffered_ioctl_shares_one_buffer_sized_for_both_directions() {
        let built = built(ioctl(0x8A1B_2000, 3, 8), BUFFERED, b"abc", b"ignored");
        assert_eq!(built, (Some(vec![b'a', b'b', b'c', F, F, F, F, F]), None));
    }

    #[test]
    fn direct_ioctls_pass_the_second_buffer_as_the_callers_memory() {
        for method in [1, 2] {
            let built = built(ioctl(0x8A1B_2000 | method, 3, 4), BUFFERED, b"abc", b"wxyz");
            assert_eq!(built, (Some(b"abc".to_vec()), Some(b"wxyz".to_vec())));
        }
        // Contents the caller did not set read as the fill.
        let built = built(ioctl(0x8A1B_2002, 0, 2), BUFFERED, b"", b"");
        assert_eq!(built, (None, Some(vec![F, F])));
    }

    #[test]
    fn neither_ioctl_gets_no_system_buffer() {
        let built = built(ioctl(0x8A1B_2003, 3, 8), DIRECT, b"abc", b"");
        assert_eq!(built, (None, None));
    }

    #[test]
    fn internal_ioctls_follow_the_method_and_neither_passes_the_callers_two_buffers() {
        let internal = |code| RequestKind::InternalDeviceControl {
            code,
            input_length: 3,
            output_length: 4,
        };
        let buffered = built(internal(0x8A1B_2000), NEITHER, b"abc", b"wxyz");
        assert_eq!(buffered, (Some(vec![b'a', b'b', b'c', F]), None));
        for method in [1, 2, 3] {
            let separate = built(internal(0x8A1B_2000 | method), NEITHER, b"abc", b"wxyz");
            assert_eq!(separate, (Some(b"abc".to_vec()), Some(b"wxyz".to_vec())));
        }
    }

    #[test]
    fn reads_follow_the_device_io_type() {
        let read = RequestKind::Read { length: 3 };
        assert_eq!(
            built(read, BUFFERED, b"", b"old"),
            (None, Some(vec![F, F, F]))
        );
        assert_eq!(
            built(read, DIRECT, b"", b"old"),
            (None, Some(b"old".to_vec()))
        );
        assert_eq!(built(read, NEITHER, b"", b"old"), (None, None));
        let write = RequestKind::Write { length: 2 };
        assert_eq!(
            built(write, DIRECT, b"hi", b""),
            (Some(b"hi".to_vec()), None)
        );
        assert_eq!(built(write, NEITHER, b"hi", b""), (None, None));
    }
}
