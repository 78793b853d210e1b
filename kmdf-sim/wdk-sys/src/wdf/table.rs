// The KMDF 1.33 function table, one entry per function: `Name[NameTableIndex = index]:
// PFN_NAME(parameters after DriverGlobals) -> result`. Grouped by the header that declares the
// function, in index order within each group. Prototypes: the `PFN_WDF*` typedefs of the KMDF 1.33
// headers and the DDI pages "<Name> function (<header>)"; indices: wdffuncenum.h (KMDF 1.33).
wdf_functions! {
    // wdfcollection.h
    #[must_use]
    WdfCollectionCreate[WdfCollectionCreateTableIndex = 13]: PFN_WDFCOLLECTIONCREATE(
        CollectionAttributes: PWDF_OBJECT_ATTRIBUTES, Collection: *mut WDFCOLLECTION) -> NTSTATUS;
    #[must_use]
    WdfCollectionGetCount[WdfCollectionGetCountTableIndex = 14]: PFN_WDFCOLLECTIONGETCOUNT(Collection: WDFCOLLECTION) -> ULONG;
    #[must_use]
    WdfCollectionAdd[WdfCollectionAddTableIndex = 15]: PFN_WDFCOLLECTIONADD(Collection: WDFCOLLECTION, Object: WDFOBJECT) -> NTSTATUS;
    WdfCollectionRemove[WdfCollectionRemoveTableIndex = 16]: PFN_WDFCOLLECTIONREMOVE(Collection: WDFCOLLECTION, Item: WDFOBJECT);
    WdfCollectionRemoveItem[WdfCollectionRemoveItemTableIndex = 17]: PFN_WDFCOLLECTIONREMOVEITEM(Collection: WDFCOLLECTION, Index: ULONG);
    #[must_use]
    WdfCollectionGetItem[WdfCollectionGetItemTableIndex = 18]: PFN_WDFCOLLECTIONGETITEM(Collection: WDFCOLLECTION, Index: ULONG) -> WDFOBJECT;
    #[must_use]
    WdfCollectionGetFirstItem[WdfCollectionGetFirstItemTableIndex = 19]: PFN_WDFCOLLECTIONGETFIRSTITEM(Collection: WDFCOLLECTION) -> WDFOBJECT;
    #[must_use]
    WdfCollectionGetLastItem[WdfCollectionGetLastItemTableIndex = 20]: PFN_WDFCOLLECTIONGETLASTITEM(Collection: WDFCOLLECTION) -> WDFOBJECT;

    // wdfdpc.h
    #[must_use]
    WdfDpcCreate[WdfDpcCreateTableIndex = 111]: PFN_WDFDPCCREATE(
        Config: PWDF_DPC_CONFIG, Attributes: PWDF_OBJECT_ATTRIBUTES, Dpc: *mut WDFDPC) -> NTSTATUS;
    #[must_use]
    WdfDpcEnqueue[WdfDpcEnqueueTableIndex = 112]: PFN_WDFDPCENQUEUE(Dpc: WDFDPC) -> BOOLEAN;
    #[must_use]
    WdfDpcCancel[WdfDpcCancelTableIndex = 113]: PFN_WDFDPCCANCEL(Dpc: WDFDPC, Wait: BOOLEAN) -> BOOLEAN;
    #[must_use]
    WdfDpcGetParentObject[WdfDpcGetParentObjectTableIndex = 114]: PFN_WDFDPCGETPARENTOBJECT(Dpc: WDFDPC) -> WDFOBJECT;
    #[must_use]
    WdfDpcWdmGetDpc[WdfDpcWdmGetDpcTableIndex = 115]: PFN_WDFDPCWDMGETDPC(Dpc: WDFDPC) -> PKDPC;

    // wdfio.h
    #[must_use]
    WdfIoQueueCreate[WdfIoQueueCreateTableIndex = 152]: PFN_WDFIOQUEUECREATE(
        Device: WDFDEVICE, Config: PWDF_IO_QUEUE_CONFIG, QueueAttributes: PWDF_OBJECT_ATTRIBUTES, Queue: *mut WDFQUEUE) -> NTSTATUS;
    #[must_use]
    WdfIoQueueGetState[WdfIoQueueGetStateTableIndex = 153]: PFN_WDFIOQUEUEGETSTATE(
        Queue: WDFQUEUE, QueueRequests: PULONG, DriverRequests: PULONG) -> WDF_IO_QUEUE_STATE [unsupported = NO_QUEUE_STATE];
    WdfIoQueueStart[WdfIoQueueStartTableIndex = 154]: PFN_WDFIOQUEUESTART(Queue: WDFQUEUE);
    WdfIoQueueStop[WdfIoQueueStopTableIndex = 155]: PFN_WDFIOQUEUESTOP(
        Queue: WDFQUEUE, StopComplete: PFN_WDF_IO_QUEUE_STATE, Context: WDFCONTEXT);
    WdfIoQueueStopSynchronously[WdfIoQueueStopSynchronouslyTableIndex = 156]: PFN_WDFIOQUEUESTOPSYNCHRONOUSLY(Queue: WDFQUEUE);
    #[must_use]
    WdfIoQueueGetDevice[WdfIoQueueGetDeviceTableIndex = 157]: PFN_WDFIOQUEUEGETDEVICE(Queue: WDFQUEUE) -> WDFDEVICE;
    #[must_use]
    WdfIoQueueRetrieveNextRequest[WdfIoQueueRetrieveNextRequestTableIndex = 158]: PFN_WDFIOQUEUERETRIEVENEXTREQUEST(
        Queue: WDFQUEUE, OutRequest: *mut WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfIoQueueRetrieveRequestByFileObject[WdfIoQueueRetrieveRequestByFileObjectTableIndex = 159]:
        PFN_WDFIOQUEUERETRIEVEREQUESTBYFILEOBJECT(
        Queue: WDFQUEUE, FileObject: WDFFILEOBJECT, OutRequest: *mut WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfIoQueueFindRequest[WdfIoQueueFindRequestTableIndex = 160]: PFN_WDFIOQUEUEFINDREQUEST(
        Queue: WDFQUEUE, FoundRequest: WDFREQUEST, FileObject: WDFFILEOBJECT, Parameters: PWDF_REQUEST_PARAMETERS,
        OutRequest: *mut WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfIoQueueRetrieveFoundRequest[WdfIoQueueRetrieveFoundRequestTableIndex = 161]: PFN_WDFIOQUEUERETRIEVEFOUNDREQUEST(
        Queue: WDFQUEUE, FoundRequest: WDFREQUEST, OutRequest: *mut WDFREQUEST) -> NTSTATUS;
    WdfIoQueueDrainSynchronously[WdfIoQueueDrainSynchronouslyTableIndex = 162]: PFN_WDFIOQUEUEDRAINSYNCHRONOUSLY(Queue: WDFQUEUE);
    WdfIoQueueDrain[WdfIoQueueDrainTableIndex = 163]: PFN_WDFIOQUEUEDRAIN(
        Queue: WDFQUEUE, DrainComplete: PFN_WDF_IO_QUEUE_STATE, Context: WDFCONTEXT);
    WdfIoQueuePurgeSynchronously[WdfIoQueuePurgeSynchronouslyTableIndex = 164]: PFN_WDFIOQUEUEPURGESYNCHRONOUSLY(Queue: WDFQUEUE);
    WdfIoQueuePurge[WdfIoQueuePurgeTableIndex = 165]: PFN_WDFIOQUEUEPURGE(
        Queue: WDFQUEUE, PurgeComplete: PFN_WDF_IO_QUEUE_STATE, Context: WDFCONTEXT);
    #[must_use]
    WdfIoQueueReadyNotify[WdfIoQueueReadyNotifyTableIndex = 166]: PFN_WDFIOQUEUEREADYNOTIFY(
        Queue: WDFQUEUE, QueueReady: PFN_WDF_IO_QUEUE_STATE, Context: WDFCONTEXT) -> NTSTATUS;
    #[must_use]
    WdfIoQueueAssignForwardProgressPolicy[WdfIoQueueAssignForwardProgressPolicyTableIndex = 390]:
        PFN_WDFIOQUEUEASSIGNFORWARDPROGRESSPOLICY(
        Queue: WDFQUEUE, ForwardProgressPolicy: PWDF_IO_QUEUE_FORWARD_PROGRESS_POLICY) -> NTSTATUS;
    WdfIoQueueStopAndPurge[WdfIoQueueStopAndPurgeTableIndex = 418]: PFN_WDFIOQUEUESTOPANDPURGE(
        Queue: WDFQUEUE, StopAndPurgeComplete: PFN_WDF_IO_QUEUE_STATE, Context: WDFCONTEXT);
    WdfIoQueueStopAndPurgeSynchronously[WdfIoQueueStopAndPurgeSynchronouslyTableIndex = 419]:
        PFN_WDFIOQUEUESTOPANDPURGESYNCHRONOUSLY(Queue: WDFQUEUE);

    // wdfiotarget.h
    #[must_use]
    WdfIoTargetCreate[WdfIoTargetCreateTableIndex = 167]: PFN_WDFIOTARGETCREATE(
        Device: WDFDEVICE, IoTargetAttributes: PWDF_OBJECT_ATTRIBUTES, IoTarget: *mut WDFIOTARGET) -> NTSTATUS;
    #[must_use]
    WdfIoTargetOpen[WdfIoTargetOpenTableIndex = 168]: PFN_WDFIOTARGETOPEN(
        IoTarget: WDFIOTARGET, OpenParams: PWDF_IO_TARGET_OPEN_PARAMS) -> NTSTATUS;
    WdfIoTargetCloseForQueryRemove[WdfIoTargetCloseForQueryRemoveTableIndex = 169]: PFN_WDFIOTARGETCLOSEFORQUERYREMOVE(
        IoTarget: WDFIOTARGET);
    WdfIoTargetClose[WdfIoTargetCloseTableIndex = 170]: PFN_WDFIOTARGETCLOSE(IoTarget: WDFIOTARGET);
    #[must_use]
    WdfIoTargetStart[WdfIoTargetStartTableIndex = 171]: PFN_WDFIOTARGETSTART(IoTarget: WDFIOTARGET) -> NTSTATUS;
    WdfIoTargetStop[WdfIoTargetStopTableIndex = 172]: PFN_WDFIOTARGETSTOP(
        IoTarget: WDFIOTARGET, Action: WDF_IO_TARGET_SENT_IO_ACTION);
    #[must_use]
    WdfIoTargetGetState[WdfIoTargetGetStateTableIndex = 173]: PFN_WDFIOTARGETGETSTATE(
        IoTarget: WDFIOTARGET) -> WDF_IO_TARGET_STATE [unsupported = _WDF_IO_TARGET_STATE::WdfIoTargetStateUndefined];
    #[must_use]
    WdfIoTargetGetDevice[WdfIoTargetGetDeviceTableIndex = 174]: PFN_WDFIOTARGETGETDEVICE(IoTarget: WDFIOTARGET) -> WDFDEVICE;
    #[must_use]
    WdfIoTargetQueryTargetProperty[WdfIoTargetQueryTargetPropertyTableIndex = 175]: PFN_WDFIOTARGETQUERYTARGETPROPERTY(
        IoTarget: WDFIOTARGET, DeviceProperty: DEVICE_REGISTRY_PROPERTY::Type, BufferLength: ULONG, PropertyBuffer: PVOID,
        ResultLength: PULONG) -> NTSTATUS;
    #[must_use]
    WdfIoTargetAllocAndQueryTargetProperty[WdfIoTargetAllocAndQueryTargetPropertyTableIndex = 176]:
        PFN_WDFIOTARGETALLOCANDQUERYTARGETPROPERTY(
        IoTarget: WDFIOTARGET, DeviceProperty: DEVICE_REGISTRY_PROPERTY::Type, PoolType: POOL_TYPE,
        PropertyMemoryAttributes: PWDF_OBJECT_ATTRIBUTES, PropertyMemory: *mut WDFMEMORY) -> NTSTATUS;
    #[must_use]
    WdfIoTargetQueryForInterface[WdfIoTargetQueryForInterfaceTableIndex = 177]: PFN_WDFIOTARGETQUERYFORINTERFACE(
        IoTarget: WDFIOTARGET, InterfaceType: LPCGUID, Interface: PINTERFACE, Size: USHORT, Version: USHORT,
        InterfaceSpecificData: PVOID) -> NTSTATUS;
    #[must_use]
    WdfIoTargetWdmGetTargetDeviceObject[WdfIoTargetWdmGetTargetDeviceObjectTableIndex = 178]:
        PFN_WDFIOTARGETWDMGETTARGETDEVICEOBJECT(IoTarget: WDFIOTARGET) -> PDEVICE_OBJECT;
    #[must_use]
    WdfIoTargetWdmGetTargetPhysicalDevice[WdfIoTargetWdmGetTargetPhysicalDeviceTableIndex = 179]:
        PFN_WDFIOTARGETWDMGETTARGETPHYSICALDEVICE(IoTarget: WDFIOTARGET) -> PDEVICE_OBJECT;
    #[must_use]
    WdfIoTargetWdmGetTargetFileObject[WdfIoTargetWdmGetTargetFileObjectTableIndex = 180]:
        PFN_WDFIOTARGETWDMGETTARGETFILEOBJECT(IoTarget: WDFIOTARGET) -> PFILE_OBJECT;
    #[must_use]
    WdfIoTargetWdmGetTargetFileHandle[WdfIoTargetWdmGetTargetFileHandleTableIndex = 181]:
        PFN_WDFIOTARGETWDMGETTARGETFILEHANDLE(IoTarget: WDFIOTARGET) -> HANDLE;
    #[must_use]
    WdfIoTargetSendReadSynchronously[WdfIoTargetSendReadSynchronouslyTableIndex = 182]: PFN_WDFIOTARGETSENDREADSYNCHRONOUSLY(
        IoTarget: WDFIOTARGET, Request: WDFREQUEST, OutputBuffer: PWDF_MEMORY_DESCRIPTOR, DeviceOffset: PLONGLONG,
        RequestOptions: PWDF_REQUEST_SEND_OPTIONS, BytesRead: PULONG_PTR) -> NTSTATUS;
    #[must_use]
    WdfIoTargetFormatRequestForRead[WdfIoTargetFormatRequestForReadTableIndex = 183]: PFN_WDFIOTARGETFORMATREQUESTFORREAD(
        IoTarget: WDFIOTARGET, Request: WDFREQUEST, OutputBuffer: WDFMEMORY, OutputBufferOffset: PWDFMEMORY_OFFSET,
        DeviceOffset: PLONGLONG) -> NTSTATUS;
    #[must_use]
    WdfIoTargetSendWriteSynchronously[WdfIoTargetSendWriteSynchronouslyTableIndex = 184]: PFN_WDFIOTARGETSENDWRITESYNCHRONOUSLY(
        IoTarget: WDFIOTARGET, Request: WDFREQUEST, InputBuffer: PWDF_MEMORY_DESCRIPTOR, DeviceOffset: PLONGLONG,
        RequestOptions: PWDF_REQUEST_SEND_OPTIONS, BytesWritten: PULONG_PTR) -> NTSTATUS;
    #[must_use]
    WdfIoTargetFormatRequestForWrite[WdfIoTargetFormatRequestForWriteTableIndex = 185]: PFN_WDFIOTARGETFORMATREQUESTFORWRITE(
        IoTarget: WDFIOTARGET, Request: WDFREQUEST, InputBuffer: WDFMEMORY, InputBufferOffset: PWDFMEMORY_OFFSET,
        DeviceOffset: PLONGLONG) -> NTSTATUS;
    #[must_use]
    WdfIoTargetSendIoctlSynchronously[WdfIoTargetSendIoctlSynchronouslyTableIndex = 186]: PFN_WDFIOTARGETSENDIOCTLSYNCHRONOUSLY(
        IoTarget: WDFIOTARGET, Request: WDFREQUEST, IoctlCode: ULONG, InputBuffer: PWDF_MEMORY_DESCRIPTOR,
        OutputBuffer: PWDF_MEMORY_DESCRIPTOR, RequestOptions: PWDF_REQUEST_SEND_OPTIONS, BytesReturned: PULONG_PTR) -> NTSTATUS;
    #[must_use]
    WdfIoTargetFormatRequestForIoctl[WdfIoTargetFormatRequestForIoctlTableIndex = 187]: PFN_WDFIOTARGETFORMATREQUESTFORIOCTL(
        IoTarget: WDFIOTARGET, Request: WDFREQUEST, IoctlCode: ULONG, InputBuffer: WDFMEMORY, InputBufferOffset: PWDFMEMORY_OFFSET,
        OutputBuffer: WDFMEMORY, OutputBufferOffset: PWDFMEMORY_OFFSET) -> NTSTATUS;
    #[must_use]
    WdfIoTargetSendInternalIoctlSynchronously[WdfIoTargetSendInternalIoctlSynchronouslyTableIndex = 188]:
        PFN_WDFIOTARGETSENDINTERNALIOCTLSYNCHRONOUSLY(
        IoTarget: WDFIOTARGET, Request: WDFREQUEST, IoctlCode: ULONG, InputBuffer: PWDF_MEMORY_DESCRIPTOR,
        OutputBuffer: PWDF_MEMORY_DESCRIPTOR, RequestOptions: PWDF_REQUEST_SEND_OPTIONS, BytesReturned: PULONG_PTR) -> NTSTATUS;
    #[must_use]
    WdfIoTargetFormatRequestForInternalIoctl[WdfIoTargetFormatRequestForInternalIoctlTableIndex = 189]:
        PFN_WDFIOTARGETFORMATREQUESTFORINTERNALIOCTL(
        IoTarget: WDFIOTARGET, Request: WDFREQUEST, IoctlCode: ULONG, InputBuffer: WDFMEMORY, InputBufferOffset: PWDFMEMORY_OFFSET,
        OutputBuffer: WDFMEMORY, OutputBufferOffset: PWDFMEMORY_OFFSET) -> NTSTATUS;
    #[must_use]
    WdfIoTargetSendInternalIoctlOthersSynchronously[WdfIoTargetSendInternalIoctlOthersSynchronouslyTableIndex = 190]:
        PFN_WDFIOTARGETSENDINTERNALIOCTLOTHERSSYNCHRONOUSLY(
        IoTarget: WDFIOTARGET, Request: WDFREQUEST, IoctlCode: ULONG, OtherArg1: PWDF_MEMORY_DESCRIPTOR,
        OtherArg2: PWDF_MEMORY_DESCRIPTOR, OtherArg4: PWDF_MEMORY_DESCRIPTOR, RequestOptions: PWDF_REQUEST_SEND_OPTIONS,
        BytesReturned: PULONG_PTR) -> NTSTATUS;
    #[must_use]
    WdfIoTargetFormatRequestForInternalIoctlOthers[WdfIoTargetFormatRequestForInternalIoctlOthersTableIndex = 191]:
        PFN_WDFIOTARGETFORMATREQUESTFORINTERNALIOCTLOTHERS(
        IoTarget: WDFIOTARGET, Request: WDFREQUEST, IoctlCode: ULONG, OtherArg1: WDFMEMORY, OtherArg1Offset: PWDFMEMORY_OFFSET,
        OtherArg2: WDFMEMORY, OtherArg2Offset: PWDFMEMORY_OFFSET, OtherArg4: WDFMEMORY, OtherArg4Offset: PWDFMEMORY_OFFSET) -> NTSTATUS;
    WdfIoTargetPurge[WdfIoTargetPurgeTableIndex = 420]: PFN_WDFIOTARGETPURGE(
        IoTarget: WDFIOTARGET, Action: WDF_IO_TARGET_PURGE_IO_ACTION);

    // wdfmemory.h
    #[must_use]
    WdfMemoryCreate[WdfMemoryCreateTableIndex = 192]: PFN_WDFMEMORYCREATE(
        Attributes: PWDF_OBJECT_ATTRIBUTES, PoolType: POOL_TYPE, PoolTag: ULONG, BufferSize: usize,
        Memory: *mut WDFMEMORY, Buffer: *mut PVOID) -> NTSTATUS;
    #[must_use]
    WdfMemoryCreatePreallocated[WdfMemoryCreatePreallocatedTableIndex = 193]: PFN_WDFMEMORYCREATEPREALLOCATED(
        Attributes: PWDF_OBJECT_ATTRIBUTES, Buffer: PVOID, BufferSize: usize, Memory: *mut WDFMEMORY) -> NTSTATUS;
    #[must_use]
    WdfMemoryGetBuffer[WdfMemoryGetBufferTableIndex = 194]: PFN_WDFMEMORYGETBUFFER(Memory: WDFMEMORY, BufferSize: *mut usize) -> PVOID;
    #[must_use]
    WdfMemoryAssignBuffer[WdfMemoryAssignBufferTableIndex = 195]: PFN_WDFMEMORYASSIGNBUFFER(
        Memory: WDFMEMORY, Buffer: PVOID, BufferSize: usize) -> NTSTATUS;
    #[must_use]
    WdfMemoryCopyToBuffer[WdfMemoryCopyToBufferTableIndex = 196]: PFN_WDFMEMORYCOPYTOBUFFER(
        SourceMemory: WDFMEMORY, SourceOffset: usize, Buffer: PVOID, NumBytesToCopyTo: usize) -> NTSTATUS;
    #[must_use]
    WdfMemoryCopyFromBuffer[WdfMemoryCopyFromBufferTableIndex = 197]: PFN_WDFMEMORYCOPYFROMBUFFER(
        DestinationMemory: WDFMEMORY, DestinationOffset: usize, Buffer: PVOID, NumBytesToCopyFrom: usize) -> NTSTATUS;
    #[must_use]
    WdfLookasideListCreate[WdfLookasideListCreateTableIndex = 198]: PFN_WDFLOOKASIDELISTCREATE(
        LookasideAttributes: PWDF_OBJECT_ATTRIBUTES, BufferSize: usize, PoolType: POOL_TYPE,
        MemoryAttributes: PWDF_OBJECT_ATTRIBUTES, PoolTag: ULONG, Lookaside: *mut WDFLOOKASIDE) -> NTSTATUS;
    #[must_use]
    WdfMemoryCreateFromLookaside[WdfMemoryCreateFromLookasideTableIndex = 199]: PFN_WDFMEMORYCREATEFROMLOOKASIDE(
        Lookaside: WDFLOOKASIDE, Memory: *mut WDFMEMORY) -> NTSTATUS;

    // wdfrequest.h
    #[must_use]
    WdfRequestCreate[WdfRequestCreateTableIndex = 247]: PFN_WDFREQUESTCREATE(
        RequestAttributes: PWDF_OBJECT_ATTRIBUTES, IoTarget: WDFIOTARGET, Request: *mut WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfRequestCreateFromIrp[WdfRequestCreateFromIrpTableIndex = 248]: PFN_WDFREQUESTCREATEFROMIRP(
        RequestAttributes: PWDF_OBJECT_ATTRIBUTES, Irp: PIRP, RequestFreesIrp: BOOLEAN, Request: *mut WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfRequestReuse[WdfRequestReuseTableIndex = 249]: PFN_WDFREQUESTREUSE(
        Request: WDFREQUEST, ReuseParams: PWDF_REQUEST_REUSE_PARAMS) -> NTSTATUS;
    #[must_use]
    WdfRequestChangeTarget[WdfRequestChangeTargetTableIndex = 250]: PFN_WDFREQUESTCHANGETARGET(
        Request: WDFREQUEST, IoTarget: WDFIOTARGET) -> NTSTATUS;
    WdfRequestFormatRequestUsingCurrentType[WdfRequestFormatRequestUsingCurrentTypeTableIndex = 251]:
        PFN_WDFREQUESTFORMATREQUESTUSINGCURRENTTYPE(Request: WDFREQUEST);
    WdfRequestWdmFormatUsingStackLocation[WdfRequestWdmFormatUsingStackLocationTableIndex = 252]:
        PFN_WDFREQUESTWDMFORMATUSINGSTACKLOCATION(Request: WDFREQUEST, Stack: PIO_STACK_LOCATION);
    #[must_use]
    WdfRequestSend[WdfRequestSendTableIndex = 253]: PFN_WDFREQUESTSEND(
        Request: WDFREQUEST, Target: WDFIOTARGET, Options: PWDF_REQUEST_SEND_OPTIONS) -> BOOLEAN;
    #[must_use]
    WdfRequestGetStatus[WdfRequestGetStatusTableIndex = 254]: PFN_WDFREQUESTGETSTATUS(Request: WDFREQUEST) -> NTSTATUS;
    WdfRequestMarkCancelable[WdfRequestMarkCancelableTableIndex = 255]: PFN_WDFREQUESTMARKCANCELABLE(
        Request: WDFREQUEST, EvtRequestCancel: PFN_WDF_REQUEST_CANCEL);
    #[must_use]
    WdfRequestUnmarkCancelable[WdfRequestUnmarkCancelableTableIndex = 256]: PFN_WDFREQUESTUNMARKCANCELABLE(Request: WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfRequestIsCanceled[WdfRequestIsCanceledTableIndex = 257]: PFN_WDFREQUESTISCANCELED(Request: WDFREQUEST) -> BOOLEAN;
    #[must_use]
    WdfRequestCancelSentRequest[WdfRequestCancelSentRequestTableIndex = 258]: PFN_WDFREQUESTCANCELSENTREQUEST(
        Request: WDFREQUEST) -> BOOLEAN;
    #[must_use]
    WdfRequestIsFrom32BitProcess[WdfRequestIsFrom32BitProcessTableIndex = 259]: PFN_WDFREQUESTISFROM32BITPROCESS(
        Request: WDFREQUEST) -> BOOLEAN;
    WdfRequestSetCompletionRoutine[WdfRequestSetCompletionRoutineTableIndex = 260]: PFN_WDFREQUESTSETCOMPLETIONROUTINE(
        Request: WDFREQUEST, CompletionRoutine: PFN_WDF_REQUEST_COMPLETION_ROUTINE, CompletionContext: WDFCONTEXT);
    WdfRequestGetCompletionParams[WdfRequestGetCompletionParamsTableIndex = 261]: PFN_WDFREQUESTGETCOMPLETIONPARAMS(
        Request: WDFREQUEST, Params: PWDF_REQUEST_COMPLETION_PARAMS);
    #[must_use]
    WdfRequestAllocateTimer[WdfRequestAllocateTimerTableIndex = 262]: PFN_WDFREQUESTALLOCATETIMER(Request: WDFREQUEST) -> NTSTATUS;
    WdfRequestComplete[WdfRequestCompleteTableIndex = 263]: PFN_WDFREQUESTCOMPLETE(Request: WDFREQUEST, Status: NTSTATUS);
    WdfRequestCompleteWithPriorityBoost[WdfRequestCompleteWithPriorityBoostTableIndex = 264]:
        PFN_WDFREQUESTCOMPLETEWITHPRIORITYBOOST(Request: WDFREQUEST, Status: NTSTATUS, PriorityBoost: CCHAR);
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
    #[must_use]
    WdfRequestRetrieveInputWdmMdl[WdfRequestRetrieveInputWdmMdlTableIndex = 271]: PFN_WDFREQUESTRETRIEVEINPUTWDMMDL(
        Request: WDFREQUEST, Mdl: *mut PMDL) -> NTSTATUS;
    #[must_use]
    WdfRequestRetrieveOutputWdmMdl[WdfRequestRetrieveOutputWdmMdlTableIndex = 272]: PFN_WDFREQUESTRETRIEVEOUTPUTWDMMDL(
        Request: WDFREQUEST, Mdl: *mut PMDL) -> NTSTATUS;
    #[must_use]
    WdfRequestRetrieveUnsafeUserInputBuffer[WdfRequestRetrieveUnsafeUserInputBufferTableIndex = 273]:
        PFN_WDFREQUESTRETRIEVEUNSAFEUSERINPUTBUFFER(
        Request: WDFREQUEST, MinimumRequiredLength: usize, InputBuffer: *mut PVOID, Length: *mut usize) -> NTSTATUS;
    #[must_use]
    WdfRequestRetrieveUnsafeUserOutputBuffer[WdfRequestRetrieveUnsafeUserOutputBufferTableIndex = 274]:
        PFN_WDFREQUESTRETRIEVEUNSAFEUSEROUTPUTBUFFER(
        Request: WDFREQUEST, MinimumRequiredLength: usize, OutputBuffer: *mut PVOID, Length: *mut usize) -> NTSTATUS;
    WdfRequestSetInformation[WdfRequestSetInformationTableIndex = 275]: PFN_WDFREQUESTSETINFORMATION(
        Request: WDFREQUEST, Information: ULONG_PTR);
    #[must_use]
    WdfRequestGetInformation[WdfRequestGetInformationTableIndex = 276]: PFN_WDFREQUESTGETINFORMATION(Request: WDFREQUEST) -> ULONG_PTR;
    #[must_use]
    WdfRequestGetFileObject[WdfRequestGetFileObjectTableIndex = 277]: PFN_WDFREQUESTGETFILEOBJECT(Request: WDFREQUEST) -> WDFFILEOBJECT;
    #[must_use]
    WdfRequestProbeAndLockUserBufferForRead[WdfRequestProbeAndLockUserBufferForReadTableIndex = 278]:
        PFN_WDFREQUESTPROBEANDLOCKUSERBUFFERFORREAD(
        Request: WDFREQUEST, Buffer: PVOID, Length: usize, MemoryObject: *mut WDFMEMORY) -> NTSTATUS;
    #[must_use]
    WdfRequestProbeAndLockUserBufferForWrite[WdfRequestProbeAndLockUserBufferForWriteTableIndex = 279]:
        PFN_WDFREQUESTPROBEANDLOCKUSERBUFFERFORWRITE(
        Request: WDFREQUEST, Buffer: PVOID, Length: usize, MemoryObject: *mut WDFMEMORY) -> NTSTATUS;
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
    WdfRequestWdmGetIrp[WdfRequestWdmGetIrpTableIndex = 285]: PFN_WDFREQUESTWDMGETIRP(Request: WDFREQUEST) -> PIRP;
    #[must_use]
    WdfRequestMarkCancelableEx[WdfRequestMarkCancelableExTableIndex = 393]: PFN_WDFREQUESTMARKCANCELABLEEX(
        Request: WDFREQUEST, EvtRequestCancel: PFN_WDF_REQUEST_CANCEL) -> NTSTATUS;
    #[must_use]
    WdfRequestIsReserved[WdfRequestIsReservedTableIndex = 394]: PFN_WDFREQUESTISRESERVED(Request: WDFREQUEST) -> BOOLEAN;
    #[must_use]
    WdfRequestForwardToParentDeviceIoQueue[WdfRequestForwardToParentDeviceIoQueueTableIndex = 395]:
        PFN_WDFREQUESTFORWARDTOPARENTDEVICEIOQUEUE(
        Request: WDFREQUEST, ParentDeviceQueue: WDFQUEUE, ForwardOptions: PWDF_REQUEST_FORWARD_OPTIONS) -> NTSTATUS;
    #[must_use]
    WdfRequestGetRequestorProcessId[WdfRequestGetRequestorProcessIdTableIndex = 447]: PFN_WDFREQUESTGETREQUESTORPROCESSID(
        Request: WDFREQUEST) -> ULONG;

    // wdfsync.h
    WdfObjectAcquireLock[WdfObjectAcquireLockTableIndex = 310]: PFN_WDFOBJECTACQUIRELOCK(Object: WDFOBJECT);
    WdfObjectReleaseLock[WdfObjectReleaseLockTableIndex = 311]: PFN_WDFOBJECTRELEASELOCK(Object: WDFOBJECT);
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

    // wdfobject.h
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

    // wdftimer.h, wdfworkitem.h
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
