//! Win32 transport: finds the iolab device interfaces with CfgMgr32, opens the chosen one for
//! overlapped I/O with the access each control code needs, and sends each IOCTL with
//! `DeviceIoControl`, waiting with a timeout and cancelling on expiry (the wait after the cancel
//! is bounded too). Its [`Harness`] (more handles, overlapped reads, writes and IOCTLs, removal)
//! is in `win32/harness.rs`, over the same [`Operation`].
//!
//! APIs: `CM_Get_Device_Interface_ListW`, `CreateFileW`, `DeviceIoControl`, `ReadFile`,
//! `WriteFile`, `GetOverlappedResult(Ex)`, `CancelIoEx`
//! (<https://learn.microsoft.com/windows/win32/api/ioapiset/>).

use std::fmt;
use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};
use std::ptr;
use std::time::Duration;

use iolab_protocol::{
    FILE_READ_ACCESS, FILE_WRITE_ACCESS, GUID_DEVINTERFACE_IOLAB, Guid, access_of,
};
use windows_sys::Win32::Devices::DeviceAndDriverInstallation::{
    CM_GET_DEVICE_INTERFACE_LIST_PRESENT, CM_Get_Device_Interface_List_SizeW,
    CM_Get_Device_Interface_ListW, CR_BUFFER_SMALL, CR_SUCCESS,
};
use windows_sys::Win32::Foundation::{
    ERROR_IO_INCOMPLETE, ERROR_IO_PENDING, ERROR_MORE_DATA, GENERIC_READ, GENERIC_WRITE,
    GetLastError, HANDLE, INVALID_HANDLE_VALUE, WAIT_OBJECT_0, WAIT_TIMEOUT,
};
use windows_sys::Win32::Storage::FileSystem::{
    CreateFileW, FILE_FLAG_OVERLAPPED, FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING, ReadFile,
    WriteFile,
};
use windows_sys::Win32::System::IO::{
    CancelIoEx, DeviceIoControl, GetOverlappedResult, GetOverlappedResultEx, OVERLAPPED,
};
use windows_sys::Win32::System::Threading::{CreateEventW, INFINITE, WaitForSingleObject};
use windows_sys::core::GUID;

use crate::devices::{self, SelectError, configret_name};
use crate::error::{failure, overflow_bytes};
use crate::harness::Harness;
use crate::overlapped::{Finished, OpTable};
use crate::{DeviceError, IoctlReply, Transport, from_win32};

mod harness;

/// How long one IOCTL may take before it is cancelled, unless changed with
/// [`Win32Transport::set_timeout`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a cancelled IOCTL may take to finish. A driver that honours cancellation finishes at
/// once; one that does not would otherwise hang the tool for ever.
pub const CANCEL_TIMEOUT: Duration = Duration::from_secs(10);

/// How many times the interface list is fetched again when it grew between the two calls.
const LIST_ATTEMPTS: usize = 8;

/// Why the device could not be found or opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// No present device exposes the iolab interface.
    NoDevice,
    /// `--device` matches none of the devices present.
    NoSuchDevice {
        /// Why, with the devices present.
        reason: SelectError,
    },
    /// Several devices are present (or match) and none was chosen.
    Ambiguous {
        /// Why, with the candidates.
        reason: SelectError,
    },
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
                "no IoLab device is present: install it with `iolabctl install` (or `devgen /add \
                 /bus ROOT /hardwareid Root\\IoLab` and `pnputil /add-driver iolab.inf /install`) \
                 on a test-signed machine (interface {GUID_DEVINTERFACE_IOLAB}); `iolabctl doctor` \
                 explains a device that is installed but not started"
            ),
            Self::NoSuchDevice { reason } | Self::Ambiguous { reason } => reason.fmt(f),
            Self::ConfigManager { call, code } => match configret_name(*code) {
                Some(name) => write!(f, "{call} failed with {name} ({code:#X})"),
                None => write!(f, "{call} failed with CONFIGRET {code:#X}"),
            },
            Self::Open { path, error } => {
                write!(f, "cannot open the IoLab device {path}: {error}")?;
                if *error == DeviceError::AccessDenied {
                    f.write_str(
                        " (the device admits only SYSTEM and Administrators: run iolabctl from an \
                         elevated prompt)",
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for OpenError {}

/// A real iolab device, opened once per access level its control codes need; with the
/// [`Harness`]'s extra handles and overlapped operations.
#[derive(Debug)]
pub struct Win32Transport {
    // Field order is drop order: operations are waited for (cancelled, and leaked if the driver
    // never ends them) while the handles they were started on are still open.
    /// The harness's operations.
    ops: OpTable<harness::Running>,
    /// The harness's extra handles (by `HandleId - 1`; `None` once closed).
    extra: Vec<Option<OwnedHandle>>,
    path: String,
    /// Open handles with the `FILE_*_ACCESS` bits each was opened for.
    handles: Vec<(u32, OwnedHandle)>,
    timeout: Duration,
}

impl Win32Transport {
    /// Opens the present device exposing [`GUID_DEVINTERFACE_IOLAB`] that `selector` names (its
    /// index in [`device_paths`], or text of its path or instance ID), or the only one.
    ///
    /// # Errors
    /// [`OpenError::NoDevice`] if none is present, [`OpenError::NoSuchDevice`] or
    /// [`OpenError::Ambiguous`] if the selector does not pick one, [`OpenError::ConfigManager`]
    /// if the interface list cannot be read, [`OpenError::Open`] if `CreateFileW` fails.
    pub fn open_device(selector: Option<&str>) -> Result<Self, OpenError> {
        let paths = device_paths()?;
        let index = devices::select(&paths, selector).map_err(|reason| match reason {
            SelectError::NonePresent => OpenError::NoDevice,
            SelectError::NoMatch { .. } => OpenError::NoSuchDevice { reason },
            SelectError::Ambiguous { .. } => OpenError::Ambiguous { reason },
        })?;
        Self::open_path(&paths[index])
    }

    /// Opens the device interface at `path`, overlapped, shared, with no access rights yet (the
    /// rights a control code needs are asked for when it is first sent).
    ///
    /// # Errors
    /// [`OpenError::Open`] if `CreateFileW` fails.
    pub fn open_path(path: &str) -> Result<Self, OpenError> {
        let handle = open_handle(path, 0)?;
        Ok(Self {
            ops: OpTable::default(),
            extra: Vec::new(),
            path: path.to_owned(),
            handles: vec![(0, handle)],
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

    /// A handle opened with at least the `FILE_*_ACCESS` bits `access`; opens one if needed.
    fn handle_for(&mut self, access: u32) -> Result<HANDLE, DeviceError> {
        if let Some((_, handle)) = self.handles.iter().find(|(has, _)| has & access == access) {
            return Ok(handle.as_raw_handle());
        }
        let handle = open_for(&self.path, access)?;
        let raw = handle.as_raw_handle();
        self.handles.push((access, handle));
        Ok(raw)
    }
}

/// [`open_handle`], its failure as a [`DeviceError`].
fn open_for(path: &str, access: u32) -> Result<OwnedHandle, DeviceError> {
    open_handle(path, access).map_err(|error| match error {
        OpenError::Open { error, .. } => error,
        other => DeviceError::Other {
            code: 0,
            detail: other.to_string(),
        },
    })
}

/// `CreateFileW` on `path` for the `FILE_*_ACCESS` bits `access` (none: no data access, which
/// `FILE_ANY_ACCESS` control codes need), shared, overlapped.
fn open_handle(path: &str, access: u32) -> Result<OwnedHandle, OpenError> {
    let mut desired = 0;
    if access & FILE_READ_ACCESS != 0 {
        desired |= GENERIC_READ;
    }
    if access & FILE_WRITE_ACCESS != 0 {
        desired |= GENERIC_WRITE;
    }
    let wide: Vec<u16> = path.encode_utf16().chain(Some(0)).collect();
    // SAFETY:
    // - `wide` is a NUL-terminated UTF-16 string that outlives the call;
    // - a null security-attributes pointer and a null template handle are documented as allowed.
    let handle = unsafe {
        CreateFileW(
            wide.as_ptr(),
            desired,
            FILE_SHARE_READ | FILE_SHARE_WRITE,
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
    Ok(unsafe { OwnedHandle::from_raw_handle(handle) })
}

/// One overlapped operation's memory: the `OVERLAPPED`, its event and both buffers, boxed (they
/// do not move) and owned here so that a request the driver never finishes can be leaked instead
/// of freed under it.
struct Operation {
    overlapped: Box<OVERLAPPED>,
    /// The event in `overlapped.hEvent`, kept open as long as the operation.
    event: OwnedHandle,
    input: Box<[u8]>,
    output: Box<[u8]>,
}

/// Which call starts an [`Operation`].
#[derive(Clone, Copy)]
enum Call {
    /// `DeviceIoControl` with this control code: input and output buffers.
    Ioctl(u32),
    /// `ReadFile` into the output buffer.
    Read,
    /// `WriteFile` of the input buffer.
    Write,
}

/// How an operation ended.
enum Ended {
    /// Finished.
    Finished(Finished),
    /// Still running after the cancel's bounded wait.
    Stuck,
}

/// A pointer to `buffer`'s bytes, or null for an empty one (as C callers pass no buffer).
fn buffer_ptr(buffer: &mut [u8]) -> *mut u8 {
    if buffer.is_empty() {
        ptr::null_mut()
    } else {
        buffer.as_mut_ptr()
    }
}

/// A duration in whole milliseconds for a Win32 wait, short of `INFINITE`.
fn wait_ms(timeout: Duration) -> u32 {
    u32::try_from(timeout.as_millis())
        .unwrap_or(INFINITE - 1)
        .min(INFINITE - 1)
}

impl Operation {
    /// The memory for an operation with these input bytes and an output buffer of `output_len`
    /// zeroed bytes, with a fresh event.
    ///
    /// # Errors
    /// If the event cannot be created, or a buffer is longer than the calls take (4 GiB).
    fn new(input: &[u8], output_len: usize) -> Result<Self, DeviceError> {
        if u32::try_from(input.len()).is_err() || u32::try_from(output_len).is_err() {
            return Err(DeviceError::InvalidParameter);
        }
        let event = create_event()?;
        let overlapped = Box::new(OVERLAPPED {
            hEvent: event.as_raw_handle(),
            ..Default::default()
        });
        Ok(Self {
            overlapped,
            event,
            input: input.into(),
            output: vec![0; output_len].into_boxed_slice(),
        })
    }

    /// Starts `call` on `device`. `Ok` once the request is pending or done (its end is then
    /// read with a wait or a poll); the way it ended if it failed at once (nothing is in flight).
    fn start(&mut self, device: HANDLE, call: Call) -> Result<(), Finished> {
        // Both lengths fit: `new` checked them.
        let input_len = u32::try_from(self.input.len()).unwrap_or(0);
        let output_len = u32::try_from(self.output.len()).unwrap_or(0);
        let input_ptr = buffer_ptr(&mut self.input);
        let output_ptr = buffer_ptr(&mut self.output);
        let overlapped = &raw mut *self.overlapped;
        let ok = match call {
            // SAFETY:
            // - `device` is an open handle created with FILE_FLAG_OVERLAPPED;
            // - `input_ptr`/`input_len` and `output_ptr`/`output_len` describe heap buffers owned
            //   by `self` (or null and zero), freed only after the operation finished and leaked
            //   if it never does;
            // - a null `lpBytesReturned` is allowed because `lpOverlapped` is given;
            // - the `OVERLAPPED` is boxed (it does not move), zero-initialised with a valid
            //   manual-reset event, and lives as long as the buffers.
            Call::Ioctl(code) => unsafe {
                DeviceIoControl(
                    device,
                    code,
                    input_ptr.cast_const().cast(),
                    input_len,
                    output_ptr.cast(),
                    output_len,
                    ptr::null_mut(),
                    overlapped,
                )
            },
            // SAFETY: as for DeviceIoControl: an overlapped handle, the output buffer owned by
            // `self` until the read finished, a null byte count beside a live boxed OVERLAPPED.
            Call::Read => unsafe {
                ReadFile(device, output_ptr, output_len, ptr::null_mut(), overlapped)
            },
            // SAFETY: as for ReadFile, with the input buffer.
            Call::Write => unsafe {
                WriteFile(
                    device,
                    input_ptr.cast_const(),
                    input_len,
                    ptr::null_mut(),
                    overlapped,
                )
            },
        };
        if ok == 0 {
            let error = last_error();
            // ERROR_MORE_DATA: finished at once with STATUS_BUFFER_OVERFLOW, a warning: the data
            // that fitted and its byte count are in the OVERLAPPED, which the wait reads.
            if error != ERROR_IO_PENDING && error != ERROR_MORE_DATA {
                // Failed before or while starting: the driver's status, if it set one, is exact.
                return Err(Finished {
                    ok: false,
                    status: self.status(),
                    error,
                    transferred: 0,
                });
            }
        }
        Ok(())
    }

    /// Waits up to `timeout` for the operation on `device` to finish; cancels it if the timeout
    /// expires and waits [`CANCEL_TIMEOUT`] more.
    fn wait(&mut self, device: HANDLE, timeout: Duration) -> Ended {
        if let Some(finished) = self.wait_once(device, timeout) {
            return Ended::Finished(finished);
        }
        self.cancel(device);
        self.wait_once(device, CANCEL_TIMEOUT)
            .map_or(Ended::Stuck, Ended::Finished)
    }

    /// Asks for cancellation (`CancelIoEx`). The result is ignored on purpose: if the request
    /// completed in the meantime, CancelIoEx fails with ERROR_NOT_FOUND and the next wait or
    /// poll reads the real outcome.
    fn cancel(&self, device: HANDLE) {
        // SAFETY:
        // - `device` is open and `self.overlapped` identifies an operation started on it.
        unsafe { CancelIoEx(device, &raw const *self.overlapped) };
    }

    /// One bounded wait (`GetOverlappedResultEx`); `None` if the operation is still pending.
    fn wait_once(&self, device: HANDLE, timeout: Duration) -> Option<Finished> {
        let mut transferred: u32 = 0;
        // SAFETY:
        // - `device` is the open handle the operation was started on;
        // - `self.overlapped` is the live structure passed to the starting call, whose event is
        //   open;
        // - `transferred` is a valid place for the byte count.
        let ok = unsafe {
            GetOverlappedResultEx(
                device,
                &raw const *self.overlapped,
                &raw mut transferred,
                wait_ms(timeout),
                0,
            )
        };
        self.finished(ok, transferred)
    }

    /// The operation's end if it has ended, without waiting (`GetOverlappedResult` with
    /// `bWait` FALSE).
    fn poll(&self, device: HANDLE) -> Option<Finished> {
        let mut transferred: u32 = 0;
        // SAFETY: as for `wait_once`; with bWait FALSE the call does not block.
        let ok = unsafe {
            GetOverlappedResult(device, &raw const *self.overlapped, &raw mut transferred, 0)
        };
        self.finished(ok, transferred)
    }

    /// A `GetOverlappedResult(Ex)` result as a [`Finished`]; `None` for "still pending".
    fn finished(&self, ok: i32, transferred: u32) -> Option<Finished> {
        let error = if ok == 0 { last_error() } else { 0 };
        if ok == 0 && (error == WAIT_TIMEOUT || error == ERROR_IO_INCOMPLETE) {
            return None;
        }
        Some(Finished {
            ok: ok != 0,
            status: self.status(),
            error,
            transferred,
        })
    }

    /// Whether the operation ends within `timeout`, by its event alone (no file handle needed:
    /// this is how an operation whose handle was closed, or one being dropped, is waited for).
    fn ends_within(&self, timeout: Duration) -> bool {
        // SAFETY: the event is open (owned by `self`); waiting on it has no other precondition.
        let waited = unsafe { WaitForSingleObject(self.event.as_raw_handle(), wait_ms(timeout)) };
        waited == WAIT_OBJECT_0
    }

    /// How the operation ended, read from the `OVERLAPPED` itself once its event is set (as
    /// `GetOverlappedResult` reads it), for an operation whose handle is closed.
    fn ended(&self) -> Finished {
        let status = self.status();
        // Information is at most the buffer's length, which fits in 32 bits (`new` checked).
        let transferred = u32::try_from(self.overlapped.InternalHigh).unwrap_or(u32::MAX);
        Finished {
            ok: status.cast_signed() >= 0,
            status,
            error: 0,
            transferred,
        }
    }

    /// The NTSTATUS the driver completed the request with (`OVERLAPPED.Internal`), once the
    /// operation has finished.
    fn status(&self) -> u32 {
        // NTSTATUS is 32 bits wide; `Internal` is pointer-sized and holds it zero-extended.
        #[expect(
            clippy::cast_possible_truncation,
            reason = "the I/O manager stores a 32-bit NTSTATUS in the pointer-sized Internal"
        )]
        let status = self.overlapped.Internal as u32;
        status
    }
}

impl Transport for Win32Transport {
    fn name(&self) -> &'static str {
        "win32"
    }

    fn ioctl(&mut self, code: u32, input: &[u8], output: &mut [u8]) -> Result<usize, DeviceError> {
        self.ioctl_reply(code, input, output)
            .and_then(IoctlReply::into_result)
    }

    fn ioctl_reply(
        &mut self,
        code: u32,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<IoctlReply, DeviceError> {
        let device = self.handle_for(access_of(code))?;
        let mut operation = Operation::new(input, output.len())?;
        if let Err(finished) = operation.start(device, Call::Ioctl(code)) {
            return Err(failure(finished.status, finished.error, 0));
        }
        match operation.wait(device, self.timeout) {
            Ended::Finished(Finished {
                ok: true,
                transferred,
                ..
            }) => {
                let returned = (transferred as usize).min(output.len());
                output[..returned].copy_from_slice(&operation.output[..returned]);
                Ok(IoctlReply {
                    returned,
                    overflow: false,
                })
            }
            Ended::Finished(Finished {
                status,
                error,
                transferred,
                ..
            }) => {
                if let Some(returned) = overflow_bytes(status, error, transferred, output.len()) {
                    // A warning: the data that fitted was transferred; keep it for the caller.
                    output[..returned].copy_from_slice(&operation.output[..returned]);
                    return Ok(IoctlReply {
                        returned,
                        overflow: true,
                    });
                }
                Err(failure(status, error, transferred))
            }
            Ended::Stuck => {
                // The I/O manager still owns the buffers and the OVERLAPPED: they must outlive
                // the request, so they are leaked rather than freed under it.
                std::mem::forget(operation);
                Err(DeviceError::Other {
                    code: 0xC000_0120,
                    detail: format!(
                        "the driver did not finish IOCTL {code:#010X} within {} s of its \
                         cancellation (a driver bug: cancellation not honoured); its buffers are \
                         left to it",
                        CANCEL_TIMEOUT.as_secs()
                    ),
                })
            }
        }
    }

    fn harness(&mut self) -> Option<&mut dyn Harness> {
        Some(self)
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

    #[test]
    fn access_denied_hint_names_the_sddl_not_exclusivity() {
        let message = OpenError::Open {
            path: "p".into(),
            error: DeviceError::AccessDenied,
        }
        .to_string();
        assert!(message.ends_with("(the device admits only SYSTEM and Administrators: run iolabctl from an elevated prompt)"));
    }

    #[test]
    fn configret_names_agree_with_windows_sys() {
        use windows_sys::Win32::Devices::DeviceAndDriverInstallation as cm;
        for (code, name) in [
            (cm::CR_SUCCESS, "CR_SUCCESS"),
            (cm::CR_BUFFER_SMALL, "CR_BUFFER_SMALL"),
            (cm::CR_NO_SUCH_DEVNODE, "CR_NO_SUCH_DEVNODE"),
            (cm::CR_ACCESS_DENIED, "CR_ACCESS_DENIED"),
            (cm::CR_INVALID_STRUCTURE_SIZE, "CR_INVALID_STRUCTURE_SIZE"),
        ] {
            assert_eq!(configret_name(code), Some(name));
        }
        assert_eq!(
            OpenError::ConfigManager {
                call: "CM_X",
                code: cm::CR_BUFFER_SMALL
            }
            .to_string(),
            "CM_X failed with CR_BUFFER_SMALL (0x1A)"
        );
    }
}
