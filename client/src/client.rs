//! A typed client for iolab's IOCTLs over any [`Transport`].

use std::fmt;
use std::time::Duration;

use iolab_protocol::filter::{FILTER_LIST_SIZE, FILTER_STATS_SIZE};
use iolab_protocol::{
    FilterList, FilterSelect, FilterStats, INFO_REPLY_SIZE, IOCTL_IOLAB_ECHO,
    IOCTL_IOLAB_ECHO_DIRECT_IN, IOCTL_IOLAB_ECHO_DIRECT_OUT, IOCTL_IOLAB_GET_CONFIG,
    IOCTL_IOLAB_GET_FILTER_STATS, IOCTL_IOLAB_GET_INFO, IOCTL_IOLAB_GET_STATS,
    IOCTL_IOLAB_LIST_FILTERS, IOCTL_IOLAB_PING, IOCTL_IOLAB_PURGE, IOCTL_IOLAB_RESET_FILTER_STATS,
    IOCTL_IOLAB_RESET_STATS, IOCTL_IOLAB_SET_CONFIG, IOCTL_IOLAB_SET_MONITORING, InfoReply,
    PIPE_CONFIG_SIZE, PipeConfig, ProtocolError, STATS_REPLY_SIZE, StatsReply, fnv1a64,
};
use zerocopy::IntoBytes;

use crate::harness::{MAIN_HANDLE, Op};
use crate::{DeviceError, Transport};

/// Why a [`Client`] call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientError {
    /// The device failed the request.
    Device(DeviceError),
    /// The device answered, but the reply is not valid protocol.
    Protocol(ProtocolError),
    /// The transport claims to have written more bytes than the output buffer holds.
    LengthOverrun {
        /// Bytes the transport reported.
        returned: usize,
        /// Size of the output buffer.
        capacity: usize,
    },
    /// The transport cannot do this (reads and writes need its harness).
    Unsupported(&'static str),
    /// The request did not complete within the time allowed.
    TimedOut(Duration),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Device(error) => write!(f, "the device failed the request: {error}"),
            Self::Protocol(error) => write!(f, "the device sent an invalid reply: {error}"),
            Self::LengthOverrun { returned, capacity } => write!(
                f,
                "the transport reported {returned} bytes returned into a {capacity}-byte buffer"
            ),
            Self::Unsupported(what) => write!(f, "this transport cannot {what}"),
            Self::TimedOut(limit) => {
                write!(f, "the request did not complete within {limit:?}")
            }
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Device(error) => Some(error),
            Self::Protocol(error) => Some(error),
            Self::LengthOverrun { .. } | Self::Unsupported(_) | Self::TimedOut(_) => None,
        }
    }
}

impl From<DeviceError> for ClientError {
    fn from(error: DeviceError) -> Self {
        Self::Device(error)
    }
}

impl From<ProtocolError> for ClientError {
    fn from(error: ProtocolError) -> Self {
        Self::Protocol(error)
    }
}

/// iolab's IOCTLs as typed calls over a [`Transport`].
#[derive(Debug)]
pub struct Client<T: Transport> {
    transport: T,
}

impl<T: Transport> Client<T> {
    /// A client sending its requests through `transport`.
    pub fn new(transport: T) -> Self {
        Self { transport }
    }

    /// The transport underneath.
    pub fn transport(&mut self) -> &mut T {
        &mut self.transport
    }

    /// Gives the transport back.
    pub fn into_inner(self) -> T {
        self.transport
    }

    /// Asks the driver for its [`InfoReply`] (`IOCTL_IOLAB_GET_INFO`).
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails, [`ClientError::Protocol`] if the reply does
    /// not parse (wrong length, size, version, role or reserved bytes).
    pub fn info(&mut self) -> Result<InfoReply, ClientError> {
        let mut output = [0u8; INFO_REPLY_SIZE];
        let returned = self.raw_ioctl(IOCTL_IOLAB_GET_INFO, &[], &mut output)?;
        Ok(InfoReply::parse(&output[..returned])?)
    }

    /// Sends `payload` through `IOCTL_IOLAB_ECHO` and returns what came back.
    ///
    /// The output buffer is exactly as long as the payload. The payload is sent as given, even if
    /// empty or longer than [`iolab_protocol::ECHO_MAX_LEN`], so the driver's own checks decide.
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails (`InvalidParameter` for an empty or oversize
    /// payload).
    pub fn echo(&mut self, payload: &[u8]) -> Result<Vec<u8>, ClientError> {
        let mut output = vec![0u8; payload.len()];
        let returned = self.raw_ioctl(IOCTL_IOLAB_ECHO, payload, &mut output)?;
        output.truncate(returned);
        Ok(output)
    }

    /// The pipe's statistics (`IOCTL_IOLAB_GET_STATS`).
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails, [`ClientError::Protocol`] if the reply does
    /// not parse.
    pub fn stats(&mut self) -> Result<StatsReply, ClientError> {
        let mut output = [0u8; STATS_REPLY_SIZE];
        let returned = self.raw_ioctl(IOCTL_IOLAB_GET_STATS, &[], &mut output)?;
        Ok(StatsReply::parse(&output[..returned])?)
    }

    /// The pipe's configuration (`IOCTL_IOLAB_GET_CONFIG`).
    ///
    /// # Errors
    /// As [`Client::stats`].
    pub fn config(&mut self) -> Result<PipeConfig, ClientError> {
        let mut output = [0u8; PIPE_CONFIG_SIZE];
        let returned = self.raw_ioctl(IOCTL_IOLAB_GET_CONFIG, &[], &mut output)?;
        PipeConfig::parse(&output[..returned]).map_err(|error| match error {
            iolab_protocol::ConfigError::Protocol(error) => ClientError::Protocol(error),
            _ => ClientError::Device(DeviceError::InvalidParameter),
        })
    }

    /// Sets the pipe's configuration (`IOCTL_IOLAB_SET_CONFIG`), sent as given.
    ///
    /// # Errors
    /// [`ClientError::Device`]: `InvalidParameter` for a malformed or out-of-range configuration,
    /// STATUS_DEVICE_BUSY for a capacity change while the pipe holds data.
    pub fn set_config(&mut self, config: &PipeConfig) -> Result<(), ClientError> {
        self.raw_ioctl(IOCTL_IOLAB_SET_CONFIG, config.as_bytes(), &mut [])
            .map(drop)
    }

    /// Zeroes the statistics' counters (`IOCTL_IOLAB_RESET_STATS`).
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails.
    pub fn reset_stats(&mut self) -> Result<(), ClientError> {
        self.raw_ioctl(IOCTL_IOLAB_RESET_STATS, &[], &mut [])
            .map(drop)
    }

    /// `IOCTL_IOLAB_PING`.
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails.
    pub fn ping(&mut self) -> Result<(), ClientError> {
        self.raw_ioctl(IOCTL_IOLAB_PING, &[], &mut []).map(drop)
    }

    /// Drops the pipe's contents (`IOCTL_IOLAB_PURGE`).
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails.
    pub fn purge(&mut self) -> Result<(), ClientError> {
        self.raw_ioctl(IOCTL_IOLAB_PURGE, &[], &mut []).map(drop)
    }

    /// `IOCTL_IOLAB_ECHO_DIRECT_OUT`: `payload` comes back through the caller's pages.
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails.
    pub fn echo_direct_out(&mut self, payload: &[u8]) -> Result<Vec<u8>, ClientError> {
        let mut output = vec![0u8; payload.len()];
        let returned = self.raw_ioctl(IOCTL_IOLAB_ECHO_DIRECT_OUT, payload, &mut output)?;
        output.truncate(returned);
        Ok(output)
    }

    /// `IOCTL_IOLAB_ECHO_DIRECT_IN`: the device checks `payload`, sent through the caller's
    /// pages, against its hash; returns the length it confirmed.
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails.
    pub fn echo_direct_in(&mut self, payload: &[u8]) -> Result<usize, ClientError> {
        let hash = fnv1a64(payload).to_le_bytes();
        let mut data = payload.to_vec();
        self.raw_ioctl(IOCTL_IOLAB_ECHO_DIRECT_IN, &hash, &mut data)
    }

    /// The filter instances, from the filter's control device (`IOCTL_IOLAB_LIST_FILTERS`).
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails, [`ClientError::Protocol`] if the reply does
    /// not parse.
    pub fn list_filters(&mut self) -> Result<FilterList, ClientError> {
        let mut output = vec![0u8; FILTER_LIST_SIZE];
        let returned = self.raw_ioctl(IOCTL_IOLAB_LIST_FILTERS, &[], &mut output)?;
        Ok(FilterList::parse(&output[..returned])?)
    }

    /// One filter instance's statistics (`IOCTL_IOLAB_GET_FILTER_STATS`).
    ///
    /// # Errors
    /// As [`Client::list_filters`]; `STATUS_NO_SUCH_DEVICE` for an ID no instance has.
    pub fn filter_stats(&mut self, id: u32) -> Result<FilterStats, ClientError> {
        let mut output = vec![0u8; FILTER_STATS_SIZE];
        let select = FilterSelect::new(id, false);
        let returned =
            self.raw_ioctl(IOCTL_IOLAB_GET_FILTER_STATS, select.as_bytes(), &mut output)?;
        Ok(FilterStats::parse(&output[..returned])?)
    }

    /// Zeroes one filter instance's counters, or every instance's with
    /// [`iolab_protocol::ALL_FILTERS`] (`IOCTL_IOLAB_RESET_FILTER_STATS`).
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails.
    pub fn reset_filter_stats(&mut self, id: u32) -> Result<(), ClientError> {
        let select = FilterSelect::new(id, false);
        self.raw_ioctl(IOCTL_IOLAB_RESET_FILTER_STATS, select.as_bytes(), &mut [])
            .map(drop)
    }

    /// Turns monitoring on or off for one filter instance, or every one with
    /// [`iolab_protocol::ALL_FILTERS`] (`IOCTL_IOLAB_SET_MONITORING`).
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails.
    pub fn set_monitoring(&mut self, id: u32, enabled: bool) -> Result<(), ClientError> {
        let select = FilterSelect::new(id, enabled);
        self.raw_ioctl(IOCTL_IOLAB_SET_MONITORING, select.as_bytes(), &mut [])
            .map(drop)
    }

    /// Writes `data` to the pipe (all or nothing), waiting up to `limit`.
    ///
    /// # Errors
    /// [`ClientError::Unsupported`] without a harness; [`ClientError::TimedOut`] (the write is
    /// then cancelled); [`ClientError::Device`] as the write completed.
    pub fn write(&mut self, data: &[u8], limit: Duration) -> Result<usize, ClientError> {
        self.transfer(Op::Write(data.to_vec()), limit)
            .map(|(written, _)| written)
    }

    /// Reads up to `length` bytes from the pipe, waiting up to `limit` for data.
    ///
    /// # Errors
    /// As [`Client::write`].
    pub fn read(&mut self, length: usize, limit: Duration) -> Result<Vec<u8>, ClientError> {
        self.transfer(Op::Read(length), limit).map(|(_, data)| data)
    }

    fn transfer(&mut self, op: Op, limit: Duration) -> Result<(usize, Vec<u8>), ClientError> {
        let harness = self
            .transport
            .harness()
            .ok_or(ClientError::Unsupported("read or write the pipe"))?;
        let id = harness.start(MAIN_HANDLE, op)?;
        let Some(completion) = harness.wait(id, limit) else {
            harness.cancel(id);
            let _ = harness.wait(id, Duration::from_secs(5));
            return Err(ClientError::TimedOut(limit));
        };
        let moved = completion.result?;
        Ok((moved, completion.output))
    }

    /// Sends any control code; returns the number of bytes written to the start of `output`.
    ///
    /// # Errors
    /// [`ClientError::Device`] if the request fails; [`ClientError::LengthOverrun`] if the
    /// transport reports more bytes than `output` holds.
    pub fn raw_ioctl(
        &mut self,
        code: u32,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<usize, ClientError> {
        let returned = self.transport.ioctl(code, input, output)?;
        if returned > output.len() {
            return Err(ClientError::LengthOverrun {
                returned,
                capacity: output.len(),
            });
        }
        Ok(returned)
    }
}

#[cfg(test)]
mod tests {
    use iolab_protocol::{ECHO_MAX_LEN, PROTOCOL_VERSION, Role};

    use super::*;
    use crate::fake::{FakeDevice, Flaw};

    #[test]
    fn info_parses_the_reply() {
        let mut client = Client::new(FakeDevice::correct());
        let info = client.info().unwrap();
        assert_eq!(info.protocol_version, PROTOCOL_VERSION);
        assert_eq!(info.role(), Ok(Role::Function));
    }

    #[test]
    fn info_reports_a_bad_reply() {
        let mut client = Client::new(FakeDevice::with_flaw(Flaw::InfoWrongVersion));
        assert_eq!(
            client.info(),
            Err(ClientError::Protocol(ProtocolError::UnsupportedVersion {
                found: 2
            }))
        );
        let mut client = Client::new(FakeDevice::with_flaw(Flaw::InfoShortReply));
        assert_eq!(
            client.info(),
            Err(ClientError::Protocol(ProtocolError::WrongLength {
                expected: 64,
                actual: 60
            }))
        );
    }

    #[test]
    fn echo_returns_the_payload_and_passes_errors_through() {
        let mut client = Client::new(FakeDevice::correct());
        assert_eq!(client.echo(b"ping").unwrap(), b"ping");
        assert_eq!(
            client.echo(&[]),
            Err(ClientError::Device(DeviceError::InvalidParameter))
        );
        assert_eq!(
            client.echo(&[1; ECHO_MAX_LEN + 1]),
            Err(ClientError::Device(DeviceError::InvalidParameter))
        );
    }

    #[test]
    fn raw_ioctl_rejects_an_overrun_length() {
        let mut client = Client::new(FakeDevice::with_flaw(Flaw::EchoOverstatesLength));
        let mut output = [0u8; 4];
        assert_eq!(
            client.raw_ioctl(IOCTL_IOLAB_ECHO, b"abcd", &mut output),
            Err(ClientError::LengthOverrun {
                returned: 5,
                capacity: 4
            })
        );
    }

    #[test]
    fn filter_calls_reach_the_control_device() {
        use crate::fake::FakeControl;
        use iolab_protocol::{ALL_FILTERS, RequestKind};

        let mut client = Client::new(FakeControl::new());
        let list = client.list_filters().unwrap();
        assert_eq!((list.count, list.total), (2, 2));
        let ids: Vec<u32> = list.listed().iter().map(|e| e.id).collect();
        assert_eq!(ids, [1, 2]);
        assert_eq!(
            String::from_utf16_lossy(list.listed()[1].name_units()),
            "\\Device\\00000002"
        );
        let stats = client.filter_stats(2).unwrap();
        assert_eq!(stats.kind(RequestKind::Read).bytes, 512);
        assert!(stats.is_monitoring());
        client.set_monitoring(2, false).unwrap();
        assert!(!client.filter_stats(2).unwrap().is_monitoring());
        client.reset_filter_stats(ALL_FILTERS).unwrap();
        assert_eq!(
            client
                .filter_stats(2)
                .unwrap()
                .kind(RequestKind::Read)
                .requests,
            0
        );
        assert_eq!(
            client.filter_stats(9),
            Err(ClientError::Device(DeviceError::NotFound))
        );
        client.transport().writable = false;
        assert_eq!(
            client.set_monitoring(1, true),
            Err(ClientError::Device(DeviceError::AccessDenied))
        );
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            ClientError::Device(DeviceError::AccessDenied).to_string(),
            "the device failed the request: access denied (STATUS_ACCESS_DENIED / ERROR_ACCESS_DENIED)"
        );
        assert_eq!(
            ClientError::Protocol(ProtocolError::UnknownRole { found: 9 }).to_string(),
            "the device sent an invalid reply: role value 9 is unknown (expected 1 = function or 2 = filter)"
        );
    }
}
