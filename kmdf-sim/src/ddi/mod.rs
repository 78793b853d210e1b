//! The DDI entry points: the WDF function table kmdf-sim installs for a loaded driver (one
//! `extern "C"` function per DDI, each a thin shared prologue — globals, IRQL, handle lookup —
//! then one call into the framework), and the kernel routines behind `wdk_sys::ntddk`. Each
//! entry is stored from a value of the mirror's own `PFN_WDFXXX` type, so an implementation whose
//! signature differs from the binding does not compile. An entry left empty here is a DDI kmdf-sim
//! does not implement: a call to it is a `Rule::Unsupported` report and returns the DDI's failure
//! value (the mirror's dispatcher and `KERNEL_ROUTINES.unsupported_ddi`).

use std::sync::OnceLock;

use kmdf_sim_wdk_sys as sys;
use sys::_WDFFUNCENUM as idx;

use crate::verifier::Rule;

mod control;
mod device;
mod device_state;
mod dpc;
mod etw;
mod fdo;
mod memory;
mod object;
mod queue;
mod queue_state;
mod registry;
mod request;
mod strings;
mod sync;
mod target;
mod timer;

pub(crate) use device::write_out;

/// Puts `$function` (checked against `$pfn`) at `$index`.
macro_rules! install {
    ($table:ident; $($function:path => $pfn:ident @ $index:ident;)*) => {$(
        {
            let entry: sys::$pfn = Some($function);
            let slot = usize::try_from(idx::$index).unwrap_or(usize::MAX);
            let name = stringify!($index);
            $table.names.push(name.strip_suffix("TableIndex").unwrap_or(name));
            if let Some(place) = $table.entries.get_mut(slot) {
                // SAFETY: `Option<unsafe extern "C" fn(..)>` values of any signature have the same
                // size and representation; the mirror's dispatcher transmutes this entry back to
                // exactly `$pfn` before calling it.
                *place = unsafe { core::mem::transmute::<sys::$pfn, sys::WDFFUNC>(entry) };
            }
        }
    )*};
}

/// The function table being filled, and the names of the DDIs installed in it.
struct Table {
    entries: Vec<sys::WDFFUNC>,
    names: Vec<&'static str>,
}

fn fill() -> Table {
    let count = usize::try_from(idx::WdfFunctionTableNumEntries).unwrap_or(0);
    let mut table = Table {
        entries: vec![None; count],
        names: Vec::new(),
    };
    install! { table;
        device::WdfDriverCreate => PFN_WDFDRIVERCREATE @ WdfDriverCreateTableIndex;
        device::WdfDriverGetRegistryPath => PFN_WDFDRIVERGETREGISTRYPATH @ WdfDriverGetRegistryPathTableIndex;
        device::WdfDeviceInitSetIoType => PFN_WDFDEVICEINITSETIOTYPE @ WdfDeviceInitSetIoTypeTableIndex;
        device::WdfDeviceInitSetExclusive => PFN_WDFDEVICEINITSETEXCLUSIVE @ WdfDeviceInitSetExclusiveTableIndex;
        device::WdfDeviceInitSetPnpPowerEventCallbacks => PFN_WDFDEVICEINITSETPNPPOWEREVENTCALLBACKS
            @ WdfDeviceInitSetPnpPowerEventCallbacksTableIndex;
        device::WdfDeviceInitSetFileObjectConfig => PFN_WDFDEVICEINITSETFILEOBJECTCONFIG @ WdfDeviceInitSetFileObjectConfigTableIndex;
        device::WdfDeviceInitSetRequestAttributes => PFN_WDFDEVICEINITSETREQUESTATTRIBUTES
            @ WdfDeviceInitSetRequestAttributesTableIndex;
        device::WdfFdoInitSetFilter => PFN_WDFFDOINITSETFILTER @ WdfFdoInitSetFilterTableIndex;
        fdo::WdfFdoInitWdmGetPhysicalDevice => PFN_WDFFDOINITWDMGETPHYSICALDEVICE
            @ WdfFdoInitWdmGetPhysicalDeviceTableIndex;
        fdo::WdfFdoInitQueryProperty => PFN_WDFFDOINITQUERYPROPERTY @ WdfFdoInitQueryPropertyTableIndex;
        device::WdfDeviceInitAssignSDDLString => PFN_WDFDEVICEINITASSIGNSDDLSTRING
            @ WdfDeviceInitAssignSDDLStringTableIndex;
        device::WdfDeviceInitSetCharacteristics => PFN_WDFDEVICEINITSETCHARACTERISTICS
            @ WdfDeviceInitSetCharacteristicsTableIndex;
        device::WdfDeviceCreate => PFN_WDFDEVICECREATE @ WdfDeviceCreateTableIndex;
        device::WdfDeviceCreateDeviceInterface => PFN_WDFDEVICECREATEDEVICEINTERFACE @ WdfDeviceCreateDeviceInterfaceTableIndex;
        device::WdfDeviceGetDefaultQueue => PFN_WDFDEVICEGETDEFAULTQUEUE @ WdfDeviceGetDefaultQueueTableIndex;
        device::WdfDeviceConfigureRequestDispatching => PFN_WDFDEVICECONFIGUREREQUESTDISPATCHING
            @ WdfDeviceConfigureRequestDispatchingTableIndex;
        device::WdfFileObjectGetDevice => PFN_WDFFILEOBJECTGETDEVICE @ WdfFileObjectGetDeviceTableIndex;
        device::WdfIoQueueCreate => PFN_WDFIOQUEUECREATE @ WdfIoQueueCreateTableIndex;
        device::WdfIoQueueStart => PFN_WDFIOQUEUESTART @ WdfIoQueueStartTableIndex;
        queue::WdfIoQueueStop => PFN_WDFIOQUEUESTOP @ WdfIoQueueStopTableIndex;
        queue::WdfIoQueueStopSynchronously => PFN_WDFIOQUEUESTOPSYNCHRONOUSLY @ WdfIoQueueStopSynchronouslyTableIndex;
        queue::WdfIoQueuePurge => PFN_WDFIOQUEUEPURGE @ WdfIoQueuePurgeTableIndex;
        queue::WdfIoQueuePurgeSynchronously => PFN_WDFIOQUEUEPURGESYNCHRONOUSLY @ WdfIoQueuePurgeSynchronouslyTableIndex;
        queue::WdfRequestStopAcknowledge => PFN_WDFREQUESTSTOPACKNOWLEDGE @ WdfRequestStopAcknowledgeTableIndex;
        device::WdfIoQueueGetDevice => PFN_WDFIOQUEUEGETDEVICE @ WdfIoQueueGetDeviceTableIndex;
        request::WdfIoQueueRetrieveNextRequest => PFN_WDFIOQUEUERETRIEVENEXTREQUEST @ WdfIoQueueRetrieveNextRequestTableIndex;
        request::WdfRequestGetParameters => PFN_WDFREQUESTGETPARAMETERS @ WdfRequestGetParametersTableIndex;
        request::WdfRequestRetrieveInputBuffer => PFN_WDFREQUESTRETRIEVEINPUTBUFFER @ WdfRequestRetrieveInputBufferTableIndex;
        request::WdfRequestRetrieveOutputBuffer => PFN_WDFREQUESTRETRIEVEOUTPUTBUFFER @ WdfRequestRetrieveOutputBufferTableIndex;
        request::WdfRequestRetrieveInputMemory => PFN_WDFREQUESTRETRIEVEINPUTMEMORY
            @ WdfRequestRetrieveInputMemoryTableIndex;
        request::WdfRequestRetrieveOutputMemory => PFN_WDFREQUESTRETRIEVEOUTPUTMEMORY
            @ WdfRequestRetrieveOutputMemoryTableIndex;
        request::WdfRequestComplete => PFN_WDFREQUESTCOMPLETE @ WdfRequestCompleteTableIndex;
        request::WdfRequestCompleteWithInformation => PFN_WDFREQUESTCOMPLETEWITHINFORMATION
            @ WdfRequestCompleteWithInformationTableIndex;
        request::WdfRequestSetInformation => PFN_WDFREQUESTSETINFORMATION @ WdfRequestSetInformationTableIndex;
        request::WdfRequestGetInformation => PFN_WDFREQUESTGETINFORMATION @ WdfRequestGetInformationTableIndex;
        request::WdfRequestGetIoQueue => PFN_WDFREQUESTGETIOQUEUE @ WdfRequestGetIoQueueTableIndex;
        request::WdfRequestGetFileObject => PFN_WDFREQUESTGETFILEOBJECT @ WdfRequestGetFileObjectTableIndex;
        request::WdfRequestGetRequestorMode => PFN_WDFREQUESTGETREQUESTORMODE @ WdfRequestGetRequestorModeTableIndex;
        request::WdfRequestMarkCancelableEx => PFN_WDFREQUESTMARKCANCELABLEEX @ WdfRequestMarkCancelableExTableIndex;
        request::WdfRequestUnmarkCancelable => PFN_WDFREQUESTUNMARKCANCELABLE @ WdfRequestUnmarkCancelableTableIndex;
        request::WdfRequestIsCanceled => PFN_WDFREQUESTISCANCELED @ WdfRequestIsCanceledTableIndex;
        request::WdfRequestForwardToIoQueue => PFN_WDFREQUESTFORWARDTOIOQUEUE @ WdfRequestForwardToIoQueueTableIndex;
        request::WdfRequestRequeue => PFN_WDFREQUESTREQUEUE @ WdfRequestRequeueTableIndex;
        object::WdfObjectGetTypedContextWorker => PFN_WDFOBJECTGETTYPEDCONTEXTWORKER @ WdfObjectGetTypedContextWorkerTableIndex;
        object::WdfObjectAllocateContext => PFN_WDFOBJECTALLOCATECONTEXT @ WdfObjectAllocateContextTableIndex;
        object::WdfObjectReferenceActual => PFN_WDFOBJECTREFERENCEACTUAL @ WdfObjectReferenceActualTableIndex;
        object::WdfObjectDereferenceActual => PFN_WDFOBJECTDEREFERENCEACTUAL @ WdfObjectDereferenceActualTableIndex;
        object::WdfObjectDelete => PFN_WDFOBJECTDELETE @ WdfObjectDeleteTableIndex;
        object::WdfMemoryCreate => PFN_WDFMEMORYCREATE @ WdfMemoryCreateTableIndex;
        object::WdfMemoryGetBuffer => PFN_WDFMEMORYGETBUFFER @ WdfMemoryGetBufferTableIndex;
        object::WdfMemoryCopyToBuffer => PFN_WDFMEMORYCOPYTOBUFFER @ WdfMemoryCopyToBufferTableIndex;
        object::WdfMemoryCopyFromBuffer => PFN_WDFMEMORYCOPYFROMBUFFER @ WdfMemoryCopyFromBufferTableIndex;
        object::WdfSpinLockCreate => PFN_WDFSPINLOCKCREATE @ WdfSpinLockCreateTableIndex;
        object::WdfSpinLockAcquire => PFN_WDFSPINLOCKACQUIRE @ WdfSpinLockAcquireTableIndex;
        object::WdfSpinLockRelease => PFN_WDFSPINLOCKRELEASE @ WdfSpinLockReleaseTableIndex;
        object::WdfWaitLockCreate => PFN_WDFWAITLOCKCREATE @ WdfWaitLockCreateTableIndex;
        object::WdfWaitLockAcquire => PFN_WDFWAITLOCKACQUIRE @ WdfWaitLockAcquireTableIndex;
        object::WdfWaitLockRelease => PFN_WDFWAITLOCKRELEASE @ WdfWaitLockReleaseTableIndex;
        timer::WdfTimerCreate => PFN_WDFTIMERCREATE @ WdfTimerCreateTableIndex;
        timer::WdfTimerStart => PFN_WDFTIMERSTART @ WdfTimerStartTableIndex;
        timer::WdfTimerStop => PFN_WDFTIMERSTOP @ WdfTimerStopTableIndex;
        timer::WdfTimerGetParentObject => PFN_WDFTIMERGETPARENTOBJECT @ WdfTimerGetParentObjectTableIndex;
        timer::WdfWorkItemCreate => PFN_WDFWORKITEMCREATE @ WdfWorkItemCreateTableIndex;
        timer::WdfWorkItemEnqueue => PFN_WDFWORKITEMENQUEUE @ WdfWorkItemEnqueueTableIndex;
        timer::WdfWorkItemGetParentObject => PFN_WDFWORKITEMGETPARENTOBJECT @ WdfWorkItemGetParentObjectTableIndex;
        timer::WdfWorkItemFlush => PFN_WDFWORKITEMFLUSH @ WdfWorkItemFlushTableIndex;
    }
    install_targets(&mut table);
    install_control(&mut table);
    install_more(&mut table);
    table
}

pub(crate) fn build() -> Box<[sys::WDFFUNC]> {
    fill().entries.into_boxed_slice()
}

/// The names of the DDIs the table implements.
pub(crate) fn implemented() -> Vec<&'static str> {
    fill().names
}

/// The entries of memory, strings, the driver, the registry, DPCs, queue states, objects and
/// device state (`ddi::memory`, `ddi::strings`, `ddi::registry`, `ddi::dpc`, `ddi::queue_state`,
/// `ddi::sync`, `ddi::device_state`).
fn install_more(table: &mut Table) {
    install! { table;
        memory::WdfMemoryCreatePreallocated => PFN_WDFMEMORYCREATEPREALLOCATED @ WdfMemoryCreatePreallocatedTableIndex;
        memory::WdfMemoryAssignBuffer => PFN_WDFMEMORYASSIGNBUFFER @ WdfMemoryAssignBufferTableIndex;
        memory::WdfLookasideListCreate => PFN_WDFLOOKASIDELISTCREATE @ WdfLookasideListCreateTableIndex;
        memory::WdfMemoryCreateFromLookaside => PFN_WDFMEMORYCREATEFROMLOOKASIDE @ WdfMemoryCreateFromLookasideTableIndex;
        strings::WdfStringCreate => PFN_WDFSTRINGCREATE @ WdfStringCreateTableIndex;
        strings::WdfStringGetUnicodeString => PFN_WDFSTRINGGETUNICODESTRING @ WdfStringGetUnicodeStringTableIndex;
        strings::WdfDriverRetrieveVersionString => PFN_WDFDRIVERRETRIEVEVERSIONSTRING
            @ WdfDriverRetrieveVersionStringTableIndex;
        strings::WdfDriverIsVersionAvailable => PFN_WDFDRIVERISVERSIONAVAILABLE @ WdfDriverIsVersionAvailableTableIndex;
        strings::WdfDriverWdmGetDriverObject => PFN_WDFDRIVERWDMGETDRIVEROBJECT @ WdfDriverWdmGetDriverObjectTableIndex;
        strings::WdfWdmDriverGetWdfDriverHandle => PFN_WDFWDMDRIVERGETWDFDRIVERHANDLE
            @ WdfWdmDriverGetWdfDriverHandleTableIndex;
        strings::WdfDeviceGetDriver => PFN_WDFDEVICEGETDRIVER @ WdfDeviceGetDriverTableIndex;
        strings::WdfDeviceRetrieveDeviceInterfaceString => PFN_WDFDEVICERETRIEVEDEVICEINTERFACESTRING
            @ WdfDeviceRetrieveDeviceInterfaceStringTableIndex;
        dpc::WdfDpcCreate => PFN_WDFDPCCREATE @ WdfDpcCreateTableIndex;
        dpc::WdfDpcEnqueue => PFN_WDFDPCENQUEUE @ WdfDpcEnqueueTableIndex;
        dpc::WdfDpcCancel => PFN_WDFDPCCANCEL @ WdfDpcCancelTableIndex;
        dpc::WdfDpcGetParentObject => PFN_WDFDPCGETPARENTOBJECT @ WdfDpcGetParentObjectTableIndex;
    }
    install_registry(table);
    install_states(table);
}

/// The entries of queue states, general objects and their locks, request queries and device
/// state (`ddi::queue_state`, `ddi::sync`, `ddi::device_state`).
fn install_states(table: &mut Table) {
    install! { table;
        queue_state::WdfIoQueueStopAndPurge => PFN_WDFIOQUEUESTOPANDPURGE @ WdfIoQueueStopAndPurgeTableIndex;
        queue_state::WdfIoQueueStopAndPurgeSynchronously => PFN_WDFIOQUEUESTOPANDPURGESYNCHRONOUSLY
            @ WdfIoQueueStopAndPurgeSynchronouslyTableIndex;
        queue_state::WdfIoQueueDrain => PFN_WDFIOQUEUEDRAIN @ WdfIoQueueDrainTableIndex;
        queue_state::WdfIoQueueDrainSynchronously => PFN_WDFIOQUEUEDRAINSYNCHRONOUSLY
            @ WdfIoQueueDrainSynchronouslyTableIndex;
        queue_state::WdfIoQueueGetState => PFN_WDFIOQUEUEGETSTATE @ WdfIoQueueGetStateTableIndex;
        queue_state::WdfIoQueueReadyNotify => PFN_WDFIOQUEUEREADYNOTIFY @ WdfIoQueueReadyNotifyTableIndex;
        queue_state::WdfIoQueueFindRequest => PFN_WDFIOQUEUEFINDREQUEST @ WdfIoQueueFindRequestTableIndex;
        queue_state::WdfIoQueueRetrieveFoundRequest => PFN_WDFIOQUEUERETRIEVEFOUNDREQUEST
            @ WdfIoQueueRetrieveFoundRequestTableIndex;
        queue_state::WdfIoQueueRetrieveRequestByFileObject => PFN_WDFIOQUEUERETRIEVEREQUESTBYFILEOBJECT
            @ WdfIoQueueRetrieveRequestByFileObjectTableIndex;
        sync::WdfObjectCreate => PFN_WDFOBJECTCREATE @ WdfObjectCreateTableIndex;
        sync::WdfObjectContextGetObject => PFN_WDFOBJECTCONTEXTGETOBJECT @ WdfObjectContextGetObjectTableIndex;
        sync::WdfObjectAcquireLock => PFN_WDFOBJECTACQUIRELOCK @ WdfObjectAcquireLockTableIndex;
        sync::WdfObjectReleaseLock => PFN_WDFOBJECTRELEASELOCK @ WdfObjectReleaseLockTableIndex;
        sync::WdfRequestMarkCancelable => PFN_WDFREQUESTMARKCANCELABLE @ WdfRequestMarkCancelableTableIndex;
        sync::WdfRequestIsFrom32BitProcess => PFN_WDFREQUESTISFROM32BITPROCESS @ WdfRequestIsFrom32BitProcessTableIndex;
        sync::WdfRequestGetRequestorProcessId => PFN_WDFREQUESTGETREQUESTORPROCESSID
            @ WdfRequestGetRequestorProcessIdTableIndex;
        sync::WdfRequestCompleteWithPriorityBoost => PFN_WDFREQUESTCOMPLETEWITHPRIORITYBOOST
            @ WdfRequestCompleteWithPriorityBoostTableIndex;
        device_state::WdfDeviceGetDevicePnpState => PFN_WDFDEVICEGETDEVICEPNPSTATE @ WdfDeviceGetDevicePnpStateTableIndex;
        device_state::WdfDeviceGetDevicePowerState => PFN_WDFDEVICEGETDEVICEPOWERSTATE
            @ WdfDeviceGetDevicePowerStateTableIndex;
        device_state::WdfDeviceGetDevicePowerPolicyState => PFN_WDFDEVICEGETDEVICEPOWERPOLICYSTATE
            @ WdfDeviceGetDevicePowerPolicyStateTableIndex;
        device_state::WdfDeviceSetFailed => PFN_WDFDEVICESETFAILED @ WdfDeviceSetFailedTableIndex;
        device_state::WdfDeviceSetDeviceInterfaceState => PFN_WDFDEVICESETDEVICEINTERFACESTATE
            @ WdfDeviceSetDeviceInterfaceStateTableIndex;
        device_state::WdfDeviceInitSetDeviceType => PFN_WDFDEVICEINITSETDEVICETYPE @ WdfDeviceInitSetDeviceTypeTableIndex;
        device_state::WdfDeviceInitSetPowerPageable => PFN_WDFDEVICEINITSETPOWERPAGEABLE
            @ WdfDeviceInitSetPowerPageableTableIndex;
        device_state::WdfDeviceInitSetPowerNotPageable => PFN_WDFDEVICEINITSETPOWERNOTPAGEABLE
            @ WdfDeviceInitSetPowerNotPageableTableIndex;
        device_state::WdfDeviceStopIdleNoTrack => PFN_WDFDEVICESTOPIDLENOTRACK @ WdfDeviceStopIdleNoTrackTableIndex;
        device_state::WdfDeviceResumeIdleNoTrack => PFN_WDFDEVICERESUMEIDLENOTRACK @ WdfDeviceResumeIdleNoTrackTableIndex;
        device_state::WdfDeviceStopIdleActual => PFN_WDFDEVICESTOPIDLEACTUAL @ WdfDeviceStopIdleActualTableIndex;
        device_state::WdfDeviceResumeIdleActual => PFN_WDFDEVICERESUMEIDLEACTUAL @ WdfDeviceResumeIdleActualTableIndex;
    }
}

/// The entries of the registry (`ddi::registry`).
fn install_registry(table: &mut Table) {
    install! { table;
        registry::WdfDriverOpenParametersRegistryKey => PFN_WDFDRIVEROPENPARAMETERSREGISTRYKEY
            @ WdfDriverOpenParametersRegistryKeyTableIndex;
        registry::WdfDeviceOpenRegistryKey => PFN_WDFDEVICEOPENREGISTRYKEY @ WdfDeviceOpenRegistryKeyTableIndex;
        registry::WdfRegistryOpenKey => PFN_WDFREGISTRYOPENKEY @ WdfRegistryOpenKeyTableIndex;
        registry::WdfRegistryCreateKey => PFN_WDFREGISTRYCREATEKEY @ WdfRegistryCreateKeyTableIndex;
        registry::WdfRegistryClose => PFN_WDFREGISTRYCLOSE @ WdfRegistryCloseTableIndex;
        registry::WdfRegistryRemoveKey => PFN_WDFREGISTRYREMOVEKEY @ WdfRegistryRemoveKeyTableIndex;
        registry::WdfRegistryRemoveValue => PFN_WDFREGISTRYREMOVEVALUE @ WdfRegistryRemoveValueTableIndex;
        registry::WdfRegistryQueryValue => PFN_WDFREGISTRYQUERYVALUE @ WdfRegistryQueryValueTableIndex;
        registry::WdfRegistryQueryMemory => PFN_WDFREGISTRYQUERYMEMORY @ WdfRegistryQueryMemoryTableIndex;
        registry::WdfRegistryQueryMultiString => PFN_WDFREGISTRYQUERYMULTISTRING @ WdfRegistryQueryMultiStringTableIndex;
        registry::WdfRegistryQueryUnicodeString => PFN_WDFREGISTRYQUERYUNICODESTRING
            @ WdfRegistryQueryUnicodeStringTableIndex;
        registry::WdfRegistryQueryString => PFN_WDFREGISTRYQUERYSTRING @ WdfRegistryQueryStringTableIndex;
        registry::WdfRegistryQueryULong => PFN_WDFREGISTRYQUERYULONG @ WdfRegistryQueryULongTableIndex;
        registry::WdfRegistryAssignValue => PFN_WDFREGISTRYASSIGNVALUE @ WdfRegistryAssignValueTableIndex;
        registry::WdfRegistryAssignMemory => PFN_WDFREGISTRYASSIGNMEMORY @ WdfRegistryAssignMemoryTableIndex;
        registry::WdfRegistryAssignMultiString => PFN_WDFREGISTRYASSIGNMULTISTRING
            @ WdfRegistryAssignMultiStringTableIndex;
        registry::WdfRegistryAssignUnicodeString => PFN_WDFREGISTRYASSIGNUNICODESTRING
            @ WdfRegistryAssignUnicodeStringTableIndex;
        registry::WdfRegistryAssignString => PFN_WDFREGISTRYASSIGNSTRING @ WdfRegistryAssignStringTableIndex;
        registry::WdfRegistryAssignULong => PFN_WDFREGISTRYASSIGNULONG @ WdfRegistryAssignULongTableIndex;
    }
}

/// The entries of control devices and collections (`ddi::control`).
fn install_control(table: &mut Table) {
    install! { table;
        control::WdfControlDeviceInitAllocate => PFN_WDFCONTROLDEVICEINITALLOCATE
            @ WdfControlDeviceInitAllocateTableIndex;
        control::WdfDeviceInitAssignName => PFN_WDFDEVICEINITASSIGNNAME @ WdfDeviceInitAssignNameTableIndex;
        control::WdfDeviceInitFree => PFN_WDFDEVICEINITFREE @ WdfDeviceInitFreeTableIndex;
        control::WdfDeviceCreateSymbolicLink => PFN_WDFDEVICECREATESYMBOLICLINK
            @ WdfDeviceCreateSymbolicLinkTableIndex;
        control::WdfControlFinishInitializing => PFN_WDFCONTROLFINISHINITIALIZING
            @ WdfControlFinishInitializingTableIndex;
        control::WdfCollectionCreate => PFN_WDFCOLLECTIONCREATE @ WdfCollectionCreateTableIndex;
        control::WdfCollectionGetCount => PFN_WDFCOLLECTIONGETCOUNT @ WdfCollectionGetCountTableIndex;
        control::WdfCollectionAdd => PFN_WDFCOLLECTIONADD @ WdfCollectionAddTableIndex;
        control::WdfCollectionRemove => PFN_WDFCOLLECTIONREMOVE @ WdfCollectionRemoveTableIndex;
        control::WdfCollectionRemoveItem => PFN_WDFCOLLECTIONREMOVEITEM @ WdfCollectionRemoveItemTableIndex;
        control::WdfCollectionGetItem => PFN_WDFCOLLECTIONGETITEM @ WdfCollectionGetItemTableIndex;
        control::WdfCollectionGetFirstItem => PFN_WDFCOLLECTIONGETFIRSTITEM @ WdfCollectionGetFirstItemTableIndex;
        control::WdfCollectionGetLastItem => PFN_WDFCOLLECTIONGETLASTITEM @ WdfCollectionGetLastItemTableIndex;
    }
}

/// The entries of I/O targets, sending and driver-created requests (`ddi::target`).
fn install_targets(table: &mut Table) {
    install! { table;
        target::WdfDeviceGetIoTarget => PFN_WDFDEVICEGETIOTARGET @ WdfDeviceGetIoTargetTableIndex;
        target::WdfIoTargetGetDevice => PFN_WDFIOTARGETGETDEVICE @ WdfIoTargetGetDeviceTableIndex;
        target::WdfRequestFormatRequestUsingCurrentType => PFN_WDFREQUESTFORMATREQUESTUSINGCURRENTTYPE
            @ WdfRequestFormatRequestUsingCurrentTypeTableIndex;
        target::WdfRequestSend => PFN_WDFREQUESTSEND @ WdfRequestSendTableIndex;
        target::WdfRequestGetStatus => PFN_WDFREQUESTGETSTATUS @ WdfRequestGetStatusTableIndex;
        target::WdfRequestSetCompletionRoutine => PFN_WDFREQUESTSETCOMPLETIONROUTINE
            @ WdfRequestSetCompletionRoutineTableIndex;
        target::WdfRequestGetCompletionParams => PFN_WDFREQUESTGETCOMPLETIONPARAMS
            @ WdfRequestGetCompletionParamsTableIndex;
        target::WdfRequestCancelSentRequest => PFN_WDFREQUESTCANCELSENTREQUEST
            @ WdfRequestCancelSentRequestTableIndex;
        target::WdfIoTargetCreate => PFN_WDFIOTARGETCREATE @ WdfIoTargetCreateTableIndex;
        target::WdfIoTargetOpen => PFN_WDFIOTARGETOPEN @ WdfIoTargetOpenTableIndex;
        target::WdfIoTargetClose => PFN_WDFIOTARGETCLOSE @ WdfIoTargetCloseTableIndex;
        target::WdfRequestCreate => PFN_WDFREQUESTCREATE @ WdfRequestCreateTableIndex;
        target::WdfRequestReuse => PFN_WDFREQUESTREUSE @ WdfRequestReuseTableIndex;
        target::WdfIoTargetFormatRequestForIoctl => PFN_WDFIOTARGETFORMATREQUESTFORIOCTL
            @ WdfIoTargetFormatRequestForIoctlTableIndex;
        target::WdfIoTargetFormatRequestForRead => PFN_WDFIOTARGETFORMATREQUESTFORREAD
            @ WdfIoTargetFormatRequestForReadTableIndex;
        target::WdfIoTargetFormatRequestForWrite => PFN_WDFIOTARGETFORMATREQUESTFORWRITE
            @ WdfIoTargetFormatRequestForWriteTableIndex;
        target::WdfIoTargetSendIoctlSynchronously => PFN_WDFIOTARGETSENDIOCTLSYNCHRONOUSLY
            @ WdfIoTargetSendIoctlSynchronouslyTableIndex;
        target::WdfIoTargetSendInternalIoctlSynchronously
            => PFN_WDFIOTARGETSENDINTERNALIOCTLSYNCHRONOUSLY
            @ WdfIoTargetSendInternalIoctlSynchronouslyTableIndex;
        target::WdfIoTargetSendReadSynchronously => PFN_WDFIOTARGETSENDREADSYNCHRONOUSLY
            @ WdfIoTargetSendReadSynchronouslyTableIndex;
        target::WdfIoTargetSendWriteSynchronously => PFN_WDFIOTARGETSENDWRITESYNCHRONOUSLY
            @ WdfIoTargetSendWriteSynchronouslyTableIndex;
    }
}

/// The table, built once per process and never freed.
pub(crate) fn function_table() -> *const sys::WDFFUNC {
    static TABLE: OnceLock<Box<[sys::WDFFUNC]>> = OnceLock::new();
    TABLE.get_or_init(build).as_ptr()
}

/// The kernel routines behind `wdk_sys::ntddk`.
pub(crate) static KERNEL_ROUTINES: sys::__sim::KernelRoutines = sys::__sim::KernelRoutines {
    ex_allocate_pool2: object::ex_allocate_pool2,
    ex_free_pool: object::ex_free_pool,
    ke_get_current_irql: crate::irql::ke_get_current_irql,
    ke_query_performance_counter: object::ke_query_performance_counter,
    ke_query_interrupt_time_precise: object::ke_query_interrupt_time_precise,
    debug_print: object::debug_print,
    unsupported_ddi,
    etw_register: etw::etw_register,
    etw_unregister: etw::etw_unregister,
    etw_enabled: etw::etw_enabled,
    etw_write: etw::etw_write,
};

/// The `unsupported_ddi` hook of the mirror's kernel routines: records [`Rule::Unsupported`]
/// for a call through an empty WDF function table entry. The mirror's dispatcher then returns the
/// DDI's failure value to the driver.
pub(crate) fn unsupported_ddi(ddi: sys::__sim::UnsupportedDdi) {
    let sim = crate::state::current_for_kernel(ddi.name);
    sim.violation(
        Rule::Unsupported,
        ddi.name,
        format!("WdfFunctions[{}]", ddi.index),
        format!(
            "kmdf-sim does not implement this DDI yet; the driver got {}",
            ddi.returned
        ),
    );
}
