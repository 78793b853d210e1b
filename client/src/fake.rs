//! In-memory test doubles: a device that speaks the protocol correctly, or gets one thing wrong.

use iolab_protocol::{
    DriverVersion, ECHO_MAX_LEN, INFO_REPLY_SIZE, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO,
    IOLAB_DEVICE_TYPE, InfoReply, Role, function_of,
};
use zerocopy::IntoBytes;

use crate::{DeviceError, Transport};

/// The one thing a [`FakeDevice`] gets wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flaw {
    /// Nothing: the device follows the protocol.
    None,
    /// `GET_INFO` replies with header version 2.
    InfoWrongVersion,
    /// `GET_INFO` returns only the first 60 bytes of the reply.
    InfoShortReply,
    /// `GET_INFO` says the driver is a filter.
    InfoReportsFilter,
    /// `GET_INFO` zero-fills the whole output buffer and reports its full length.
    InfoReturnsWholeBuffer,
    /// `GET_INFO` accepts (and ignores) input bytes.
    InfoIgnoresInput,
    /// `GET_INFO` with a short buffer fails with the wrong status.
    InfoShortOutputWrongStatus,
    /// `ECHO` reports one byte more than it wrote.
    EchoOverstatesLength,
    /// `ECHO` flips the last byte of the payload.
    EchoCorruptsLastByte,
    /// `ECHO` copies the payload, zero-fills the rest of the output and reports its full length.
    EchoFillsWholeOutput,
    /// `ECHO` truncates to the output buffer instead of failing.
    EchoTruncatesToOutput,
    /// `ECHO` accepts payloads longer than `ECHO_MAX_LEN`.
    EchoAcceptsOversize,
    /// `ECHO` succeeds on an empty payload.
    EchoAcceptsEmpty,
    /// Failing requests still write into the output buffer.
    WritesOnFailure,
    /// Function 0x8FF is treated as `GET_INFO`.
    AcceptsUnknownFunction,
    /// Requests are dispatched on the function number only, whatever the device type.
    IgnoresDeviceType,
}

/// A device in memory with the semantics of the iolab driver behind the Windows I/O manager.
#[derive(Debug)]
pub struct FakeDevice {
    flaw: Flaw,
}

impl FakeDevice {
    pub fn correct() -> Self {
        Self::with_flaw(Flaw::None)
    }

    pub fn with_flaw(flaw: Flaw) -> Self {
        Self { flaw }
    }

    fn info_reply(&self) -> Vec<u8> {
        let role = if self.flaw == Flaw::InfoReportsFilter {
            Role::Filter
        } else {
            Role::Function
        };
        let mut reply = InfoReply::new(
            role,
            DriverVersion {
                major: 0,
                minor: 1,
                patch: 0,
                build: 7,
            },
        );
        if self.flaw == Flaw::InfoWrongVersion {
            reply.header.version = 2;
        }
        let mut bytes = reply.as_bytes().to_vec();
        if self.flaw == Flaw::InfoShortReply {
            bytes.truncate(60);
        }
        bytes
    }

    /// What the driver puts in its output buffer (at most `out_len` bytes), or how it fails.
    fn respond(&self, code: u32, input: &[u8], out_len: usize) -> Result<Vec<u8>, DeviceError> {
        let code = match self.flaw {
            Flaw::AcceptsUnknownFunction
                if code == iolab_protocol::ctl_code(IOLAB_DEVICE_TYPE, 0x8FF, 0, 0) =>
            {
                IOCTL_IOLAB_GET_INFO
            }
            Flaw::IgnoresDeviceType if function_of(code) == function_of(IOCTL_IOLAB_GET_INFO) => {
                IOCTL_IOLAB_GET_INFO
            }
            _ => code,
        };
        match code {
            IOCTL_IOLAB_GET_INFO => {
                if !input.is_empty() && self.flaw != Flaw::InfoIgnoresInput {
                    return Err(DeviceError::InvalidParameter);
                }
                if out_len < INFO_REPLY_SIZE {
                    return Err(if self.flaw == Flaw::InfoShortOutputWrongStatus {
                        DeviceError::InvalidParameter
                    } else {
                        DeviceError::BufferTooSmall
                    });
                }
                let mut reply = self.info_reply();
                if self.flaw == Flaw::InfoReturnsWholeBuffer {
                    reply.resize(out_len, 0);
                }
                Ok(reply)
            }
            IOCTL_IOLAB_ECHO => {
                if input.is_empty() && self.flaw != Flaw::EchoAcceptsEmpty {
                    return Err(DeviceError::InvalidParameter);
                }
                if input.len() > ECHO_MAX_LEN && self.flaw != Flaw::EchoAcceptsOversize {
                    return Err(DeviceError::InvalidParameter);
                }
                if out_len < input.len() {
                    if self.flaw != Flaw::EchoTruncatesToOutput {
                        return Err(DeviceError::BufferTooSmall);
                    }
                    return Ok(input[..out_len].to_vec());
                }
                let mut reply = input.to_vec();
                if self.flaw == Flaw::EchoCorruptsLastByte
                    && let Some(last) = reply.last_mut()
                {
                    *last ^= 0x01;
                }
                if self.flaw == Flaw::EchoFillsWholeOutput {
                    reply.resize(out_len, 0);
                }
                Ok(reply)
            }
            _ => Err(DeviceError::InvalidDeviceRequest),
        }
    }
}

impl Transport for FakeDevice {
    fn name(&self) -> &'static str {
        "fake"
    }

    fn ioctl(&mut self, code: u32, input: &[u8], output: &mut [u8]) -> Result<usize, DeviceError> {
        match self.respond(code, input, output.len()) {
            Ok(reply) => {
                output[..reply.len()].copy_from_slice(&reply);
                if self.flaw == Flaw::EchoOverstatesLength && code == IOCTL_IOLAB_ECHO {
                    return Ok(reply.len() + 1);
                }
                Ok(reply.len())
            }
            Err(error) => {
                if self.flaw == Flaw::WritesOnFailure {
                    output.fill(0);
                }
                Err(error)
            }
        }
    }
}
