//! The WDF function table, as wdk-sys binds it: `PFN_WDFXXX` types, `_WDFFUNCENUM` indices, the
//! `WdfFunctions` table and `WdfDriverGlobals`, and the typed entry points behind
//! `call_unsafe_wdf_function_binding!`. Prototypes, indices and IRQLs: KMDF 1.33 headers and the
//! DDI pages "<Name> function (wdf*.h)".
//!
//! The real macro expands to a typed call through `WdfFunctions[index]` with `WdfDriverGlobals`
//! passed first; kmdf-sim's does the same, through entries the simulator installs when it loads a
//! driver. A call through a table entry the simulator has not implemented is reported to the
//! simulator (a verifier report naming the DDI) and returns the DDI's failure value to the driver,
//! so nothing unwinds through the driver's callbacks.

#![expect(non_camel_case_types, reason = "C names, as bindgen keeps them")]
#![expect(non_snake_case, reason = "C names, as bindgen keeps them")]
#![expect(non_upper_case_globals, reason = "C names, as bindgen keeps them")]
#![expect(
    missing_docs,
    reason = "bindgen output carries no docs; the DDI reference is the doc"
)]

#[cfg_attr(
    not(test),
    expect(
        clippy::wildcard_imports,
        reason = "the prototypes name most of the types, as in bindgen's output"
    )
)]
use crate::types::*;

/// One entry of the WDF function table.
pub type WDFFUNC = Option<unsafe extern "C" fn()>;

/// The framework's function table for the loaded driver (`WdfFunctions_01033` in the real world).
/// kmdf-sim installs it when a simulation loads a driver.
pub static mut WdfFunctions: *const WDFFUNC = core::ptr::null();

/// The loaded driver's globals, passed first to every WDF function.
pub static mut WdfDriverGlobals: PWDF_DRIVER_GLOBALS = core::ptr::null_mut();

#[doc(hidden)]
#[cold]
#[track_caller]
pub fn __not_loaded(name: &str) -> ! {
    panic!(
        "kmdf-sim: {name} was called but no driver is loaded into a simulation (WdfFunctions is null)"
    )
}

/// Hands a call through an empty table entry to the simulator's `unsupported_ddi` hook, which
/// records the report; the dispatcher then returns `returned` to the driver.
#[doc(hidden)]
#[cold]
#[inline(never)]
pub fn __unsupported(name: &'static str, index: _WDFFUNCENUM::Type, returned: &'static str) {
    let routines = crate::__sim::routines();
    (routines.unsupported_ddi)(crate::__sim::UnsupportedDdi {
        name,
        index,
        returned,
    });
}

/// What a WDF function the simulator does not implement returns to the driver: the DDI's
/// documented failure value, chosen by its result type. An entry whose result type's value would
/// be wrong for it (an `i32` enum that is not an NTSTATUS, a mode where 0 grants trust) names its
/// own with `[unsupported = value]` in `wdf_functions!`.
pub(crate) trait UnsupportedResult {
    /// The value returned.
    const VALUE: Self;
    /// The value as the report names it.
    const NAME: &'static str;
}

/// `NTSTATUS`.
impl UnsupportedResult for NTSTATUS {
    const VALUE: Self = crate::STATUS_NOT_IMPLEMENTED;
    const NAME: &'static str = "STATUS_NOT_IMPLEMENTED";
}

/// `BOOLEAN`.
impl UnsupportedResult for BOOLEAN {
    const VALUE: Self = 0;
    const NAME: &'static str = "FALSE";
}

/// `ULONG_PTR`, `ULONG64`, `SIZE_T`.
impl UnsupportedResult for u64 {
    const VALUE: Self = 0;
    const NAME: &'static str = "0";
}

/// `ULONG`.
impl UnsupportedResult for u32 {
    const VALUE: Self = 0;
    const NAME: &'static str = "0";
}

/// `size_t`.
impl UnsupportedResult for usize {
    const VALUE: Self = 0;
    const NAME: &'static str = "0";
}

/// Handles (`WDFQUEUE`, `PWDFDEVICE_INIT`, ...) and pointers (`PVOID`, `PWSTR`).
impl<T> UnsupportedResult for *mut T {
    const VALUE: Self = core::ptr::null_mut();
    const NAME: &'static str = "NULL";
}

/// `const` pointers.
impl<T> UnsupportedResult for *const T {
    const VALUE: Self = core::ptr::null();
    const NAME: &'static str = "NULL";
}

/// `UserMode` as a `KPROCESSOR_MODE` (`CCHAR`; 0 is `KernelMode`): what an unimplemented
/// `WdfRequestGetRequestorMode` answers (its `[unsupported = ...]`), so that no driver skips a
/// user-mode check on a value nobody computed.
const USER_MODE: KPROCESSOR_MODE = 1;
const _: () = assert!(_MODE::UserMode == 1);

/// The value (`VALUE`) or its name in the report (`NAME`) that a call through an empty entry
/// returns: the entry's `[unsupported = value]`, else its result type's `UnsupportedResult`, else
/// nothing (`VOID`).
macro_rules! unsupported_result {
    (VALUE;) => {
        ()
    };
    (NAME;) => {
        "nothing (a VOID DDI)"
    };
    (VALUE; $ret:ty [$value:expr]) => {
        $value
    };
    (NAME; $ret:ty [$value:expr]) => {
        stringify!($value)
    };
    ($item:ident; $ret:ty) => {
        <$ret as UnsupportedResult>::$item
    };
}

/// Reads the table entry for `index` (`None`: the simulator does not implement the function).
///
/// # Safety
/// `WdfFunctions` is either null or points at `WdfFunctionTableNumEntries` entries (kmdf-sim
/// installs a table of exactly that length and never frees it).
#[doc(hidden)]
#[inline]
pub unsafe fn __table_entry(index: _WDFFUNCENUM::Type, name: &str) -> WDFFUNC {
    // SAFETY: a plain read of the pointer value (no reference to the `static mut` is formed).
    let table = unsafe { WdfFunctions };
    if table.is_null() {
        __not_loaded(name);
    }
    let Ok(index) = usize::try_from(index) else {
        return None;
    };
    // SAFETY: `index` comes from `_WDFFUNCENUM`, below `WdfFunctionTableNumEntries`, and the table
    // has that many entries (this function's contract), so the offset stays inside it.
    let entry = unsafe { table.add(index) };
    // SAFETY: `entry` points at an initialised, aligned table entry (see above).
    unsafe { *entry }
}

macro_rules! wdf_functions {
    ($(
        $(#[$attr:meta])*
        $name:ident [$index:ident = $idx:literal] : $pfn:ident ($($param:ident : $ty:ty),* $(,)?)
            $(-> $ret:ty $([unsupported = $unsupported:expr])?)?;
    )*) => {
        /// `_WDFFUNCENUM`: the index of each function in the WDF function table.
        pub mod _WDFFUNCENUM {
            pub type Type = core::ffi::c_int;
            $(pub const $index: Type = $idx;)*
            pub const WdfFunctionTableNumEntries: Type = 458;
        }

        $(
            pub type $pfn = Option<
                unsafe extern "C" fn(DriverGlobals: PWDF_DRIVER_GLOBALS $(, $param: $ty)*) $(-> $ret)?
            >;
        )*

        /// Typed entry points that `call_unsafe_wdf_function_binding!` expands to.
        #[doc(hidden)]
        pub mod __wdf_calls {
            use super::*;
            $(
                $(#[$attr])*
                #[inline(always)]
                #[doc = concat!("Calls `", stringify!($name), "` through the WDF function table.")]
                #[doc = ""]
                #[doc = "# Safety"]
                #[doc = "The arguments must satisfy the DDI's contract, as in the real world."]
                pub unsafe fn $name($($param: $ty),*) $(-> $ret)? {
                    // SAFETY: see `__table_entry`; the simulator installs a complete table.
                    let entry = unsafe { __table_entry(_WDFFUNCENUM::$index, stringify!($name)) };
                    // SAFETY: the entry at this index was stored from a function of exactly this
                    // `PFN_` type (kmdf-sim builds its table from values of these types), and
                    // `Option<fn>` of any signature has the same size and niche.
                    let function: $pfn = unsafe { core::mem::transmute::<WDFFUNC, $pfn>(entry) };
                    let Some(function) = function else {
                        __unsupported(
                            stringify!($name),
                            _WDFFUNCENUM::$index,
                            unsupported_result!(NAME; $($ret $([$unsupported])?)?),
                        );
                        return unsupported_result!(VALUE; $($ret $([$unsupported])?)?);
                    };
                    // SAFETY: a plain read of the pointer value.
                    let globals = unsafe { WdfDriverGlobals };
                    // SAFETY: the caller upholds the DDI's contract for the arguments.
                    unsafe { function(globals $(, $param)*) }
                }
            )*
        }
    };
}

wdf_functions! {
    // wdfdriver.h
    #[must_use]
    WdfDriverCreate[WdfDriverCreateTableIndex = 116]: PFN_WDFDRIVERCREATE(
        DriverObject: PDRIVER_OBJECT, RegistryPath: PCUNICODE_STRING, DriverAttributes: PWDF_OBJECT_ATTRIBUTES,
        DriverConfig: PWDF_DRIVER_CONFIG, Driver: *mut WDFDRIVER) -> NTSTATUS;
    #[must_use]
    WdfDriverGetRegistryPath[WdfDriverGetRegistryPathTableIndex = 117]: PFN_WDFDRIVERGETREGISTRYPATH(Driver: WDFDRIVER) -> PWSTR;

    // wdfdevice.h, wdffdo.h, wdfcontrol.h, wdffileobject.h
    WdfDeviceInitSetIoType[WdfDeviceInitSetIoTypeTableIndex = 61]: PFN_WDFDEVICEINITSETIOTYPE(
        DeviceInit: PWDFDEVICE_INIT, IoType: WDF_DEVICE_IO_TYPE);
    WdfDeviceInitSetExclusive[WdfDeviceInitSetExclusiveTableIndex = 62]: PFN_WDFDEVICEINITSETEXCLUSIVE(
        DeviceInit: PWDFDEVICE_INIT, IsExclusive: BOOLEAN);
    WdfDeviceInitSetPnpPowerEventCallbacks[WdfDeviceInitSetPnpPowerEventCallbacksTableIndex = 55]:
        PFN_WDFDEVICEINITSETPNPPOWEREVENTCALLBACKS(
        DeviceInit: PWDFDEVICE_INIT, PnpPowerEventCallbacks: PWDF_PNPPOWER_EVENT_CALLBACKS);
    WdfDeviceInitSetFileObjectConfig[WdfDeviceInitSetFileObjectConfigTableIndex = 71]: PFN_WDFDEVICEINITSETFILEOBJECTCONFIG(
        DeviceInit: PWDFDEVICE_INIT, FileObjectConfig: PWDF_FILEOBJECT_CONFIG, FileObjectAttributes: PWDF_OBJECT_ATTRIBUTES);
    WdfDeviceInitSetRequestAttributes[WdfDeviceInitSetRequestAttributesTableIndex = 72]: PFN_WDFDEVICEINITSETREQUESTATTRIBUTES(
        DeviceInit: PWDFDEVICE_INIT, RequestAttributes: PWDF_OBJECT_ATTRIBUTES);
    #[must_use]
    WdfDeviceInitAssignName[WdfDeviceInitAssignNameTableIndex = 67]: PFN_WDFDEVICEINITASSIGNNAME(
        DeviceInit: PWDFDEVICE_INIT, DeviceName: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfDeviceInitAssignSDDLString[WdfDeviceInitAssignSDDLStringTableIndex = 68]: PFN_WDFDEVICEINITASSIGNSDDLSTRING(
        DeviceInit: PWDFDEVICE_INIT, SDDLString: PCUNICODE_STRING) -> NTSTATUS;
    WdfFdoInitSetFilter[WdfFdoInitSetFilterTableIndex = 129]: PFN_WDFFDOINITSETFILTER(DeviceInit: PWDFDEVICE_INIT);
    #[must_use]
    WdfDeviceCreate[WdfDeviceCreateTableIndex = 75]: PFN_WDFDEVICECREATE(
        DeviceInit: *mut PWDFDEVICE_INIT, DeviceAttributes: PWDF_OBJECT_ATTRIBUTES, Device: *mut WDFDEVICE) -> NTSTATUS;
    #[must_use]
    WdfDeviceCreateDeviceInterface[WdfDeviceCreateDeviceInterfaceTableIndex = 77]: PFN_WDFDEVICECREATEDEVICEINTERFACE(
        Device: WDFDEVICE, InterfaceClassGUID: *const GUID, ReferenceString: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfDeviceCreateSymbolicLink[WdfDeviceCreateSymbolicLinkTableIndex = 80]: PFN_WDFDEVICECREATESYMBOLICLINK(
        Device: WDFDEVICE, SymbolicLinkName: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfDeviceGetDefaultQueue[WdfDeviceGetDefaultQueueTableIndex = 92]: PFN_WDFDEVICEGETDEFAULTQUEUE(Device: WDFDEVICE) -> WDFQUEUE;
    #[must_use]
    WdfDeviceGetIoTarget[WdfDeviceGetIoTargetTableIndex = 42]: PFN_WDFDEVICEGETIOTARGET(Device: WDFDEVICE) -> WDFIOTARGET;
    #[must_use]
    WdfDeviceConfigureRequestDispatching[WdfDeviceConfigureRequestDispatchingTableIndex = 93]:
        PFN_WDFDEVICECONFIGUREREQUESTDISPATCHING(
        Device: WDFDEVICE, Queue: WDFQUEUE, RequestType: WDF_REQUEST_TYPE) -> NTSTATUS;
    #[must_use]
    WdfControlDeviceInitAllocate[WdfControlDeviceInitAllocateTableIndex = 25]: PFN_WDFCONTROLDEVICEINITALLOCATE(
        Driver: WDFDRIVER, SDDLString: *const UNICODE_STRING) -> PWDFDEVICE_INIT;
    WdfControlFinishInitializing[WdfControlFinishInitializingTableIndex = 27]: PFN_WDFCONTROLFINISHINITIALIZING(Device: WDFDEVICE);
    WdfDeviceInitFree[WdfDeviceInitFreeTableIndex = 54]: PFN_WDFDEVICEINITFREE(DeviceInit: PWDFDEVICE_INIT);
    WdfDeviceSetFailed[WdfDeviceSetFailedTableIndex = 87]: PFN_WDFDEVICESETFAILED(
        Device: WDFDEVICE, FailedAction: WDF_DEVICE_FAILED_ACTION);
    #[must_use]
    WdfFileObjectGetDevice[WdfFileObjectGetDeviceTableIndex = 139]: PFN_WDFFILEOBJECTGETDEVICE(FileObject: WDFFILEOBJECT) -> WDFDEVICE;

    // wdfio.h
    #[must_use]
    WdfIoQueueCreate[WdfIoQueueCreateTableIndex = 152]: PFN_WDFIOQUEUECREATE(
        Device: WDFDEVICE, Config: PWDF_IO_QUEUE_CONFIG, QueueAttributes: PWDF_OBJECT_ATTRIBUTES, Queue: *mut WDFQUEUE) -> NTSTATUS;
    WdfIoQueueStart[WdfIoQueueStartTableIndex = 154]: PFN_WDFIOQUEUESTART(Queue: WDFQUEUE);
    WdfIoQueueStop[WdfIoQueueStopTableIndex = 155]: PFN_WDFIOQUEUESTOP(
        Queue: WDFQUEUE, StopComplete: PFN_WDF_IO_QUEUE_STATE, Context: WDFCONTEXT);
    WdfIoQueueStopSynchronously[WdfIoQueueStopSynchronouslyTableIndex = 156]: PFN_WDFIOQUEUESTOPSYNCHRONOUSLY(Queue: WDFQUEUE);
    #[must_use]
    WdfIoQueueGetDevice[WdfIoQueueGetDeviceTableIndex = 157]: PFN_WDFIOQUEUEGETDEVICE(Queue: WDFQUEUE) -> WDFDEVICE;
    #[must_use]
    WdfIoQueueRetrieveNextRequest[WdfIoQueueRetrieveNextRequestTableIndex = 158]: PFN_WDFIOQUEUERETRIEVENEXTREQUEST(
        Queue: WDFQUEUE, OutRequest: *mut WDFREQUEST) -> NTSTATUS;
    WdfIoQueuePurgeSynchronously[WdfIoQueuePurgeSynchronouslyTableIndex = 164]: PFN_WDFIOQUEUEPURGESYNCHRONOUSLY(Queue: WDFQUEUE);
    WdfIoQueuePurge[WdfIoQueuePurgeTableIndex = 165]: PFN_WDFIOQUEUEPURGE(
        Queue: WDFQUEUE, PurgeComplete: PFN_WDF_IO_QUEUE_STATE, Context: WDFCONTEXT);

    // wdfrequest.h
    #[must_use]
    WdfRequestSend[WdfRequestSendTableIndex = 253]: PFN_WDFREQUESTSEND(
        Request: WDFREQUEST, Target: WDFIOTARGET, Options: PWDF_REQUEST_SEND_OPTIONS) -> BOOLEAN;
    WdfRequestFormatRequestUsingCurrentType[WdfRequestFormatRequestUsingCurrentTypeTableIndex = 251]:
        PFN_WDFREQUESTFORMATREQUESTUSINGCURRENTTYPE(Request: WDFREQUEST);
    #[must_use]
    WdfRequestGetStatus[WdfRequestGetStatusTableIndex = 254]: PFN_WDFREQUESTGETSTATUS(Request: WDFREQUEST) -> NTSTATUS;
    WdfRequestMarkCancelable[WdfRequestMarkCancelableTableIndex = 255]: PFN_WDFREQUESTMARKCANCELABLE(
        Request: WDFREQUEST, EvtRequestCancel: PFN_WDF_REQUEST_CANCEL);
    #[must_use]
    WdfRequestUnmarkCancelable[WdfRequestUnmarkCancelableTableIndex = 256]: PFN_WDFREQUESTUNMARKCANCELABLE(Request: WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfRequestIsCanceled[WdfRequestIsCanceledTableIndex = 257]: PFN_WDFREQUESTISCANCELED(Request: WDFREQUEST) -> BOOLEAN;
    WdfRequestComplete[WdfRequestCompleteTableIndex = 263]: PFN_WDFREQUESTCOMPLETE(Request: WDFREQUEST, Status: NTSTATUS);
    WdfRequestCompleteWithInformation[WdfRequestCompleteWithInformationTableIndex = 265]: PFN_WDFREQUESTCOMPLETEWITHINFORMATION(
        Request: WDFREQUEST, Status: NTSTATUS, Information: ULONG_PTR);
    WdfRequestGetParameters[WdfRequestGetParametersTableIndex = 266]: PFN_WDFREQUESTGETPARAMETERS(
        Request: WDFREQUEST, Parameters: PWDF_REQUEST_PARAMETERS);
    #[must_use]
    WdfRequestRetrieveInputMemory[WdfRequestRetrieveInputMemoryTableIndex = 267]: PFN_WDFREQUESTRETRIEVEINPUTMEMORY(
        Request: WDFREQUEST, Memory: *mut WDFMEMORY) -> NTSTATUS;
    #[must_use]
    WdfRequestRetrieveOutputMemory[WdfRequestRetrieveOutputMemoryTableIndex = 268]: PFN_WDFREQUESTRETRIEVEOUTPUTMEMORY(
        Request: WDFREQUEST, Memory: *mut WDFMEMORY) -> NTSTATUS;
    #[must_use]
    WdfRequestRetrieveInputBuffer[WdfRequestRetrieveInputBufferTableIndex = 269]: PFN_WDFREQUESTRETRIEVEINPUTBUFFER(
        Request: WDFREQUEST, MinimumRequiredLength: usize, Buffer: *mut PVOID, Length: *mut usize) -> NTSTATUS;
    #[must_use]
    WdfRequestRetrieveOutputBuffer[WdfRequestRetrieveOutputBufferTableIndex = 270]: PFN_WDFREQUESTRETRIEVEOUTPUTBUFFER(
        Request: WDFREQUEST, MinimumRequiredSize: usize, Buffer: *mut PVOID, Length: *mut usize) -> NTSTATUS;
    WdfRequestSetInformation[WdfRequestSetInformationTableIndex = 275]: PFN_WDFREQUESTSETINFORMATION(
        Request: WDFREQUEST, Information: ULONG_PTR);
    #[must_use]
    WdfRequestGetInformation[WdfRequestGetInformationTableIndex = 276]: PFN_WDFREQUESTGETINFORMATION(Request: WDFREQUEST) -> ULONG_PTR;
    #[must_use]
    WdfRequestGetFileObject[WdfRequestGetFileObjectTableIndex = 277]: PFN_WDFREQUESTGETFILEOBJECT(Request: WDFREQUEST) -> WDFFILEOBJECT;
    #[must_use]
    WdfRequestGetRequestorMode[WdfRequestGetRequestorModeTableIndex = 280]: PFN_WDFREQUESTGETREQUESTORMODE(
        Request: WDFREQUEST) -> KPROCESSOR_MODE [unsupported = USER_MODE];
    #[must_use]
    WdfRequestForwardToIoQueue[WdfRequestForwardToIoQueueTableIndex = 281]: PFN_WDFREQUESTFORWARDTOIOQUEUE(
        Request: WDFREQUEST, DestinationQueue: WDFQUEUE) -> NTSTATUS;
    #[must_use]
    WdfRequestGetIoQueue[WdfRequestGetIoQueueTableIndex = 282]: PFN_WDFREQUESTGETIOQUEUE(Request: WDFREQUEST) -> WDFQUEUE;
    #[must_use]
    WdfRequestRequeue[WdfRequestRequeueTableIndex = 283]: PFN_WDFREQUESTREQUEUE(Request: WDFREQUEST) -> NTSTATUS;
    WdfRequestStopAcknowledge[WdfRequestStopAcknowledgeTableIndex = 284]: PFN_WDFREQUESTSTOPACKNOWLEDGE(
        Request: WDFREQUEST, Requeue: BOOLEAN);
    #[must_use]
    WdfRequestMarkCancelableEx[WdfRequestMarkCancelableExTableIndex = 393]: PFN_WDFREQUESTMARKCANCELABLEEX(
        Request: WDFREQUEST, EvtRequestCancel: PFN_WDF_REQUEST_CANCEL) -> NTSTATUS;

    // wdfmemory.h, wdfobject.h
    #[must_use]
    WdfMemoryCreate[WdfMemoryCreateTableIndex = 192]: PFN_WDFMEMORYCREATE(
        Attributes: PWDF_OBJECT_ATTRIBUTES, PoolType: POOL_TYPE, PoolTag: ULONG, BufferSize: usize,
        Memory: *mut WDFMEMORY, Buffer: *mut PVOID) -> NTSTATUS;
    #[must_use]
    WdfMemoryGetBuffer[WdfMemoryGetBufferTableIndex = 194]: PFN_WDFMEMORYGETBUFFER(Memory: WDFMEMORY, BufferSize: *mut usize) -> PVOID;
    #[must_use]
    WdfMemoryCopyToBuffer[WdfMemoryCopyToBufferTableIndex = 196]: PFN_WDFMEMORYCOPYTOBUFFER(
        SourceMemory: WDFMEMORY, SourceOffset: usize, Buffer: PVOID, NumBytesToCopyTo: usize) -> NTSTATUS;
    #[must_use]
    WdfMemoryCopyFromBuffer[WdfMemoryCopyFromBufferTableIndex = 197]: PFN_WDFMEMORYCOPYFROMBUFFER(
        DestinationMemory: WDFMEMORY, DestinationOffset: usize, Buffer: PVOID, NumBytesToCopyFrom: usize) -> NTSTATUS;
    #[must_use]
    WdfObjectGetTypedContextWorker[WdfObjectGetTypedContextWorkerTableIndex = 202]: PFN_WDFOBJECTGETTYPEDCONTEXTWORKER(
        Handle: WDFOBJECT, TypeInfo: PCWDF_OBJECT_CONTEXT_TYPE_INFO) -> PVOID;
    #[must_use]
    WdfObjectAllocateContext[WdfObjectAllocateContextTableIndex = 203]: PFN_WDFOBJECTALLOCATECONTEXT(
        Handle: WDFOBJECT, ContextAttributes: PWDF_OBJECT_ATTRIBUTES, Context: *mut PVOID) -> NTSTATUS;
    WdfObjectReferenceActual[WdfObjectReferenceActualTableIndex = 205]: PFN_WDFOBJECTREFERENCEACTUAL(
        Handle: WDFOBJECT, Tag: PVOID, Line: LONG, File: PCCH);
    WdfObjectDereferenceActual[WdfObjectDereferenceActualTableIndex = 206]: PFN_WDFOBJECTDEREFERENCEACTUAL(
        Handle: WDFOBJECT, Tag: PVOID, Line: LONG, File: PCCH);
    WdfObjectDelete[WdfObjectDeleteTableIndex = 208]: PFN_WDFOBJECTDELETE(Object: WDFOBJECT);

    // wdfsync.h, wdftimer.h, wdfworkitem.h
    #[must_use]
    WdfWaitLockCreate[WdfWaitLockCreateTableIndex = 312]: PFN_WDFWAITLOCKCREATE(
        LockAttributes: PWDF_OBJECT_ATTRIBUTES, Lock: *mut WDFWAITLOCK) -> NTSTATUS;
    #[must_use]
    WdfWaitLockAcquire[WdfWaitLockAcquireTableIndex = 313]: PFN_WDFWAITLOCKACQUIRE(Lock: WDFWAITLOCK, Timeout: PLONGLONG) -> NTSTATUS;
    WdfWaitLockRelease[WdfWaitLockReleaseTableIndex = 314]: PFN_WDFWAITLOCKRELEASE(Lock: WDFWAITLOCK);
    #[must_use]
    WdfSpinLockCreate[WdfSpinLockCreateTableIndex = 315]: PFN_WDFSPINLOCKCREATE(
        SpinLockAttributes: PWDF_OBJECT_ATTRIBUTES, SpinLock: *mut WDFSPINLOCK) -> NTSTATUS;
    WdfSpinLockAcquire[WdfSpinLockAcquireTableIndex = 316]: PFN_WDFSPINLOCKACQUIRE(SpinLock: WDFSPINLOCK);
    WdfSpinLockRelease[WdfSpinLockReleaseTableIndex = 317]: PFN_WDFSPINLOCKRELEASE(SpinLock: WDFSPINLOCK);
    #[must_use]
    WdfTimerCreate[WdfTimerCreateTableIndex = 318]: PFN_WDFTIMERCREATE(
        Config: PWDF_TIMER_CONFIG, Attributes: PWDF_OBJECT_ATTRIBUTES, Timer: *mut WDFTIMER) -> NTSTATUS;
    #[must_use]
    WdfTimerStart[WdfTimerStartTableIndex = 319]: PFN_WDFTIMERSTART(Timer: WDFTIMER, DueTime: LONGLONG) -> BOOLEAN;
    #[must_use]
    WdfTimerStop[WdfTimerStopTableIndex = 320]: PFN_WDFTIMERSTOP(Timer: WDFTIMER, Wait: BOOLEAN) -> BOOLEAN;
    #[must_use]
    WdfTimerGetParentObject[WdfTimerGetParentObjectTableIndex = 321]: PFN_WDFTIMERGETPARENTOBJECT(Timer: WDFTIMER) -> WDFOBJECT;
    #[must_use]
    WdfWorkItemCreate[WdfWorkItemCreateTableIndex = 379]: PFN_WDFWORKITEMCREATE(
        Config: PWDF_WORKITEM_CONFIG, Attributes: PWDF_OBJECT_ATTRIBUTES, WorkItem: *mut WDFWORKITEM) -> NTSTATUS;
    WdfWorkItemEnqueue[WdfWorkItemEnqueueTableIndex = 380]: PFN_WDFWORKITEMENQUEUE(WorkItem: WDFWORKITEM);
    #[must_use]
    WdfWorkItemGetParentObject[WdfWorkItemGetParentObjectTableIndex = 381]: PFN_WDFWORKITEMGETPARENTOBJECT(
        WorkItem: WDFWORKITEM) -> WDFOBJECT;
    WdfWorkItemFlush[WdfWorkItemFlushTableIndex = 382]: PFN_WDFWORKITEMFLUSH(WorkItem: WDFWORKITEM);
}

/// Calls a WDF function through the function table, with the driver globals prepended, exactly
/// as wdk-sys's macro of the same name: `call_unsafe_wdf_function_binding!(WdfName, args...)`.
/// The call must sit in `unsafe`; a wrong argument count or type does not compile; a result that
/// is not `()` is `#[must_use]`.
#[macro_export]
macro_rules! call_unsafe_wdf_function_binding {
    ($name:ident $(, $arg:expr)* $(,)?) => {
        $crate::wdf::__wdf_calls::$name($($arg),*)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unimplemented_entry_returns_its_result_types_failure_value() {
        assert_eq!(
            unsupported_result!(VALUE; NTSTATUS),
            crate::STATUS_NOT_IMPLEMENTED
        );
        assert_eq!(
            unsupported_result!(NAME; NTSTATUS),
            "STATUS_NOT_IMPLEMENTED"
        );
        assert_eq!(unsupported_result!(VALUE; BOOLEAN), 0);
        assert_eq!(unsupported_result!(NAME; BOOLEAN), "FALSE");
        assert!(unsupported_result!(VALUE; WDFIOTARGET).is_null());
        assert_eq!(unsupported_result!(NAME; WDFIOTARGET), "NULL");
        assert_eq!(unsupported_result!(VALUE; ULONG_PTR), 0);
        assert_eq!(unsupported_result!(NAME;), "nothing (a VOID DDI)");
    }

    #[test]
    fn an_entrys_own_failure_value_wins_over_its_result_types() {
        assert_eq!(unsupported_result!(VALUE; KPROCESSOR_MODE [USER_MODE]), 1);
        assert_eq!(
            unsupported_result!(NAME; KPROCESSOR_MODE [USER_MODE]),
            "USER_MODE"
        );
    }
}
