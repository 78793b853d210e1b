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

/// A filter control device in memory: instances 1 and 2, the second with one read recorded.
#[derive(Debug)]
pub struct FakeControl {
    pub monitoring: [bool; 2],
    pub stats: [iolab_protocol::FilterStats; 2],
    /// Whether the handle was opened with write access.
    pub writable: bool,
}

impl FakeControl {
    pub fn new() -> Self {
        use iolab_protocol::{FilterStats, RequestKind, filter::record};
        let mut second = FilterStats::zeroed(2);
        record(&mut second.kinds[RequestKind::Read.index()], 0, 512, 40);
        Self {
            monitoring: [true, true],
            stats: [FilterStats::zeroed(1), second],
            writable: true,
        }
    }

    fn selected(input: &[u8]) -> Result<iolab_protocol::FilterSelect, DeviceError> {
        iolab_protocol::FilterSelect::parse(input).map_err(|_| DeviceError::InvalidParameter)
    }

    fn respond(&mut self, code: u32, input: &[u8], out_len: usize) -> Result<Vec<u8>, DeviceError> {
        use iolab_protocol::{
            ALL_FILTERS, FilterEntry, FilterList, IOCTL_IOLAB_GET_FILTER_STATS,
            IOCTL_IOLAB_LIST_FILTERS, IOCTL_IOLAB_RESET_FILTER_STATS, IOCTL_IOLAB_SET_MONITORING,
            access_of,
        };
        if access_of(code) & iolab_protocol::FILE_WRITE_ACCESS != 0 && !self.writable {
            return Err(DeviceError::AccessDenied);
        }
        let reply = match code {
            IOCTL_IOLAB_LIST_FILTERS => {
                let mut list = FilterList::empty();
                for (index, monitoring) in self.monitoring.iter().enumerate() {
                    let name: Vec<u16> = format!("\\Device\\0000000{}", index + 1)
                        .encode_utf16()
                        .collect();
                    list.push(FilterEntry::new(
                        self.stats[index].id,
                        *monitoring,
                        self.stats[index].kinds[0].requests,
                        &name,
                    ));
                }
                list.as_bytes().to_vec()
            }
            IOCTL_IOLAB_GET_FILTER_STATS => {
                let select = Self::selected(input)?;
                let index = self.index(select.id)?;
                let mut stats = self.stats[index];
                stats.monitoring = u32::from(self.monitoring[index]);
                stats.as_bytes().to_vec()
            }
            IOCTL_IOLAB_RESET_FILTER_STATS | IOCTL_IOLAB_SET_MONITORING => {
                let select = Self::selected(input)?;
                let chosen: Vec<usize> = if select.id == ALL_FILTERS {
                    vec![0, 1]
                } else {
                    vec![self.index(select.id)?]
                };
                for index in chosen {
                    if code == IOCTL_IOLAB_SET_MONITORING {
                        self.monitoring[index] = select.enabled != 0;
                    } else {
                        let id = self.stats[index].id;
                        self.stats[index] = iolab_protocol::FilterStats::zeroed(id);
                    }
                }
                Vec::new()
            }
            _ => return Err(DeviceError::InvalidDeviceRequest),
        };
        if out_len < reply.len() {
            return Err(DeviceError::BufferTooSmall);
        }
        Ok(reply)
    }

    fn index(&self, id: u32) -> Result<usize, DeviceError> {
        self.stats
            .iter()
            .position(|stats| stats.id == id)
            .ok_or(DeviceError::NotFound)
    }
}

impl Transport for FakeControl {
    fn name(&self) -> &'static str {
        "fake"
    }

    fn ioctl(&mut self, code: u32, input: &[u8], output: &mut [u8]) -> Result<usize, DeviceError> {
        let reply = self.respond(code, input, output.len())?;
        output[..reply.len()].copy_from_slice(&reply);
        Ok(reply.len())
    }
}
