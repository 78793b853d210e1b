//! The ways a request to the device can fail, named by their NTSTATUS and Win32 error codes.

use std::fmt;

const STATUS_INVALID_DEVICE_REQUEST: u32 = 0xC000_0010;
const STATUS_BUFFER_TOO_SMALL: u32 = 0xC000_0023;
const STATUS_INVALID_PARAMETER: u32 = 0xC000_000D;
const STATUS_CANCELLED: u32 = 0xC000_0120;
const STATUS_ACCESS_DENIED: u32 = 0xC000_0022;
const STATUS_NO_SUCH_DEVICE: u32 = 0xC000_000E;
const STATUS_OBJECT_NAME_NOT_FOUND: u32 = 0xC000_0034;
/// `STATUS_BUFFER_OVERFLOW`: a warning, the output holds as much as fitted.
pub(crate) const STATUS_BUFFER_OVERFLOW: u32 = 0x8000_0005;

const ERROR_INVALID_FUNCTION: u32 = 1;
const ERROR_FILE_NOT_FOUND: u32 = 2;
const ERROR_ACCESS_DENIED: u32 = 5;
const ERROR_INVALID_PARAMETER: u32 = 87;
const ERROR_INSUFFICIENT_BUFFER: u32 = 122;
const ERROR_MORE_DATA: u32 = 234;
const ERROR_NO_SUCH_DEVICE: u32 = 433;
const ERROR_OPERATION_ABORTED: u32 = 995;

/// Why a request to the device failed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DeviceError {
    /// The driver does not handle this request (`STATUS_INVALID_DEVICE_REQUEST`).
    InvalidDeviceRequest,
    /// The output buffer is too small for the reply (`STATUS_BUFFER_TOO_SMALL`).
    BufferTooSmall,
    /// The input is not acceptable (`STATUS_INVALID_PARAMETER`).
    InvalidParameter,
    /// The request was cancelled (`STATUS_CANCELLED`).
    Cancelled,
    /// There is no such device (`STATUS_NO_SUCH_DEVICE`, `STATUS_OBJECT_NAME_NOT_FOUND`).
    NotFound,
    /// The handle lacks the access the request needs (`STATUS_ACCESS_DENIED`).
    AccessDenied,
    /// Any other failure.
    Other {
        /// The NTSTATUS (as `u32`) or Win32 error code; `detail` says which.
        code: u32,
        /// What the code means, in words.
        detail: String,
    },
}

impl fmt::Display for DeviceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidDeviceRequest => f.write_str(
                "invalid device request (STATUS_INVALID_DEVICE_REQUEST / ERROR_INVALID_FUNCTION)",
            ),
            Self::BufferTooSmall => f.write_str(
                "buffer too small (STATUS_BUFFER_TOO_SMALL / ERROR_INSUFFICIENT_BUFFER)",
            ),
            Self::InvalidParameter => f.write_str(
                "invalid parameter (STATUS_INVALID_PARAMETER / ERROR_INVALID_PARAMETER)",
            ),
            Self::Cancelled => {
                f.write_str("request cancelled (STATUS_CANCELLED / ERROR_OPERATION_ABORTED)")
            }
            Self::NotFound => f.write_str(
                "no such device (STATUS_NO_SUCH_DEVICE or STATUS_OBJECT_NAME_NOT_FOUND / \
                 ERROR_NO_SUCH_DEVICE or ERROR_FILE_NOT_FOUND)",
            ),
            Self::AccessDenied => {
                f.write_str("access denied (STATUS_ACCESS_DENIED / ERROR_ACCESS_DENIED)")
            }
            Self::Other { code, detail } => write!(f, "{detail} (code {code:#010X})"),
        }
    }
}

impl std::error::Error for DeviceError {}

impl DeviceError {
    /// STATUS_BUFFER_OVERFLOW as [`crate::Transport::ioctl`] reports it, an error that says how
    /// many bytes of the longer reply the output buffer holds (`returned`).
    #[must_use]
    pub fn buffer_overflow(returned: usize) -> Self {
        Self::Other {
            code: STATUS_BUFFER_OVERFLOW,
            detail: format!(
                "the driver had more data than the output buffer holds (STATUS_BUFFER_OVERFLOW / \
                 ERROR_MORE_DATA); the first {returned} bytes were returned"
            ),
        }
    }

    /// The NTSTATUS the request completed with, when it is known: the named variants' own status,
    /// and an [`DeviceError::Other`] made from an NTSTATUS (failure and warning statuses have the
    /// top bit set; Win32 error codes never do). `None` for a Win32 error code.
    #[must_use]
    pub fn ntstatus(&self) -> Option<u32> {
        match self {
            Self::InvalidDeviceRequest => Some(STATUS_INVALID_DEVICE_REQUEST),
            Self::BufferTooSmall => Some(STATUS_BUFFER_TOO_SMALL),
            Self::InvalidParameter => Some(STATUS_INVALID_PARAMETER),
            Self::Cancelled => Some(STATUS_CANCELLED),
            Self::AccessDenied => Some(STATUS_ACCESS_DENIED),
            Self::NotFound => Some(STATUS_NO_SUCH_DEVICE),
            Self::Other { code, .. } if code & 0x8000_0000 != 0 => Some(*code),
            Self::Other { .. } => None,
        }
    }
}

/// The symbolic name of an NTSTATUS (`STATUS_INVALID_PARAMETER`), for the values a user of iolab
/// may meet; `None` for others.
#[must_use]
pub fn status_name(status: u32) -> Option<&'static str> {
    Some(match status {
        0 => "STATUS_SUCCESS",
        0x0000_0102 => "STATUS_TIMEOUT",
        0x0000_0103 => "STATUS_PENDING",
        STATUS_BUFFER_OVERFLOW => "STATUS_BUFFER_OVERFLOW",
        0x8000_001A => "STATUS_NO_MORE_ENTRIES",
        0xC000_0001 => "STATUS_UNSUCCESSFUL",
        0xC000_0002 => "STATUS_NOT_IMPLEMENTED",
        0xC000_0005 => "STATUS_ACCESS_VIOLATION",
        0xC000_0008 => "STATUS_INVALID_HANDLE",
        STATUS_INVALID_PARAMETER => "STATUS_INVALID_PARAMETER",
        STATUS_NO_SUCH_DEVICE => "STATUS_NO_SUCH_DEVICE",
        STATUS_INVALID_DEVICE_REQUEST => "STATUS_INVALID_DEVICE_REQUEST",
        0xC000_0017 => "STATUS_NO_MEMORY",
        STATUS_ACCESS_DENIED => "STATUS_ACCESS_DENIED",
        STATUS_BUFFER_TOO_SMALL => "STATUS_BUFFER_TOO_SMALL",
        STATUS_OBJECT_NAME_NOT_FOUND => "STATUS_OBJECT_NAME_NOT_FOUND",
        0xC000_0043 => "STATUS_SHARING_VIOLATION",
        0xC000_009A => "STATUS_INSUFFICIENT_RESOURCES",
        0xC000_00A3 => "STATUS_DEVICE_NOT_READY",
        0xC000_00B5 => "STATUS_IO_TIMEOUT",
        0xC000_00BB => "STATUS_NOT_SUPPORTED",
        STATUS_CANCELLED => "STATUS_CANCELLED",
        0xC000_0184 => "STATUS_INVALID_DEVICE_STATE",
        0xC000_0185 => "STATUS_IO_DEVICE_ERROR",
        0xC000_0206 => "STATUS_INVALID_BUFFER_SIZE",
        0xC000_022A => "STATUS_DUPLICATE_OBJECTID",
        0xC000_0225 => "STATUS_NOT_FOUND",
        _ => return None,
    })
}

/// Maps an NTSTATUS to a [`DeviceError`]; `None` for success and informational codes
/// (`NT_SUCCESS`: the status is not negative).
#[must_use]
pub fn from_ntstatus(status: i32) -> Option<DeviceError> {
    if status >= 0 {
        return None;
    }
    let code = status.cast_unsigned();
    Some(match code {
        STATUS_INVALID_DEVICE_REQUEST => DeviceError::InvalidDeviceRequest,
        STATUS_BUFFER_TOO_SMALL => DeviceError::BufferTooSmall,
        STATUS_INVALID_PARAMETER => DeviceError::InvalidParameter,
        STATUS_CANCELLED => DeviceError::Cancelled,
        STATUS_ACCESS_DENIED => DeviceError::AccessDenied,
        STATUS_NO_SUCH_DEVICE | STATUS_OBJECT_NAME_NOT_FOUND => DeviceError::NotFound,
        _ => DeviceError::Other {
            code,
            detail: match ntstatus_name(code) {
                Some(name) => format!("the driver failed the request with {name}"),
                None => format!("the driver failed the request with NTSTATUS {code:#010X}"),
            },
        },
    })
}

/// How many bytes a request that ended with STATUS_BUFFER_OVERFLOW (`status`, the NTSTATUS from
/// `OVERLAPPED.Internal`) or ERROR_MORE_DATA (`win32_error`, its Win32 form) returned: valid data,
/// `transferred` bytes and at most the buffer's `capacity`. `None` for any other outcome.
#[must_use]
#[cfg_attr(
    not(any(windows, test)),
    expect(dead_code, reason = "the Win32 transport's; unit-tested on every OS")
)]
pub(crate) fn overflow_bytes(
    status: u32,
    win32_error: u32,
    transferred: u32,
    capacity: usize,
) -> Option<usize> {
    (status == STATUS_BUFFER_OVERFLOW || win32_error == ERROR_MORE_DATA).then(|| {
        usize::try_from(transferred)
            .unwrap_or(usize::MAX)
            .min(capacity)
    })
}

/// Maps a Win32 error code (from `GetLastError`) to a [`DeviceError`].
#[must_use]
pub fn from_win32(code: u32) -> DeviceError {
    match code {
        ERROR_INVALID_FUNCTION => DeviceError::InvalidDeviceRequest,
        ERROR_INSUFFICIENT_BUFFER => DeviceError::BufferTooSmall,
        ERROR_INVALID_PARAMETER => DeviceError::InvalidParameter,
        ERROR_OPERATION_ABORTED => DeviceError::Cancelled,
        ERROR_ACCESS_DENIED => DeviceError::AccessDenied,
        ERROR_FILE_NOT_FOUND | ERROR_NO_SUCH_DEVICE => DeviceError::NotFound,
        _ => DeviceError::Other {
            code,
            detail: match win32_name(code) {
                Some(name) => format!("the request failed with {name}"),
                None => format!("the request failed with Win32 error {code}"),
            },
        },
    }
}

/// The error of a finished overlapped request: the driver's exact NTSTATUS from
/// `OVERLAPPED.Internal` when it holds one (failure or warning), else the Win32 error. A buffer
/// overflow's error says how many bytes were returned.
#[cfg_attr(
    not(any(windows, test)),
    expect(dead_code, reason = "used by the Win32 transport")
)]
pub(crate) fn failure(status: u32, win32_error: u32, transferred: u32) -> DeviceError {
    match from_ntstatus(status.cast_signed()) {
        Some(DeviceError::Other { code, .. }) if code == STATUS_BUFFER_OVERFLOW => {
            DeviceError::Other {
                code,
                detail: format!(
                    "the driver had more data than the output buffer holds \
                     (STATUS_BUFFER_OVERFLOW / ERROR_MORE_DATA); {transferred} bytes were returned"
                ),
            }
        }
        Some(error) => error,
        None => from_win32(win32_error),
    }
}

/// Names of other NTSTATUS values a user may meet from this driver.
fn ntstatus_name(code: u32) -> Option<&'static str> {
    Some(match code {
        0x8000_0005 => "STATUS_BUFFER_OVERFLOW (more data than the buffer holds)",
        0xC000_0001 => "STATUS_UNSUCCESSFUL",
        0xC000_0002 => "STATUS_NOT_IMPLEMENTED",
        0xC000_009A => "STATUS_INSUFFICIENT_RESOURCES (out of memory)",
        0xC000_00A3 => "STATUS_DEVICE_NOT_READY",
        0xC000_00B5 => "STATUS_IO_TIMEOUT",
        0xC000_00BB => "STATUS_NOT_SUPPORTED",
        0xC000_0184 => "STATUS_INVALID_DEVICE_STATE",
        _ => return None,
    })
}

/// Names of other Win32 errors a user may meet talking to the device.
fn win32_name(code: u32) -> Option<&'static str> {
    Some(match code {
        0 => "ERROR_SUCCESS (no error was reported)",
        3 => "ERROR_PATH_NOT_FOUND",
        6 => "ERROR_INVALID_HANDLE",
        8 => "ERROR_NOT_ENOUGH_MEMORY",
        21 => "ERROR_NOT_READY (STATUS_DEVICE_NOT_READY)",
        31 => "ERROR_GEN_FAILURE (STATUS_UNSUCCESSFUL)",
        32 => "ERROR_SHARING_VIOLATION (another program has the device open)",
        50 => "ERROR_NOT_SUPPORTED (STATUS_NOT_SUPPORTED)",
        121 => "ERROR_SEM_TIMEOUT (STATUS_IO_TIMEOUT)",
        234 => "ERROR_MORE_DATA (STATUS_BUFFER_OVERFLOW)",
        258 => "WAIT_TIMEOUT",
        1450 => "ERROR_NO_SYSTEM_RESOURCES (STATUS_INSUFFICIENT_RESOURCES)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_by_name_and_back() {
        assert_eq!(status_name(0xC000_000D), Some("STATUS_INVALID_PARAMETER"));
        assert_eq!(status_name(0), Some("STATUS_SUCCESS"));
        assert_eq!(status_name(0xC0DE_0001), None);
        assert_eq!(DeviceError::BufferTooSmall.ntstatus(), Some(0xC000_0023));
        assert_eq!(
            from_ntstatus(0xC000_00B5_u32.cast_signed()).and_then(|e| e.ntstatus()),
            Some(0xC000_00B5)
        );
        // A Win32 error code is not an NTSTATUS.
        assert_eq!(from_win32(32).ntstatus(), None);
    }

    fn nt(code: u32) -> i32 {
        code.cast_signed()
    }

    #[test]
    fn success_statuses_are_not_errors() {
        assert_eq!(from_ntstatus(0), None);
        assert_eq!(from_ntstatus(0x0000_0103), None); // STATUS_PENDING
        assert_eq!(from_ntstatus(0x4000_0000), None); // an informational status
    }

    #[test]
    fn known_ntstatus_values() {
        let cases = [
            (0xC000_0010, DeviceError::InvalidDeviceRequest),
            (0xC000_0023, DeviceError::BufferTooSmall),
            (0xC000_000D, DeviceError::InvalidParameter),
            (0xC000_0120, DeviceError::Cancelled),
            (0xC000_0022, DeviceError::AccessDenied),
            (0xC000_000E, DeviceError::NotFound),
            (0xC000_0034, DeviceError::NotFound),
        ];
        for (status, expected) in cases {
            assert_eq!(from_ntstatus(nt(status)), Some(expected), "{status:#X}");
        }
    }

    #[test]
    fn other_ntstatus_values_keep_their_code() {
        assert_eq!(
            from_ntstatus(nt(0xC000_009A)),
            Some(DeviceError::Other {
                code: 0xC000_009A,
                detail: "the driver failed the request with STATUS_INSUFFICIENT_RESOURCES (out of memory)"
                    .into()
            })
        );
        let unknown = from_ntstatus(nt(0xC0DE_0001)).map(|e| e.to_string());
        assert_eq!(
            unknown.as_deref(),
            Some("the driver failed the request with NTSTATUS 0xC0DE0001 (code 0xC0DE0001)")
        );
        // A warning status is negative, so it is a failure too.
        assert!(matches!(
            from_ntstatus(nt(0x8000_0005)),
            Some(DeviceError::Other {
                code: 0x8000_0005,
                ..
            })
        ));
    }

    #[test]
    fn a_buffer_overflow_keeps_the_bytes_that_fitted() {
        assert_eq!(
            overflow_bytes(STATUS_BUFFER_OVERFLOW, ERROR_MORE_DATA, 12, 16),
            Some(12)
        );
        // Known by either form; never more than the buffer.
        assert_eq!(overflow_bytes(0x103, ERROR_MORE_DATA, 40, 16), Some(16));
        assert_eq!(overflow_bytes(STATUS_BUFFER_OVERFLOW, 0, 3, 16), Some(3));
        assert_eq!(overflow_bytes(STATUS_BUFFER_TOO_SMALL, 122, 0, 16), None);
        assert_eq!(overflow_bytes(0, 0, 16, 16), None);
        let overflow = DeviceError::buffer_overflow(3);
        assert_eq!(overflow.ntstatus(), Some(STATUS_BUFFER_OVERFLOW));
        assert_eq!(
            overflow.to_string(),
            "the driver had more data than the output buffer holds (STATUS_BUFFER_OVERFLOW / \
             ERROR_MORE_DATA); the first 3 bytes were returned (code 0x80000005)"
        );
    }

    #[test]
    fn known_win32_values() {
        let cases = [
            (1, DeviceError::InvalidDeviceRequest),
            (122, DeviceError::BufferTooSmall),
            (87, DeviceError::InvalidParameter),
            (995, DeviceError::Cancelled),
            (5, DeviceError::AccessDenied),
            (2, DeviceError::NotFound),
            (433, DeviceError::NotFound),
        ];
        for (code, expected) in cases {
            assert_eq!(from_win32(code), expected, "{code}");
        }
        assert_eq!(
            from_win32(32).to_string(),
            "the request failed with ERROR_SHARING_VIOLATION (another program has the device open) (code 0x00000020)"
        );
        assert_eq!(
            from_win32(4242).to_string(),
            "the request failed with Win32 error 4242 (code 0x00001092)"
        );
    }

    #[test]
    fn display_names_status_and_win32_error() {
        assert_eq!(
            DeviceError::InvalidDeviceRequest.to_string(),
            "invalid device request (STATUS_INVALID_DEVICE_REQUEST / ERROR_INVALID_FUNCTION)"
        );
        assert_eq!(
            DeviceError::BufferTooSmall.to_string(),
            "buffer too small (STATUS_BUFFER_TOO_SMALL / ERROR_INSUFFICIENT_BUFFER)"
        );
        assert!(
            DeviceError::Cancelled
                .to_string()
                .contains("STATUS_CANCELLED")
        );
        assert!(
            DeviceError::NotFound
                .to_string()
                .contains("ERROR_FILE_NOT_FOUND")
        );
        assert!(
            DeviceError::AccessDenied
                .to_string()
                .contains("ERROR_ACCESS_DENIED")
        );
        assert!(
            DeviceError::InvalidParameter
                .to_string()
                .contains("STATUS_INVALID_PARAMETER")
        );
    }

    #[test]
    fn exact_status_wins_over_the_win32_error() {
        // STATUS_IO_TIMEOUT would be ERROR_SEM_TIMEOUT (121) in Win32 terms.
        assert_eq!(failure(0xC000_00B5, 121, 0).ntstatus(), Some(0xC000_00B5));
        // STATUS_PENDING left in Internal: only the Win32 error is known.
        assert_eq!(failure(0x103, 5, 0), DeviceError::AccessDenied);
        // ERROR_MORE_DATA (234) beside the warning.
        let overflow = failure(STATUS_BUFFER_OVERFLOW, 234, 12).to_string();
        assert!(overflow.contains("12 bytes were returned"), "{overflow}");
    }
}
