//! The pipe's statistics, lock-free: every counter is an atomic updated with relaxed ordering
//! on the request path (no lock, no allocation), read into a `StatsReply` by GET_STATS.

use core::sync::atomic::{AtomicU64, Ordering::Relaxed};

use iolab_protocol::StatsReply;
use iolab_protocol::pipe::{COMPLETION_KIND_COUNT, LATENCY_BUCKETS, latency_bucket};

use crate::pipe::Direction;
use crate::wdf::status::{NtStatus, Result};

/// What kind of request completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// A read.
    Read,
    /// A write.
    Write,
    /// An IOCTL.
    Ioctl,
}

impl From<Direction> for Operation {
    fn from(direction: Direction) -> Self {
        match direction {
            Direction::Read => Self::Read,
            Direction::Write => Self::Write,
        }
    }
}

/// The counters.
#[derive(Default)]
pub struct Stats {
    reads: AtomicU64,
    writes: AtomicU64,
    ioctls: AtomicU64,
    bytes_read: AtomicU64,
    bytes_written: AtomicU64,
    waiting_reads: AtomicU64,
    peak_waiting_reads: AtomicU64,
    waiting_writes: AtomicU64,
    peak_waiting_writes: AtomicU64,
    cancellations: AtomicU64,
    timeouts: AtomicU64,
    fifo_used: AtomicU64,
    fifo_capacity: AtomicU64,
    completions: [AtomicU64; COMPLETION_KIND_COUNT],
    latency: [AtomicU64; LATENCY_BUCKETS],
}

/// The index in `StatsReply::completions` of a result (see `COMPLETION_KINDS`).
fn completion_kind(result: Result<usize>) -> usize {
    match result {
        Ok(_) => 0,
        Err(NtStatus::CANCELLED) => 1,
        Err(NtStatus::IO_TIMEOUT) => 2,
        Err(NtStatus::INVALID_PARAMETER) => 3,
        Err(NtStatus::BUFFER_TOO_SMALL) => 4,
        Err(NtStatus::INVALID_BUFFER_SIZE) => 5,
        Err(NtStatus::DEVICE_BUSY) => 6,
        Err(NtStatus::INVALID_DEVICE_REQUEST) => 7,
        Err(NtStatus::INSUFFICIENT_RESOURCES) => 8,
        Err(_) => 9,
    }
}

fn bump(counter: &AtomicU64, by: u64) {
    counter.fetch_add(by, Relaxed);
}

fn count(value: usize) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

impl Stats {
    /// A request completed with `result` after `ticks` of 100 ns (a read's or write's latency,
    /// if known); `waited` says it had waited (a cancellation or a timeout of a waiting request
    /// is counted as such).
    pub fn completed(
        &self,
        operation: Operation,
        result: Result<usize>,
        ticks: Option<u64>,
        waited: bool,
    ) {
        let (done, bytes) = match operation {
            Operation::Read => (&self.reads, Some(&self.bytes_read)),
            Operation::Write => (&self.writes, Some(&self.bytes_written)),
            Operation::Ioctl => (&self.ioctls, None),
        };
        bump(done, 1);
        if let (Some(bytes), Ok(moved)) = (bytes, result) {
            bump(bytes, count(moved));
        }
        if let Some(counter) = self.completions.get(completion_kind(result)) {
            bump(counter, 1);
        }
        if waited && result == Err(NtStatus::CANCELLED) {
            bump(&self.cancellations, 1);
        }
        if waited && result == Err(NtStatus::IO_TIMEOUT) {
            bump(&self.timeouts, 1);
        }
        if let Some(ticks) = ticks
            && let Some(bucket) = self.latency.get(latency_bucket(ticks / 10))
        {
            bump(bucket, 1);
        }
    }

    /// The pipe's gauges after a change: waiting requests (and their peaks) and FIFO fill.
    pub fn gauges(
        &self,
        waiting_reads: usize,
        waiting_writes: usize,
        used: usize,
        capacity: usize,
    ) {
        let (reads, writes) = (count(waiting_reads), count(waiting_writes));
        self.waiting_reads.store(reads, Relaxed);
        self.peak_waiting_reads.fetch_max(reads, Relaxed);
        self.waiting_writes.store(writes, Relaxed);
        self.peak_waiting_writes.fetch_max(writes, Relaxed);
        self.fifo_used.store(count(used), Relaxed);
        self.fifo_capacity.store(count(capacity), Relaxed);
    }

    /// Zeroes the counters (RESET_STATS); the gauges stay, and the peaks restart from them.
    pub fn reset(&self) {
        for counter in [
            &self.reads,
            &self.writes,
            &self.ioctls,
            &self.bytes_read,
            &self.bytes_written,
            &self.cancellations,
            &self.timeouts,
        ]
        .into_iter()
        .chain(&self.completions)
        .chain(&self.latency)
        {
            counter.store(0, Relaxed);
        }
        self.peak_waiting_reads
            .store(self.waiting_reads.load(Relaxed), Relaxed);
        self.peak_waiting_writes
            .store(self.waiting_writes.load(Relaxed), Relaxed);
    }

    /// The counters as GET_STATS returns them.
    pub fn snapshot(&self) -> StatsReply {
        let mut reply = StatsReply::zeroed();
        reply.reads = self.reads.load(Relaxed);
        reply.writes = self.writes.load(Relaxed);
        reply.ioctls = self.ioctls.load(Relaxed);
        reply.bytes_read = self.bytes_read.load(Relaxed);
        reply.bytes_written = self.bytes_written.load(Relaxed);
        reply.waiting_reads = self.waiting_reads.load(Relaxed);
        reply.peak_waiting_reads = self.peak_waiting_reads.load(Relaxed);
        reply.waiting_writes = self.waiting_writes.load(Relaxed);
        reply.peak_waiting_writes = self.peak_waiting_writes.load(Relaxed);
        reply.cancellations = self.cancellations.load(Relaxed);
        reply.timeouts = self.timeouts.load(Relaxed);
        reply.fifo_used = self.fifo_used.load(Relaxed);
        reply.fifo_capacity = self.fifo_capacity.load(Relaxed);
        for (out, counter) in reply.completions.iter_mut().zip(&self.completions) {
            *out = counter.load(Relaxed);
        }
        for (out, counter) in reply.latency_us_log2.iter_mut().zip(&self.latency) {
            *out = counter.load(Relaxed);
        }
        reply
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_bytes_statuses_latency_and_resets_counters_only() {
        let stats = Stats::default();
        stats.completed(Operation::Write, Ok(10), Some(5), false);
        stats.completed(Operation::Read, Ok(4), Some(40), true);
        stats.completed(
            Operation::Read,
            Err(NtStatus::CANCELLED),
            Some(100_000),
            true,
        );
        stats.completed(
            Operation::Read,
            Err(NtStatus::IO_TIMEOUT),
            Some(10_000),
            true,
        );
        stats.completed(Operation::Ioctl, Err(NtStatus::DEVICE_BUSY), None, false);
        stats.gauges(2, 0, 6, 4096);
        stats.gauges(1, 3, 6, 4096);
        let reply = stats.snapshot();
        assert_eq!((reply.reads, reply.writes, reply.ioctls), (3, 1, 1));
        assert_eq!((reply.bytes_read, reply.bytes_written), (4, 10));
        assert_eq!((reply.cancellations, reply.timeouts), (1, 1));
        assert_eq!(reply.completions_of("success"), Some(2));
        assert_eq!(reply.completions_of("device_busy"), Some(1));
        assert_eq!(reply.completions_of("io_timeout"), Some(1));
        // 0.5 us -> bucket 0; 4 us -> 3; 10 ms -> 14; 1 ms -> 10.
        for bucket in [0, 3, 14, 10] {
            assert_eq!(
                reply.latency_us_log2.get(bucket),
                Some(&1),
                "bucket {bucket}"
            );
        }
        assert_eq!(reply.latency_us_log2.iter().sum::<u64>(), 4);
        assert_eq!((reply.waiting_reads, reply.peak_waiting_reads), (1, 2));
        assert_eq!((reply.waiting_writes, reply.peak_waiting_writes), (3, 3));
        stats.reset();
        let reply = stats.snapshot();
        assert_eq!(reply.reads + reply.writes + reply.ioctls, 0);
        assert_eq!(reply.completions.iter().sum::<u64>(), 0);
        assert_eq!((reply.waiting_reads, reply.peak_waiting_reads), (1, 1));
        assert_eq!((reply.fifo_used, reply.fifo_capacity), (6, 4096));
    }
}
