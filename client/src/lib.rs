//! How a user-mode program talks to the iolab driver: a [`Transport`], a typed [`Client`] and the
//! selftest [`scenarios`].
//!
//! A transport moves one IOCTL to a driver and back: [`win32::Win32Transport`] to a real device on
//! Windows, `sim::SimTransport` (feature `sim`) to the driver running inside kmdf-sim in this
//! process. Everything above the transport is the same code in both worlds. What a scenario needs
//! beyond one IOCTL at a time is a capability a transport may offer: the [`harness`] (handles,
//! overlapped I/O, time, removal; both transports) and the [`filter_lab`] (iolab as a filter over
//! a lower device the test programs; the simulator only).

mod client;
pub mod devices;
mod error;
pub mod filter_lab;
pub mod harness;
#[cfg(any(windows, test))]
mod overlapped;
pub mod scenarios;

#[cfg(feature = "sim")]
pub mod sim;
#[cfg(windows)]
pub mod win32;

pub use client::{Client, ClientError};
pub use error::{DeviceError, from_ntstatus, from_win32, status_name};

/// What an IOCTL returned: `returned` bytes at the start of the output buffer, and whether the
/// reply was longer than the buffer (`overflow`: STATUS_BUFFER_OVERFLOW, a warning — those bytes
/// are valid data, the first part of the reply).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IoctlReply {
    /// The bytes at the start of the output buffer.
    pub returned: usize,
    /// Whether the reply did not fit (STATUS_BUFFER_OVERFLOW / ERROR_MORE_DATA).
    pub overflow: bool,
}

impl IoctlReply {
    /// The reply as [`Transport::ioctl`] reports it: an overflow is
    /// [`DeviceError::buffer_overflow`] there.
    ///
    /// # Errors
    /// [`DeviceError::buffer_overflow`] when the reply did not fit.
    pub fn into_result(self) -> Result<usize, DeviceError> {
        if self.overflow {
            Err(DeviceError::buffer_overflow(self.returned))
        } else {
            Ok(self.returned)
        }
    }
}

/// One way of delivering IOCTLs to an iolab driver.
pub trait Transport {
    /// Short name of the transport for messages (`"win32"`, `"sim"`).
    fn name(&self) -> &'static str;

    /// Sends control code `code` with `input`, and an output buffer of `output.len()` bytes.
    ///
    /// Returns how many bytes the driver wrote to the start of `output`. On failure the driver's
    /// status is returned as a [`DeviceError`], and (as with the Windows I/O manager for buffered
    /// requests) `output` is left as it was — except after STATUS_BUFFER_OVERFLOW
    /// ([`DeviceError::buffer_overflow`]), a warning, where it holds the part of the reply that
    /// fitted: [`Transport::ioctl_reply`] returns that as a success.
    ///
    /// # Errors
    /// The [`DeviceError`] the request completed with.
    fn ioctl(&mut self, code: u32, input: &[u8], output: &mut [u8]) -> Result<usize, DeviceError>;

    /// As [`Transport::ioctl`], but STATUS_BUFFER_OVERFLOW is not an error: the reply says how
    /// many bytes of the longer reply `output` holds and that it overflowed. The default, for
    /// transports that never see the warning, is [`Transport::ioctl`]'s result.
    ///
    /// # Errors
    /// The [`DeviceError`] the request completed with, other than STATUS_BUFFER_OVERFLOW.
    fn ioctl_reply(
        &mut self,
        code: u32,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<IoctlReply, DeviceError> {
        self.ioctl(code, input, output).map(|returned| IoctlReply {
            returned,
            overflow: false,
        })
    }

    /// Ends the session. For the simulator this removes the device and unloads the driver, and
    /// reports what the verifier found (leaks, rules broken); a real device has nothing to do.
    ///
    /// # Errors
    /// The problems found, in words.
    fn close(&mut self) -> Result<(), String> {
        Ok(())
    }

    /// Whether [`Transport::close`] checks anything (the simulator's verifier and leak check);
    /// a selftest reports that check as a scenario of its own only when it exists.
    fn checks_on_close(&self) -> bool {
        false
    }

    /// More handles, overlapped I/O, time and removal, for the pipe's scenarios and
    /// `iolabctl read`/`write`; `None` if this transport does not offer them.
    fn harness(&mut self) -> Option<&mut dyn harness::Harness> {
        None
    }

    /// Filtered devices over programmable lower devices, for the filter role's scenarios;
    /// `None` if this transport cannot build device stacks (a real device).
    fn filter_lab(&mut self) -> Option<&mut dyn filter_lab::FilterLab> {
        None
    }
}

impl<T: Transport + ?Sized> Transport for &mut T {
    fn name(&self) -> &'static str {
        (**self).name()
    }

    fn ioctl(&mut self, code: u32, input: &[u8], output: &mut [u8]) -> Result<usize, DeviceError> {
        (**self).ioctl(code, input, output)
    }

    fn ioctl_reply(
        &mut self,
        code: u32,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<IoctlReply, DeviceError> {
        (**self).ioctl_reply(code, input, output)
    }

    fn close(&mut self) -> Result<(), String> {
        (**self).close()
    }

    fn checks_on_close(&self) -> bool {
        (**self).checks_on_close()
    }

    fn harness(&mut self) -> Option<&mut dyn harness::Harness> {
        (**self).harness()
    }

    fn filter_lab(&mut self) -> Option<&mut dyn filter_lab::FilterLab> {
        (**self).filter_lab()
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn name(&self) -> &'static str {
        (**self).name()
    }

    fn ioctl(&mut self, code: u32, input: &[u8], output: &mut [u8]) -> Result<usize, DeviceError> {
        (**self).ioctl(code, input, output)
    }

    fn ioctl_reply(
        &mut self,
        code: u32,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<IoctlReply, DeviceError> {
        (**self).ioctl_reply(code, input, output)
    }

    fn close(&mut self) -> Result<(), String> {
        (**self).close()
    }

    fn checks_on_close(&self) -> bool {
        (**self).checks_on_close()
    }

    fn harness(&mut self) -> Option<&mut dyn harness::Harness> {
        (**self).harness()
    }

    fn filter_lab(&mut self) -> Option<&mut dyn filter_lab::FilterLab> {
        (**self).filter_lab()
    }
}

#[cfg(test)]
pub(crate) mod fake;
