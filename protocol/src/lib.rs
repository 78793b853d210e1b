//! iolab's IOCTL protocol: control codes, the device interface GUID and wire structs.
//!
//! This crate is shared, unchanged, by the kernel driver and by user-mode tools, so it is `no_std`
//! and free of `unsafe`. Wire structs derive zerocopy's traits; no byte casting is written by hand.

#![no_std]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate std;

mod ctl;
pub mod filter;
mod guid;
pub mod identity;
pub mod pipe;
mod wire;

pub use ctl::{
    FILE_ANY_ACCESS, FILE_READ_ACCESS, FILE_WRITE_ACCESS, METHOD_BUFFERED, METHOD_IN_DIRECT,
    METHOD_NEITHER, METHOD_OUT_DIRECT, access_of, ctl_code, device_type_of, function_of, method_of,
};
pub use filter::{
    ALL_FILTERS, FILTER_CONTROL_PATH, FILTER_IOCTLS, FilterEntry, FilterList, FilterSelect,
    FilterStats, IOCTL_IOLAB_GET_FILTER_STATS, IOCTL_IOLAB_LIST_FILTERS,
    IOCTL_IOLAB_RESET_FILTER_STATS, IOCTL_IOLAB_SET_MONITORING, OpStats, RequestKind,
};
pub use guid::Guid;
pub use pipe::{
    COMPLETION_KINDS, ConfigError, DEFAULT_CAPACITY, ECHO_DIRECT_MAX_LEN, MAX_CAPACITY,
    MAX_TIMEOUT_MS, MAX_WAITERS, MIN_CAPACITY, PIPE_CONFIG_SIZE, PipeConfig, STATS_REPLY_SIZE,
    StatsReply, fnv1a64,
};
pub use wire::{DriverVersion, INFO_REPLY_RESERVED_LEN, INFO_REPLY_SIZE, InfoReply, WireHeader};

use core::fmt;

/// Version of the wire protocol; every wire struct's [`WireHeader::version`] carries it.
pub const PROTOCOL_VERSION: u32 = 1;

/// iolab's device type (vendor range: at least 0x8000).
pub const IOLAB_DEVICE_TYPE: u32 = 0x8A1B;

/// Query driver information; replies with an [`InfoReply`]. Takes no input.
///
/// Requires no access rights, so it works on a handle opened for diagnostics only.
pub const IOCTL_IOLAB_GET_INFO: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS);

/// Echo: the input (1..=[`ECHO_MAX_LEN`] bytes) comes back unchanged in the output buffer.
///
/// Empty or oversize input fails with `STATUS_INVALID_PARAMETER`; an output buffer shorter than
/// the input fails with `STATUS_BUFFER_TOO_SMALL`.
pub const IOCTL_IOLAB_ECHO: u32 = ctl_code(
    IOLAB_DEVICE_TYPE,
    0x801,
    METHOD_BUFFERED,
    FILE_READ_ACCESS | FILE_WRITE_ACCESS,
);

/// Read the pipe's statistics; replies with a [`StatsReply`]. Takes no input. Needs read access.
pub const IOCTL_IOLAB_GET_STATS: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x802, METHOD_BUFFERED, FILE_READ_ACCESS);

/// Zero the statistics' counters (not the gauges). No buffers. Needs write access.
pub const IOCTL_IOLAB_RESET_STATS: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x803, METHOD_BUFFERED, FILE_WRITE_ACCESS);

/// Read the pipe's configuration; replies with a [`PipeConfig`]. Takes no input. Needs read access.
pub const IOCTL_IOLAB_GET_CONFIG: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x804, METHOD_BUFFERED, FILE_READ_ACCESS);

/// Change the pipe's configuration: the input is a [`PipeConfig`], no output. Needs write access.
///
/// A malformed struct or a value out of range fails with `STATUS_INVALID_PARAMETER`; a capacity
/// change while the FIFO holds data fails with `STATUS_DEVICE_BUSY`.
pub const IOCTL_IOLAB_SET_CONFIG: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x805, METHOD_BUFFERED, FILE_WRITE_ACCESS);

/// Echo for large buffers, METHOD_IN_DIRECT form: the second (direct) buffer carries
/// 1..=[`ECHO_DIRECT_MAX_LEN`] bytes to the device, the input buffer their [`fnv1a64`] as 8
/// little-endian bytes. The device hashes what it sees in the caller's pages and completes with
/// the data's length on a match, `STATUS_DATA_ERROR` otherwise.
pub const IOCTL_IOLAB_ECHO_DIRECT_IN: u32 = ctl_code(
    IOLAB_DEVICE_TYPE,
    0x806,
    METHOD_IN_DIRECT,
    FILE_READ_ACCESS | FILE_WRITE_ACCESS,
);

/// Echo for large buffers, METHOD_OUT_DIRECT form: the input (1..=[`ECHO_DIRECT_MAX_LEN`] bytes)
/// is copied straight into the caller's output pages, which must be at least as long.
pub const IOCTL_IOLAB_ECHO_DIRECT_OUT: u32 = ctl_code(
    IOLAB_DEVICE_TYPE,
    0x807,
    METHOD_OUT_DIRECT,
    FILE_READ_ACCESS | FILE_WRITE_ACCESS,
);

/// Ping: no buffers, completes at once (for latency measurement).
pub const IOCTL_IOLAB_PING: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x808, METHOD_BUFFERED, FILE_ANY_ACCESS);

/// Drop the FIFO's contents (waiting readers keep waiting; waiting writes may then fit). No
/// buffers. Needs write access.
pub const IOCTL_IOLAB_PURGE: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x809, METHOD_BUFFERED, FILE_WRITE_ACCESS);

/// Every control code iolab defines, in function order.
pub const ALL_IOCTLS: [u32; 10] = [
    IOCTL_IOLAB_GET_INFO,
    IOCTL_IOLAB_ECHO,
    IOCTL_IOLAB_GET_STATS,
    IOCTL_IOLAB_RESET_STATS,
    IOCTL_IOLAB_GET_CONFIG,
    IOCTL_IOLAB_SET_CONFIG,
    IOCTL_IOLAB_ECHO_DIRECT_IN,
    IOCTL_IOLAB_ECHO_DIRECT_OUT,
    IOCTL_IOLAB_PING,
    IOCTL_IOLAB_PURGE,
];

// Vendor device types start at 0x8000 and vendor function codes at 0x800.
const _: () = assert!(IOLAB_DEVICE_TYPE >= 0x8000 && IOLAB_DEVICE_TYPE <= 0xFFFF);
const _: () = {
    let (mut index, mut function) = (0, 0x800);
    while index < ALL_IOCTLS.len() {
        assert!(function_of(ALL_IOCTLS[index]) == function);
        assert!(device_type_of(ALL_IOCTLS[index]) == IOLAB_DEVICE_TYPE);
        index += 1;
        function += 1;
    }
};

/// Largest payload [`IOCTL_IOLAB_ECHO`] accepts, in bytes.
pub const ECHO_MAX_LEN: usize = 4096;

/// Device interface class of the iolab function device: `{9B180C53-89B4-4514-9651-3C0257E5FB84}`.
pub const GUID_DEVINTERFACE_IOLAB: Guid = Guid {
    data1: 0x9B18_0C53,
    data2: 0x89B4,
    data3: 0x4514,
    data4: [0x96, 0x51, 0x3C, 0x02, 0x57, 0xE5, 0xFB, 0x84],
};

/// The security descriptor of the iolab device (SDDL): SYSTEM and Administrators get all
/// access, nobody else may open it. The driver assigns it (`WdfDeviceInitAssignSDDLString`, with
/// `FILE_DEVICE_SECURE_OPEN`) and the INF sets the same; to let standard users read and write,
/// add `(A;;GRGW;;;BU)` in both places.
pub const DEVICE_SDDL: &str = "D:P(A;;GA;;;SY)(A;;GA;;;BA)";

/// The role a driver instance plays, chosen by how it was installed.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The root-enumerated pipe device.
    Function = 1,
    /// An upper filter on another device's stack.
    Filter = 2,
}

impl Role {
    /// The role's value on the wire.
    #[must_use]
    pub const fn as_u32(self) -> u32 {
        self as u32
    }
}

impl TryFrom<u32> for Role {
    type Error = ProtocolError;

    /// Decodes a wire value.
    ///
    /// # Errors
    /// [`ProtocolError::UnknownRole`] for any value other than 1 or 2.
    fn try_from(value: u32) -> Result<Self, Self::Error> {
        match value {
            1 => Ok(Self::Function),
            2 => Ok(Self::Filter),
            found => Err(ProtocolError::UnknownRole { found }),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Function => "function",
            Self::Filter => "filter",
        })
    }
}

/// Why bytes received from the other side are not a valid wire struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtocolError {
    /// The buffer's length is not the struct's size.
    WrongLength {
        /// Size of the struct, in bytes.
        expected: usize,
        /// Length of the buffer received.
        actual: usize,
    },
    /// The header's `size` field does not match the struct's size.
    WrongSize {
        /// Size of the struct, in bytes.
        expected: u32,
        /// Value of the header's `size` field.
        found: u32,
    },
    /// The header carries a protocol version this build does not speak.
    UnsupportedVersion {
        /// Value of the header's `version` field.
        found: u32,
    },
    /// A role field holds a value that is not a [`Role`].
    UnknownRole {
        /// The value found.
        found: u32,
    },
    /// A field holds a value outside its range.
    InvalidValue {
        /// The field's name.
        field: &'static str,
        /// The value found.
        found: u64,
    },
    /// A reserved byte is not zero.
    ReservedNotZero {
        /// Offset of the first nonzero byte, from the start of the struct.
        offset: usize,
    },
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::WrongLength { expected, actual } => write!(
                f,
                "reply is {actual} bytes long, but the structure is {expected} bytes"
            ),
            Self::WrongSize { expected, found } => write!(
                f,
                "header declares a size of {found} bytes, but the structure is {expected} bytes"
            ),
            Self::UnsupportedVersion { found } => write!(
                f,
                "protocol version {found} is not supported (this build speaks version {PROTOCOL_VERSION})"
            ),
            Self::UnknownRole { found } => write!(
                f,
                "role value {found} is unknown (expected 1 = function or 2 = filter)"
            ),
            Self::InvalidValue { field, found } => {
                write!(f, "field `{field}` holds {found}, which is out of range")
            }
            Self::ReservedNotZero { offset } => {
                write!(f, "reserved byte at offset {offset} is not zero")
            }
        }
    }
}

impl core::error::Error for ProtocolError {}

/// The symbolic name of an iolab control code, for display; `None` for codes iolab does not define.
#[must_use]
pub const fn ioctl_name(code: u32) -> Option<&'static str> {
    match code {
        IOCTL_IOLAB_GET_INFO => Some("IOCTL_IOLAB_GET_INFO"),
        IOCTL_IOLAB_ECHO => Some("IOCTL_IOLAB_ECHO"),
        IOCTL_IOLAB_GET_STATS => Some("IOCTL_IOLAB_GET_STATS"),
        IOCTL_IOLAB_RESET_STATS => Some("IOCTL_IOLAB_RESET_STATS"),
        IOCTL_IOLAB_GET_CONFIG => Some("IOCTL_IOLAB_GET_CONFIG"),
        IOCTL_IOLAB_SET_CONFIG => Some("IOCTL_IOLAB_SET_CONFIG"),
        IOCTL_IOLAB_ECHO_DIRECT_IN => Some("IOCTL_IOLAB_ECHO_DIRECT_IN"),
        IOCTL_IOLAB_ECHO_DIRECT_OUT => Some("IOCTL_IOLAB_ECHO_DIRECT_OUT"),
        IOCTL_IOLAB_PING => Some("IOCTL_IOLAB_PING"),
        IOCTL_IOLAB_PURGE => Some("IOCTL_IOLAB_PURGE"),
        IOCTL_IOLAB_LIST_FILTERS => Some("IOCTL_IOLAB_LIST_FILTERS"),
        IOCTL_IOLAB_GET_FILTER_STATS => Some("IOCTL_IOLAB_GET_FILTER_STATS"),
        IOCTL_IOLAB_RESET_FILTER_STATS => Some("IOCTL_IOLAB_RESET_FILTER_STATS"),
        IOCTL_IOLAB_SET_MONITORING => Some("IOCTL_IOLAB_SET_MONITORING"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn iolab_codes_have_expected_values_and_fields() {
        assert_eq!(IOCTL_IOLAB_GET_INFO, 0x8A1B_2000);
        assert_eq!(IOCTL_IOLAB_ECHO, 0x8A1B_E004);
        assert_eq!(device_type_of(IOCTL_IOLAB_ECHO), IOLAB_DEVICE_TYPE);
        assert_eq!(function_of(IOCTL_IOLAB_GET_INFO), 0x800);
        assert_eq!(function_of(IOCTL_IOLAB_ECHO), 0x801);
        assert_eq!(access_of(IOCTL_IOLAB_GET_INFO), FILE_ANY_ACCESS);
        assert_eq!(
            access_of(IOCTL_IOLAB_ECHO),
            FILE_READ_ACCESS | FILE_WRITE_ACCESS
        );
        assert_eq!(method_of(IOCTL_IOLAB_ECHO), METHOD_BUFFERED);
    }

    #[test]
    fn pipe_codes_have_their_methods_and_access() {
        assert_eq!(access_of(IOCTL_IOLAB_GET_STATS), FILE_READ_ACCESS);
        assert_eq!(access_of(IOCTL_IOLAB_RESET_STATS), FILE_WRITE_ACCESS);
        assert_eq!(access_of(IOCTL_IOLAB_GET_CONFIG), FILE_READ_ACCESS);
        assert_eq!(access_of(IOCTL_IOLAB_SET_CONFIG), FILE_WRITE_ACCESS);
        assert_eq!(access_of(IOCTL_IOLAB_PING), FILE_ANY_ACCESS);
        assert_eq!(access_of(IOCTL_IOLAB_PURGE), FILE_WRITE_ACCESS);
        assert_eq!(method_of(IOCTL_IOLAB_ECHO_DIRECT_IN), METHOD_IN_DIRECT);
        assert_eq!(method_of(IOCTL_IOLAB_ECHO_DIRECT_OUT), METHOD_OUT_DIRECT);
        assert_eq!(IOCTL_IOLAB_PING, 0x8A1B_2020);
        for code in ALL_IOCTLS {
            assert!(ioctl_name(code).is_some(), "{code:#x}");
        }
    }

    #[test]
    fn ioctl_names() {
        assert_eq!(
            ioctl_name(IOCTL_IOLAB_GET_INFO),
            Some("IOCTL_IOLAB_GET_INFO")
        );
        assert_eq!(ioctl_name(IOCTL_IOLAB_ECHO), Some("IOCTL_IOLAB_ECHO"));
        assert_eq!(ioctl_name(0x0007_0000), None);
        assert_eq!(
            ioctl_name(ctl_code(IOLAB_DEVICE_TYPE, 0x8FF, METHOD_BUFFERED, 0)),
            None
        );
    }

    #[test]
    fn role_from_u32() {
        assert_eq!(Role::try_from(1), Ok(Role::Function));
        assert_eq!(Role::try_from(2), Ok(Role::Filter));
        assert_eq!(
            Role::try_from(0),
            Err(ProtocolError::UnknownRole { found: 0 })
        );
        assert_eq!(
            Role::try_from(3),
            Err(ProtocolError::UnknownRole { found: 3 })
        );
        assert_eq!(Role::Filter.as_u32(), 2);
        assert_eq!(Role::Function.to_string(), "function");
    }

    #[test]
    fn protocol_error_messages() {
        assert_eq!(
            ProtocolError::WrongLength {
                expected: 64,
                actual: 3
            }
            .to_string(),
            "reply is 3 bytes long, but the structure is 64 bytes"
        );
        assert_eq!(
            ProtocolError::WrongSize {
                expected: 64,
                found: 65
            }
            .to_string(),
            "header declares a size of 65 bytes, but the structure is 64 bytes"
        );
        assert_eq!(
            ProtocolError::UnsupportedVersion { found: 9 }.to_string(),
            "protocol version 9 is not supported (this build speaks version 1)"
        );
        assert_eq!(
            ProtocolError::UnknownRole { found: 7 }.to_string(),
            "role value 7 is unknown (expected 1 = function or 2 = filter)"
        );
        assert_eq!(
            ProtocolError::InvalidValue {
                field: "count",
                found: 40
            }
            .to_string(),
            "field `count` holds 40, which is out of range"
        );
        assert_eq!(
            ProtocolError::ReservedNotZero { offset: 30 }.to_string(),
            "reserved byte at offset 30 is not zero"
        );
    }
}
