//! The [`Harness`] over a real device: extra handles opened with `CreateFileW` (overlapped, the
//! access asked for, on the transport's interface path); `ReadFile`, `WriteFile` and
//! `DeviceIoControl`, each with its own boxed `OVERLAPPED`, event and buffer, kept until the
//! operation has ended; `poll` with `GetOverlappedResult` (no wait), `wait` with
//! `GetOverlappedResultEx` (bounded), `cancel` with `CancelIoEx`, each completion's exact
//! NTSTATUS from `OVERLAPPED.Internal` (`crate::overlapped`). Closing a handle cancels nothing
//! itself: the driver cancels that handle's waiting requests at cleanup, and their ends are read
//! from their events before anything is freed. An operation dropped while it runs is cancelled
//! and waited for; one the driver never ends is leaked, never freed under it.
//!
//! An orderly removal is made with CfgMgr32 (`CM_Query_And_Remove_SubTreeW`, then
//! `CM_Setup_DevNode` brings the device back); a surprise removal cannot be caused from user
//! mode, and [`Harness::can_remove`] says so before a scenario starts I/O for it.

use std::fmt;
use std::os::windows::io::AsRawHandle;
use std::time::{Duration, Instant};

use iolab_protocol::{FILE_READ_ACCESS, FILE_WRITE_ACCESS};
use windows_sys::Win32::Devices::DeviceAndDriverInstallation::{
    CM_LOCATE_DEVNODE_NORMAL, CM_LOCATE_DEVNODE_PHANTOM, CM_Locate_DevNodeW,
    CM_Query_And_Remove_SubTreeW, CM_REMOVE_UI_NOT_OK, CM_SETUP_DEVNODE_READY, CM_Setup_DevNode,
    CR_REMOVE_VETOED, CR_SUCCESS, PNP_VETO_TYPE,
};
use windows_sys::Win32::Foundation::{HANDLE, MAX_PATH};

use super::{CANCEL_TIMEOUT, Call, Operation, Win32Transport, device_paths, open_for, open_handle};
use crate::DeviceError;
use crate::devices::{configret_name, instance_id_of_path, veto_reason};
use crate::harness::{Completion, HandleId, Harness, MAIN_HANDLE, Op, OpId, not_open};
use crate::overlapped::{OpKind, completion};

/// Why [`Harness::remove_and_restart`] cannot surprise-remove a real device.
pub const NO_SURPRISE_REMOVAL: &str = "a surprise removal cannot be caused from user mode: \
    Windows reports one only when the device's bus driver says the hardware is gone, and no API \
    lets a program make a root-enumerated device vanish that way (the simulator checks it: \
    --transport sim)";

/// How long a device may take to come back (its interface to reappear) after a removal.
const RESTART_TIMEOUT: Duration = Duration::from_secs(10);

/// An operation in flight and the handle it was started on.
pub(super) struct Running {
    /// The handle the operation was started on. It stays open while this exists: an operation
    /// on a handle the harness closes is settled right after the close (read from its event,
    /// never through the handle), and the transport drops its operations before its handles.
    device: HANDLE,
    handle: HandleId,
    kind: OpKind,
    /// The memory the kernel may write until the operation ends (`None` once leaked).
    memory: Option<Operation>,
}

impl fmt::Debug for Running {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Running")
            .field("handle", &self.handle)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl Running {
    /// Its completion if it has ended; with `limit`, waits that long for it first.
    fn check(&self, limit: Option<Duration>) -> Option<Completion> {
        let operation = self.memory.as_ref()?;
        let finished = match limit {
            None => operation.poll(self.device)?,
            Some(limit) => operation.wait_once(self.device, limit)?,
        };
        Some(completion(self.kind, &finished, &operation.output))
    }

    /// Its completion once its handle is closed (or the device removed): read from its event
    /// and `OVERLAPPED`, waiting up to [`CANCEL_TIMEOUT`]. One that does not end by then is
    /// leaked and reported as a driver that did not honour the cancellation.
    fn settle(&mut self) -> Completion {
        let Some(operation) = self.memory.take() else {
            return stuck();
        };
        if operation.ends_within(CANCEL_TIMEOUT) {
            let ended = completion(self.kind, &operation.ended(), &operation.output);
            self.memory = Some(operation);
            ended
        } else {
            // The kernel may still write the buffers and the OVERLAPPED.
            std::mem::forget(operation);
            stuck()
        }
    }
}

impl Drop for Running {
    /// Never frees memory the kernel may still write: an operation still running is cancelled
    /// (its handle is open, see [`Running::device`]) and waited for; leaked if it never ends.
    fn drop(&mut self) {
        let Some(operation) = self.memory.take() else {
            return;
        };
        if operation.ends_within(Duration::ZERO) {
            return;
        }
        operation.cancel(self.device);
        if !operation.ends_within(CANCEL_TIMEOUT) {
            std::mem::forget(operation);
        }
    }
}

fn stuck() -> Completion {
    Completion {
        result: Err(DeviceError::Other {
            code: 0xC000_0120,
            detail: format!(
                "the driver did not end the request within {} s of its cancellation (a driver \
                 bug: cancellation not honoured); its buffers are left to it",
                CANCEL_TIMEOUT.as_secs()
            ),
        }),
        output: Vec::new(),
    }
}

/// `FILE_*_ACCESS` bits for a handle opened for reading and/or writing.
fn access(read: bool, write: bool) -> u32 {
    let mut access = 0;
    if read {
        access |= FILE_READ_ACCESS;
    }
    if write {
        access |= FILE_WRITE_ACCESS;
    }
    access
}

fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(Some(0)).collect()
}

fn cm_failed(call: &str, what: &str, code: u32) -> String {
    match configret_name(code) {
        Some(name) => format!("{call}({what}) failed with {name} ({code:#X})"),
        None => format!("{call}({what}) failed with CONFIGRET {code:#X}"),
    }
}

/// The device node of instance `id` (`CM_LOCATE_DEVNODE_*` `flags`).
fn locate(id: &str, flags: u32) -> Result<u32, String> {
    let id_w = wide(id);
    let mut devinst: u32 = 0;
    // SAFETY: `devinst` is a valid place for the result; `id_w` is NUL-terminated and outlives
    // the call.
    let cr = unsafe { CM_Locate_DevNodeW(&raw mut devinst, id_w.as_ptr(), flags) };
    if cr == CR_SUCCESS {
        Ok(devinst)
    } else {
        Err(cm_failed("CM_Locate_DevNodeW", id, cr))
    }
}

/// An orderly removal of device `id` (query-remove, then remove), as Device Manager's
/// "Uninstall device" without the uninstall; the PnP manager may refuse (veto) it.
fn query_and_remove(id: &str) -> Result<(), String> {
    let devinst = locate(id, CM_LOCATE_DEVNODE_NORMAL)?;
    let mut veto_type: PNP_VETO_TYPE = 0;
    let mut veto_name = [0u16; MAX_PATH as usize];
    // SAFETY: `veto_type` and `veto_name` (MAX_PATH units, its length as given) are valid
    // places for the veto; `devinst` came from CM_Locate_DevNodeW.
    let cr = unsafe {
        CM_Query_And_Remove_SubTreeW(
            devinst,
            &raw mut veto_type,
            veto_name.as_mut_ptr(),
            MAX_PATH,
            CM_REMOVE_UI_NOT_OK,
        )
    };
    match cr {
        CR_SUCCESS => Ok(()),
        CR_REMOVE_VETOED => {
            let end = veto_name.iter().position(|&unit| unit == 0).unwrap_or(0);
            let by = String::from_utf16_lossy(&veto_name[..end]);
            let reason = veto_reason(veto_type).unwrap_or("an unknown veto type");
            Err(format!(
                "Windows refused the orderly removal of {id}: {reason} (vetoed by {by:?})"
            ))
        }
        _ => Err(cm_failed("CM_Query_And_Remove_SubTreeW", id, cr)),
    }
}

/// Brings removed device `id` back (`CM_Setup_DevNode(CM_SETUP_DEVNODE_READY)`).
fn bring_back(id: &str) -> Result<(), String> {
    let devinst = locate(id, CM_LOCATE_DEVNODE_PHANTOM)?;
    // SAFETY: `devinst` came from CM_Locate_DevNodeW; the call takes no pointers.
    let cr = unsafe { CM_Setup_DevNode(devinst, CM_SETUP_DEVNODE_READY) };
    if cr == CR_SUCCESS {
        Ok(())
    } else {
        Err(cm_failed("CM_Setup_DevNode", id, cr))
    }
}

impl Win32Transport {
    /// The raw handle `handle` names: the transport's own, opened for reading and writing, or
    /// one the harness opened.
    fn device_of(&mut self, handle: HandleId) -> Result<HANDLE, DeviceError> {
        if handle == MAIN_HANDLE {
            return self.handle_for(FILE_READ_ACCESS | FILE_WRITE_ACCESS);
        }
        handle
            .checked_sub(1)
            .and_then(|index| self.extra.get(index))
            .and_then(Option::as_ref)
            .map(AsRawHandle::as_raw_handle)
            .ok_or_else(|| not_open(handle))
    }

    /// Settles the running operations `ids` after their handles closed or the device went away.
    fn settle_all(&mut self, ids: Vec<OpId>) {
        for id in ids {
            let Some(completion) = self.ops.running_mut(id).map(Running::settle) else {
                continue;
            };
            self.ops.settle(id, completion);
        }
    }

    /// The instance ID of the device this transport opened.
    fn instance_id(&self) -> Result<String, String> {
        instance_id_of_path(&self.path).ok_or_else(|| {
            format!(
                "the device's instance ID is not known from its interface path {}",
                self.path
            )
        })
    }

    /// Waits for device `id`'s interface to be present again and opens it as the main handle.
    fn reopen(&mut self, id: &str) -> Result<(), String> {
        let started = Instant::now();
        loop {
            let paths = device_paths().map_err(|e| e.to_string())?;
            let path = paths
                .into_iter()
                .find(|path| instance_id_of_path(path).is_some_and(|p| p.eq_ignore_ascii_case(id)));
            if let Some(path) = path {
                let handle = open_handle(&path, 0).map_err(|e| e.to_string())?;
                self.path = path;
                self.handles = vec![(0, handle)];
                return Ok(());
            }
            if started.elapsed() > RESTART_TIMEOUT {
                return Err(format!(
                    "{id} did not come back within {} s of its restart",
                    RESTART_TIMEOUT.as_secs()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Harness for Win32Transport {
    fn open(&mut self, read: bool, write: bool) -> Result<HandleId, DeviceError> {
        let handle = open_for(&self.path, access(read, write))?;
        self.extra.push(Some(handle));
        Ok(self.extra.len())
    }

    fn close(&mut self, handle: HandleId) {
        let Some(owned) = handle
            .checked_sub(1)
            .and_then(|index| self.extra.get_mut(index))
            .and_then(Option::take)
        else {
            return;
        };
        let ids = self.ops.running_where(|op| op.handle == handle);
        // CloseHandle: the driver's EvtFileCleanup cancels this handle's waiting requests.
        drop(owned);
        self.settle_all(ids);
    }

    fn start(&mut self, handle: HandleId, op: Op) -> Result<OpId, DeviceError> {
        let device = self.device_of(handle)?;
        let kind = OpKind::of(&op);
        let (mut operation, call) = match op {
            Op::Read(length) => (Operation::new(&[], length)?, Call::Read),
            Op::Write(data) => (Operation::new(&data, 0)?, Call::Write),
            Op::Ioctl {
                code,
                input,
                output_length,
            } => (Operation::new(&input, output_length)?, Call::Ioctl(code)),
        };
        if let Err(finished) = operation.start(device, call) {
            // Failed at once: nothing is in flight, the memory can go.
            return Ok(self.ops.ended(completion(kind, &finished, &[])));
        }
        Ok(self.ops.start(Running {
            device,
            handle,
            kind,
            memory: Some(operation),
        }))
    }

    fn poll(&mut self, op: OpId) -> Option<Completion> {
        self.ops.report(op, |running| running.check(None))
    }

    fn wait(&mut self, op: OpId, limit: Duration) -> Option<Completion> {
        self.ops.report(op, |running| running.check(Some(limit)))
    }

    fn cancel(&mut self, op: OpId) {
        if let Some(running) = self.ops.running(op)
            && let Some(operation) = &running.memory
        {
            operation.cancel(running.device);
        }
    }

    fn sleep(&mut self, duration: Duration) {
        std::thread::sleep(duration);
    }

    fn can_remove(&self, surprise: bool) -> Result<(), String> {
        if surprise {
            return Err(NO_SURPRISE_REMOVAL.to_owned());
        }
        self.instance_id().map(drop)
    }

    fn remove_and_restart(&mut self, surprise: bool) -> Result<(), String> {
        self.can_remove(surprise)?;
        let id = self.instance_id()?;
        query_and_remove(&id)?;
        // The removal ended every waiting request; read their ends, then close every handle.
        let ids = self.ops.running_where(|_| true);
        self.settle_all(ids);
        self.extra.clear();
        self.handles.clear();
        bring_back(&id)?;
        self.reopen(&id)
    }
}
