//! The filter role's control device: its names, control codes and wire structs.
//!
//! # What the filter does
//! Installed as an upper filter, iolab forwards every read, write, device control and internal
//! device control request to the device below it, unchanged, and completes each with the lower
//! driver's status and information unchanged. With monitoring on (the default) it records, per
//! request type and per IOCTL code, what it saw in a fixed table ([`FilterStats`]); with monitoring
//! off it forwards with send-and-forget and only counts ([`FilterStats::unmonitored`]). Requests of
//! any other kind pass through the framework untouched.
//!
//! # The control device
//! The first filter instance creates one control device, `\Device\IoLabFilter` with the symbolic
//! link `\DosDevices\IoLabFilter` (user mode opens [`FILTER_CONTROL_PATH`]), admitting SYSTEM and
//! Administrators only ([`crate::DEVICE_SDDL`]); the last instance's removal deletes it. It
//! answers [`crate::IOCTL_IOLAB_GET_INFO`] (role [`crate::Role::Filter`]) and:
//! - [`IOCTL_IOLAB_LIST_FILTERS`] (read access): the filter instances ([`FilterList`]).
//! - [`IOCTL_IOLAB_GET_FILTER_STATS`] (read access): input a [`FilterSelect`] naming one instance,
//!   output its [`FilterStats`].
//! - [`IOCTL_IOLAB_RESET_FILTER_STATS`] (write access): input a [`FilterSelect`] naming one
//!   instance or [`ALL_FILTERS`]; zeroes the counters (not [`FilterStats::in_flight`]).
//! - [`IOCTL_IOLAB_SET_MONITORING`] (write access): input a [`FilterSelect`] naming one instance
//!   or [`ALL_FILTERS`] with [`FilterSelect::enabled`] 0 or 1.
//!
//! A malformed input fails with `STATUS_INVALID_PARAMETER`, an output buffer shorter than the
//! reply with `STATUS_BUFFER_TOO_SMALL`, an instance that does not exist with
//! `STATUS_NO_SUCH_DEVICE`, a handle without the access bit with `STATUS_ACCESS_DENIED`.

use core::mem::{offset_of, size_of};

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::pipe::{LATENCY_BUCKETS, impl_headed, latency_bucket, parse_headed};
use crate::{
    FILE_READ_ACCESS, FILE_WRITE_ACCESS, IOLAB_DEVICE_TYPE, METHOD_BUFFERED, PROTOCOL_VERSION,
    ProtocolError, WireHeader, ctl_code, function_of,
};

/// The control device's NT name.
pub const FILTER_CONTROL_DEVICE_NAME: &str = "\\Device\\IoLabFilter";
/// The control device's symbolic link (kernel name).
pub const FILTER_CONTROL_SYMBOLIC_LINK: &str = "\\DosDevices\\IoLabFilter";
/// The path user mode opens the control device by (`CreateFileW`).
pub const FILTER_CONTROL_PATH: &str = "\\\\.\\IoLabFilter";

/// List the filter instances; replies with a [`FilterList`]. No input. Needs read access.
pub const IOCTL_IOLAB_LIST_FILTERS: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x820, METHOD_BUFFERED, FILE_READ_ACCESS);

/// One instance's statistics: input a [`FilterSelect`], output a [`FilterStats`]. Needs read
/// access.
pub const IOCTL_IOLAB_GET_FILTER_STATS: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x821, METHOD_BUFFERED, FILE_READ_ACCESS);

/// Zero one instance's counters, or every instance's ([`ALL_FILTERS`]): input a
/// [`FilterSelect`], no output. Needs write access.
pub const IOCTL_IOLAB_RESET_FILTER_STATS: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x822, METHOD_BUFFERED, FILE_WRITE_ACCESS);

/// Turn monitoring on or off for one instance or every one ([`ALL_FILTERS`]): input a
/// [`FilterSelect`], no output. Needs write access.
pub const IOCTL_IOLAB_SET_MONITORING: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x823, METHOD_BUFFERED, FILE_WRITE_ACCESS);

/// Every control code of the control device, in function order.
pub const FILTER_IOCTLS: [u32; 4] = [
    IOCTL_IOLAB_LIST_FILTERS,
    IOCTL_IOLAB_GET_FILTER_STATS,
    IOCTL_IOLAB_RESET_FILTER_STATS,
    IOCTL_IOLAB_SET_MONITORING,
];

const _: () = {
    let (mut index, mut function) = (0, 0x820);
    while index < FILTER_IOCTLS.len() {
        assert!(function_of(FILTER_IOCTLS[index]) == function);
        index += 1;
        function += 1;
    }
};

/// [`FilterSelect::id`] meaning every instance (reset and monitoring only).
pub const ALL_FILTERS: u32 = u32::MAX;
/// Most instances one [`FilterList`] reply carries ([`FilterList::total`] counts them all).
pub const MAX_LISTED_FILTERS: usize = 32;
/// Length of [`FilterEntry::name`] in UTF-16 units (the last is always NUL).
pub const FILTER_NAME_LEN: usize = 64;
/// How many IOCTL codes one instance tracks separately ([`FilterStats::ioctls`]).
pub const IOCTL_SLOTS: usize = 16;

/// The request types the filter forwards, as indexes of [`FilterStats::kinds`].
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// `IRP_MJ_READ`.
    Read = 0,
    /// `IRP_MJ_WRITE`.
    Write = 1,
    /// `IRP_MJ_DEVICE_CONTROL`.
    DeviceControl = 2,
    /// `IRP_MJ_INTERNAL_DEVICE_CONTROL`.
    InternalDeviceControl = 3,
}

/// Number of [`RequestKind`]s.
pub const REQUEST_KIND_COUNT: usize = 4;

impl RequestKind {
    /// Every kind, in index order.
    pub const ALL: [Self; REQUEST_KIND_COUNT] = [
        Self::Read,
        Self::Write,
        Self::DeviceControl,
        Self::InternalDeviceControl,
    ];

    /// The kind's index in [`FilterStats::kinds`].
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The kind's name, for display and JSON.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
            Self::DeviceControl => "device_control",
            Self::InternalDeviceControl => "internal_device_control",
        }
    }

    /// The kind of a wire value.
    #[must_use]
    pub const fn from_u32(value: u32) -> Option<Self> {
        match value {
            0 => Some(Self::Read),
            1 => Some(Self::Write),
            2 => Some(Self::DeviceControl),
            3 => Some(Self::InternalDeviceControl),
            _ => None,
        }
    }
}

/// Size of [`FilterEntry`] in bytes.
pub const FILTER_ENTRY_SIZE: usize = 144;

/// One filter instance, in a [`FilterList`].
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable)]
pub struct FilterEntry {
    /// The instance's ID (1, 2, ... in the order the instances were added; never reused while
    /// the driver is loaded).
    pub id: u32,
    /// 1 if monitoring is on, 0 if off.
    pub monitoring: u32,
    /// Requests forwarded since the instance started (monitored or not; never reset).
    pub forwarded: u64,
    /// The filtered device's physical device object name (`\Device\...`), UTF-16, NUL-padded,
    /// truncated to [`FILTER_NAME_LEN`] - 1 units.
    pub name: [u16; FILTER_NAME_LEN],
}

const _: () = assert!(size_of::<FilterEntry>() == FILTER_ENTRY_SIZE);

impl FilterEntry {
    /// An entry; `name` is truncated to [`FILTER_NAME_LEN`] - 1 units.
    #[must_use]
    pub fn new(id: u32, monitoring: bool, forwarded: u64, name: &[u16]) -> Self {
        let mut entry = Self {
            id,
            monitoring: u32::from(monitoring),
            forwarded,
            name: [0; FILTER_NAME_LEN],
        };
        for (slot, unit) in entry
            .name
            .iter_mut()
            .take(FILTER_NAME_LEN - 1)
            .zip(name.iter())
        {
            *slot = *unit;
        }
        entry
    }

    /// The name's UTF-16 units, up to the first NUL.
    #[must_use]
    pub fn name_units(&self) -> &[u16] {
        let end = self
            .name
            .iter()
            .position(|&unit| unit == 0)
            .unwrap_or(FILTER_NAME_LEN);
        self.name.get(..end).unwrap_or(&[])
    }

    /// Whether monitoring is on.
    #[must_use]
    pub const fn is_monitoring(&self) -> bool {
        self.monitoring != 0
    }
}

/// Size of [`FilterList`] in bytes.
pub const FILTER_LIST_SIZE: usize = 4640;
const FILTER_LIST_SIZE_U32: u32 = 4640;
const _: () = assert!(FILTER_LIST_SIZE_U32 as usize == FILTER_LIST_SIZE);

/// The reply of [`IOCTL_IOLAB_LIST_FILTERS`].
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable)]
pub struct FilterList {
    /// `size` = [`FILTER_LIST_SIZE`], `version` = [`PROTOCOL_VERSION`].
    pub header: WireHeader,
    /// Entries filled in, from the start of `entries` (at most [`MAX_LISTED_FILTERS`]).
    pub count: u32,
    /// Instances that exist (more than `count` if the list did not fit).
    pub total: u32,
    /// The instances, in ID order; entries past `count` are zero.
    pub entries: [FilterEntry; MAX_LISTED_FILTERS],
    /// Must be zero.
    pub reserved: [u8; 16],
}

const _: () = assert!(size_of::<FilterList>() == FILTER_LIST_SIZE);
const _: () = assert!(offset_of!(FilterList, entries) == 16);

impl FilterList {
    /// An empty list with its header filled in.
    #[must_use]
    pub fn empty() -> Self {
        let mut list = <Self as zerocopy::FromZeros>::new_zeroed();
        list.header = WireHeader {
            size: FILTER_LIST_SIZE_U32,
            version: PROTOCOL_VERSION,
        };
        list
    }

    /// Appends an entry and counts it in `total`; past [`MAX_LISTED_FILTERS`] only `total`
    /// grows.
    pub fn push(&mut self, entry: FilterEntry) {
        self.total = self.total.saturating_add(1);
        if let Some(slot) = self.entries.get_mut(self.count as usize) {
            *slot = entry;
            self.count = self.count.saturating_add(1);
        }
    }

    /// The entries filled in.
    #[must_use]
    pub fn listed(&self) -> &[FilterEntry] {
        self.entries.get(..self.count as usize).unwrap_or(&[])
    }

    /// Parses and validates a reply.
    ///
    /// # Errors
    /// [`ProtocolError`] for a wrong length, header size or version, a reserved byte set, or a
    /// count above [`MAX_LISTED_FILTERS`] or `total`.
    pub fn parse(bytes: &[u8]) -> Result<Self, ProtocolError> {
        let list = parse_headed::<Self>(bytes)?;
        if list.count as usize > MAX_LISTED_FILTERS || list.count > list.total {
            return Err(ProtocolError::InvalidValue {
                field: "count",
                found: u64::from(list.count),
            });
        }
        Ok(list)
    }
}

/// Size of [`FilterSelect`] in bytes.
pub const FILTER_SELECT_SIZE: usize = 32;
const FILTER_SELECT_SIZE_U32: u32 = 32;
const _: () = assert!(FILTER_SELECT_SIZE_U32 as usize == FILTER_SELECT_SIZE);

/// The input of [`IOCTL_IOLAB_GET_FILTER_STATS`], [`IOCTL_IOLAB_RESET_FILTER_STATS`] and
/// [`IOCTL_IOLAB_SET_MONITORING`].
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable)]
pub struct FilterSelect {
    /// `size` = [`FILTER_SELECT_SIZE`], `version` = [`PROTOCOL_VERSION`].
    pub header: WireHeader,
    /// The instance's [`FilterEntry::id`], or [`ALL_FILTERS`] (not for GET_FILTER_STATS).
    pub id: u32,
    /// SET_MONITORING: 1 = on, 0 = off. Must be 0 for the other codes.
    pub enabled: u32,
    /// Must be zero.
    pub reserved: [u8; 16],
}

const _: () = assert!(size_of::<FilterSelect>() == FILTER_SELECT_SIZE);

impl FilterSelect {
    /// A selection of instance `id` (or [`ALL_FILTERS`]) with `enabled` (false except for
    /// SET_MONITORING).
    #[must_use]
    pub const fn new(id: u32, enabled: bool) -> Self {
        Self {
            header: WireHeader {
                size: FILTER_SELECT_SIZE_U32,
                version: PROTOCOL_VERSION,
            },
            id,
            enabled: if enabled { 1 } else { 0 },
            reserved: [0; 16],
        }
    }

    /// Parses and validates an input.
    ///
    /// # Errors
    /// [`ProtocolError`] for a wrong length, header size or version, a reserved byte set, or
    /// `enabled` other than 0 or 1.
    pub fn parse(bytes: &[u8]) -> Result<Self, ProtocolError> {
        let select = parse_headed::<Self>(bytes)?;
        if select.enabled > 1 {
            return Err(ProtocolError::InvalidValue {
                field: "enabled",
                found: u64::from(select.enabled),
            });
        }
        Ok(select)
    }
}

/// Size of [`OpStats`] in bytes.
pub const OP_STATS_SIZE: usize = 312;

/// What one instance saw of one request type or one IOCTL code (monitored requests only).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable)]
pub struct OpStats {
    /// The [`RequestKind`] as its `u32` value.
    pub kind: u32,
    /// The IOCTL code (0 in [`FilterStats::kinds`]).
    pub code: u32,
    /// The last failing NTSTATUS seen (0 if none), as its `u32` bits.
    pub last_failure: u32,
    /// Must be zero.
    pub reserved: u32,
    /// Requests completed.
    pub requests: u64,
    /// Completed with a success or informational status (`NT_SUCCESS`).
    pub succeeded: u64,
    /// Completed with a warning or error status (includes `cancelled`).
    pub failed: u64,
    /// Completed with `STATUS_CANCELLED`.
    pub cancelled: u64,
    /// Sum of the completions' `IoStatus.Information` (saturating): bytes read, written or
    /// returned — for internal device controls, whatever the lower driver put there, which need
    /// not be a byte count.
    pub bytes: u64,
    /// Latency from the filter receiving the request to the lower driver completing it: bucket 0
    /// counts those under 1 µs, bucket `i` those of 2^(i-1) ..< 2^i µs; the last also counts
    /// everything longer.
    pub latency_us_log2: [u64; LATENCY_BUCKETS],
}

const _: () = assert!(size_of::<OpStats>() == OP_STATS_SIZE);

impl OpStats {
    /// The request kind, if the field holds a valid one.
    #[must_use]
    pub const fn request_kind(&self) -> Option<RequestKind> {
        RequestKind::from_u32(self.kind)
    }

    /// The latency below which `percent` % of the requests completed, as the upper bound of its
    /// log2 bucket in µs (so within a factor of two); `None` without requests. The last bucket
    /// is open-ended and reports its lower bound.
    #[must_use]
    pub fn latency_percentile_us(&self, percent: u32) -> Option<u64> {
        latency_percentile_us(&self.latency_us_log2, percent)
    }
}

/// The latency below which `percent` % (clamped to 100) of the samples in a log2 histogram fall,
/// as the upper bound of its bucket in µs; `None` for an empty histogram.
#[must_use]
pub fn latency_percentile_us(histogram: &[u64; LATENCY_BUCKETS], percent: u32) -> Option<u64> {
    let total: u64 = histogram.iter().copied().fold(0, u64::saturating_add);
    if total == 0 {
        return None;
    }
    let percent = u128::from(percent.min(100));
    // The rank of the sample wanted, 1-based: ceil(total * percent / 100), at least 1.
    let rank = (u128::from(total) * percent).div_ceil(100).max(1);
    let mut seen: u128 = 0;
    for (bucket, &count) in histogram.iter().enumerate() {
        seen += u128::from(count);
        if seen >= rank {
            return Some(if bucket + 1 == LATENCY_BUCKETS {
                1 << (bucket - 1)
            } else {
                1 << bucket
            });
        }
    }
    None
}

/// Size of [`FilterStats`] in bytes.
pub const FILTER_STATS_SIZE: usize = 6400;
const FILTER_STATS_SIZE_U32: u32 = 6400;
const _: () = assert!(FILTER_STATS_SIZE_U32 as usize == FILTER_STATS_SIZE);

/// The reply of [`IOCTL_IOLAB_GET_FILTER_STATS`]: one instance's table, counted since it started
/// or since the last RESET_FILTER_STATS (`in_flight` is a gauge and never reset).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable)]
pub struct FilterStats {
    /// `size` = [`FILTER_STATS_SIZE`], `version` = [`PROTOCOL_VERSION`].
    pub header: WireHeader,
    /// The instance's ID.
    pub id: u32,
    /// 1 if monitoring is on, 0 if off.
    pub monitoring: u32,
    /// Requests forwarded with send-and-forget while monitoring was off.
    pub unmonitored: u64,
    /// Monitored requests whose `WdfRequestSend` failed (completed with the status the framework
    /// gave; also counted in their kind and code).
    pub send_failures: u64,
    /// Monitored IOCTLs whose code found no free slot in `ioctls` (counted in their kind only).
    pub untracked_ioctls: u64,
    /// Monitored requests sent to the lower driver and not completed yet.
    pub in_flight: u64,
    /// Per request type, in [`RequestKind`] order.
    pub kinds: [OpStats; REQUEST_KIND_COUNT],
    /// Per IOCTL code (device control and internal device control), in the order the codes were
    /// first seen; the first `ioctl_slots_used` are in use.
    pub ioctls: [OpStats; IOCTL_SLOTS],
    /// Slots of `ioctls` in use.
    pub ioctl_slots_used: u32,
    /// Must be zero.
    pub reserved: [u8; 108],
}

const _: () = assert!(size_of::<FilterStats>() == FILTER_STATS_SIZE);
const _: () = assert!(offset_of!(FilterStats, kinds) == 48);
const _: () = assert!(offset_of!(FilterStats, ioctls) == 48 + 4 * OP_STATS_SIZE);

impl FilterStats {
    /// An all-zero table for instance `id` with its header filled in.
    #[must_use]
    pub fn zeroed(id: u32) -> Self {
        let mut stats = <Self as zerocopy::FromZeros>::new_zeroed();
        stats.header = WireHeader {
            size: FILTER_STATS_SIZE_U32,
            version: PROTOCOL_VERSION,
        };
        stats.id = id;
        stats
    }

    /// Parses and validates a reply.
    ///
    /// # Errors
    /// [`ProtocolError`] for a wrong length, header size or version, a reserved byte set, or
    /// `ioctl_slots_used` above [`IOCTL_SLOTS`].
    pub fn parse(bytes: &[u8]) -> Result<Self, ProtocolError> {
        let stats = parse_headed::<Self>(bytes)?;
        if stats.ioctl_slots_used as usize > IOCTL_SLOTS {
            return Err(ProtocolError::InvalidValue {
                field: "ioctl_slots_used",
                found: u64::from(stats.ioctl_slots_used),
            });
        }
        Ok(stats)
    }

    /// The IOCTL slots in use.
    #[must_use]
    pub fn tracked_ioctls(&self) -> &[OpStats] {
        self.ioctls
            .get(..self.ioctl_slots_used as usize)
            .unwrap_or(&[])
    }

    /// The row of one request kind.
    #[must_use]
    pub fn kind(&self, kind: RequestKind) -> &OpStats {
        match kind {
            RequestKind::Read => &self.kinds[0],
            RequestKind::Write => &self.kinds[1],
            RequestKind::DeviceControl => &self.kinds[2],
            RequestKind::InternalDeviceControl => &self.kinds[3],
        }
    }

    /// The row of an IOCTL code of a kind, if it has a slot.
    #[must_use]
    pub fn ioctl(&self, kind: RequestKind, code: u32) -> Option<&OpStats> {
        self.tracked_ioctls()
            .iter()
            .find(|row| row.code == code && row.kind == kind as u32)
    }

    /// Whether monitoring is on.
    #[must_use]
    pub const fn is_monitoring(&self) -> bool {
        self.monitoring != 0
    }
}

/// Records one completed request into a row (the driver's and the model's shared arithmetic):
/// `status` is the NTSTATUS's bits, `information` the completion's information, `micros` the
/// latency.
pub fn record(row: &mut OpStats, status: u32, information: u64, micros: u64) {
    const STATUS_CANCELLED: u32 = 0xC000_0120;
    row.requests = row.requests.saturating_add(1);
    // NT_SUCCESS: severity success (0) or informational (1).
    if status >> 30 <= 1 {
        row.succeeded = row.succeeded.saturating_add(1);
    } else {
        row.failed = row.failed.saturating_add(1);
        row.last_failure = status;
        if status == STATUS_CANCELLED {
            row.cancelled = row.cancelled.saturating_add(1);
        }
    }
    row.bytes = row.bytes.saturating_add(information);
    if let Some(bucket) = row.latency_us_log2.get_mut(latency_bucket(micros)) {
        *bucket = bucket.saturating_add(1);
    }
}

impl_headed!(
    FilterList = FILTER_LIST_SIZE_U32,
    FilterSelect = FILTER_SELECT_SIZE_U32,
    FilterStats = FILTER_STATS_SIZE_U32,
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{access_of, method_of};

    #[test]
    fn codes_have_their_access_and_method() {
        assert_eq!(access_of(IOCTL_IOLAB_LIST_FILTERS), FILE_READ_ACCESS);
        assert_eq!(access_of(IOCTL_IOLAB_GET_FILTER_STATS), FILE_READ_ACCESS);
        assert_eq!(access_of(IOCTL_IOLAB_RESET_FILTER_STATS), FILE_WRITE_ACCESS);
        assert_eq!(access_of(IOCTL_IOLAB_SET_MONITORING), FILE_WRITE_ACCESS);
        for code in FILTER_IOCTLS {
            assert_eq!(method_of(code), METHOD_BUFFERED);
            assert!(crate::ioctl_name(code).is_some(), "{code:#x}");
        }
        assert_eq!(IOCTL_IOLAB_LIST_FILTERS, 0x8A1B_6080);
    }

    #[test]
    fn list_round_trips_and_truncates() {
        let mut list = FilterList::empty();
        let name: std::vec::Vec<u16> = "\\Device\\00000042".encode_utf16().collect();
        for id in 1..=40 {
            list.push(FilterEntry::new(id, id % 2 == 0, u64::from(id) * 10, &name));
        }
        assert_eq!((list.count, list.total), (32, 40));
        let parsed = FilterList::parse(list.as_bytes()).unwrap();
        assert_eq!(parsed.listed().len(), 32);
        assert_eq!(parsed.listed()[1].id, 2);
        assert!(parsed.listed()[1].is_monitoring());
        assert_eq!(parsed.listed()[0].name_units(), name.as_slice());
        let mut bad = list;
        bad.count = 33;
        assert_eq!(
            FilterList::parse(bad.as_bytes()),
            Err(ProtocolError::InvalidValue {
                field: "count",
                found: 33
            })
        );
    }

    #[test]
    fn entry_names_are_truncated_and_nul_terminated() {
        let long = [u16::from(b'x'); 100];
        let entry = FilterEntry::new(1, true, 0, &long);
        assert_eq!(entry.name_units().len(), FILTER_NAME_LEN - 1);
        assert_eq!(entry.name[FILTER_NAME_LEN - 1], 0);
    }

    #[test]
    fn select_checks_enabled_and_reserved() {
        let select = FilterSelect::new(ALL_FILTERS, true);
        assert_eq!(FilterSelect::parse(select.as_bytes()), Ok(select));
        let mut bad = select;
        bad.enabled = 2;
        assert_eq!(
            FilterSelect::parse(bad.as_bytes()),
            Err(ProtocolError::InvalidValue {
                field: "enabled",
                found: 2
            })
        );
        let mut bytes = select.as_bytes().to_vec();
        bytes[31] = 1;
        assert_eq!(
            FilterSelect::parse(&bytes),
            Err(ProtocolError::ReservedNotZero { offset: 31 })
        );
        assert_eq!(
            FilterSelect::parse(&bytes[..31]),
            Err(ProtocolError::WrongLength {
                expected: 32,
                actual: 31
            })
        );
    }

    #[test]
    fn stats_record_and_round_trip() {
        let mut stats = FilterStats::zeroed(7);
        let row = &mut stats.kinds[RequestKind::Read.index()];
        record(row, 0, 100, 3);
        record(row, 0xC000_0120, 0, 0);
        record(row, 0x8000_0005, 12, 1 << 40);
        assert_eq!(
            (row.requests, row.succeeded, row.failed, row.cancelled),
            (3, 1, 2, 1)
        );
        assert_eq!((row.bytes, row.last_failure), (112, 0x8000_0005));
        assert_eq!(row.latency_us_log2[2], 1);
        assert_eq!(row.latency_us_log2[0], 1);
        assert_eq!(row.latency_us_log2[31], 1);
        stats.ioctls[0].kind = RequestKind::DeviceControl as u32;
        stats.ioctls[0].code = 0x22_0004;
        stats.ioctl_slots_used = 1;
        let parsed = FilterStats::parse(stats.as_bytes()).unwrap();
        assert_eq!(parsed, stats);
        assert_eq!(parsed.kind(RequestKind::Read).requests, 3);
        assert!(
            parsed
                .ioctl(RequestKind::DeviceControl, 0x22_0004)
                .is_some()
        );
        assert!(
            parsed
                .ioctl(RequestKind::InternalDeviceControl, 0x22_0004)
                .is_none()
        );
        let mut bad = stats;
        bad.ioctl_slots_used = 17;
        assert!(FilterStats::parse(bad.as_bytes()).is_err());
    }

    #[test]
    fn percentiles_come_from_the_histogram() {
        let mut histogram = [0u64; LATENCY_BUCKETS];
        assert_eq!(latency_percentile_us(&histogram, 50), None);
        histogram[2] = 90; // 2..<4 us
        histogram[10] = 10; // 512..<1024 us
        assert_eq!(latency_percentile_us(&histogram, 50), Some(4));
        assert_eq!(latency_percentile_us(&histogram, 90), Some(4));
        assert_eq!(latency_percentile_us(&histogram, 91), Some(1024));
        assert_eq!(latency_percentile_us(&histogram, 100), Some(1024));
        assert_eq!(latency_percentile_us(&histogram, 0), Some(4));
        histogram[31] = 1000;
        assert_eq!(latency_percentile_us(&histogram, 99), Some(1 << 30));
    }

    #[test]
    fn kinds_name_and_index() {
        for (index, kind) in RequestKind::ALL.into_iter().enumerate() {
            assert_eq!(kind.index(), index);
            assert_eq!(RequestKind::from_u32(kind as u32), Some(kind));
        }
        assert_eq!(RequestKind::from_u32(4), None);
        assert_eq!(RequestKind::DeviceControl.name(), "device_control");
    }
}
