//! A typed client for iolab's IOCTLs over any [`Transport`].

use std::fmt;

use iolab_protocol::{
    INFO_REPLY_SIZE, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO, InfoReply, ProtocolError,
};

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
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Device(error) => Some(error),
            Self::Protocol(error) => Some(error),
            Self::LengthOverrun { .. } => None,
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
