//! iolab's IOCTL protocol, as the driver answers it (see `iolab-protocol` for each code). Pure
//! logic over a [`SystemBuffer`] (METHOD_BUFFERED) or [`DirectBuffers`] (METHOD_IN_DIRECT and
//! METHOD_OUT_DIRECT) and the device's [`PipeControl`]: every length is checked, nothing is
//! written past the caller's output length, the information returned is exactly the number of
//! bytes written, and replies are whole structs (no byte of them left unset).

use iolab_protocol::{
    DriverVersion, ECHO_DIRECT_MAX_LEN, ECHO_MAX_LEN, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_ECHO_DIRECT_IN,
    IOCTL_IOLAB_ECHO_DIRECT_OUT, IOCTL_IOLAB_GET_CONFIG, IOCTL_IOLAB_GET_INFO,
    IOCTL_IOLAB_GET_STATS, IOCTL_IOLAB_PING, IOCTL_IOLAB_PURGE, IOCTL_IOLAB_RESET_STATS,
    IOCTL_IOLAB_SET_CONFIG, InfoReply, METHOD_BUFFERED, METHOD_IN_DIRECT, METHOD_OUT_DIRECT,
    PIPE_CONFIG_SIZE, PipeConfig, Role, StatsReply, fnv1a64, ioctl_name, method_of,
};
use zerocopy::IntoBytes;

use crate::wdf::request::{DirectBuffers, IoctlRequest, SystemBuffer};
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

/// What the IOCTLs need of the device.
pub trait PipeControl {
    /// The driver instance's role.
    fn role(&self) -> Role;
    /// The statistics now.
    fn stats(&self) -> StatsReply;
    /// Zero the statistics' counters.
    fn reset_stats(&self);
    /// The configuration now.
    fn config(&self) -> PipeConfig;
    /// Apply a validated configuration.
    ///
    /// # Errors
    /// `STATUS_DEVICE_BUSY` for a capacity change while the FIFO holds data;
    /// `STATUS_INSUFFICIENT_RESOURCES` if the new FIFO cannot be allocated.
    fn set_config(&self, config: PipeConfig) -> Result;
    /// Drop the FIFO's contents.
    fn purge(&self);
}

/// Answers an IOCTL request; returns the number of output bytes written.
///
/// # Errors
/// `STATUS_INVALID_DEVICE_REQUEST` for a code iolab does not define; otherwise as
/// [`handle_buffered`] and [`handle_direct`].
pub fn dispatch(request: &mut IoctlRequest, device: &impl PipeControl) -> Result<usize> {
    let code = request.params().code();
    if ioctl_name(code).is_none() {
        return Err(NtStatus::INVALID_DEVICE_REQUEST);
    }
    match method_of(code) {
        METHOD_BUFFERED => request
            .system_buffer()
            .and_then(|mut io| handle_buffered(code, &mut io, device)),
        METHOD_IN_DIRECT | METHOD_OUT_DIRECT => request
            .direct_buffers()
            .and_then(|buffers| handle_direct(code, buffers)),
        _ => Err(NtStatus::INVALID_DEVICE_REQUEST),
    }
}

/// Answers one METHOD_BUFFERED IOCTL; returns the number of output bytes written.
///
/// # Errors
/// `STATUS_INVALID_DEVICE_REQUEST` for a code iolab does not define; `STATUS_INVALID_PARAMETER`
/// for malformed input (or any buffer where none is taken); `STATUS_BUFFER_TOO_SMALL` when the
/// output cannot hold the answer; what [`PipeControl::set_config`] fails with.
pub fn handle_buffered(
    code: u32,
    io: &mut SystemBuffer<'_>,
    device: &impl PipeControl,
) -> Result<usize> {
    match code {
        IOCTL_IOLAB_GET_INFO => reply(io, InfoReply::new(device.role(), DRIVER_VERSION).as_bytes()),
        IOCTL_IOLAB_ECHO => echo(io),
        IOCTL_IOLAB_GET_STATS => reply(io, device.stats().as_bytes()),
        IOCTL_IOLAB_GET_CONFIG => reply(io, device.config().as_bytes()),
        IOCTL_IOLAB_SET_CONFIG => {
            if io.input_length() != PIPE_CONFIG_SIZE || io.output_length() != 0 {
                return Err(NtStatus::INVALID_PARAMETER);
            }
            let config = PipeConfig::parse(io.input()).map_err(|_| NtStatus::INVALID_PARAMETER)?;
            device.set_config(config).map(|()| 0)
        }
        IOCTL_IOLAB_RESET_STATS => no_buffers(io).map(|()| device.reset_stats()).map(|()| 0),
        IOCTL_IOLAB_PING => no_buffers(io).map(|()| 0),
        IOCTL_IOLAB_PURGE => no_buffers(io).map(|()| device.purge()).map(|()| 0),
        _ => Err(NtStatus::INVALID_DEVICE_REQUEST),
    }
}

/// A request that takes no buffers.
fn no_buffers(io: &SystemBuffer<'_>) -> Result {
    if io.input_length() == 0 && io.output_length() == 0 {
        Ok(())
    } else {
        Err(NtStatus::INVALID_PARAMETER)
    }
}

/// A query: no input; the whole reply `bytes` at the start of the output.
fn reply(io: &mut SystemBuffer<'_>, bytes: &[u8]) -> Result<usize> {
    if io.input_length() != 0 {
        return Err(NtStatus::INVALID_PARAMETER);
    }
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

/// Answers ECHO_DIRECT in either form.
///
/// # Errors
/// `STATUS_INVALID_PARAMETER` for a payload of 0 or more than ECHO_DIRECT_MAX_LEN bytes or an
/// IN_DIRECT input that is not 8 bytes; `STATUS_BUFFER_TOO_SMALL` for an OUT_DIRECT output
/// shorter than the input; `STATUS_DATA_ERROR` when IN_DIRECT data do not match their hash;
/// `STATUS_INVALID_DEVICE_REQUEST` for any other code.
pub fn handle_direct(code: u32, buffers: DirectBuffers<'_>) -> Result<usize> {
    let DirectBuffers { input, data } = buffers;
    match code {
        IOCTL_IOLAB_ECHO_DIRECT_IN => {
            if data.is_empty() || data.len() > ECHO_DIRECT_MAX_LEN {
                return Err(NtStatus::INVALID_PARAMETER);
            }
            let expected: [u8; 8] = input.try_into().map_err(|_| NtStatus::INVALID_PARAMETER)?;
            if fnv1a64(data) == u64::from_le_bytes(expected) {
                Ok(data.len())
            } else {
                Err(NtStatus::DATA_ERROR)
            }
        }
        IOCTL_IOLAB_ECHO_DIRECT_OUT => {
            if input.is_empty() || input.len() > ECHO_DIRECT_MAX_LEN {
                return Err(NtStatus::INVALID_PARAMETER);
            }
            let place = data
                .get_mut(..input.len())
                .ok_or(NtStatus::BUFFER_TOO_SMALL)?;
            place.copy_from_slice(input);
            Ok(input.len())
        }
        _ => Err(NtStatus::INVALID_DEVICE_REQUEST),
    }
}

#[cfg(test)]
mod tests {
    use core::cell::{Cell, RefCell};

    use super::*;

    /// A device that records what the IOCTLs asked of it.
    struct FakeDevice {
        config: RefCell<PipeConfig>,
        busy: bool,
        resets: Cell<u32>,
        purges: Cell<u32>,
    }

    impl FakeDevice {
        fn new(busy: bool) -> Self {
            Self {
                config: RefCell::new(PipeConfig::DEFAULT),
                busy,
                resets: Cell::new(0),
                purges: Cell::new(0),
            }
        }
    }

    impl PipeControl for FakeDevice {
        fn role(&self) -> Role {
            Role::Function
        }
        fn stats(&self) -> StatsReply {
            let mut stats = StatsReply::zeroed();
            stats.reads = 42;
            stats
        }
        fn reset_stats(&self) {
            self.resets.set(self.resets.get().saturating_add(1));
        }
        fn config(&self) -> PipeConfig {
            *self.config.borrow()
        }
        fn set_config(&self, config: PipeConfig) -> Result {
            if self.busy {
                return Err(NtStatus::DEVICE_BUSY);
            }
            *self.config.borrow_mut() = config;
            Ok(())
        }
        fn purge(&self) {
            self.purges.set(self.purges.get().saturating_add(1));
        }
    }

    fn run_on(
        device: &FakeDevice,
        code: u32,
        input: &[u8],
        output_length: usize,
    ) -> (Result<usize>, std::vec::Vec<u8>) {
        let mut bytes = std::vec![0xEE_u8; input.len().max(output_length)];
        if let Some(prefix) = bytes.get_mut(..input.len()) {
            prefix.copy_from_slice(input);
        }
        let result = match SystemBuffer::new(&mut bytes, input.len(), output_length) {
            Some(mut io) => handle_buffered(code, &mut io, device),
            None => Err(NtStatus::UNSUCCESSFUL),
        };
        (result, bytes)
    }

    fn run(code: u32, input: &[u8], output_length: usize) -> (Result<usize>, std::vec::Vec<u8>) {
        run_on(&FakeDevice::new(false), code, input, output_length)
    }

    #[test]
    fn stats_and_config_replies_are_whole_structs() {
        let (result, bytes) = run(IOCTL_IOLAB_GET_STATS, &[], 600);
        assert_eq!(result, Ok(iolab_protocol::STATS_REPLY_SIZE));
        let stats = StatsReply::parse(bytes.get(..512).unwrap_or_default());
        assert_eq!(stats.map(|s| s.reads), Ok(42));
        assert!(
            bytes
                .get(512..)
                .unwrap_or_default()
                .iter()
                .all(|b| *b == 0xEE)
        );
        assert_eq!(
            run(IOCTL_IOLAB_GET_STATS, &[], 511).0,
            Err(NtStatus::BUFFER_TOO_SMALL)
        );
        assert_eq!(
            run(IOCTL_IOLAB_GET_STATS, &[1], 512).0,
            Err(NtStatus::INVALID_PARAMETER)
        );
        let (result, bytes) = run(IOCTL_IOLAB_GET_CONFIG, &[], 32);
        assert_eq!(result, Ok(32));
        assert_eq!(PipeConfig::parse(&bytes), Ok(PipeConfig::DEFAULT));
    }

    #[test]
    fn set_config_validates_and_reports_busy() {
        let device = FakeDevice::new(false);
        let wanted = PipeConfig::new(8192, 10, 20);
        assert_eq!(
            run_on(&device, IOCTL_IOLAB_SET_CONFIG, wanted.as_bytes(), 0).0,
            Ok(0)
        );
        assert_eq!(device.config(), wanted);
        for bad in [
            PipeConfig::new(4095, 0, 0),
            PipeConfig::new(4096, iolab_protocol::MAX_TIMEOUT_MS + 1, 0),
        ] {
            assert_eq!(
                run_on(&device, IOCTL_IOLAB_SET_CONFIG, bad.as_bytes(), 0).0,
                Err(NtStatus::INVALID_PARAMETER)
            );
        }
        let mut wrong_version = wanted;
        wrong_version.header.version = 2;
        let short = wanted.as_bytes().get(..31).unwrap_or_default();
        for (input, output) in [
            (wrong_version.as_bytes(), 0),
            (short, 0),
            (wanted.as_bytes(), 4),
        ] {
            assert_eq!(
                run_on(&device, IOCTL_IOLAB_SET_CONFIG, input, output).0,
                Err(NtStatus::INVALID_PARAMETER)
            );
        }
        assert_eq!(
            device.config(),
            wanted,
            "nothing changed by a refused request"
        );
        let busy = FakeDevice::new(true);
        assert_eq!(
            run_on(&busy, IOCTL_IOLAB_SET_CONFIG, wanted.as_bytes(), 0).0,
            Err(NtStatus::DEVICE_BUSY)
        );
    }

    #[test]
    fn ping_purge_and_reset_take_no_buffers() {
        let device = FakeDevice::new(false);
        for code in [IOCTL_IOLAB_PING, IOCTL_IOLAB_PURGE, IOCTL_IOLAB_RESET_STATS] {
            assert_eq!(run_on(&device, code, &[], 0).0, Ok(0));
            assert_eq!(
                run_on(&device, code, &[0], 0).0,
                Err(NtStatus::INVALID_PARAMETER)
            );
            assert_eq!(
                run_on(&device, code, &[], 1).0,
                Err(NtStatus::INVALID_PARAMETER)
            );
        }
        assert_eq!((device.purges.get(), device.resets.get()), (1, 1));
    }

    #[test]
    fn echo_direct_checks_hash_and_lengths() {
        let data = *b"direct data";
        let hash = fnv1a64(&data).to_le_bytes();
        let mut copy = data;
        let buffers = DirectBuffers {
            input: &hash,
            data: &mut copy,
        };
        assert_eq!(handle_direct(IOCTL_IOLAB_ECHO_DIRECT_IN, buffers), Ok(11));
        let wrong = 0_u64.to_le_bytes();
        let buffers = DirectBuffers {
            input: &wrong,
            data: &mut copy,
        };
        assert_eq!(
            handle_direct(IOCTL_IOLAB_ECHO_DIRECT_IN, buffers),
            Err(NtStatus::DATA_ERROR)
        );
        let buffers = DirectBuffers {
            input: &hash[..7],
            data: &mut copy,
        };
        assert_eq!(
            handle_direct(IOCTL_IOLAB_ECHO_DIRECT_IN, buffers),
            Err(NtStatus::INVALID_PARAMETER)
        );
        let mut out = [0xEE_u8; 16];
        let buffers = DirectBuffers {
            input: &data,
            data: &mut out,
        };
        assert_eq!(handle_direct(IOCTL_IOLAB_ECHO_DIRECT_OUT, buffers), Ok(11));
        assert_eq!(&out[..11], &data);
        assert!(out[11..].iter().all(|b| *b == 0xEE));
        let buffers = DirectBuffers {
            input: &data,
            data: &mut out[..10],
        };
        assert_eq!(
            handle_direct(IOCTL_IOLAB_ECHO_DIRECT_OUT, buffers),
            Err(NtStatus::BUFFER_TOO_SMALL)
        );
        let buffers = DirectBuffers {
            input: &[],
            data: &mut out,
        };
        assert_eq!(
            handle_direct(IOCTL_IOLAB_ECHO_DIRECT_OUT, buffers),
            Err(NtStatus::INVALID_PARAMETER)
        );
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
