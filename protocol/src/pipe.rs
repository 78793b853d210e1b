//! The pipe's wire structs: its configuration ([`PipeConfig`], for `GET_CONFIG` and `SET_CONFIG`)
//! and its statistics ([`StatsReply`], for `GET_STATS`), each headed by a [`WireHeader`], plus
//! the checksum `ECHO_DIRECT`'s IN_DIRECT form verifies ([`fnv1a64`]).
//!
//! # The pipe's semantics
//! The function device owns one bounded FIFO of [`PipeConfig::capacity`] bytes (default
//! [`DEFAULT_CAPACITY`], [`MIN_CAPACITY`]..=[`MAX_CAPACITY`]), allocated when the device is created
//! or reconfigured, never per request.
//! - **WRITE** appends all of its bytes or none. Longer than the capacity:
//!   `STATUS_INVALID_BUFFER_SIZE`. Not enough room now (or earlier writes still waiting): the write
//!   waits, in arrival order, until it fits, times out or is cancelled.
//! - **READ** returns min(length, bytes available); on an empty FIFO it waits until data arrives,
//!   it times out or it is cancelled. Waiting readers and writers are served strictly in arrival
//!   order (a later request never overtakes an earlier one of its kind).
//! - Zero-length reads and writes complete at once with success and 0 bytes.
//! - Timeouts ([`PipeConfig::read_timeout_ms`], [`PipeConfig::write_timeout_ms`]; 0 = wait
//!   forever, at most [`MAX_TIMEOUT_MS`]) end a waiting request with `STATUS_IO_TIMEOUT`; a new
//!   timeout applies to requests that start waiting after it is set.
//! - Cancellation (`CancelIoEx`) ends a waiting request with `STATUS_CANCELLED`; closing a handle
//!   cancels exactly that handle's waiting requests (`STATUS_CANCELLED`); removing or
//!   surprise-removing the device cancels every waiting request (`STATUS_CANCELLED`).
//! - The device leaving D0 (an idle power-down, the system going to sleep) ends nothing: waiting
//!   reads and writes keep their place and stay cancellable (cancellation, handle close and
//!   timeouts still end them); requests sent meanwhile wait in the framework's queue; back in
//!   D0 those arrive and the waiters are served in arrival order, as if the device had never left.
//! - At most [`MAX_WAITERS`] reads and [`MAX_WAITERS`] writes wait at once (their slots are
//!   allocated with the device); one more fails at once with `STATUS_INSUFFICIENT_RESOURCES`.
//! - Reads and writes use direct I/O: a write's bytes are copied once, from the caller's pages
//!   into the FIFO, and a read's once, from the FIFO into the caller's pages.

use core::mem::{offset_of, size_of};

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::{PROTOCOL_VERSION, ProtocolError, WireHeader};

/// Smallest FIFO capacity, in bytes (4 KiB).
pub const MIN_CAPACITY: u32 = 4096;
/// Largest FIFO capacity, in bytes (16 MiB).
pub const MAX_CAPACITY: u32 = 16 * 1024 * 1024;
/// The FIFO's capacity when the device starts (64 KiB).
pub const DEFAULT_CAPACITY: u32 = 64 * 1024;
/// Longest read or write timeout, in milliseconds (one hour).
pub const MAX_TIMEOUT_MS: u32 = 3_600_000;
/// How many reads (and, separately, writes) can wait at once.
pub const MAX_WAITERS: usize = 1024;
/// Largest payload of `ECHO_DIRECT` (either form), in bytes (16 MiB).
pub const ECHO_DIRECT_MAX_LEN: usize = 16 * 1024 * 1024;

/// Size of [`PipeConfig`] in bytes.
pub const PIPE_CONFIG_SIZE: usize = 32;
const PIPE_CONFIG_SIZE_U32: u32 = 32;
const _: () = assert!(PIPE_CONFIG_SIZE_U32 as usize == PIPE_CONFIG_SIZE);

/// The pipe's configuration: the reply of `GET_CONFIG` and the input of `SET_CONFIG`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable)]
pub struct PipeConfig {
    /// `size` = [`PIPE_CONFIG_SIZE`], `version` = [`PROTOCOL_VERSION`].
    pub header: WireHeader,
    /// FIFO capacity in bytes, [`MIN_CAPACITY`]..=[`MAX_CAPACITY`]. It changes only while the FIFO
    /// is empty (otherwise `SET_CONFIG` fails with `STATUS_DEVICE_BUSY`).
    pub capacity: u32,
    /// How long a read may wait, in milliseconds; 0 = forever.
    pub read_timeout_ms: u32,
    /// How long a write may wait, in milliseconds; 0 = forever.
    pub write_timeout_ms: u32,
    /// Must be zero.
    pub reserved: [u8; 12],
}

const _: () = assert!(size_of::<PipeConfig>() == PIPE_CONFIG_SIZE);
const _: () = assert!(offset_of!(PipeConfig, capacity) == 8);
const _: () = assert!(offset_of!(PipeConfig, reserved) == 20);

/// Why a [`PipeConfig`] is out of range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The struct itself is malformed.
    Protocol(ProtocolError),
    /// The capacity is outside [`MIN_CAPACITY`]..=[`MAX_CAPACITY`].
    Capacity(u32),
    /// A timeout is above [`MAX_TIMEOUT_MS`].
    Timeout(u32),
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Protocol(error) => error.fmt(f),
            Self::Capacity(found) => write!(
                f,
                "capacity {found} is outside {MIN_CAPACITY}..={MAX_CAPACITY} bytes"
            ),
            Self::Timeout(found) => {
                write!(
                    f,
                    "timeout {found} ms is above the limit of {MAX_TIMEOUT_MS} ms"
                )
            }
        }
    }
}

impl core::error::Error for ConfigError {}

impl PipeConfig {
    /// The configuration the device starts with: [`DEFAULT_CAPACITY`], no timeouts.
    pub const DEFAULT: Self = Self::new(DEFAULT_CAPACITY, 0, 0);

    /// A configuration, header filled in, reserved bytes zero (not range-checked: see
    /// [`PipeConfig::validate`]).
    #[must_use]
    pub const fn new(capacity: u32, read_timeout_ms: u32, write_timeout_ms: u32) -> Self {
        Self {
            header: WireHeader {
                size: PIPE_CONFIG_SIZE_U32,
                version: PROTOCOL_VERSION,
            },
            capacity,
            read_timeout_ms,
            write_timeout_ms,
            reserved: [0; 12],
        }
    }

    /// Parses a configuration and checks its ranges.
    ///
    /// # Errors
    /// [`ConfigError::Protocol`] for a wrong length, header size or version, or a reserved byte
    /// set; [`ConfigError::Capacity`] or [`ConfigError::Timeout`] for a value out of range.
    pub fn parse(bytes: &[u8]) -> Result<Self, ConfigError> {
        let config = parse_headed::<Self>(bytes).map_err(ConfigError::Protocol)?;
        config.validate()?;
        Ok(config)
    }

    /// Checks the ranges of the values.
    ///
    /// # Errors
    /// As [`PipeConfig::parse`], for the values.
    pub const fn validate(&self) -> Result<(), ConfigError> {
        if self.capacity < MIN_CAPACITY || self.capacity > MAX_CAPACITY {
            return Err(ConfigError::Capacity(self.capacity));
        }
        if self.read_timeout_ms > MAX_TIMEOUT_MS {
            return Err(ConfigError::Timeout(self.read_timeout_ms));
        }
        if self.write_timeout_ms > MAX_TIMEOUT_MS {
            return Err(ConfigError::Timeout(self.write_timeout_ms));
        }
        Ok(())
    }
}

/// Number of latency buckets in [`StatsReply::latency_us_log2`].
pub const LATENCY_BUCKETS: usize = 32;

/// Which completion statuses [`StatsReply::completions`] counts, in order.
pub const COMPLETION_KINDS: [&str; COMPLETION_KIND_COUNT] = [
    "success",
    "cancelled",
    "io_timeout",
    "invalid_parameter",
    "buffer_too_small",
    "invalid_buffer_size",
    "device_busy",
    "invalid_device_request",
    "insufficient_resources",
    "other",
];
/// Length of [`StatsReply::completions`].
pub const COMPLETION_KIND_COUNT: usize = 10;

/// Size of [`StatsReply`] in bytes.
pub const STATS_REPLY_SIZE: usize = 512;
const STATS_REPLY_SIZE_U32: u32 = 512;
const _: () = assert!(STATS_REPLY_SIZE_U32 as usize == STATS_REPLY_SIZE);

/// The reply of `GET_STATS`: counters since the device started or the last `RESET_STATS`
/// (gauges — bytes buffered, requests waiting now — are never reset).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable)]
pub struct StatsReply {
    /// `size` = [`STATS_REPLY_SIZE`], `version` = [`PROTOCOL_VERSION`].
    pub header: WireHeader,
    /// Reads completed (any status).
    pub reads: u64,
    /// Writes completed (any status).
    pub writes: u64,
    /// IOCTLs completed (any status).
    pub ioctls: u64,
    /// Bytes returned by successful reads.
    pub bytes_read: u64,
    /// Bytes accepted by successful writes.
    pub bytes_written: u64,
    /// Reads waiting now.
    pub waiting_reads: u64,
    /// Most reads waiting at once.
    pub peak_waiting_reads: u64,
    /// Writes waiting now.
    pub waiting_writes: u64,
    /// Most writes waiting at once.
    pub peak_waiting_writes: u64,
    /// Waiting requests cancelled (CancelIoEx, handle close, removal).
    pub cancellations: u64,
    /// Waiting requests that timed out.
    pub timeouts: u64,
    /// Bytes in the FIFO now.
    pub fifo_used: u64,
    /// The FIFO's capacity now.
    pub fifo_capacity: u64,
    /// Completions by status, in the order of [`COMPLETION_KINDS`].
    pub completions: [u64; COMPLETION_KIND_COUNT],
    /// Latency of completed reads and writes: bucket 0 counts those under 1 µs, bucket `i`
    /// those of 2^(i-1) ..< 2^i µs; the last also counts everything longer.
    pub latency_us_log2: [u64; LATENCY_BUCKETS],
    /// Must be zero.
    pub reserved: [u8; 64],
}

const _: () = assert!(size_of::<StatsReply>() == STATS_REPLY_SIZE);
const _: () = assert!(offset_of!(StatsReply, reads) == 8);
const _: () = assert!(offset_of!(StatsReply, completions) == 112);
const _: () = assert!(offset_of!(StatsReply, latency_us_log2) == 192);
const _: () = assert!(offset_of!(StatsReply, reserved) == 448);

impl StatsReply {
    /// An all-zero reply with its header filled in.
    #[must_use]
    pub fn zeroed() -> Self {
        let mut reply = <Self as zerocopy::FromZeros>::new_zeroed();
        reply.header = WireHeader {
            size: STATS_REPLY_SIZE_U32,
            version: PROTOCOL_VERSION,
        };
        reply
    }

    /// Parses and validates a reply received from the driver.
    ///
    /// # Errors
    /// [`ProtocolError`] for a wrong length, header size or version, or a reserved byte set.
    pub fn parse(bytes: &[u8]) -> Result<Self, ProtocolError> {
        parse_headed::<Self>(bytes)
    }

    /// Completions counted for the status named `kind` (one of [`COMPLETION_KINDS`]).
    #[must_use]
    pub fn completions_of(&self, kind: &str) -> Option<u64> {
        let index = COMPLETION_KINDS.iter().position(|k| *k == kind)?;
        self.completions.get(index).copied()
    }
}

/// A wire struct led by a [`WireHeader`] and ending in reserved bytes.
pub(crate) trait Headed: FromBytes + KnownLayout + Immutable {
    /// The struct's size, as its header must state it.
    const SIZE: u32;
    /// Offset of the reserved bytes.
    const RESERVED_OFFSET: usize;
    fn header(&self) -> WireHeader;
    fn reserved(&self) -> &[u8];
}

/// Implements [`Headed`] for a struct with `header` and `reserved` fields, of `$size` bytes.
macro_rules! impl_headed {
    ($($ty:ty = $size:expr),* $(,)?) => {$(
        impl $crate::pipe::Headed for $ty {
            const SIZE: u32 = $size;
            const RESERVED_OFFSET: usize = core::mem::offset_of!(Self, reserved);
            fn header(&self) -> $crate::WireHeader {
                self.header
            }
            fn reserved(&self) -> &[u8] {
                &self.reserved
            }
        }
    )*};
}
pub(crate) use impl_headed;

impl_headed!(
    PipeConfig = PIPE_CONFIG_SIZE_U32,
    StatsReply = STATS_REPLY_SIZE_U32
);

/// Reads a header-led struct from exactly its size in bytes and checks header and reserved bytes.
pub(crate) fn parse_headed<T: Headed>(bytes: &[u8]) -> Result<T, ProtocolError> {
    let Ok(value) = T::read_from_bytes(bytes) else {
        return Err(ProtocolError::WrongLength {
            expected: size_of::<T>(),
            actual: bytes.len(),
        });
    };
    let (header, reserved, reserved_offset, size) = (
        value.header(),
        value.reserved(),
        T::RESERVED_OFFSET,
        T::SIZE,
    );
    if header.size != size {
        return Err(ProtocolError::WrongSize {
            expected: size,
            found: header.size,
        });
    }
    if header.version != PROTOCOL_VERSION {
        return Err(ProtocolError::UnsupportedVersion {
            found: header.version,
        });
    }
    if let Some(index) = reserved.iter().position(|&b| b != 0) {
        return Err(ProtocolError::ReservedNotZero {
            offset: reserved_offset + index,
        });
    }
    Ok(value)
}

/// The 64-bit FNV-1a hash of `bytes`: the input of `ECHO_DIRECT`'s IN_DIRECT form, which the
/// driver recomputes over the caller's direct buffer.
#[must_use]
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The latency bucket of a duration of `micros` microseconds (see
/// [`StatsReply::latency_us_log2`]).
#[must_use]
pub const fn latency_bucket(micros: u64) -> usize {
    let bits = (u64::BITS - micros.leading_zeros()) as usize;
    if bits >= LATENCY_BUCKETS {
        LATENCY_BUCKETS - 1
    } else {
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_round_trips_and_checks_ranges() {
        let config = PipeConfig::new(8192, 5, 0);
        assert_eq!(PipeConfig::parse(config.as_bytes()), Ok(config));
        assert_eq!(PipeConfig::DEFAULT.capacity, 65536);
        for (capacity, ok) in [
            (4095, false),
            (4096, true),
            (MAX_CAPACITY, true),
            (MAX_CAPACITY + 1, false),
        ] {
            let result = PipeConfig::parse(PipeConfig::new(capacity, 0, 0).as_bytes());
            assert_eq!(result.is_ok(), ok, "{capacity}");
            if !ok {
                assert_eq!(result, Err(ConfigError::Capacity(capacity)));
            }
        }
        assert_eq!(
            PipeConfig::new(4096, MAX_TIMEOUT_MS + 1, 0).validate(),
            Err(ConfigError::Timeout(MAX_TIMEOUT_MS + 1))
        );
        assert_eq!(
            PipeConfig::new(4096, 0, MAX_TIMEOUT_MS + 1).validate(),
            Err(ConfigError::Timeout(MAX_TIMEOUT_MS + 1))
        );
        assert_eq!(
            PipeConfig::new(4096, MAX_TIMEOUT_MS, MAX_TIMEOUT_MS).validate(),
            Ok(())
        );
    }

    #[test]
    fn config_rejects_malformed_bytes() {
        let mut bytes = PipeConfig::DEFAULT.as_bytes().to_vec();
        assert_eq!(
            PipeConfig::parse(&bytes[..31]),
            Err(ConfigError::Protocol(ProtocolError::WrongLength {
                expected: 32,
                actual: 31
            }))
        );
        bytes[4] = 2;
        assert_eq!(
            PipeConfig::parse(&bytes),
            Err(ConfigError::Protocol(ProtocolError::UnsupportedVersion {
                found: 2
            }))
        );
        bytes[4] = 1;
        bytes[0] = 33;
        assert_eq!(
            PipeConfig::parse(&bytes),
            Err(ConfigError::Protocol(ProtocolError::WrongSize {
                expected: 32,
                found: 33
            }))
        );
        bytes[0] = 32;
        bytes[31] = 1;
        assert_eq!(
            PipeConfig::parse(&bytes),
            Err(ConfigError::Protocol(ProtocolError::ReservedNotZero {
                offset: 31
            }))
        );
    }

    #[test]
    fn stats_round_trip_and_name_their_completions() {
        let mut stats = StatsReply::zeroed();
        stats.reads = 3;
        stats.completions[2] = 7;
        assert_eq!(StatsReply::parse(stats.as_bytes()), Ok(stats));
        assert_eq!(stats.completions_of("io_timeout"), Some(7));
        assert_eq!(stats.completions_of("nonsense"), None);
        let mut bytes = stats.as_bytes().to_vec();
        bytes[STATS_REPLY_SIZE - 1] = 9;
        assert_eq!(
            StatsReply::parse(&bytes),
            Err(ProtocolError::ReservedNotZero {
                offset: STATS_REPLY_SIZE - 1
            })
        );
    }

    #[test]
    fn latency_buckets_are_log2_microseconds() {
        assert_eq!(latency_bucket(0), 0);
        assert_eq!(latency_bucket(1), 1);
        assert_eq!(latency_bucket(2), 2);
        assert_eq!(latency_bucket(3), 2);
        assert_eq!(latency_bucket(4), 3);
        assert_eq!(latency_bucket(1 << 30), 31);
        assert_eq!(latency_bucket(u64::MAX), 31);
    }

    #[test]
    fn fnv1a64_matches_the_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
