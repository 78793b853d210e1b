//! Wire structs exchanged through iolab's buffered IOCTLs, with zerocopy-derived layouts.
//!
//! Every struct starts with a [`WireHeader`] and has no implicit padding (the `IntoBytes` derive
//! refuses to compile otherwise), so its bytes are fully defined on both sides.

use core::fmt;
use core::mem::{offset_of, size_of};

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::{PROTOCOL_VERSION, ProtocolError, Role};

/// First field of every wire struct.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable)]
pub struct WireHeader {
    /// Size of the whole struct, in bytes.
    pub size: u32,
    /// [`PROTOCOL_VERSION`] of the sender.
    pub version: u32,
}

/// A driver's version, as in a driver package's `DriverVer` (`major.minor.patch.build`).
#[repr(C)]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, FromBytes, IntoBytes, KnownLayout, Immutable,
)]
pub struct DriverVersion {
    /// Major version.
    pub major: u16,
    /// Minor version.
    pub minor: u16,
    /// Patch level.
    pub patch: u16,
    /// Build number.
    pub build: u16,
}

impl fmt::Display for DriverVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}.{}.{}",
            self.major, self.minor, self.patch, self.build
        )
    }
}

/// Size of [`InfoReply`] in bytes.
pub const INFO_REPLY_SIZE: usize = 64;
/// Length of [`InfoReply::reserved`]; room for later fields without changing the size.
pub const INFO_REPLY_RESERVED_LEN: usize = 40;

/// Reply to `IOCTL_IOLAB_GET_INFO`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable)]
pub struct InfoReply {
    /// `size` = [`INFO_REPLY_SIZE`], `version` = [`PROTOCOL_VERSION`].
    pub header: WireHeader,
    /// Protocol version the driver speaks.
    pub protocol_version: u32,
    /// The driver instance's [`Role`], as its `u32` value.
    pub role: u32,
    /// The driver's version.
    pub driver_version: DriverVersion,
    /// Must be zero.
    pub reserved: [u8; INFO_REPLY_RESERVED_LEN],
}

const _: () = assert!(size_of::<WireHeader>() == 8);
const _: () = assert!(size_of::<DriverVersion>() == 8);
const _: () = assert!(size_of::<InfoReply>() == INFO_REPLY_SIZE);
const _: () = assert!(offset_of!(InfoReply, protocol_version) == 8);
const _: () = assert!(offset_of!(InfoReply, role) == 12);
const _: () = assert!(offset_of!(InfoReply, driver_version) == 16);
const _: () = assert!(offset_of!(InfoReply, reserved) == 24);

/// [`INFO_REPLY_SIZE`] as the header's `u32` (checked by the assertion below).
const INFO_REPLY_SIZE_U32: u32 = 64;
const _: () = assert!(INFO_REPLY_SIZE_U32 as usize == INFO_REPLY_SIZE);

impl InfoReply {
    /// A reply for a driver of `role` and `driver_version`, header filled in, reserved bytes zero.
    #[must_use]
    pub const fn new(role: Role, driver_version: DriverVersion) -> Self {
        Self {
            header: WireHeader {
                size: INFO_REPLY_SIZE_U32,
                version: PROTOCOL_VERSION,
            },
            protocol_version: PROTOCOL_VERSION,
            role: role.as_u32(),
            driver_version,
            reserved: [0; INFO_REPLY_RESERVED_LEN],
        }
    }

    /// Parses and validates a reply received from the driver.
    ///
    /// # Errors
    /// - [`ProtocolError::WrongLength`] if `bytes` is not exactly [`INFO_REPLY_SIZE`] long;
    /// - [`ProtocolError::WrongSize`] if the header's size is not [`INFO_REPLY_SIZE`];
    /// - [`ProtocolError::UnsupportedVersion`] if the header's version is not [`PROTOCOL_VERSION`];
    /// - [`ProtocolError::UnknownRole`] if the role is not a [`Role`];
    /// - [`ProtocolError::ReservedNotZero`] if a reserved byte is set.
    pub fn parse(bytes: &[u8]) -> Result<Self, ProtocolError> {
        let Ok(reply) = Self::read_from_bytes(bytes) else {
            return Err(ProtocolError::WrongLength {
                expected: INFO_REPLY_SIZE,
                actual: bytes.len(),
            });
        };
        if reply.header.size != INFO_REPLY_SIZE_U32 {
            return Err(ProtocolError::WrongSize {
                expected: INFO_REPLY_SIZE_U32,
                found: reply.header.size,
            });
        }
        if reply.header.version != PROTOCOL_VERSION {
            return Err(ProtocolError::UnsupportedVersion {
                found: reply.header.version,
            });
        }
        Role::try_from(reply.role)?;
        if let Some(index) = reply.reserved.iter().position(|&b| b != 0) {
            return Err(ProtocolError::ReservedNotZero {
                offset: offset_of!(Self, reserved) + index,
            });
        }
        Ok(reply)
    }

    /// The reply's role.
    ///
    /// # Errors
    /// [`ProtocolError::UnknownRole`] if the field was changed after [`InfoReply::parse`] to a
    /// value that is not a [`Role`].
    pub fn role(&self) -> Result<Role, ProtocolError> {
        Role::try_from(self.role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    const VERSION: DriverVersion = DriverVersion {
        major: 1,
        minor: 2,
        patch: 3,
        build: 0x0405,
    };

    fn valid_bytes() -> Vec<u8> {
        InfoReply::new(Role::Function, VERSION).as_bytes().to_vec()
    }

    #[test]
    fn new_fills_header_and_zeroes_reserved() {
        let reply = InfoReply::new(Role::Filter, VERSION);
        assert_eq!(reply.header.size, 64);
        assert_eq!(reply.header.version, PROTOCOL_VERSION);
        assert_eq!(reply.protocol_version, PROTOCOL_VERSION);
        assert_eq!(reply.role, 2);
        assert_eq!(reply.role(), Ok(Role::Filter));
        assert_eq!(reply.driver_version, VERSION);
        assert!(reply.reserved.iter().all(|&b| b == 0));
    }

    #[test]
    fn wire_bytes_are_little_endian_at_fixed_offsets() {
        let bytes = valid_bytes();
        assert_eq!(bytes.len(), 64);
        assert_eq!(&bytes[0..4], &64u32.to_le_bytes());
        assert_eq!(&bytes[4..8], &1u32.to_le_bytes());
        assert_eq!(&bytes[8..12], &1u32.to_le_bytes());
        assert_eq!(&bytes[12..16], &1u32.to_le_bytes());
        assert_eq!(&bytes[16..24], &[1, 0, 2, 0, 3, 0, 5, 4]);
        assert!(bytes[24..].iter().all(|&b| b == 0));
    }

    #[test]
    fn round_trip() {
        for role in [Role::Function, Role::Filter] {
            let reply = InfoReply::new(role, VERSION);
            assert_eq!(InfoReply::parse(reply.as_bytes()), Ok(reply));
        }
    }

    #[test]
    fn parse_accepts_unaligned_input() {
        let mut buf = std::vec![0u8; 65];
        buf[1..].copy_from_slice(&valid_bytes());
        assert_eq!(
            InfoReply::parse(&buf[1..]),
            Ok(InfoReply::new(Role::Function, VERSION))
        );
    }

    #[test]
    fn rejects_wrong_length() {
        let bytes = valid_bytes();
        for len in [0, 1, 63] {
            assert_eq!(
                InfoReply::parse(&bytes[..len]),
                Err(ProtocolError::WrongLength {
                    expected: 64,
                    actual: len
                })
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            InfoReply::parse(&longer),
            Err(ProtocolError::WrongLength {
                expected: 64,
                actual: 65
            })
        );
    }

    #[test]
    fn rejects_wrong_header_size() {
        let mut bytes = valid_bytes();
        bytes[0..4].copy_from_slice(&63u32.to_le_bytes());
        assert_eq!(
            InfoReply::parse(&bytes),
            Err(ProtocolError::WrongSize {
                expected: 64,
                found: 63
            })
        );
    }

    #[test]
    fn rejects_unsupported_version() {
        let mut bytes = valid_bytes();
        bytes[4..8].copy_from_slice(&2u32.to_le_bytes());
        assert_eq!(
            InfoReply::parse(&bytes),
            Err(ProtocolError::UnsupportedVersion { found: 2 })
        );
    }

    #[test]
    fn rejects_unknown_role() {
        for role in [0u32, 3, u32::MAX] {
            let mut bytes = valid_bytes();
            bytes[12..16].copy_from_slice(&role.to_le_bytes());
            assert_eq!(
                InfoReply::parse(&bytes),
                Err(ProtocolError::UnknownRole { found: role })
            );
        }
    }

    #[test]
    fn rejects_nonzero_reserved() {
        for offset in [24, 40, 63] {
            let mut bytes = valid_bytes();
            bytes[offset] = 0x80;
            assert_eq!(
                InfoReply::parse(&bytes),
                Err(ProtocolError::ReservedNotZero { offset })
            );
        }
    }

    #[test]
    fn driver_version_display() {
        assert_eq!(std::format!("{VERSION}"), "1.2.3.1029");
    }
}
