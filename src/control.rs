//! iolab's IOCTL protocol, as the driver answers it: `IOCTL_IOLAB_GET_INFO` and
//! `IOCTL_IOLAB_ECHO` (see `iolab-protocol`). Pure logic over a [`SystemBuffer`]: every length is
//! checked, nothing is written past the caller's output length, and the information returned is
//! exactly the number of bytes written.

use iolab_protocol::{
    DriverVersion, ECHO_MAX_LEN, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO, InfoReply, Role,
};
use zerocopy::IntoBytes;

use crate::wdf::request::SystemBuffer;
use crate::wdf::status::{NtStatus, Result};

const fn version_part(text: &str) -> u16 {
    match u16::from_str_radix(text, 10) {
        Ok(value) => value,
        Err(_) => 0,
    }
}

/// The driver's version, from its package version.
pub const DRIVER_VERSION: DriverVersion = DriverVersion {
    major: version_part(env!("CARGO_PKG_VERSION_MAJOR")),
    minor: version_part(env!("CARGO_PKG_VERSION_MINOR")),
    patch: version_part(env!("CARGO_PKG_VERSION_PATCH")),
    build: 0,
};

/// Answers one IOCTL; returns the number of output bytes written.
///
/// # Errors
/// `STATUS_INVALID_DEVICE_REQUEST` for a code iolab does not define; `STATUS_INVALID_PARAMETER`
/// for malformed input; `STATUS_BUFFER_TOO_SMALL` when the output cannot hold the answer.
pub fn handle_ioctl(code: u32, io: &mut SystemBuffer<'_>, role: Role) -> Result<usize> {
    match code {
        IOCTL_IOLAB_GET_INFO => get_info(io, role),
        IOCTL_IOLAB_ECHO => echo(io),
        _ => Err(NtStatus::INVALID_DEVICE_REQUEST),
    }
}

/// GET_INFO takes no input and returns an [`InfoReply`].
fn get_info(io: &mut SystemBuffer<'_>, role: Role) -> Result<usize> {
    if io.input_length() != 0 {
        return Err(NtStatus::INVALID_PARAMETER);
    }
    let reply = InfoReply::new(role, DRIVER_VERSION);
    let bytes = reply.as_bytes();
    let output = io
        .output()
        .get_mut(..bytes.len())
        .ok_or(NtStatus::BUFFER_TOO_SMALL)?;
    output.copy_from_slice(bytes);
    Ok(bytes.len())
}

/// ECHO returns its input (1..=ECHO_MAX_LEN bytes). Input and output share the system buffer,
/// so the answer is already in place: only the lengths need checking.
fn echo(io: &mut SystemBuffer<'_>) -> Result<usize> {
    let length = io.input_length();
    if length == 0 || length > ECHO_MAX_LEN {
        return Err(NtStatus::INVALID_PARAMETER);
    }
    if io.output_length() < length {
        return Err(NtStatus::BUFFER_TOO_SMALL);
    }
    Ok(length)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(code: u32, input: &[u8], output_length: usize) -> (Result<usize>, std::vec::Vec<u8>) {
        let mut bytes = std::vec![0xEE_u8; input.len().max(output_length)];
        if let Some(prefix) = bytes.get_mut(..input.len()) {
            prefix.copy_from_slice(input);
        }
        let result = match SystemBuffer::new(&mut bytes, input.len(), output_length) {
            Some(mut io) => handle_ioctl(code, &mut io, Role::Function),
            None => Err(NtStatus::UNSUCCESSFUL),
        };
        (result, bytes)
    }

    #[test]
    fn get_info_writes_exactly_one_reply() {
        let (result, bytes) = run(IOCTL_IOLAB_GET_INFO, &[], 100);
        assert_eq!(result, Ok(iolab_protocol::INFO_REPLY_SIZE));
        let reply = InfoReply::parse(
            bytes
                .get(..iolab_protocol::INFO_REPLY_SIZE)
                .unwrap_or_default(),
        );
        assert_eq!(reply.map(|r| r.role()), Ok(Ok(Role::Function)));
        assert!(
            bytes
                .get(iolab_protocol::INFO_REPLY_SIZE..)
                .unwrap_or_default()
                .iter()
                .all(|b| *b == 0xEE)
        );
    }

    #[test]
    fn get_info_rejects_short_output_and_any_input() {
        assert_eq!(
            run(
                IOCTL_IOLAB_GET_INFO,
                &[],
                iolab_protocol::INFO_REPLY_SIZE - 1
            )
            .0,
            Err(NtStatus::BUFFER_TOO_SMALL)
        );
        assert_eq!(
            run(IOCTL_IOLAB_GET_INFO, &[], 0).0,
            Err(NtStatus::BUFFER_TOO_SMALL)
        );
        assert_eq!(
            run(IOCTL_IOLAB_GET_INFO, &[1, 2, 3], 64).0,
            Err(NtStatus::INVALID_PARAMETER)
        );
    }

    #[test]
    fn echo_returns_the_input_length_and_leaves_the_rest() {
        let (result, bytes) = run(IOCTL_IOLAB_ECHO, b"ping", 10);
        assert_eq!(result, Ok(4));
        assert_eq!(bytes.get(..4), Some(&b"ping"[..]));
        assert!(
            bytes
                .get(4..)
                .unwrap_or_default()
                .iter()
                .all(|b| *b == 0xEE)
        );
    }

    #[test]
    fn echo_checks_lengths() {
        assert_eq!(
            run(IOCTL_IOLAB_ECHO, &[], 10).0,
            Err(NtStatus::INVALID_PARAMETER)
        );
        assert_eq!(
            run(IOCTL_IOLAB_ECHO, &[7; ECHO_MAX_LEN + 1], ECHO_MAX_LEN + 1).0,
            Err(NtStatus::INVALID_PARAMETER)
        );
        assert_eq!(
            run(IOCTL_IOLAB_ECHO, b"abc", 2).0,
            Err(NtStatus::BUFFER_TOO_SMALL)
        );
        assert_eq!(
            run(IOCTL_IOLAB_ECHO, &[7; ECHO_MAX_LEN], ECHO_MAX_LEN).0,
            Ok(ECHO_MAX_LEN)
        );
    }

    #[test]
    fn unknown_codes_are_invalid_device_requests() {
        assert_eq!(
            run(0x0022_2000, &[], 0).0,
            Err(NtStatus::INVALID_DEVICE_REQUEST)
        );
        assert_eq!(
            run(IOCTL_IOLAB_ECHO | 0x100, b"x", 1).0,
            Err(NtStatus::INVALID_DEVICE_REQUEST)
        );
    }

    #[test]
    fn driver_version_comes_from_the_package() {
        assert_eq!(
            std::format!(
                "{}.{}.{}",
                DRIVER_VERSION.major,
                DRIVER_VERSION.minor,
                DRIVER_VERSION.patch
            ),
            env!("CARGO_PKG_VERSION")
        );
    }
}
