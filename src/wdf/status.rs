//! NTSTATUS as an error type: [`NtStatus`] with named constants, [`Result`], and the one
//! conversion back to a raw `NTSTATUS` at the callback boundary. See "Using NTSTATUS values"
//! (<https://learn.microsoft.com/windows-hardware/drivers/kernel/using-ntstatus-values>).

use wdk_sys::NTSTATUS;

/// A failure status (`NT_SUCCESS` is false, or an unexpected warning).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NtStatus(NTSTATUS);

impl NtStatus {
    /// `STATUS_INVALID_DEVICE_REQUEST`: the request is not valid for this device (unknown IOCTL).
    pub const INVALID_DEVICE_REQUEST: Self = Self(wdk_sys::STATUS_INVALID_DEVICE_REQUEST);
    /// `STATUS_INVALID_PARAMETER`: malformed input.
    pub const INVALID_PARAMETER: Self = Self(wdk_sys::STATUS_INVALID_PARAMETER);
    /// `STATUS_BUFFER_TOO_SMALL`: the output buffer cannot hold the answer.
    pub const BUFFER_TOO_SMALL: Self = Self(wdk_sys::STATUS_BUFFER_TOO_SMALL);
    /// `STATUS_INSUFFICIENT_RESOURCES`.
    pub const INSUFFICIENT_RESOURCES: Self = Self(wdk_sys::STATUS_INSUFFICIENT_RESOURCES);
    /// `STATUS_CANCELLED`: the request was cancelled.
    pub const CANCELLED: Self = Self(wdk_sys::STATUS_CANCELLED);
    /// `STATUS_IO_TIMEOUT`: the request waited longer than its timeout.
    pub const IO_TIMEOUT: Self = Self(wdk_sys::STATUS_IO_TIMEOUT);
    /// `STATUS_INVALID_BUFFER_SIZE`: a write longer than the pipe's capacity.
    pub const INVALID_BUFFER_SIZE: Self = Self(wdk_sys::STATUS_INVALID_BUFFER_SIZE);
    /// `STATUS_DEVICE_BUSY`: the change needs an empty pipe.
    pub const DEVICE_BUSY: Self = Self(wdk_sys::STATUS_DEVICE_BUSY);
    /// `STATUS_DATA_ERROR`: the data do not match their checksum.
    pub const DATA_ERROR: Self = Self(wdk_sys::STATUS_DATA_ERROR);
    /// `STATUS_UNSUCCESSFUL`.
    pub const UNSUCCESSFUL: Self = Self(wdk_sys::STATUS_UNSUCCESSFUL);
    /// `STATUS_NO_SUCH_DEVICE`: no filter instance has the ID asked for.
    pub const NO_SUCH_DEVICE: Self = Self(wdk_sys::STATUS_NO_SUCH_DEVICE);

    /// The raw value.
    #[must_use]
    pub const fn raw(self) -> NTSTATUS {
        self.0
    }
}

/// Any NTSTATUS, success, informational, warning or error alike: what a lower driver completed
/// a request with, passed on unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status(NTSTATUS);

impl Status {
    /// Wraps a raw status.
    #[must_use]
    pub const fn from_raw(raw: NTSTATUS) -> Self {
        Self(raw)
    }

    /// The raw value.
    #[must_use]
    pub const fn raw(self) -> NTSTATUS {
        self.0
    }

    /// The status's bits, as the wire structs carry them.
    #[must_use]
    pub const fn bits(self) -> u32 {
        self.0.cast_unsigned()
    }
}

impl From<NtStatus> for Status {
    fn from(status: NtStatus) -> Self {
        Self(status.0)
    }
}

/// The driver's result type: a value, or the status to fail with.
pub type Result<T = (), E = NtStatus> = core::result::Result<T, E>;

/// Turns a status a framework call returned into a [`Result`].
///
/// # Errors
/// The status itself, when `NT_SUCCESS` is false.
pub fn to_result(status: NTSTATUS) -> Result {
    if wdk::nt_success(status) {
        Ok(())
    } else {
        Err(NtStatus(status))
    }
}

/// Turns a [`Result`] back into the `NTSTATUS` a callback returns.
#[must_use]
pub fn from_result(result: Result) -> NTSTATUS {
    match result {
        Ok(()) => wdk_sys::STATUS_SUCCESS,
        Err(status) => status.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_and_informational_statuses_are_ok() {
        assert_eq!(to_result(wdk_sys::STATUS_SUCCESS), Ok(()));
        assert_eq!(to_result(wdk_sys::STATUS_PENDING), Ok(()));
    }

    #[test]
    fn failures_round_trip() {
        assert_eq!(
            to_result(wdk_sys::STATUS_BUFFER_TOO_SMALL),
            Err(NtStatus::BUFFER_TOO_SMALL)
        );
        assert_eq!(
            from_result(Err(NtStatus::INVALID_PARAMETER)),
            wdk_sys::STATUS_INVALID_PARAMETER
        );
        assert_eq!(from_result(Ok(())), wdk_sys::STATUS_SUCCESS);
    }
}
