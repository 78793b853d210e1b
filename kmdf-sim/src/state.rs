//! The simulator's state: the object table (every WDF object by handle), user-mode I/O records,
//! pool allocations, the virtual clock and the violations found so far; and how the framework
//! entry points find the simulation they belong to.

use std::cell::UnsafeCell;
use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

use kmdf_sim_wdk_sys as sys;
use sys::{GUID, NTSTATUS, PWDF_DRIVER_GLOBALS, WDF_DRIVER_GLOBALS};

use crate::memory::{FaultLabel, PoolBlock, Quarantine, Retiree, SimBuffer};
use crate::verifier::{Rule, Violation};

/// An object's identity. Handles given to the driver encode it (see [`handle`]); ids are never
/// reused, so a stale handle always names a dead object.
pub(crate) type ObjId = u64;
/// A user-mode I/O operation's identity.
pub(crate) type IrpId = u64;

/// The handle value the driver sees for object `id`: non-null, 16-byte aligned, never
/// dereferenced by anyone.
pub(crate) fn handle<T>(id: ObjId) -> *mut T {
    let addr = usize::try_from(id).unwrap_or(usize::MAX >> 4) << 4;
    std::ptr::without_provenance_mut(addr)
}

/// The object id a handle value encodes, if it has the shape of one.
pub(crate) fn id_of<T>(handle: *const T) -> Option<ObjId> {
    let addr = handle.addr();
    if addr == 0 || addr & 0xF != 0 {
        return None;
    }
    u64::try_from(addr >> 4).ok()
}

/// The kinds of framework object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Driver,
    DeviceInit,
    Device,
    Queue,
    Request,
    FileObject,
    Memory,
    SpinLock,
    WaitLock,
    Timer,
    WorkItem,
    IoTarget,
    Collection,
    Key,
    String,
    Lookaside,
    Dpc,
    /// A general object (`WdfObjectCreate`).
    Object,
}

impl Kind {
    pub(crate) const fn type_name(self) -> &'static str {
        match self {
            Self::Driver => "WDFDRIVER",
            Self::DeviceInit => "WDFDEVICE_INIT",
            Self::Device => "WDFDEVICE",
            Self::Queue => "WDFQUEUE",
            Self::Request => "WDFREQUEST",
            Self::FileObject => "WDFFILEOBJECT",
            Self::Memory => "WDFMEMORY",
            Self::SpinLock => "WDFSPINLOCK",
            Self::WaitLock => "WDFWAITLOCK",
            Self::Timer => "WDFTIMER",
            Self::WorkItem => "WDFWORKITEM",
            Self::IoTarget => "WDFIOTARGET",
            Self::Collection => "WDFCOLLECTION",
            Self::Key => "WDFKEY",
            Self::String => "WDFSTRING",
            Self::Lookaside => "WDFLOOKASIDE",
            Self::Dpc => "WDFDPC",
            Self::Object => "WDFOBJECT",
        }
    }
}

/// Context memory attached to an object (`WDF_OBJECT_ATTRIBUTES::ContextTypeInfo`).
pub(crate) struct Context {
    /// The `UniqueType` of the context's type info (identifies the type).
    pub unique_type: usize,
    /// The type's `ContextName`, for reports.
    pub name: String,
    pub memory: SimBuffer,
}

/// Event callbacks of a `WDF_OBJECT_ATTRIBUTES`.
#[derive(Clone, Copy, Default)]
pub(crate) struct ObjectCallbacks {
    pub cleanup: sys::PFN_WDF_OBJECT_CONTEXT_CLEANUP,
    pub destroy: sys::PFN_WDF_OBJECT_CONTEXT_DESTROY,
}

/// Driver-held references taken with `WdfObjectReferenceActual`.
#[derive(Clone, Debug)]
pub(crate) struct DriverReference {
    pub tag: usize,
    pub site: String,
}

pub(crate) struct Object {
    pub kind: Kind,
    pub parent: Option<ObjId>,
    pub children: Vec<ObjId>,
    pub contexts: Vec<Context>,
    pub callbacks: Vec<ObjectCallbacks>,
    pub references: Vec<DriverReference>,
    /// `WdfObjectDelete` (or the parent's deletion) has run the cleanup callbacks; destruction
    /// waits for the driver's references to drop.
    pub deleting: bool,
    /// `WDF_OBJECT_ATTRIBUTES::ExecutionLevel` (InheritFromParent unless the driver said).
    pub execution_level: sys::WDF_EXECUTION_LEVEL,
    /// `WDF_OBJECT_ATTRIBUTES::SynchronizationScope` (InheritFromParent unless the driver said).
    pub synchronization_scope: sys::WDF_SYNCHRONIZATION_SCOPE,
    pub data: ObjData,
}

/// The lock that serialises an object's callbacks (its synchronization scope), and whether it is
/// a passive-level lock (a mutex) rather than a spin lock that raises to DISPATCH_LEVEL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SyncLock {
    /// The device or queue whose lock it is.
    pub owner: ObjId,
    pub passive: bool,
}

pub(crate) enum ObjData {
    Driver(DriverData),
    DeviceInit(Box<InitData>),
    Device(Box<DeviceData>),
    Queue(Box<QueueData>),
    Request(Box<RequestData>),
    FileObject(FileData),
    Memory(MemoryData),
    SpinLock(LockData),
    WaitLock(LockData),
    Timer(TimerData),
    WorkItem(WorkItemData),
    IoTarget(IoTargetData),
    Collection(CollectionData),
    Key(KeyData),
    String(StringData),
    Lookaside(LookasideData),
    Dpc(DpcData),
    /// A general object: nothing but its context and callbacks.
    General,
}

pub(crate) struct DriverData {
    pub device_add: sys::PFN_WDF_DRIVER_DEVICE_ADD,
    pub unload: sys::PFN_WDF_DRIVER_UNLOAD,
    pub registry_path: Vec<u16>,
}

/// What `WdfDeviceInit*` calls recorded before `WdfDeviceCreate`.
pub(crate) struct InitData {
    /// The driver whose EvtDriverDeviceAdd received it.
    pub driver: ObjId,
    /// The PnP device node this init belongs to (None for a control device).
    pub devnode: Option<usize>,
    pub io_type: sys::WDF_DEVICE_IO_TYPE,
    pub exclusive: bool,
    pub pnp: Option<sys::WDF_PNPPOWER_EVENT_CALLBACKS>,
    pub file: Option<FileConfig>,
    pub request_attributes: Option<sys::WDF_OBJECT_ATTRIBUTES>,
    pub filter: bool,
    /// A control device's (`WdfControlDeviceInitAllocate`); None for a PnP device's.
    pub control: Option<ControlData>,
    /// The DACL of `WdfDeviceInitAssignSDDLString`.
    pub security: Option<crate::security::SecurityDescriptor>,
    /// `WdfDeviceInitSetCharacteristics` (FILE_DEVICE_SECURE_OPEN, ...).
    pub characteristics: u32,
}

/// What makes a device a control device (not PnP: no stack, no power management): its name, its
/// symbolic links, and whether it still initialises (opens fail until
/// `WdfControlFinishInitializing`).
#[derive(Clone, Debug, Default)]
pub(crate) struct ControlData {
    /// `\Device\...` (`WdfDeviceInitAssignName`).
    pub name: Option<String>,
    /// `\DosDevices\...` or `\??\...` (`WdfDeviceCreateSymbolicLink`).
    pub links: Vec<String>,
    pub initializing: bool,
}

/// A `WDFCOLLECTION`: its objects, in order.
#[derive(Default)]
pub(crate) struct CollectionData {
    pub items: Vec<ObjId>,
}

#[derive(Clone, Copy)]
pub(crate) struct FileConfig {
    pub create: sys::PFN_WDF_DEVICE_FILE_CREATE,
    pub close: sys::PFN_WDF_FILE_CLOSE,
    pub cleanup: sys::PFN_WDF_FILE_CLEANUP,
    pub attributes: Option<sys::WDF_OBJECT_ATTRIBUTES>,
}

#[expect(
    clippy::struct_excessive_bools,
    reason = "independent flags of the framework's device state"
)]
pub(crate) struct DeviceData {
    pub devnode: Option<usize>,
    /// How reads and writes reach the driver (`WdfDeviceInitSetIoType`).
    pub io_type: sys::WDF_DEVICE_IO_TYPE,
    /// Only one handle may be open at a time (`WdfDeviceInitSetExclusive`).
    pub exclusive: bool,
    pub pnp: Option<sys::WDF_PNPPOWER_EVENT_CALLBACKS>,
    pub file: Option<FileConfig>,
    pub request_attributes: Option<sys::WDF_OBJECT_ATTRIBUTES>,
    pub filter: bool,
    /// Who may open it (`WdfDeviceInitAssignSDDLString`); None: the I/O manager's default.
    pub security: Option<crate::security::SecurityDescriptor>,
    /// Its device characteristics (`WdfDeviceInitSetCharacteristics`).
    pub characteristics: u32,
    pub interfaces: Vec<(GUID, Option<String>)>,
    pub default_queue: Option<ObjId>,
    /// The default I/O target: the next lower device of the stack (or the bus device).
    pub target: Option<ObjId>,
    pub dispatching: BTreeMap<sys::WDF_REQUEST_TYPE, ObjId>,
    pub started: bool,
    pub removing: bool,
    /// In its working power state (D0): between EvtDeviceD0Entry and EvtDeviceD0Exit.
    pub in_d0: bool,
    /// A control device's name, links and state (None for a PnP device).
    pub control: Option<ControlData>,
}

/// Where a request is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Owner {
    /// Waiting in a queue, not yet presented to the driver.
    Queued(ObjId),
    /// Presented to (or retrieved by) the driver, from this queue (None: a create request the
    /// framework hands to EvtDeviceFileCreate): the driver must complete it.
    Driver { queue: Option<ObjId> },
    /// Sent by the driver to an I/O target (`WdfRequestSend`) and not back yet; it returns to
    /// the driver (`queue` as before) when the target completes it.
    Sent { queue: Option<ObjId>, target: ObjId },
}

impl Owner {
    /// The queue the request came from, wherever it is now.
    pub(crate) const fn queue(self) -> Option<ObjId> {
        match self {
            Self::Queued(queue) => Some(queue),
            Self::Driver { queue } | Self::Sent { queue, .. } => queue,
        }
    }
}

/// How a request was sent to an I/O target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SendMode {
    /// The sender gets it back through its completion routine (or the framework completes it).
    Asynchronous,
    /// `WDF_REQUEST_SEND_OPTION_SYNCHRONOUS`: `WdfRequestSend` returns when it is back.
    Synchronous,
}

/// A request sent to an I/O target: where it went.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sent {
    pub mode: SendMode,
    /// The request the lower device's framework made of it, if it reached a device (None: it
    /// is with the bus device).
    pub lower: Option<ObjId>,
    /// `WDF_REQUEST_SEND_OPTION_TIMEOUT`: when (virtual time) the framework cancels it.
    pub deadline: Option<u64>,
    /// The deadline passed and the framework cancelled it.
    pub timed_out: bool,
}

/// A request whose `WdfRequestSend` returned FALSE and that the driver has not completed, sent
/// again or handed to a queue since (the `FailedSendStatusReplaced` rule).
#[derive(Clone, Copy, Debug)]
pub(crate) struct FailedSend {
    /// Why the send failed: what `WdfRequestGetStatus` returns.
    pub status: NTSTATUS,
    /// The simulated thread `WdfRequestSend` returned FALSE on.
    pub thread: Option<crate::scheduler::Tid>,
    /// The driver printed a debug line on that thread since: it said why it completes with
    /// another status.
    pub explained: bool,
}

/// Where a driver-created request's output goes when it comes back from its I/O target.
#[derive(Clone, Copy, Debug)]
pub(crate) enum OutputSink {
    /// Into a WDFMEMORY's buffer, from `offset`, at most `length` bytes.
    Memory {
        memory: ObjId,
        offset: usize,
        length: usize,
    },
    /// Into the caller's buffer of a synchronous send's memory descriptor (valid until the send
    /// returns, which is after the request came back).
    Pointer { pointer: *mut u8, length: usize },
}

/// A completion routine and its context (`WdfRequestSetCompletionRoutine`).
#[derive(Clone, Copy)]
pub(crate) struct CompletionRoutine {
    pub routine: unsafe extern "C" fn(
        sys::WDFREQUEST,
        sys::WDFIOTARGET,
        sys::PWDF_REQUEST_COMPLETION_PARAMS,
        sys::WDFCONTEXT,
    ),
    pub context: sys::WDFCONTEXT,
}

/// A `WDFIOTARGET`: the device that owns it, and where it sends — the next lower device of the
/// owner's stack (the default target), or another stack it opened (a remote target).
pub(crate) struct IoTargetData {
    pub device: ObjId,
    /// A remote target (`WdfIoTargetCreate`); `None` for the default target.
    pub remote: Option<Remote>,
}

/// What a remote I/O target opened (`WdfIoTargetOpen`), if it is open.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Remote {
    /// The top device of the stack it opened, and its file object of the open.
    pub opened: Option<(ObjId, ObjId)>,
}

#[expect(
    clippy::struct_excessive_bools,
    reason = "independent flags of KMDF's queue state, as the framework keeps them"
)]
pub(crate) struct QueueData {
    pub device: ObjId,
    pub dispatch: sys::WDF_IO_QUEUE_DISPATCH_TYPE,
    pub config: sys::WDF_IO_QUEUE_CONFIG,
    /// Limit on requests presented at once (parallel queues).
    pub max_presented: u32,
    pub pending: VecDeque<ObjId>,
    /// Requests presented and not yet completed, forwarded or requeued.
    pub presented: u32,
    /// Dispatching (`WdfIoQueueStart`) vs held (`WdfIoQueueStop`).
    pub started: bool,
    /// Accepting new requests (false after purge or drain).
    pub accepting: bool,
    pub default_queue: bool,
    /// The queue stops when the device leaves D0 (`PowerManaged`).
    pub power_managed: bool,
    /// Callbacks of this queue running right now.
    pub in_flight: u32,
    /// EvtIoQueueState callbacks waiting for the queue to become idle.
    pub state_callbacks: Vec<PendingQueueState>,
}

/// An EvtIoQueueState callback registered by an asynchronous queue state change.
pub(crate) struct PendingQueueState {
    pub change: QueueChange,
    pub callback: unsafe extern "C" fn(sys::WDFQUEUE, sys::WDFCONTEXT),
    pub context: sys::WDFCONTEXT,
}

/// The kind of I/O a request carries and its lengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RequestKind {
    Create,
    Read {
        length: usize,
    },
    Write {
        length: usize,
    },
    DeviceControl {
        code: u32,
        input_length: usize,
        output_length: usize,
    },
    /// IRP_MJ_INTERNAL_DEVICE_CONTROL: only kernel-mode callers send it (a driver above, or a
    /// test acting as one); its buffers follow the code's transfer type as for a device control,
    /// except that METHOD_NEITHER's are the caller's own (kernel) pointers.
    InternalDeviceControl {
        code: u32,
        input_length: usize,
        output_length: usize,
    },
}

impl RequestKind {
    pub(crate) const fn request_type(self) -> sys::WDF_REQUEST_TYPE {
        match self {
            Self::Create => sys::_WDF_REQUEST_TYPE::WdfRequestTypeCreate,
            Self::Read { .. } => sys::_WDF_REQUEST_TYPE::WdfRequestTypeRead,
            Self::Write { .. } => sys::_WDF_REQUEST_TYPE::WdfRequestTypeWrite,
            Self::DeviceControl { .. } => sys::_WDF_REQUEST_TYPE::WdfRequestTypeDeviceControl,
            Self::InternalDeviceControl { .. } => {
                sys::_WDF_REQUEST_TYPE::WdfRequestTypeDeviceControlInternal
            }
        }
    }

    /// The most information a completion may report (a create's information, such as
    /// FILE_OPENED, is not a byte count and is not checked; nor is an internal IOCTL's: KMDF
    /// does not check it, since the stack location may use `Parameters.Others` rather than the
    /// output length).
    pub(crate) const fn information_limit(self) -> u64 {
        match self {
            Self::Create | Self::InternalDeviceControl { .. } => u64::MAX,
            Self::Read { length } | Self::Write { length } => length as u64,
            Self::DeviceControl { output_length, .. } => output_length as u64,
        }
    }

    /// How many bytes can come back to the caller: a read's length, an IOCTL's output length
    /// (none for a create or a write).
    pub(crate) const fn output_capacity(self) -> usize {
        match self {
            Self::Create | Self::Write { .. } => 0,
            Self::Read { length } => length,
            Self::DeviceControl { output_length, .. }
            | Self::InternalDeviceControl { output_length, .. } => output_length,
        }
    }

    pub(crate) fn describe(self) -> String {
        match self {
            Self::Create => "create".to_owned(),
            Self::Read { length } => format!("read of {length} bytes"),
            Self::Write { length } => format!("write of {length} bytes"),
            Self::DeviceControl {
                code,
                input_length,
                output_length,
            } => {
                format!("IOCTL {code:#010x}, in {input_length} / out {output_length} bytes")
            }
            Self::InternalDeviceControl {
                code,
                input_length,
                output_length,
            } => format!(
                "internal IOCTL {code:#010x}, in {input_length} / out {output_length} bytes"
            ),
        }
    }
}

#[expect(
    clippy::struct_excessive_bools,
    reason = "independent flags of KMDF's request state, as the framework keeps them"
)]
pub(crate) struct RequestData {
    pub irp: IrpId,
    pub kind: RequestKind,
    /// The system buffer: input and output of METHOD_BUFFERED share it; a read's output; a
    /// write's input.
    pub input: Option<SimBuffer>,
    /// A separate output buffer (direct I/O); `None` when it is the same as `input`.
    pub output: Option<SimBuffer>,
    pub file: Option<ObjId>,
    pub owner: Owner,
    pub information: u64,
    pub cancel_routine: sys::PFN_WDF_REQUEST_CANCEL,
    pub cancel_requested: bool,
    /// The device whose I/O this is.
    pub device: Option<ObjId>,
    /// Set, once, by the completion: the request lives on only through driver references.
    pub completed: Option<Completion>,
    /// The framework has delivered it to the driver at least once (so a cancel in a queue it
    /// was requeued or forwarded to goes to EvtIoCanceledOnQueue).
    pub delivered: bool,
    /// The request at the device above that was sent down as this one (None: this request
    /// came from the I/O manager, and its completion completes the I/O).
    pub upper: Option<ObjId>,
    /// Formatted for an I/O target (`WdfRequestFormatRequestUsingCurrentType`).
    pub formatted: bool,
    /// Set while the request is with an I/O target.
    pub sent: Option<Sent>,
    pub completion_routine: Option<CompletionRoutine>,
    /// What the I/O target completed it with, once it is back (`WdfRequestGetStatus`,
    /// `WdfRequestGetCompletionParams`).
    pub returned: Option<(NTSTATUS, u64)>,
    /// Created by the driver (`WdfRequestCreate`): sent, reused and deleted, never completed.
    pub created: bool,
    /// The driver kept it through a power-down (`WdfRequestStopAcknowledge` without requeue):
    /// EvtIoResume gets it back when the device returns to D0.
    pub stop_acknowledged: bool,
    /// A created request's output destination, set by its format.
    pub sink: Option<OutputSink>,
}

impl RequestData {
    /// A request of `kind` for I/O `irp`, waiting to be delivered at `device`.
    pub(crate) fn new(irp: IrpId, kind: RequestKind, device: ObjId, owner: Owner) -> Self {
        Self {
            irp,
            kind,
            input: None,
            output: None,
            file: None,
            owner,
            information: 0,
            cancel_routine: None,
            cancel_requested: false,
            device: Some(device),
            completed: None,
            delivered: false,
            upper: None,
            formatted: false,
            sent: None,
            completion_routine: None,
            returned: None,
            created: false,
            stop_acknowledged: false,
            sink: None,
        }
    }
}

pub(crate) struct FileData {
    pub device: ObjId,
    /// The file object of the same open at the next lower device of the stack.
    pub lower: Option<ObjId>,
    /// The handle was closed (cleanup ran); EvtFileClose runs once no I/O of it is left.
    pub cleaned_up: bool,
    /// EvtFileCleanup has returned and the file's queued requests are cancelled: only then may
    /// EvtFileClose run (the file's last I/O may complete on another thread meanwhile).
    pub cleanup_finished: bool,
    /// EvtFileClose has started (it runs once, even if the file's last two I/Os complete on
    /// two threads at once).
    pub closing: bool,
}

pub(crate) struct MemoryData {
    pub buffer: SimBuffer,
    /// A WDFMEMORY that views a request's buffer (`WdfRequestRetrieve*Memory`): its address and
    /// length; `buffer` is then empty. The view is the request's child, so it goes before the
    /// buffer does.
    pub view: Option<(*mut u8, usize)>,
}

impl MemoryData {
    /// The memory's bytes: its own buffer, or the request buffer it views.
    pub(crate) fn region(&self) -> (*mut u8, usize) {
        self.view
            .unwrap_or((self.buffer.as_ptr(), self.buffer.len()))
    }

    /// The memory's bytes, as a slice.
    pub(crate) fn bytes(&self) -> &[u8] {
        match self.view {
            // SAFETY: a view's request is its parent and keeps the buffer (same address) until
            // the request is completed, which deletes the view first; `len` is within it.
            Some((pointer, len)) => unsafe { std::slice::from_raw_parts(pointer, len) },
            None => self.buffer.as_slice(),
        }
    }
}

/// A `WDFTIMER`: when it is due (virtual time), and its period.
pub(crate) struct TimerData {
    pub callback: sys::PFN_WDF_TIMER,
    /// The period in 100 ns units (0: one-shot).
    pub period: u64,
    pub due: Option<u64>,
    /// EvtTimerFunc runs at PASSIVE_LEVEL (ExecutionLevel Passive) instead of DISPATCH_LEVEL.
    pub passive: bool,
    /// The simulated thread running EvtTimerFunc right now.
    pub running: Option<crate::scheduler::Tid>,
    /// `AutomaticSerialization`: the callback runs under the parent's synchronization lock.
    pub serialized: bool,
}

/// A `WDFWORKITEM`: queued for the system worker thread, or running on it.
pub(crate) struct WorkItemData {
    pub callback: sys::PFN_WDF_WORKITEM,
    pub queued: bool,
    pub running: bool,
    /// `AutomaticSerialization`: the callback runs under the parent's synchronization lock.
    pub serialized: bool,
}

#[derive(Default)]
pub(crate) struct LockData {
    pub holder: Option<crate::scheduler::Tid>,
}

/// A user-mode I/O operation.
pub(crate) struct Irp {
    pub kind: RequestKind,
    pub request: Option<ObjId>,
    pub result: Option<crate::state::IoResult>,
    pub cancel_requested: bool,
    /// The caller dropped its `PendingIo` before the I/O completed: the completion discards the
    /// result and the record with it, instead of keeping it for a wait that never comes.
    pub abandoned: bool,
}

/// How an object ended (formatted only when a report needs it).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Fate {
    /// Deleted, in the words given (`"deleted by WdfObjectDelete"`).
    Deleted(&'static str),
    /// A request completed with `status` by the framework call `by`.
    Completed { status: NTSTATUS, by: &'static str },
}

impl From<&'static str> for Fate {
    fn from(words: &'static str) -> Self {
        Self::Deleted(words)
    }
}

impl std::fmt::Display for Fate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Deleted(words) => f.write_str(words),
            Self::Completed { status, by } => {
                write!(f, "completed with {} by {by}", status_name(*status))
            }
        }
    }
}

/// A dead object's remains, for naming it when a driver uses its handle again. Kept for the
/// most recent [`TOMBSTONES_KEPT`] objects only (older handles are still known dead: ids are
/// never reused).
#[derive(Clone, Copy)]
pub(crate) struct Tombstone {
    pub kind: Kind,
    pub request: Option<RequestKind>,
    pub fate: Fate,
}

/// How many tombstones a simulation keeps.
pub(crate) const TOMBSTONES_KEPT: usize = 1024;

/// How many lines of the driver's debug output a simulation keeps (the oldest go first; the
/// count of dropped lines is kept).
pub(crate) const DEBUG_LOG_KEPT: usize = 1024;

/// How a request was completed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Completion {
    pub status: NTSTATUS,
    pub by: &'static str,
}

/// Who a quarantined (retired) block belonged to.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Retired {
    /// A buffer of a completed request.
    Request(ObjId),
    /// The buffer of a deleted WDFMEMORY.
    Memory(ObjId),
    /// A pool block freed with `ExFreePool*`.
    Pool { address: usize, tag: u32 },
}

static REQUEST_BUFFER_FAULT: FaultLabel = FaultLabel {
    rule: Rule::BufferUsedAfterCompletion.name(),
    object: "WDFREQUEST",
    after: "after the request was completed",
    on_windows: Rule::BufferUsedAfterCompletion.on_windows(),
};
static MEMORY_FAULT: FaultLabel = FaultLabel {
    rule: Rule::FreedMemoryUsed.name(),
    object: "WDFMEMORY",
    after: "after the memory object was deleted",
    on_windows: Rule::FreedMemoryUsed.on_windows(),
};
static POOL_FAULT: FaultLabel = FaultLabel {
    rule: Rule::FreedMemoryUsed.name(),
    object: "pool block",
    after: "after it was freed",
    on_windows: Rule::FreedMemoryUsed.on_windows(),
};

impl Retiree for Retired {
    fn fault_label(&self) -> (&'static FaultLabel, usize) {
        match *self {
            Self::Request(id) => (&REQUEST_BUFFER_FAULT, handle::<u8>(id).addr()),
            Self::Memory(id) => (&MEMORY_FAULT, handle::<u8>(id).addr()),
            Self::Pool { address, .. } => (&POOL_FAULT, address),
        }
    }
}

/// A device node of the simulated PnP manager (a root-enumerated device): the WDF devices of its
/// stack, bottom (just above the bus device) to top, and the bus device under them.
pub(crate) struct DevNode {
    pub hardware_id: String,
    pub stack: Vec<ObjId>,
    /// The node's physical device object: a block of its own, so its address is stable and
    /// distinct for as long as the simulation lives (`WdfFdoInitWdmGetPhysicalDevice`); the
    /// driver never reads it (`DEVICE_OBJECT` is opaque).
    pub pdo: Box<[u64; 2]>,
    pub bus: crate::bus::LowerDevice,
    /// Where the node is in the PnP manager's state machine.
    pub pnp: crate::pnp_power::NodeState,
}

impl DevNode {
    /// The name of node `index`'s physical device object, as the PnP manager names the PDOs it
    /// creates: `\Device\` and a number of eight hex digits (the first node is `00000001`).
    pub(crate) fn pdo_name(index: usize) -> String {
        format!("\\Device\\{:08x}", index.saturating_add(1))
    }

    /// The address of the node's physical device object.
    pub(crate) fn pdo(&self) -> sys::PDEVICE_OBJECT {
        std::ptr::from_ref(&*self.pdo).cast_mut().cast()
    }

    /// The device the I/O manager sends creates to: the top of a started stack.
    pub(crate) fn top(&self) -> Option<ObjId> {
        if self.pnp == crate::pnp_power::NodeState::Started {
            self.stack.last().copied()
        } else {
            None
        }
    }
}

/// One level of an I/O on its way down a stack: the IRP, what it asks, and where its result goes
/// back to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Level {
    pub irp: IrpId,
    pub kind: RequestKind,
    /// The request at the device above it was sent from (None: its completion completes the
    /// caller's I/O).
    pub upper: Option<ObjId>,
}

/// A level of I/O held by the bus device: what it answered, and what the answer goes back to.
pub(crate) struct BusCompletion {
    pub level: Level,
    pub input: Option<SimBuffer>,
    pub output: Option<SimBuffer>,
    pub response: crate::bus::LowerResponse,
}

#[expect(
    clippy::struct_excessive_bools,
    reason = "independent flags of the simulated system's threads and loader"
)]
pub(crate) struct State {
    pub next_id: ObjId,
    pub objects: BTreeMap<ObjId, Object>,
    /// The most recent [`TOMBSTONES_KEPT`] dead objects, oldest first (a ring: searched only
    /// when a report names a dead handle).
    pub tombstones: VecDeque<(ObjId, Tombstone)>,
    /// Every loaded driver's WDFDRIVER, in load order.
    pub drivers: Vec<ObjId>,
    /// The WDFDRIVER the running DriverEntry created.
    pub entry_driver: Option<ObjId>,
    /// The driver objects DriverEntry was called with, kept for the simulation's life.
    #[expect(
        clippy::vec_box,
        reason = "each driver object keeps its address while drivers hold it"
    )]
    pub driver_objects: Vec<Box<sys::DRIVER_OBJECT>>,
    pub devnodes: Vec<DevNode>,
    pub irps: BTreeMap<IrpId, Irp>,
    pub pool: BTreeMap<usize, PoolBlock>,
    pub quarantine: Quarantine<Retired>,
    pub violations: Vec<Violation>,
    /// How many violations the test side has already been told about.
    pub reported: usize,
    /// Fault injection: the plan and the fault points passed (pool allocations, object
    /// creations).
    pub faults: crate::faults::Injector,
    pub in_driver_entry: bool,
    /// Work items waiting for the worker thread, in order.
    pub work_queue: VecDeque<ObjId>,
    /// The worker thread is to stop (the simulation is ending).
    pub worker_stop: bool,
    /// The system worker thread, once started.
    pub worker: Option<crate::scheduler::Tid>,
    /// The timer (DPC) thread, once started, and whether it is to stop.
    pub timer_thread: Option<crate::scheduler::Tid>,
    pub timer_stop: bool,
    /// Synchronization-scope locks held: (device or queue) -> (holder, depth).
    pub sync_locks: BTreeMap<ObjId, (crate::scheduler::Tid, u32)>,
    /// Simulated threads the test started, not yet joined by the simulation's end.
    pub spawned: Vec<crate::scheduler::Tid>,
    /// Panic messages of simulated threads whose bodies panicked, until someone joins them.
    pub thread_panics: BTreeMap<crate::scheduler::Tid, String>,
    /// The driver's most recent [`DEBUG_LOG_KEPT`] debug lines, oldest first.
    pub debug_log: VecDeque<String>,
    /// Debug lines dropped from the front of `debug_log` to keep it bounded.
    pub debug_lines_dropped: u64,
    /// Bus completions due later, by (due time, request).
    pub bus_pending: BTreeMap<(u64, ObjId), BusCompletion>,
    /// Sent requests with a timeout, by (deadline, request).
    pub send_deadlines: std::collections::BTreeSet<(u64, ObjId)>,
    /// Requests whose send failed, until they are completed, sent again, queued or deleted
    /// (at most one entry per live request).
    pub failed_sends: BTreeMap<ObjId, FailedSend>,
    /// The bus device's simulated thread (delayed completions and send timeouts), once started,
    /// and whether it is to stop.
    pub bus_thread: Option<crate::scheduler::Tid>,
    pub bus_stop: bool,
    /// The state of the DDIs of `ddi::registry`, `ddi::dpc`, `ddi::memory` and their siblings.
    pub extra: ExtraState,
}

/// `State::kind(id)` and `State::kind_mut(id)`: the object `id`'s data if it is of that kind.
macro_rules! typed_accessors {
    ($($get:ident, $get_mut:ident: $variant:ident => $data:ty;)*) => {$(
        pub(crate) fn $get(&self, id: ObjId) -> Option<&$data> {
            match self.objects.get(&id).map(|o| &o.data) {
                Some(ObjData::$variant(data)) => Some(data),
                _ => None,
            }
        }

        pub(crate) fn $get_mut(&mut self, id: ObjId) -> Option<&mut $data> {
            match self.objects.get_mut(&id).map(|o| &mut o.data) {
                Some(ObjData::$variant(data)) => Some(data),
                _ => None,
            }
        }
    )*};
}

impl State {
    pub(crate) fn new() -> Self {
        Self {
            next_id: 1,
            objects: BTreeMap::new(),
            tombstones: VecDeque::with_capacity(TOMBSTONES_KEPT),
            drivers: Vec::new(),
            entry_driver: None,
            driver_objects: Vec::new(),
            devnodes: Vec::new(),
            irps: BTreeMap::new(),
            pool: BTreeMap::new(),
            quarantine: Quarantine::new(),
            violations: Vec::new(),
            reported: 0,
            faults: crate::faults::Injector::default(),
            in_driver_entry: false,
            work_queue: VecDeque::new(),
            worker_stop: false,
            worker: None,
            timer_thread: None,
            timer_stop: false,
            sync_locks: BTreeMap::new(),
            spawned: Vec::new(),
            thread_panics: BTreeMap::new(),
            debug_log: VecDeque::new(),
            debug_lines_dropped: 0,
            bus_pending: BTreeMap::new(),
            send_deadlines: std::collections::BTreeSet::new(),
            failed_sends: BTreeMap::new(),
            bus_thread: None,
            bus_stop: false,
            extra: ExtraState::default(),
        }
    }

    pub(crate) fn fresh_id(&mut self) -> ObjId {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// The tombstone of dead object `id`, if it is still kept.
    pub(crate) fn tombstone(&self, id: ObjId) -> Option<&Tombstone> {
        self.tombstones
            .iter()
            .rev()
            .find_map(|(dead, tomb)| (*dead == id).then_some(tomb))
    }

    /// Keeps the remains of object `id`, dropping the oldest tombstone once [`TOMBSTONES_KEPT`]
    /// are kept.
    pub(crate) fn bury(&mut self, id: ObjId, tomb: Tombstone) {
        if self.tombstones.len() >= TOMBSTONES_KEPT {
            self.tombstones.pop_front();
        }
        self.tombstones.push_back((id, tomb));
    }

    /// Keeps a line of the driver's debug output, dropping (and counting) the oldest once
    /// [`DEBUG_LOG_KEPT`] are kept; the dropped line's allocation is reused.
    pub(crate) fn log_debug(&mut self, text: &str) {
        let mut line = if self.debug_log.len() >= DEBUG_LOG_KEPT {
            self.debug_lines_dropped = self.debug_lines_dropped.saturating_add(1);
            self.debug_log.pop_front().unwrap_or_default()
        } else {
            String::new()
        };
        line.clear();
        line.push_str(text);
        self.debug_log.push_back(line);
    }

    /// The driver printed a debug line on simulated thread `thread`: it explains the status it
    /// completes each request with whose send failed on that thread.
    pub(crate) fn note_explanation(&mut self, thread: Option<crate::scheduler::Tid>) {
        for failed in self.failed_sends.values_mut() {
            if failed.thread == thread {
                failed.explained = true;
            }
        }
    }

    /// Records a violation.
    pub(crate) fn violation(&mut self, rule: Rule, call: &str, object: String, detail: String) {
        let violation = Violation {
            rule,
            call: call.to_owned(),
            object,
            detail,
        };
        if crate::config::trace() {
            eprintln!("{violation}");
        }
        self.violations.push(violation);
    }

    /// Records a violation about the object `id`.
    pub(crate) fn violation_on(&mut self, rule: Rule, call: &str, id: ObjId, detail: String) {
        let described = self.describe(id);
        self.violation(rule, call, described, detail);
    }

    /// Counts an allocation or object creation by `call` (a fault point); true if the fault plan
    /// says this one fails.
    pub(crate) fn allocation_fails(&mut self, call: &str) -> bool {
        let fails = self.faults.fails(call);
        if fails
            && crate::config::trace()
            && let Some(site) = &self.faults.counts().last_injected
        {
            eprintln!("kmdf-sim faults: {site} fails (fault injection)");
        }
        fails
    }

    /// Adds a live object as a child of `parent`.
    pub(crate) fn insert(&mut self, kind: Kind, parent: Option<ObjId>, data: ObjData) -> ObjId {
        let id = self.fresh_id();
        self.objects.insert(
            id,
            Object {
                kind,
                parent,
                children: Vec::new(),
                contexts: Vec::new(),
                callbacks: Vec::new(),
                references: Vec::new(),
                deleting: false,
                execution_level: sys::_WDF_EXECUTION_LEVEL::WdfExecutionLevelInheritFromParent,
                synchronization_scope:
                    sys::_WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeInheritFromParent,
                data,
            },
        );
        if let Some(parent) = parent.and_then(|p| self.objects.get_mut(&p)) {
            parent.children.push(id);
        }
        id
    }

    /// The synchronization lock a timer's or work item's callback takes: its parent's, if the
    /// object asked for `AutomaticSerialization`.
    pub(crate) fn serialization_lock(&self, id: ObjId) -> Option<SyncLock> {
        let object = self.objects.get(&id)?;
        let serialized = match &object.data {
            ObjData::Timer(timer) => timer.serialized,
            ObjData::WorkItem(item) => item.serialized,
            _ => false,
        };
        if serialized {
            self.sync_lock(object.parent?)
        } else {
            None
        }
    }

    /// Whether `id`'s callbacks run at PASSIVE_LEVEL: its execution level, or the nearest
    /// ancestor's that is not InheritFromParent (the driver's default is Dispatch).
    pub(crate) fn passive_level(&self, id: ObjId) -> bool {
        let mut cursor = Some(id);
        while let Some(object) = cursor.and_then(|c| self.objects.get(&c)) {
            match object.execution_level {
                sys::_WDF_EXECUTION_LEVEL::WdfExecutionLevelPassive => return true,
                sys::_WDF_EXECUTION_LEVEL::WdfExecutionLevelDispatch => return false,
                _ => cursor = object.parent,
            }
        }
        false
    }

    /// The lock that serialises the callbacks of queue (or device) `id`: from the nearest
    /// synchronization scope that is not InheritFromParent, walking up from `id` — Device: the
    /// device's lock; Queue: the queue's own lock; None (the driver's default): no lock.
    pub(crate) fn sync_lock(&self, id: ObjId) -> Option<SyncLock> {
        let mut cursor = Some(id);
        while let Some(object) = cursor.and_then(|c| self.objects.get(&c)) {
            match object.synchronization_scope {
                sys::_WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeDevice => {
                    let device = self.device_of(id)?;
                    return Some(SyncLock {
                        owner: device,
                        passive: self.passive_level(device),
                    });
                }
                sys::_WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeQueue => {
                    return (self.objects.get(&id)?.kind == Kind::Queue).then(|| SyncLock {
                        owner: id,
                        passive: self.passive_level(id),
                    });
                }
                sys::_WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeNone => return None,
                _ => cursor = object.parent,
            }
        }
        None
    }

    /// The device `id` is, or belongs to.
    pub(crate) fn device_of(&self, id: ObjId) -> Option<ObjId> {
        let mut cursor = Some(id);
        while let Some(current) = cursor {
            let object = self.objects.get(&current)?;
            if object.kind == Kind::Device {
                return Some(current);
            }
            cursor = object.parent;
        }
        None
    }

    /// A description of an object for reports: `WDFREQUEST 0x1f0 (IOCTL ...)`.
    pub(crate) fn describe(&self, id: ObjId) -> String {
        let address = id << 4;
        match self.objects.get(&id) {
            Some(object) => {
                let mut text = format!("{} {address:#x}", object.kind.type_name());
                if let ObjData::Request(request) = &object.data {
                    let _ = write!(text, " ({})", request.kind.describe());
                }
                for context in &object.contexts {
                    let _ = write!(text, " with context {}", context.name);
                }
                text
            }
            None => match self.tombstone(id) {
                Some(Tombstone {
                    kind,
                    request: Some(request),
                    ..
                }) => format!("{} {address:#x} ({})", kind.type_name(), request.describe()),
                Some(tomb) => format!("{} {address:#x}", tomb.kind.type_name()),
                None if id < self.next_id => format!("handle {address:#x} (a deleted object)"),
                None => format!("handle {address:#x}"),
            },
        }
    }

    /// Finds a live object of the expected kind; on failure records `InvalidHandle` or
    /// `RequestUsedAfterCompletion` and returns `None`.
    pub(crate) fn expect_object<T>(
        &mut self,
        handle: *const T,
        kind: Kind,
        call: &str,
    ) -> Option<ObjId> {
        let Some(id) = id_of(handle) else {
            let detail = if handle.is_null() {
                format!("a null {} handle was passed", kind.type_name())
            } else {
                format!("{:#x} is not a {} handle", handle.addr(), kind.type_name())
            };
            self.violation(
                Rule::InvalidHandle,
                call,
                format!("{} {:#x}", kind.type_name(), handle.addr()),
                detail,
            );
            return None;
        };
        match self.objects.get(&id) {
            Some(Object {
                data: ObjData::Request(request),
                ..
            }) if kind == Kind::Request && request.completed.is_some() => {
                let fate = request.completed.map(|c| Fate::Completed {
                    status: c.status,
                    by: c.by,
                });
                let described = self.describe(id);
                self.violation(
                    Rule::RequestUsedAfterCompletion,
                    call,
                    described,
                    format!(
                        "the request was used after it was {} (a driver reference keeps the \
                         object, but only its context and WdfObjectDereference may be used)",
                        fate.map_or_else(String::new, |f| f.to_string())
                    ),
                );
                None
            }
            Some(object) if object.kind == kind => Some(id),
            Some(object) => {
                let detail = format!(
                    "expected a {}, got a {}",
                    kind.type_name(),
                    object.kind.type_name()
                );
                let described = self.describe(id);
                self.violation(Rule::InvalidHandle, call, described, detail);
                None
            }
            None => {
                let described = self.describe(id);
                match self.tombstone(id).copied() {
                    Some(tomb) if tomb.kind == Kind::Request => self.violation(
                        Rule::RequestUsedAfterCompletion,
                        call,
                        described,
                        format!("the request was used after it was {}", tomb.fate),
                    ),
                    Some(tomb) => self.violation(
                        Rule::InvalidHandle,
                        call,
                        described,
                        format!("the object was used after it was {}", tomb.fate),
                    ),
                    None if id < self.next_id => self.violation(
                        if kind == Kind::Request {
                            Rule::RequestUsedAfterCompletion
                        } else {
                            Rule::InvalidHandle
                        },
                        call,
                        described,
                        "the object this handle named was deleted (completed) long ago".to_owned(),
                    ),
                    None => self.violation(
                        Rule::InvalidHandle,
                        call,
                        described,
                        "no object with this handle ever existed".to_owned(),
                    ),
                }
                None
            }
        }
    }

    /// How the request `id` was completed, if it was (live through a reference, or dead).
    pub(crate) fn completion_of(&self, id: ObjId) -> Option<Fate> {
        match self.objects.get(&id).map(|o| &o.data) {
            Some(ObjData::Request(request)) => request.completed.map(|c| Fate::Completed {
                status: c.status,
                by: c.by,
            }),
            Some(_) => None,
            None => self
                .tombstone(id)
                .filter(|t| t.kind == Kind::Request)
                .map(|t| t.fate),
        }
    }

    typed_accessors! {
        request, request_mut: Request => RequestData;
        queue, queue_mut: Queue => QueueData;
        device, device_mut: Device => DeviceData;
        target, target_mut: IoTarget => IoTargetData;
        collection, collection_mut: Collection => CollectionData;
    }

    /// The parent of an object created without one (KMDF: the calling driver). The drivers of
    /// one simulation share the mirror's `WdfDriverGlobals`, so the caller cannot be told apart:
    /// the first loaded driver stands in for it.
    pub(crate) fn default_parent(&self) -> Option<ObjId> {
        self.drivers.first().copied()
    }

    pub(crate) fn init_mut(&mut self, id: ObjId) -> Option<&mut InitData> {
        match self.objects.get_mut(&id).map(|o| &mut o.data) {
            Some(ObjData::DeviceInit(init)) => Some(init),
            _ => None,
        }
    }

    /// Ids of `root` and everything below it, children before parents.
    pub(crate) fn subtree_children_first(&self, root: ObjId) -> Vec<ObjId> {
        let mut order = Vec::new();
        let mut stack = vec![(root, false)];
        while let Some((id, expanded)) = stack.pop() {
            if expanded {
                order.push(id);
                continue;
            }
            stack.push((id, true));
            if let Some(object) = self.objects.get(&id) {
                for child in object.children.iter().rev() {
                    stack.push((*child, false));
                }
            }
        }
        order
    }
}

/// One loaded driver image and everything it created: the simulated kernel.
pub(crate) struct Sim {
    pub state: Mutex<State>,
    /// The simulated threads and virtual time.
    pub sched: Arc<crate::scheduler::Scheduler>,
    /// This simulation itself, for waits whose wake conditions outlive a borrow.
    pub this: std::sync::Weak<Sim>,
    pub config: crate::config::SimConfig,
}

// SAFETY: `Sim` holds raw pointers only inside data the driver handed over (callbacks, context
// type info, buffers it owns through the object table); all of it is reached through the mutex,
// and the driver's callbacks may run on any thread, as in the kernel.
unsafe impl Send for Sim {}
// SAFETY: as above; shared access goes through `state`'s mutex.
unsafe impl Sync for Sim {}

impl Sim {
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Virtual time, in 100 ns units.
    pub(crate) fn now(&self) -> u64 {
        self.sched.now()
    }

    /// A counted reference to this simulation.
    ///
    /// # Panics
    /// Never while a `&Sim` exists: the simulation is only reached through its `Arc`.
    pub(crate) fn arc(&self) -> Arc<Sim> {
        match self.this.upgrade() {
            Some(sim) => sim,
            None => unreachable!("a Sim is only borrowed from its Arc"),
        }
    }

    /// Blocks the calling simulated thread until `condition` (evaluated on the state, with
    /// virtual time) lets it run. Never call with the state lock held.
    pub(crate) fn block_until(
        &self,
        what: &'static str,
        mut condition: impl FnMut(&State, u64) -> crate::scheduler::Wake + Send + 'static,
    ) -> crate::scheduler::Outcome {
        let shared = self.arc();
        self.sched
            .block(what, move |now| condition(&shared.lock(), now))
    }

    /// Records a violation (taking the lock).
    pub(crate) fn violation(&self, rule: Rule, call: &str, object: String, detail: String) {
        self.lock().violation(rule, call, object, detail);
    }
}

/// The one block of driver globals of the process, which the mirror's `WdfDriverGlobals` points
/// at from the first load on (the mirror's statics are written once, see [`install_framework`]).
/// Each simulation reinitialises it when it loads ([`reset_driver_globals`]) and
/// `WdfDriverCreate` writes its `Driver`; the driver reads it through the pointer.
///
/// Every access goes through the raw pointer [`driver_globals`] returns (never a reference), and
/// happens on a thread of the live simulation, or on the loading thread before DriverEntry:
/// simulated threads run one at a time, handing the baton on through the scheduler's mutex, and
/// one simulation follows another through the slot's mutex after all its threads have finished,
/// so no two accesses race.
struct DriverGlobalsBlock(UnsafeCell<WDF_DRIVER_GLOBALS>);

// SAFETY: the block is plain data reached only through raw pointers, under the ordering above.
unsafe impl Sync for DriverGlobalsBlock {}

static DRIVER_GLOBALS: DriverGlobalsBlock = DriverGlobalsBlock(UnsafeCell::new(
    // SAFETY: every field of WDF_DRIVER_GLOBALS (a handle, integers, a CHAR array, a BOOLEAN)
    // is valid all-zero; zero is also its `Default`.
    unsafe { std::mem::zeroed() },
));

/// The process's driver globals: what the mirror's `WdfDriverGlobals` holds once installed, and
/// what every DDI checks the globals it was passed against.
pub(crate) fn driver_globals() -> PWDF_DRIVER_GLOBALS {
    DRIVER_GLOBALS.0.get()
}

/// Points the mirror's `WdfFunctions` and `WdfDriverGlobals` at the simulator's function table
/// and the process's globals block: once per process, before the first DriverEntry. They are
/// never written again, so a driver thread reading them never races a write.
///
/// # Safety
/// `table` is the simulator's function table (`ddi::function_table`): `WdfFunctionTableNumEntries`
/// entries, each empty or a function of its index's `PFN_` type, kept for the process's life
/// and never written after it is built.
pub(crate) unsafe fn install_framework(table: *const sys::WDFFUNC) {
    // SAFETY:
    // - `table` satisfies `__install`'s contract (this function's own);
    // - the globals block is a `static`, valid for reads and writes for the process's life.
    // A later call installs nothing: the first call's values stay.
    let _ = unsafe { sys::__install(table, driver_globals()) };
}

/// Reinitialises the process's driver globals for a simulation being loaded: no WDFDRIVER yet,
/// the driver's name (at most 31 bytes, NUL-terminated).
///
/// Call only on the loading thread, holding the simulation slot, before DriverEntry: no driver
/// code of this simulation runs yet and every thread of the previous one has finished.
pub(crate) fn reset_driver_globals(driver_name: &str) {
    let mut globals = WDF_DRIVER_GLOBALS::default();
    for (place, byte) in globals
        .DriverName
        .iter_mut()
        .zip(driver_name.bytes().take(31))
    {
        *place = i8::from_ne_bytes([byte]);
    }
    // SAFETY:
    // - the pointer comes from a `static` `UnsafeCell`: valid, aligned, writable, for ever;
    // - no other access to the block runs meanwhile (this function's contract, and the ordering
    //   on `DriverGlobalsBlock`).
    unsafe { driver_globals().write(globals) };
}

/// Records the WDFDRIVER a driver created in the process's driver globals (`Driver`, what
/// `WdfGetDriver()` reads).
///
/// Call only from a simulated thread of the live simulation (a DDI holding the baton).
pub(crate) fn set_globals_driver(driver: sys::WDFDRIVER) {
    // SAFETY: a place projection, no access: the pointer comes from the `static` `UnsafeCell`,
    // valid and aligned for ever, and no reference is formed.
    let field = unsafe { &raw mut (*driver_globals()).Driver };
    // SAFETY:
    // - `field` is valid, aligned and writable for ever (above);
    // - the caller holds the baton, so no other thread of the simulation (driver or simulator)
    //   accesses the block meanwhile, and the accesses before and after are ordered with this
    //   one through the scheduler's hand-offs.
    unsafe { field.write(driver) };
}

/// The simulation the framework entry points serve (one loaded driver per process, as one image
/// per kernel).
static CURRENT: RwLock<Option<Arc<Sim>>> = RwLock::new(None);

pub(crate) fn set_current(sim: Option<Arc<Sim>>) {
    *CURRENT.write().unwrap_or_else(PoisonError::into_inner) = sim;
}

/// The current simulation, checked against the globals the driver passed.
///
/// # Panics
/// If no simulation is loaded: the function table is only installed while one is, so this means
/// a driver thread outlived its simulation.
pub(crate) fn current(globals: PWDF_DRIVER_GLOBALS, call: &str) -> Arc<Sim> {
    let sim = CURRENT
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let Some(sim) = sim else {
        panic!("kmdf-sim: {call} was called after the simulation ended")
    };
    if globals != driver_globals() {
        sim.violation(
            Rule::InvalidArgument,
            call,
            "PWDF_DRIVER_GLOBALS".to_owned(),
            format!("the driver globals {globals:p} are not the loaded driver's"),
        );
    }
    sim
}

/// The current simulation for kernel routines (which carry no globals).
pub(crate) fn current_for_kernel(call: &str) -> Arc<Sim> {
    let sim = CURRENT
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    match sim {
        Some(sim) => sim,
        None => panic!("kmdf-sim: {call} was called outside a simulation"),
    }
}

/// A status as text: `STATUS_CANCELLED (0xc0000120)`.
pub(crate) fn status_name(status: NTSTATUS) -> String {
    let name = match status {
        sys::STATUS_SUCCESS => "STATUS_SUCCESS",
        sys::STATUS_PENDING => "STATUS_PENDING",
        sys::STATUS_BUFFER_OVERFLOW => "STATUS_BUFFER_OVERFLOW",
        sys::STATUS_CANCELLED => "STATUS_CANCELLED",
        sys::STATUS_BUFFER_TOO_SMALL => "STATUS_BUFFER_TOO_SMALL",
        sys::STATUS_INVALID_DEVICE_REQUEST => "STATUS_INVALID_DEVICE_REQUEST",
        sys::STATUS_INVALID_PARAMETER => "STATUS_INVALID_PARAMETER",
        sys::STATUS_INSUFFICIENT_RESOURCES => "STATUS_INSUFFICIENT_RESOURCES",
        sys::STATUS_INVALID_DEVICE_STATE => "STATUS_INVALID_DEVICE_STATE",
        sys::STATUS_DEVICE_REMOVED => "STATUS_DEVICE_REMOVED",
        sys::STATUS_NO_SUCH_DEVICE => "STATUS_NO_SUCH_DEVICE",
        sys::STATUS_UNSUCCESSFUL => "STATUS_UNSUCCESSFUL",
        sys::STATUS_NOT_SUPPORTED => "STATUS_NOT_SUPPORTED",
        sys::STATUS_INTERNAL_ERROR => "STATUS_INTERNAL_ERROR",
        sys::STATUS_INFO_LENGTH_MISMATCH => "STATUS_INFO_LENGTH_MISMATCH",
        sys::STATUS_ACCESS_DENIED => "STATUS_ACCESS_DENIED",
        sys::STATUS_IO_TIMEOUT => "STATUS_IO_TIMEOUT",
        _ => "",
    };
    #[expect(
        clippy::cast_sign_loss,
        reason = "NTSTATUS shown as its hex bit pattern"
    )]
    let bits = status as u32;
    if name.is_empty() {
        format!("NTSTATUS {bits:#010x}")
    } else {
        format!("{name} ({bits:#010x})")
    }
}

/// Why a simulator operation failed (as opposed to a rule the driver broke).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SimError {
    /// DriverEntry returned a failure status (Device Manager: Code 37).
    DriverEntryFailed(NTSTATUS),
    /// DriverEntry returned success without calling `WdfDriverCreate`.
    NoDriverCreated,
    /// The driver registered no `EvtDriverDeviceAdd`.
    NoDeviceAdd,
    /// EvtDriverDeviceAdd failed (Code 31).
    DeviceAddFailed(NTSTATUS),
    /// EvtDriverDeviceAdd succeeded without creating a device.
    NoDeviceCreated,
    /// A PnP start callback failed (Code 10).
    StartFailed {
        /// The callback that failed.
        callback: &'static str,
        /// Its status.
        status: NTSTATUS,
    },
    /// No started device exposes the interface.
    NoSuchInterface(String),
    /// EvtDeviceFileCreate failed the create request.
    CreateFailed(NTSTATUS),
    /// The device was already removed.
    DeviceGone,
    /// The PnP manager cannot make this transition from the node's state.
    InvalidTransition {
        /// What was asked.
        asked: &'static str,
        /// The node's state.
        state: &'static str,
    },
    /// A query-remove was vetoed: an open handle, or a driver's EvtDeviceQueryRemove failed.
    RemoveVetoed(String),
    /// No device interface path, device name or symbolic link is this name.
    NoSuchName(String),
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::DriverEntryFailed(status) => write!(
                f,
                "DriverEntry failed with {} (Code 37)",
                status_name(*status)
            ),
            Self::NoDriverCreated => {
                f.write_str("DriverEntry returned success but never called WdfDriverCreate")
            }
            Self::NoDeviceAdd => f.write_str("the driver registered no EvtDriverDeviceAdd"),
            Self::DeviceAddFailed(status) => write!(
                f,
                "EvtDriverDeviceAdd failed with {} (Code 31)",
                status_name(*status)
            ),
            Self::NoDeviceCreated => {
                f.write_str("EvtDriverDeviceAdd returned success without calling WdfDeviceCreate")
            }
            Self::StartFailed { callback, status } => {
                write!(
                    f,
                    "the device failed to start: {callback} returned {} (Code 10)",
                    status_name(*status)
                )
            }
            Self::NoSuchInterface(guid) => {
                write!(f, "no started device exposes the interface {guid}")
            }
            Self::CreateFailed(status) => {
                write!(f, "the create request failed with {}", status_name(*status))
            }
            Self::DeviceGone => f.write_str("the device was already removed"),
            Self::InvalidTransition { asked, state } => {
                write!(f, "the PnP manager cannot {asked} a device that is {state}")
            }
            Self::RemoveVetoed(why) => write!(f, "the removal was vetoed: {why}"),
            Self::NoSuchName(name) => write!(
                f,
                "no device interface, device name or symbolic link is named {name}"
            ),
        }
    }
}

impl std::error::Error for SimError {}

/// What an I/O operation ended with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IoResult {
    /// The completion status.
    pub status: NTSTATUS,
    /// `IoStatus.Information`: for reads and IOCTLs, the bytes returned.
    pub information: u64,
    /// The bytes copied back to the caller's output buffer (none for error statuses).
    pub output: Vec<u8>,
}

impl IoResult {
    /// True for success and informational statuses (`NT_SUCCESS`).
    #[must_use]
    pub fn succeeded(&self) -> bool {
        sys::NT_SUCCESS(self.status)
    }
}

/// What a queue state change does (wdfio.h): which requests it cancels and whether the queue
/// keeps accepting and delivering requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QueueChange {
    /// `WdfIoQueueStop`: stop delivering; queued requests stay, new ones are queued.
    Stop,
    /// `WdfIoQueuePurge`: stop accepting (new requests fail with STATUS_INVALID_DEVICE_STATE),
    /// cancel queued requests and driver-owned cancelable ones.
    Purge,
    /// `WdfIoQueueStopAndPurge`: stop delivering, cancel queued requests and driver-owned
    /// cancelable ones, but keep accepting new requests (held until `WdfIoQueueStart`).
    StopAndPurge,
    /// `WdfIoQueueDrain`: stop accepting; queued requests are still delivered.
    Drain,
}

impl QueueChange {
    /// The queue is idle for this change: no request delivered and not completed, no callback
    /// running, and (for a drain) nothing left waiting.
    pub(crate) fn idle(self, queue: &QueueData) -> bool {
        queue.presented == 0
            && queue.in_flight == 0
            && (self != Self::Drain || queue.pending.is_empty())
    }
}

/// State kept for the DDIs of the registry, strings, DPCs, lookaside lists and device state
/// (`ddi::registry` and its siblings).
#[derive(Default)]
pub(crate) struct ExtraState {
    /// The simulated registry.
    pub registry: crate::registry::Registry,
    /// ETW: registered providers, the test's sessions, captured events.
    pub etw: crate::etw::Etw,
    /// The `DRIVER_OBJECT` each WDFDRIVER was created with (`WdfDriverWdmGetDriverObject`).
    pub driver_objects: BTreeMap<ObjId, usize>,
    /// Memory objects over a driver's own buffer (`WdfMemoryCreatePreallocated`).
    pub preallocated: std::collections::BTreeSet<ObjId>,
    /// Device interfaces the driver disabled (`WdfDeviceSetDeviceInterfaceState`): device,
    /// interface class and reference string.
    pub disabled_interfaces: Vec<(ObjId, GUID, Option<String>)>,
    /// Devices the driver reported failed (`WdfDeviceSetFailed`), with the action asked for.
    pub failed: BTreeMap<ObjId, sys::WDF_DEVICE_FAILED_ACTION>,
    /// DPCs waiting for the DPC thread, in the order they were queued.
    pub dpc_queue: VecDeque<ObjId>,
    /// What `WdfDeviceInitSetDeviceType` and `WdfDeviceInitSetPowerPageable`/`NotPageable` set,
    /// by WDFDEVICE_INIT and then by the device created from it.
    pub device_settings: BTreeMap<ObjId, DeviceSettings>,
    /// Idle references taken with `WdfDeviceStopIdle`, by device.
    pub idle_references: BTreeMap<ObjId, u32>,
    /// EvtIoQueueReadyNotify callbacks of manual queues (`WdfIoQueueReadyNotify`), with their
    /// contexts.
    pub ready_notify:
        BTreeMap<ObjId, (unsafe extern "C" fn(sys::WDFQUEUE, sys::WDFCONTEXT), usize)>,
}

/// Device settings made through `WDFDEVICE_INIT` by the DDIs of `ddi::device_state`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DeviceSettings {
    /// `WdfDeviceInitSetDeviceType` (None: FILE_DEVICE_UNKNOWN, the framework's default).
    pub device_type: Option<u32>,
    /// `WdfDeviceInitSetPowerPageable` (true) or `NotPageable` (false); None: the default.
    pub power_pageable: Option<bool>,
}

/// A `WDFKEY`: an open registry key, its path and the access it was opened with.
pub(crate) struct KeyData {
    pub path: String,
    pub access: u32,
}

/// A `WDFSTRING`: its UTF-16 text (no NUL), and the UNICODE_STRING handed out for it.
pub(crate) struct StringData {
    pub units: Vec<u16>,
}

/// A `WDFLOOKASIDE`: what each memory object it hands out is.
pub(crate) struct LookasideData {
    pub size: usize,
    pub paged: bool,
    pub memory_attributes: Option<sys::WDF_OBJECT_ATTRIBUTES>,
}

/// A `WDFDPC`: its callback, and whether it is queued or running.
pub(crate) struct DpcData {
    pub callback: sys::PFN_WDF_DPC,
    pub queued: bool,
    /// The simulated thread running EvtDpcFunc right now.
    pub running: Option<crate::scheduler::Tid>,
    /// `AutomaticSerialization`: the callback runs under the parent's synchronization lock.
    pub serialized: bool,
}

impl ExtraState {
    /// Forgets what is kept about object `id` (its deletion).
    pub(crate) fn forget(&mut self, id: ObjId) {
        self.driver_objects.remove(&id);
        self.preallocated.remove(&id);
        self.disabled_interfaces
            .retain(|(device, _, _)| *device != id);
        self.failed.remove(&id);
        self.dpc_queue.retain(|dpc| *dpc != id);
        self.device_settings.remove(&id);
        self.idle_references.remove(&id);
        self.ready_notify.remove(&id);
    }
}
