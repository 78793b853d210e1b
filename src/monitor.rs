//! One filter instance's table of what it saw (`iolab_protocol::filter`'s [`FilterStats`] rows,
//! filled with the protocol's shared [`record`] arithmetic): per request kind, per IOCTL code in
//! [`IOCTL_SLOTS`] slots taken in the order codes are first seen, send failures and untracked
//! IOCTLs. Pure logic: the filter keeps it behind a spin lock and fills it from its completion
//! routine, with no allocation.

use iolab_protocol::filter::{
    FilterStats, IOCTL_SLOTS, OpStats, REQUEST_KIND_COUNT, RequestKind, record,
};

/// What one completed (or failed-to-send) monitored request was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The request's kind.
    pub kind: RequestKind,
    /// Its IOCTL code (0 for reads and writes).
    pub code: u32,
    /// The NTSTATUS it completed with, as its bits.
    pub status: u32,
    /// `IoStatus.Information`.
    pub information: u64,
    /// Latency from arrival to completion, in µs.
    pub micros: u64,
    /// Its `WdfRequestSend` failed (it never reached the lower driver).
    pub send_failed: bool,
}

/// The counters of one instance (the parts of a [`FilterStats`] it owns: rows, slots, send
/// failures, untracked IOCTLs).
pub struct Table {
    stats: FilterStats,
}

impl Default for Table {
    fn default() -> Self {
        Self::new()
    }
}

impl Table {
    /// An empty table.
    #[must_use]
    pub fn new() -> Self {
        let mut table = Self {
            stats: FilterStats::zeroed(0),
        };
        table.reset();
        table
    }

    /// Zeroes every counter and frees every IOCTL slot.
    pub fn reset(&mut self) {
        let stats = &mut self.stats;
        for (row, kind) in stats.kinds.iter_mut().zip(RequestKind::ALL) {
            *row = zeroed_row(kind as u32, 0);
        }
        for row in &mut stats.ioctls {
            *row = zeroed_row(0, 0);
        }
        stats.ioctl_slots_used = 0;
        stats.send_failures = 0;
        stats.untracked_ioctls = 0;
    }

    /// Records one request.
    pub fn record(&mut self, outcome: &Outcome) {
        let Outcome {
            kind,
            code,
            status,
            information,
            micros,
            send_failed,
        } = *outcome;
        let stats = &mut self.stats;
        if send_failed {
            stats.send_failures = stats.send_failures.saturating_add(1);
        }
        if let Some(row) = stats.kinds.get_mut(kind.index()) {
            record(row, status, information, micros);
        }
        if matches!(
            kind,
            RequestKind::DeviceControl | RequestKind::InternalDeviceControl
        ) {
            match slot(stats, kind, code) {
                Some(row) => record(row, status, information, micros),
                None => stats.untracked_ioctls = stats.untracked_ioctls.saturating_add(1),
            }
        }
    }

    /// Copies the table into `out` (rows, slots, send failures, untracked IOCTLs); the rest of
    /// `out` is left as it is.
    pub fn copy_into(&self, out: &mut FilterStats) {
        out.kinds = self.stats.kinds;
        out.ioctls = self.stats.ioctls;
        out.ioctl_slots_used = self.stats.ioctl_slots_used;
        out.send_failures = self.stats.send_failures;
        out.untracked_ioctls = self.stats.untracked_ioctls;
    }
}

const _: () = assert!(REQUEST_KIND_COUNT == RequestKind::ALL.len());

fn zeroed_row(kind: u32, code: u32) -> OpStats {
    let mut row = <OpStats as zerocopy::FromZeros>::new_zeroed();
    row.kind = kind;
    row.code = code;
    row
}

/// The slot of `(kind, code)`: the one it already has, or the next free one (taken now);
/// `None` when all are taken by other codes.
fn slot(stats: &mut FilterStats, kind: RequestKind, code: u32) -> Option<&mut OpStats> {
    let used = usize::try_from(stats.ioctl_slots_used).unwrap_or(IOCTL_SLOTS);
    let kind_value = kind as u32;
    let position = stats
        .ioctls
        .iter()
        .take(used)
        .position(|row| row.kind == kind_value && row.code == code);
    let index = match position {
        Some(index) => index,
        None if used < IOCTL_SLOTS => {
            stats.ioctl_slots_used = stats.ioctl_slots_used.saturating_add(1);
            used
        }
        None => return None,
    };
    let row = stats.ioctls.get_mut(index)?;
    row.kind = kind_value;
    row.code = code;
    Some(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(kind: RequestKind, code: u32, status: u32, information: u64) -> Outcome {
        Outcome {
            kind,
            code,
            status,
            information,
            micros: 3,
            send_failed: false,
        }
    }

    #[test]
    fn kinds_and_codes_are_counted_apart() {
        let mut table = Table::new();
        table.record(&outcome(RequestKind::Read, 0, 0, 10));
        table.record(&outcome(RequestKind::DeviceControl, 0x22_0000, 0, 4));
        table.record(&outcome(
            RequestKind::InternalDeviceControl,
            0x22_0000,
            0xC000_0120,
            0,
        ));
        table.record(&outcome(RequestKind::DeviceControl, 0x22_0000, 0, 6));
        let mut out = FilterStats::zeroed(1);
        table.copy_into(&mut out);
        assert_eq!(out.kind(RequestKind::Read).bytes, 10);
        assert_eq!(out.kind(RequestKind::DeviceControl).requests, 2);
        assert_eq!(out.ioctl_slots_used, 2);
        let row = out
            .ioctl(RequestKind::DeviceControl, 0x22_0000)
            .map(|r| r.bytes);
        assert_eq!(row, Some(10));
        let internal = out.ioctl(RequestKind::InternalDeviceControl, 0x22_0000);
        assert_eq!(internal.map(|r| (r.cancelled, r.kind)), Some((1, 3)));
        assert_eq!(out.kinds[2].kind, 2);
    }

    #[test]
    fn the_seventeenth_code_is_untracked_and_reset_frees_the_slots() {
        let mut table = Table::new();
        for code in 0..=16_u32 {
            assert_eq!(IOCTL_SLOTS, 16);
            table.record(&outcome(RequestKind::DeviceControl, code << 2, 0, 1));
        }
        table.record(&Outcome {
            send_failed: true,
            ..outcome(RequestKind::Write, 0, 0xC000_0184, 0)
        });
        let mut out = FilterStats::zeroed(1);
        table.copy_into(&mut out);
        assert_eq!(out.ioctl_slots_used as usize, IOCTL_SLOTS);
        assert_eq!(out.untracked_ioctls, 1);
        assert_eq!(out.kind(RequestKind::DeviceControl).requests, 17);
        assert_eq!(out.send_failures, 1);
        assert_eq!(out.kind(RequestKind::Write).last_failure, 0xC000_0184);
        table.reset();
        table.copy_into(&mut out);
        assert_eq!((out.ioctl_slots_used, out.untracked_ioctls), (0, 0));
        assert_eq!(out.kind(RequestKind::DeviceControl).requests, 0);
        assert_eq!(out.kinds[3].kind, 3);
    }
}
