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

/// The buffers the I/O manager builds for a request: METHOD_BUFFERED shares one system buffer
/// of max(input, output) bytes for both; direct I/O gets a separate output buffer; METHOD_NEITHER
/// gets none. `filled(len, data)` makes each one as [`new_buffer`] does (the framework passes
/// one that may reuse a quarantined buffer).
pub(crate) fn buffers_for(
    kind: RequestKind,
    input: &[u8],
    mut filled: impl FnMut(usize, &[u8]) -> SimBuffer,
) -> (Option<SimBuffer>, Option<SimBuffer>) {
    match kind {
        RequestKind::Create => (None, None),
        RequestKind::Read { length } => (None, Some(filled(length, &[]))),
        RequestKind::Write { length } => (Some(filled(length, input)), None),
        RequestKind::DeviceControl {
            code,
            input_length,
            output_length,
        } => match code & 3 {
            0 => {
                let len = input_length.max(output_length);
                ((len > 0).then(|| filled(len, input)), None)
            }
            1 | 2 => {
                let input = (input_length > 0).then(|| filled(input_length, input));
                (
                    input,
                    (output_length > 0).then(|| filled(output_length, &[])),
                )
            }
            _ => (None, None),
        },
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

    #[test]
    fn buffered_ioctl_shares_one_buffer_sized_for_both_directions() {
        let (input, output) = buffers_for(
            RequestKind::DeviceControl {
                code: 0x8A1B_2000,
                input_length: 3,
                output_length: 8,
            },
            b"abc",
            new_buffer,
        );
        let input = input.expect("a system buffer");
        assert!(output.is_none());
        assert_eq!(
            input.as_slice(),
            &[
                b'a', b'b', b'c', FRESH_FILL, FRESH_FILL, FRESH_FILL, FRESH_FILL, FRESH_FILL
            ]
        );
    }

    #[test]
    fn neither_ioctl_gets_no_system_buffer() {
        let (input, output) = buffers_for(
            RequestKind::DeviceControl {
                code: 0x8A1B_2003,
                input_length: 3,
                output_length: 8,
            },
            b"abc",
            new_buffer,
        );
        assert!(input.is_none() && output.is_none());
    }
}
