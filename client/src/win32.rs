//! Win32 transport: finds the iolab device interface with CfgMgr32, opens it for overlapped I/O
//! and sends each IOCTL with `DeviceIoControl`, waiting with a timeout and cancelling on expiry.
//!
//! APIs: `CM_Get_Device_Interface_ListW`, `CreateFileW`, `DeviceIoControl`,
//! `GetOverlappedResultEx`, `CancelIoEx` (<https://learn.microsoft.com/windows/win32/api/ioapiset/>).

use std::fmt;
use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};
use std::ptr;
use std::time::Duration;

use iolab_protocol::{GUID_DEVINTERFACE_IOLAB, Guid};
use windows_sys::Win32::Devices::DeviceAndDriverInstallation::{
    CM_GET_DEVICE_INTERFACE_LIST_PRESENT, CM_Get_Device_Interface_List_SizeW,
    CM_Get_Device_Interface_ListW, CR_BUFFER_SMALL, CR_SUCCESS,
};
use windows_sys::Win32::Foundation::{
    ERROR_IO_PENDING, GENERIC_READ, GENERIC_WRITE, GetLastError, HANDLE, INVALID_HANDLE_VALUE,
    WAIT_TIMEOUT,
};
use windows_sys::Win32::Storage::FileSystem::{CreateFileW, FILE_FLAG_OVERLAPPED, OPEN_EXISTING};
use windows_sys::Win32::System::IO::{
    CancelIoEx, DeviceIoControl, GetOverlappedResultEx, OVERLAPPED,
};
use windows_sys::Win32::System::Threading::{CreateEventW, INFINITE};
use windows_sys::core::GUID;

use crate::{DeviceError, Transport, from_win32};

/// How long one IOCTL may take before it is cancelled, unless changed with
/// [`Win32Transport::set_timeout`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// How many times the interface list is fetched again when it grew between the two calls.
const LIST_ATTEMPTS: usize = 8;

/// Why the device could not be found or opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// No present device exposes the iolab interface.
    NoDevice,
    /// A configuration manager call failed.
    ConfigManager {
        /// The function that failed.
        call: &'static str,
        /// Its `CONFIGRET` (`CR_*`) value.
        code: u32,
    },
    /// The interface path exists but `CreateFileW` failed on it.
    Open {
        /// The device interface path.
        path: String,
        /// Why.
        error: DeviceError,
    },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoDevice => write!(
                f,
                "no IoLab device is present: install it with `devgen /add /bus ROOT /hardwareid \
                 Root\\IoLab` and `pnputil /add-driver iolab.inf /install` on a test-signed \
                 machine (interface {GUID_DEVINTERFACE_IOLAB}); `pnputil /enum-devices /problem` \
                 shows a device that is installed but not started"
            ),
            Self::ConfigManager { call, code } => {
                write!(f, "{call} failed with CONFIGRET {code:#X}")
            }
            Self::Open { path, error } => {
                write!(f, "cannot open the IoLab device {path}: {error}")?;
                if *error == DeviceError::AccessDenied {
                    f.write_str(
                        " (the device is opened exclusively; is another program using it?)",
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for OpenError {}

/// A handle to a real iolab device.
#[derive(Debug)]
pub struct Win32Transport {
    device: OwnedHandle,
    path: String,
    timeout: Duration,
}

impl Win32Transport {
    /// Opens the first present device exposing [`GUID_DEVINTERFACE_IOLAB`].
    ///
    /// # Errors
    /// [`OpenError::NoDevice`] if none is present, [`OpenError::ConfigManager`] if the interface
    /// list cannot be read, [`OpenError::Open`] if `CreateFileW` fails.
    pub fn open() -> Result<Self, OpenError> {
        let paths = device_paths()?;
        let path = paths.first().ok_or(OpenError::NoDevice)?;
        Self::open_path(path)
    }

    /// Opens the device interface at `path` for reading and writing, exclusively, overlapped.
    ///
    /// # Errors
    /// [`OpenError::Open`] if `CreateFileW` fails.
    pub fn open_path(path: &str) -> Result<Self, OpenError> {
        let wide: Vec<u16> = path.encode_utf16().chain(Some(0)).collect();
        // SAFETY:
        // - `wide` is a NUL-terminated UTF-16 string that outlives the call;
        // - a null security-attributes pointer and a null template handle are documented as
        //   allowed.
        let handle = unsafe {
            CreateFileW(
                wide.as_ptr(),
                GENERIC_READ | GENERIC_WRITE,
                0,
                ptr::null(),
                OPEN_EXISTING,
                FILE_FLAG_OVERLAPPED,
                ptr::null_mut(),
            )
        };
        if handle == INVALID_HANDLE_VALUE {
            return Err(OpenError::Open {
                path: path.to_owned(),
                error: from_win32(last_error()),
            });
        }
        // SAFETY:
        // - `handle` was just returned by a successful `CreateFileW`, so it is open and valid;
        // - nothing else owns it: it is closed exactly once, when the `OwnedHandle` drops.
        let device = unsafe { OwnedHandle::from_raw_handle(handle) };
        Ok(Self {
            device,
            path: path.to_owned(),
            timeout: DEFAULT_TIMEOUT,
        })
    }

    /// The device interface path this transport opened.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Sets how long one IOCTL may take before it is cancelled with `CancelIoEx`.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    fn raw(&self) -> HANDLE {
        self.device.as_raw_handle()
    }

    /// Waits for the operation in `overlapped` to finish; cancels it if the timeout expires.
    ///
    /// Returns only once the operation is no longer pending, so the caller's buffers and the
    /// `OVERLAPPED` may be released afterwards. (A raw pointer, not a reference: the I/O manager
    /// writes to the structure while the operation runs.)
    fn wait(&self, overlapped: *const OVERLAPPED) -> Result<usize, DeviceError> {
        let timeout_ms = u32::try_from(self.timeout.as_millis())
            .unwrap_or(INFINITE - 1)
            .min(INFINITE - 1);
        let mut transferred: u32 = 0;
        // SAFETY:
        // - `self.raw()` is the open device handle the operation was started on;
        // - `overlapped` points to the live structure passed to that `DeviceIoControl`, whose
        //   event is open;
        // - `transferred` is a valid place for the byte count.
        let ok = unsafe {
            GetOverlappedResultEx(self.raw(), overlapped, &raw mut transferred, timeout_ms, 0)
        };
        if ok != 0 {
            return Ok(transferred as usize);
        }
        let error = last_error();
        if error != WAIT_TIMEOUT {
            return Err(from_win32(error));
        }
        // Timed out: ask for cancellation. The result is ignored on purpose: if the request
        // completed in the meantime, CancelIoEx fails with ERROR_NOT_FOUND and the wait below
        // returns the real outcome.
        // SAFETY:
        // - `self.raw()` is open and `overlapped` identifies an operation started on it.
        unsafe { CancelIoEx(self.raw(), overlapped) };
        // The buffers and `overlapped` must stay alive until the I/O manager is done with them,
        // so this wait has no timeout.
        // SAFETY: as for the first wait.
        let ok = unsafe {
            GetOverlappedResultEx(self.raw(), overlapped, &raw mut transferred, INFINITE, 0)
        };
        if ok != 0 {
            return Ok(transferred as usize);
        }
        Err(from_win32(last_error()))
    }
}

impl Transport for Win32Transport {
    fn name(&self) -> &'static str {
        "win32"
    }

    fn ioctl(&mut self, code: u32, input: &[u8], output: &mut [u8]) -> Result<usize, DeviceError> {
        let input_len = u32::try_from(input.len()).map_err(|_| DeviceError::InvalidParameter)?;
        let output_len = u32::try_from(output.len()).map_err(|_| DeviceError::InvalidParameter)?;
        let event = create_event()?;
        let mut overlapped = OVERLAPPED {
            hEvent: event.as_raw_handle(),
            ..Default::default()
        };
        let overlapped_ptr = &raw mut overlapped;
        // An empty buffer is passed as a null pointer, as C callers do.
        let input_ptr = if input.is_empty() {
            ptr::null()
        } else {
            input.as_ptr().cast()
        };
        let output_ptr = if output.is_empty() {
            ptr::null_mut()
        } else {
            output.as_mut_ptr().cast()
        };
        // SAFETY:
        // - `self.raw()` is an open handle created with FILE_FLAG_OVERLAPPED;
        // - `input_ptr`/`input_len` and `output_ptr`/`output_len` describe live slices (or null
        //   and zero) that stay borrowed until `wait` below has seen the operation finish;
        // - a null `lpBytesReturned` is allowed because `lpOverlapped` is given;
        // - `overlapped` is zero-initialised with a valid manual-reset event and is not moved or
        //   dropped before the operation finishes (`wait` never returns while it is pending).
        let ok = unsafe {
            DeviceIoControl(
                self.raw(),
                code,
                input_ptr,
                input_len,
                output_ptr,
                output_len,
                ptr::null_mut(),
                overlapped_ptr,
            )
        };
        if ok == 0 {
            let error = last_error();
            if error != ERROR_IO_PENDING {
                return Err(from_win32(error));
            }
        }
        let result = self.wait(overlapped_ptr);
        // `overlapped`, `event` and the buffers are released only here, after `wait`.
        drop(event);
        result
    }
}

/// Paths of every present device exposing [`GUID_DEVINTERFACE_IOLAB`].
///
/// # Errors
/// [`OpenError::ConfigManager`] if the configuration manager calls fail.
pub fn device_paths() -> Result<Vec<String>, OpenError> {
    let list = interface_list(&to_win32_guid(GUID_DEVINTERFACE_IOLAB))?;
    Ok(split_multi_sz(&list))
}

/// The raw `REG_MULTI_SZ`-style list of interface paths for `guid`.
fn interface_list(guid: &GUID) -> Result<Vec<u16>, OpenError> {
    for _ in 0..LIST_ATTEMPTS {
        let mut len: u32 = 0;
        // SAFETY:
        // - `len` and `guid` are valid for the call; a null device ID means "all devices".
        let cr = unsafe {
            CM_Get_Device_Interface_List_SizeW(
                &raw mut len,
                guid,
                ptr::null(),
                CM_GET_DEVICE_INTERFACE_LIST_PRESENT,
            )
        };
        if cr != CR_SUCCESS {
            return Err(OpenError::ConfigManager {
                call: "CM_Get_Device_Interface_List_SizeW",
                code: cr,
            });
        }
        let mut buffer = vec![0u16; len as usize];
        // SAFETY:
        // - `buffer` holds exactly `len` UTF-16 units and outlives the call;
        // - `guid` is valid; a null device ID means "all devices".
        let cr = unsafe {
            CM_Get_Device_Interface_ListW(
                guid,
                ptr::null(),
                buffer.as_mut_ptr(),
                len,
                CM_GET_DEVICE_INTERFACE_LIST_PRESENT,
            )
        };
        match cr {
            CR_SUCCESS => return Ok(buffer),
            // A device arrived between the two calls: measure again.
            CR_BUFFER_SMALL => {}
            _ => {
                return Err(OpenError::ConfigManager {
                    call: "CM_Get_Device_Interface_ListW",
                    code: cr,
                });
            }
        }
    }
    Err(OpenError::ConfigManager {
        call: "CM_Get_Device_Interface_ListW",
        code: CR_BUFFER_SMALL,
    })
}

/// The strings of a list of NUL-terminated UTF-16 strings ended by an empty one.
fn split_multi_sz(list: &[u16]) -> Vec<String> {
    list.split(|&unit| unit == 0)
        .take_while(|item| !item.is_empty())
        .map(String::from_utf16_lossy)
        .collect()
}

fn to_win32_guid(guid: Guid) -> GUID {
    GUID {
        data1: guid.data1,
        data2: guid.data2,
        data3: guid.data3,
        data4: guid.data4,
    }
}

/// A new manual-reset, non-signalled, unnamed event.
fn create_event() -> Result<OwnedHandle, DeviceError> {
    // SAFETY: null security attributes and a null name are documented as allowed.
    let event = unsafe { CreateEventW(ptr::null(), 1, 0, ptr::null()) };
    if event.is_null() {
        return Err(from_win32(last_error()));
    }
    // SAFETY:
    // - `event` was just returned by a successful `CreateEventW`, so it is open and valid;
    // - nothing else owns it: it is closed exactly once, when the `OwnedHandle` drops.
    Ok(unsafe { OwnedHandle::from_raw_handle(event) })
}

fn last_error() -> u32 {
    // SAFETY: GetLastError only reads the calling thread's last-error value.
    unsafe { GetLastError() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wide(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn multi_sz_lists() {
        let mut list = wide("\\\\?\\ROOT#IOLAB#0000");
        list.push(0);
        list.extend(wide("\\\\?\\ROOT#IOLAB#0001"));
        list.extend([0, 0]);
        assert_eq!(
            split_multi_sz(&list),
            ["\\\\?\\ROOT#IOLAB#0000", "\\\\?\\ROOT#IOLAB#0001"]
        );
        assert!(split_multi_sz(&[0]).is_empty());
        assert!(split_multi_sz(&[]).is_empty());
    }

    #[test]
    fn guid_fields_carry_over() {
        let guid = to_win32_guid(GUID_DEVINTERFACE_IOLAB);
        assert_eq!(guid.data1, 0x9B18_0C53);
        assert_eq!(guid.data4, GUID_DEVINTERFACE_IOLAB.data4);
    }

    #[test]
    fn no_device_message_tells_how_to_install() {
        let message = OpenError::NoDevice.to_string();
        assert!(message.starts_with("no IoLab device is present: install it with"));
        assert!(message.contains("pnputil /add-driver iolab.inf /install"));
    }
}
