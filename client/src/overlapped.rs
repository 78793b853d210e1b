//! The Win32 harness's bookkeeping, kept apart from its Win32 calls so that it is tested on every
//! OS: how an overlapped operation's end becomes a [`Completion`] (the driver's exact NTSTATUS
//! from `OVERLAPPED.Internal`, mapped as the synchronous IOCTL path maps it), and the table of
//! operations by [`OpId`] — running, ended with its completion kept until it is asked for, or
//! reported and forgotten.

use crate::error::failure;
use crate::harness::{Completion, Op, OpId};

/// What an operation does with its buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OpKind {
    /// `ReadFile`: the buffer receives the bytes.
    Read,
    /// `WriteFile`: the buffer holds the bytes sent.
    Write,
    /// `DeviceIoControl`: the output buffer receives the reply.
    Ioctl,
}

impl OpKind {
    pub(crate) fn of(op: &Op) -> Self {
        match op {
            Op::Read(_) => Self::Read,
            Op::Write(_) => Self::Write,
            Op::Ioctl { .. } => Self::Ioctl,
        }
    }
}

/// How a finished overlapped operation ended: `GetOverlappedResult(Ex)`'s result and Win32
/// error, the NTSTATUS in `OVERLAPPED.Internal` and the byte count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Finished {
    /// Whether `GetOverlappedResult(Ex)` (or the starting call) returned TRUE.
    pub ok: bool,
    /// `OVERLAPPED.Internal`: the status the request completed with.
    pub status: u32,
    /// `GetLastError` after a FALSE result (0 after TRUE).
    pub error: u32,
    /// Bytes transferred (`IoStatus.Information`).
    pub transferred: u32,
}

/// The [`Completion`] of a finished operation of `kind` whose output buffer is `output`: on
/// success the byte count, and for reads and IOCTLs that many bytes of `output` (never more than
/// it holds); on failure the exact status (see [`failure`]) and no bytes, as the simulator reports
/// a failed request.
pub(crate) fn completion(kind: OpKind, finished: &Finished, output: &[u8]) -> Completion {
    if !finished.ok {
        return Completion {
            result: Err(failure(
                finished.status,
                finished.error,
                finished.transferred,
            )),
            output: Vec::new(),
        };
    }
    let count = usize::try_from(finished.transferred).unwrap_or(usize::MAX);
    let output = match kind {
        OpKind::Write => Vec::new(),
        OpKind::Read | OpKind::Ioctl => output.get(..count).unwrap_or(output).to_vec(),
    };
    Completion {
        result: Ok(count),
        output,
    }
}

/// One operation's place in the table.
#[derive(Debug)]
enum Slot<T> {
    /// Started, not known to have ended.
    Running(T),
    /// Ended (or failed as it started); its completion waits to be asked for.
    Ended(Completion),
    /// Reported, or never existed.
    Forgotten,
}

/// Operations by [`OpId`] (the index; ids are never reused).
#[derive(Debug)]
pub(crate) struct OpTable<T> {
    slots: Vec<Slot<T>>,
}

impl<T> Default for OpTable<T> {
    fn default() -> Self {
        Self { slots: Vec::new() }
    }
}

impl<T> OpTable<T> {
    /// Records an operation that is now running.
    pub(crate) fn start(&mut self, op: T) -> OpId {
        self.slots.push(Slot::Running(op));
        self.slots.len() - 1
    }

    /// Records an operation that ended as it started (it failed at once).
    pub(crate) fn ended(&mut self, completion: Completion) -> OpId {
        self.slots.push(Slot::Ended(completion));
        self.slots.len() - 1
    }

    /// The running operation `id`.
    pub(crate) fn running(&self, id: OpId) -> Option<&T> {
        match self.slots.get(id)? {
            Slot::Running(op) => Some(op),
            Slot::Ended(_) | Slot::Forgotten => None,
        }
    }

    /// The running operation `id`, to change.
    pub(crate) fn running_mut(&mut self, id: OpId) -> Option<&mut T> {
        match self.slots.get_mut(id)? {
            Slot::Running(op) => Some(op),
            Slot::Ended(_) | Slot::Forgotten => None,
        }
    }

    /// The ids of the running operations for which `matches` holds.
    pub(crate) fn running_where(&self, matches: impl Fn(&T) -> bool) -> Vec<OpId> {
        (0..self.slots.len())
            .filter(|&id| self.running(id).is_some_and(&matches))
            .collect()
    }

    /// Operation `id`'s completion, once: an ended one's, or a running one's if `check` finds it
    /// ended (the operation is then dropped). `None` while it runs, and after it was reported.
    pub(crate) fn report(
        &mut self,
        id: OpId,
        check: impl FnOnce(&T) -> Option<Completion>,
    ) -> Option<Completion> {
        let slot = self.slots.get_mut(id)?;
        let completion = match slot {
            Slot::Running(op) => check(op)?,
            Slot::Ended(completion) => std::mem::replace(completion, empty()),
            Slot::Forgotten => return None,
        };
        *slot = Slot::Forgotten;
        Some(completion)
    }

    /// Records that running operation `id` ended with `completion` (the operation is dropped), to
    /// be reported later.
    pub(crate) fn settle(&mut self, id: OpId, completion: Completion) {
        if let Some(slot @ Slot::Running(_)) = self.slots.get_mut(id) {
            *slot = Slot::Ended(completion);
        }
    }
}

fn empty() -> Completion {
    Completion {
        result: Ok(0),
        output: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;
    use crate::DeviceError;

    fn finished(ok: bool, status: u32, error: u32, transferred: u32) -> Finished {
        Finished {
            ok,
            status,
            error,
            transferred,
        }
    }

    #[test]
    fn a_success_returns_the_bytes_moved_and_what_was_read() {
        let buffer = b"abcdef";
        let read = completion(OpKind::Read, &finished(true, 0, 0, 4), buffer);
        assert_eq!(read.result, Ok(4));
        assert_eq!(read.output, b"abcd");
        let ioctl = completion(OpKind::Ioctl, &finished(true, 0, 0, 6), buffer);
        assert_eq!(ioctl.output, b"abcdef");
        let write = completion(OpKind::Write, &finished(true, 0, 0, 6), buffer);
        assert_eq!((write.result, write.output), (Ok(6), Vec::new()));
        // A count beyond the buffer (never from a correct I/O manager) returns the buffer.
        let over = completion(OpKind::Read, &finished(true, 0, 0, 99), buffer);
        assert_eq!((over.result, over.output.len()), (Ok(99), 6));
        assert_eq!(OpKind::of(&Op::Read(1)), OpKind::Read);
        assert_eq!(OpKind::of(&Op::Write(Vec::new())), OpKind::Write);
        let ioctl = Op::Ioctl {
            code: 0,
            input: Vec::new(),
            output_length: 0,
        };
        assert_eq!(OpKind::of(&ioctl), OpKind::Ioctl);
    }

    #[test]
    fn a_failure_carries_the_exact_status_and_no_bytes() {
        // STATUS_CANCELLED with ERROR_OPERATION_ABORTED, as a cancelled read ends.
        let cancelled = completion(OpKind::Read, &finished(false, 0xC000_0120, 995, 0), b"xy");
        assert_eq!(cancelled.result, Err(DeviceError::Cancelled));
        assert!(cancelled.output.is_empty());
        // STATUS_IO_TIMEOUT is kept, not turned into ERROR_SEM_TIMEOUT's words.
        let timeout = completion(OpKind::Write, &finished(false, 0xC000_00B5, 121, 0), b"");
        assert_eq!(
            timeout.result.map_err(|e| e.ntstatus()),
            Err(Some(0xC000_00B5))
        );
        // STATUS_INVALID_BUFFER_SIZE (a write longer than the capacity).
        let oversize = completion(OpKind::Write, &finished(false, 0xC000_0206, 87, 0), b"");
        assert_eq!(
            oversize.result.map_err(|e| e.ntstatus()),
            Err(Some(0xC000_0206))
        );
    }

    /// An operation that notes when it is dropped.
    struct Noted(u8, Rc<RefCell<Vec<u8>>>);

    impl Drop for Noted {
        fn drop(&mut self) {
            self.1.borrow_mut().push(self.0);
        }
    }

    #[test]
    fn the_table_reports_each_completion_once() {
        let dropped = Rc::new(RefCell::new(Vec::new()));
        let mut table = OpTable::default();
        let a = table.start(Noted(1, Rc::clone(&dropped)));
        let b = table.start(Noted(2, Rc::clone(&dropped)));
        let failed = table.ended(Completion {
            result: Err(DeviceError::InvalidParameter),
            output: Vec::new(),
        });
        assert_eq!((a, b, failed), (0, 1, 2));
        assert_eq!(table.running_where(|op| op.0 == 2), [b]);
        assert!(table.running(failed).is_none());

        // Still running: nothing to report, and the operation stays.
        assert_eq!(table.report(a, |_| None), None);
        assert!(table.running(a).is_some());
        // Ended now: reported once, dropped.
        let done = table.report(a, |op| {
            Some(Completion {
                result: Ok(usize::from(op.0)),
                output: Vec::new(),
            })
        });
        assert_eq!(done.map(|c| c.result), Some(Ok(1)));
        assert_eq!(*dropped.borrow(), [1]);
        assert_eq!(table.report(a, |_| unreachable!("forgotten")), None);

        // Ended as it started: reported without checking.
        let report = table.report(failed, |_| unreachable!("not running"));
        assert_eq!(
            report.map(|c| c.result),
            Some(Err(DeviceError::InvalidParameter))
        );

        // Settled while its handle closes, reported later.
        table.settle(b, empty());
        assert_eq!(*dropped.borrow(), [1, 2]);
        assert!(table.running_where(|_| true).is_empty());
        assert_eq!(
            table.report(b, |_| unreachable!()).map(|c| c.result),
            Some(Ok(0))
        );
        assert_eq!(table.report(99, |_| None), None, "never started");

        let c = table.start(Noted(3, Rc::clone(&dropped)));
        let d = table.start(Noted(4, Rc::clone(&dropped)));
        assert_eq!((c, d), (3, 4), "ids are not reused");
        if let Some(op) = table.running_mut(d) {
            op.0 = 5;
        }
        assert!(table.running_mut(a).is_none(), "reported");
        drop(table);
        assert_eq!(
            *dropped.borrow(),
            [1, 2, 3, 5],
            "what still runs drops with the table"
        );
    }
}
