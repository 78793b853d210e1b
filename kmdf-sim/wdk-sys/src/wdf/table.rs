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

    // wdfcommonbuffer.h
    #[must_use]
    WdfCommonBufferCreate[WdfCommonBufferCreateTableIndex = 21]: PFN_WDFCOMMONBUFFERCREATE(
        DmaEnabler: WDFDMAENABLER, Length: usize, Attributes: PWDF_OBJECT_ATTRIBUTES, CommonBuffer: *mut WDFCOMMONBUFFER)
        -> NTSTATUS;
    #[must_use]
    WdfCommonBufferGetAlignedVirtualAddress[WdfCommonBufferGetAlignedVirtualAddressTableIndex = 22]:
        PFN_WDFCOMMONBUFFERGETALIGNEDVIRTUALADDRESS(CommonBuffer: WDFCOMMONBUFFER) -> PVOID;
    #[must_use]
    WdfCommonBufferGetAlignedLogicalAddress[WdfCommonBufferGetAlignedLogicalAddressTableIndex = 23]:
        PFN_WDFCOMMONBUFFERGETALIGNEDLOGICALADDRESS(
        CommonBuffer: WDFCOMMONBUFFER) -> PHYSICAL_ADDRESS [unsupported = NO_PHYSICAL_ADDRESS];
    #[must_use]
    WdfCommonBufferGetLength[WdfCommonBufferGetLengthTableIndex = 24]: PFN_WDFCOMMONBUFFERGETLENGTH(
        CommonBuffer: WDFCOMMONBUFFER) -> usize;
    #[must_use]
    WdfCommonBufferCreateWithConfig[WdfCommonBufferCreateWithConfigTableIndex = 383]: PFN_WDFCOMMONBUFFERCREATEWITHCONFIG(
        DmaEnabler: WDFDMAENABLER, Length: usize, Config: PWDF_COMMON_BUFFER_CONFIG, Attributes: PWDF_OBJECT_ATTRIBUTES,
        CommonBuffer: *mut WDFCOMMONBUFFER) -> NTSTATUS;

    // wdfdmaenabler.h
    #[must_use]
    WdfDmaEnablerCreate[WdfDmaEnablerCreateTableIndex = 94]: PFN_WDFDMAENABLERCREATE(
        Device: WDFDEVICE, Config: PWDF_DMA_ENABLER_CONFIG, Attributes: PWDF_OBJECT_ATTRIBUTES,
        DmaEnablerHandle: *mut WDFDMAENABLER) -> NTSTATUS;
    #[must_use]
    WdfDmaEnablerGetMaximumLength[WdfDmaEnablerGetMaximumLengthTableIndex = 95]: PFN_WDFDMAENABLERGETMAXIMUMLENGTH(
        DmaEnabler: WDFDMAENABLER) -> usize;
    #[must_use]
    WdfDmaEnablerGetMaximumScatterGatherElements[WdfDmaEnablerGetMaximumScatterGatherElementsTableIndex = 96]:
        PFN_WDFDMAENABLERGETMAXIMUMSCATTERGATHERELEMENTS(DmaEnabler: WDFDMAENABLER) -> usize;
    WdfDmaEnablerSetMaximumScatterGatherElements[WdfDmaEnablerSetMaximumScatterGatherElementsTableIndex = 97]:
        PFN_WDFDMAENABLERSETMAXIMUMSCATTERGATHERELEMENTS(DmaEnabler: WDFDMAENABLER, MaximumFragments: usize);
    #[must_use]
    WdfDmaEnablerGetFragmentLength[WdfDmaEnablerGetFragmentLengthTableIndex = 384]: PFN_WDFDMAENABLERGETFRAGMENTLENGTH(
        DmaEnabler: WDFDMAENABLER, DmaDirection: WDF_DMA_DIRECTION) -> usize;
    #[must_use]
    WdfDmaEnablerWdmGetDmaAdapter[WdfDmaEnablerWdmGetDmaAdapterTableIndex = 385]: PFN_WDFDMAENABLERWDMGETDMAADAPTER(
        DmaEnabler: WDFDMAENABLER, DmaDirection: WDF_DMA_DIRECTION) -> PDMA_ADAPTER;
    #[must_use]
    WdfDmaEnablerConfigureSystemProfile[WdfDmaEnablerConfigureSystemProfileTableIndex = 405]:
        PFN_WDFDMAENABLERCONFIGURESYSTEMPROFILE(
        DmaEnabler: WDFDMAENABLER, ProfileConfig: PWDF_DMA_SYSTEM_PROFILE_CONFIG, ConfigDirection: WDF_DMA_DIRECTION)
        -> NTSTATUS;

    // wdfdmatransaction.h
    #[must_use]
    WdfDmaTransactionCreate[WdfDmaTransactionCreateTableIndex = 98]: PFN_WDFDMATRANSACTIONCREATE(
        DmaEnabler: WDFDMAENABLER, Attributes: PWDF_OBJECT_ATTRIBUTES, DmaTransaction: *mut WDFDMATRANSACTION) -> NTSTATUS;
    #[must_use]
    WdfDmaTransactionInitialize[WdfDmaTransactionInitializeTableIndex = 99]: PFN_WDFDMATRANSACTIONINITIALIZE(
        DmaTransaction: WDFDMATRANSACTION, EvtProgramDmaFunction: PFN_WDF_PROGRAM_DMA, DmaDirection: WDF_DMA_DIRECTION,
        Mdl: PMDL, VirtualAddress: PVOID, Length: usize) -> NTSTATUS;
    #[must_use]
    WdfDmaTransactionInitializeUsingRequest[WdfDmaTransactionInitializeUsingRequestTableIndex = 100]:
        PFN_WDFDMATRANSACTIONINITIALIZEUSINGREQUEST(
        DmaTransaction: WDFDMATRANSACTION, Request: WDFREQUEST, EvtProgramDmaFunction: PFN_WDF_PROGRAM_DMA,
        DmaDirection: WDF_DMA_DIRECTION) -> NTSTATUS;
    #[must_use]
    WdfDmaTransactionExecute[WdfDmaTransactionExecuteTableIndex = 101]: PFN_WDFDMATRANSACTIONEXECUTE(
        DmaTransaction: WDFDMATRANSACTION, Context: WDFCONTEXT) -> NTSTATUS;
    #[must_use]
    WdfDmaTransactionRelease[WdfDmaTransactionReleaseTableIndex = 102]: PFN_WDFDMATRANSACTIONRELEASE(
        DmaTransaction: WDFDMATRANSACTION) -> NTSTATUS;
    #[must_use]
    WdfDmaTransactionDmaCompleted[WdfDmaTransactionDmaCompletedTableIndex = 103]: PFN_WDFDMATRANSACTIONDMACOMPLETED(
        DmaTransaction: WDFDMATRANSACTION, Status: *mut NTSTATUS) -> BOOLEAN;
    #[must_use]
    WdfDmaTransactionDmaCompletedWithLength[WdfDmaTransactionDmaCompletedWithLengthTableIndex = 104]:
        PFN_WDFDMATRANSACTIONDMACOMPLETEDWITHLENGTH(
        DmaTransaction: WDFDMATRANSACTION, TransferredLength: usize, Status: *mut NTSTATUS) -> BOOLEAN;
    #[must_use]
    WdfDmaTransactionDmaCompletedFinal[WdfDmaTransactionDmaCompletedFinalTableIndex = 105]:
        PFN_WDFDMATRANSACTIONDMACOMPLETEDFINAL(
        DmaTransaction: WDFDMATRANSACTION, FinalTransferredLength: usize, Status: *mut NTSTATUS) -> BOOLEAN;
    #[must_use]
    WdfDmaTransactionGetBytesTransferred[WdfDmaTransactionGetBytesTransferredTableIndex = 106]:
        PFN_WDFDMATRANSACTIONGETBYTESTRANSFERRED(DmaTransaction: WDFDMATRANSACTION) -> usize;
    WdfDmaTransactionSetMaximumLength[WdfDmaTransactionSetMaximumLengthTableIndex = 107]:
        PFN_WDFDMATRANSACTIONSETMAXIMUMLENGTH(DmaTransaction: WDFDMATRANSACTION, MaximumLength: usize);
    #[must_use]
    WdfDmaTransactionGetRequest[WdfDmaTransactionGetRequestTableIndex = 108]: PFN_WDFDMATRANSACTIONGETREQUEST(
        DmaTransaction: WDFDMATRANSACTION) -> WDFREQUEST;
    #[must_use]
    WdfDmaTransactionGetCurrentDmaTransferLength[WdfDmaTransactionGetCurrentDmaTransferLengthTableIndex = 109]:
        PFN_WDFDMATRANSACTIONGETCURRENTDMATRANSFERLENGTH(DmaTransaction: WDFDMATRANSACTION) -> usize;
    #[must_use]
    WdfDmaTransactionGetDevice[WdfDmaTransactionGetDeviceTableIndex = 110]: PFN_WDFDMATRANSACTIONGETDEVICE(
        DmaTransaction: WDFDMATRANSACTION) -> WDFDEVICE;
    #[must_use]
    WdfDmaTransactionInitializeUsingOffset[WdfDmaTransactionInitializeUsingOffsetTableIndex = 406]:
        PFN_WDFDMATRANSACTIONINITIALIZEUSINGOFFSET(
        DmaTransaction: WDFDMATRANSACTION, EvtProgramDmaFunction: PFN_WDF_PROGRAM_DMA, DmaDirection: WDF_DMA_DIRECTION,
        Mdl: PMDL, Offset: usize, Length: usize) -> NTSTATUS;
    WdfDmaTransactionGetTransferInfo[WdfDmaTransactionGetTransferInfoTableIndex = 407]:
        PFN_WDFDMATRANSACTIONGETTRANSFERINFO(
        DmaTransaction: WDFDMATRANSACTION, MapRegisterCount: PULONG, ScatterGatherElementCount: PULONG);
    WdfDmaTransactionSetChannelConfigurationCallback[WdfDmaTransactionSetChannelConfigurationCallbackTableIndex = 408]:
        PFN_WDFDMATRANSACTIONSETCHANNELCONFIGURATIONCALLBACK(
        DmaTransaction: WDFDMATRANSACTION, ConfigureRoutine: PFN_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL,
        ConfigureContext: PVOID);
    WdfDmaTransactionSetTransferCompleteCallback[WdfDmaTransactionSetTransferCompleteCallbackTableIndex = 409]:
        PFN_WDFDMATRANSACTIONSETTRANSFERCOMPLETECALLBACK(
        DmaTransaction: WDFDMATRANSACTION, DmaCompletionRoutine: PFN_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE,
        DmaCompletionContext: PVOID);
    WdfDmaTransactionSetImmediateExecution[WdfDmaTransactionSetImmediateExecutionTableIndex = 410]:
        PFN_WDFDMATRANSACTIONSETIMMEDIATEEXECUTION(DmaTransaction: WDFDMATRANSACTION, UseImmediateExecution: BOOLEAN);
    #[must_use]
    WdfDmaTransactionAllocateResources[WdfDmaTransactionAllocateResourcesTableIndex = 411]:
        PFN_WDFDMATRANSACTIONALLOCATERESOURCES(
        DmaTransaction: WDFDMATRANSACTION, DmaDirection: WDF_DMA_DIRECTION, RequiredMapRegisters: ULONG,
        EvtReserveDmaFunction: PFN_WDF_RESERVE_DMA, EvtReserveDmaContext: PVOID) -> NTSTATUS;
    WdfDmaTransactionSetDeviceAddressOffset[WdfDmaTransactionSetDeviceAddressOffsetTableIndex = 412]:
        PFN_WDFDMATRANSACTIONSETDEVICEADDRESSOFFSET(DmaTransaction: WDFDMATRANSACTION, Offset: ULONG);
    WdfDmaTransactionFreeResources[WdfDmaTransactionFreeResourcesTableIndex = 413]: PFN_WDFDMATRANSACTIONFREERESOURCES(
        DmaTransaction: WDFDMATRANSACTION);
    #[must_use]
    WdfDmaTransactionCancel[WdfDmaTransactionCancelTableIndex = 414]: PFN_WDFDMATRANSACTIONCANCEL(
        DmaTransaction: WDFDMATRANSACTION) -> BOOLEAN;
    #[must_use]
    WdfDmaTransactionWdmGetTransferContext[WdfDmaTransactionWdmGetTransferContextTableIndex = 415]:
        PFN_WDFDMATRANSACTIONWDMGETTRANSFERCONTEXT(DmaTransaction: WDFDMATRANSACTION) -> PVOID;
    WdfDmaTransactionStopSystemTransfer[WdfDmaTransactionStopSystemTransferTableIndex = 426]:
        PFN_WDFDMATRANSACTIONSTOPSYSTEMTRANSFER(DmaTransaction: WDFDMATRANSACTION);
    WdfDmaTransactionSetSingleTransferRequirement[WdfDmaTransactionSetSingleTransferRequirementTableIndex = 444]:
        PFN_WDFDMATRANSACTIONSETSINGLETRANSFERREQUIREMENT(DmaTransaction: WDFDMATRANSACTION, RequireSingleTransfer: BOOLEAN);

    // wdfinterrupt.h
    #[must_use]
    WdfInterruptCreate[WdfInterruptCreateTableIndex = 141]: PFN_WDFINTERRUPTCREATE(
        Device: WDFDEVICE, Configuration: PWDF_INTERRUPT_CONFIG, Attributes: PWDF_OBJECT_ATTRIBUTES,
        Interrupt: *mut WDFINTERRUPT) -> NTSTATUS;
    #[must_use]
    WdfInterruptQueueDpcForIsr[WdfInterruptQueueDpcForIsrTableIndex = 142]: PFN_WDFINTERRUPTQUEUEDPCFORISR(
        Interrupt: WDFINTERRUPT) -> BOOLEAN;
    #[must_use]
    WdfInterruptSynchronize[WdfInterruptSynchronizeTableIndex = 143]: PFN_WDFINTERRUPTSYNCHRONIZE(
        Interrupt: WDFINTERRUPT, Callback: PFN_WDF_INTERRUPT_SYNCHRONIZE, Context: WDFCONTEXT) -> BOOLEAN;
    WdfInterruptAcquireLock[WdfInterruptAcquireLockTableIndex = 144]: PFN_WDFINTERRUPTACQUIRELOCK(Interrupt: WDFINTERRUPT);
    WdfInterruptReleaseLock[WdfInterruptReleaseLockTableIndex = 145]: PFN_WDFINTERRUPTRELEASELOCK(Interrupt: WDFINTERRUPT);
    WdfInterruptEnable[WdfInterruptEnableTableIndex = 146]: PFN_WDFINTERRUPTENABLE(Interrupt: WDFINTERRUPT);
    WdfInterruptDisable[WdfInterruptDisableTableIndex = 147]: PFN_WDFINTERRUPTDISABLE(Interrupt: WDFINTERRUPT);
    #[must_use]
    WdfInterruptWdmGetInterrupt[WdfInterruptWdmGetInterruptTableIndex = 148]: PFN_WDFINTERRUPTWDMGETINTERRUPT(
        Interrupt: WDFINTERRUPT) -> PKINTERRUPT;
    WdfInterruptGetInfo[WdfInterruptGetInfoTableIndex = 149]: PFN_WDFINTERRUPTGETINFO(
        Interrupt: WDFINTERRUPT, Info: PWDF_INTERRUPT_INFO);
    WdfInterruptSetPolicy[WdfInterruptSetPolicyTableIndex = 150]: PFN_WDFINTERRUPTSETPOLICY(
        Interrupt: WDFINTERRUPT, Policy: WDF_INTERRUPT_POLICY, Priority: WDF_INTERRUPT_PRIORITY,
        TargetProcessorSet: KAFFINITY);
    #[must_use]
    WdfInterruptGetDevice[WdfInterruptGetDeviceTableIndex = 151]: PFN_WDFINTERRUPTGETDEVICE(Interrupt: WDFINTERRUPT) -> WDFDEVICE;
    WdfInterruptSetExtendedPolicy[WdfInterruptSetExtendedPolicyTableIndex = 389]: PFN_WDFINTERRUPTSETEXTENDEDPOLICY(
        Interrupt: WDFINTERRUPT, PolicyAndGroup: PWDF_INTERRUPT_EXTENDED_POLICY);
    #[must_use]
    WdfInterruptQueueWorkItemForIsr[WdfInterruptQueueWorkItemForIsrTableIndex = 416]: PFN_WDFINTERRUPTQUEUEWORKITEMFORISR(
        Interrupt: WDFINTERRUPT) -> BOOLEAN;
    #[must_use]
    WdfInterruptTryToAcquireLock[WdfInterruptTryToAcquireLockTableIndex = 417]: PFN_WDFINTERRUPTTRYTOACQUIRELOCK(
        Interrupt: WDFINTERRUPT) -> BOOLEAN;
    WdfInterruptReportActive[WdfInterruptReportActiveTableIndex = 428]: PFN_WDFINTERRUPTREPORTACTIVE(Interrupt: WDFINTERRUPT);
    WdfInterruptReportInactive[WdfInterruptReportInactiveTableIndex = 429]: PFN_WDFINTERRUPTREPORTINACTIVE(
        Interrupt: WDFINTERRUPT);

    // wdfresource.h
    WdfIoResourceRequirementsListSetSlotNumber[WdfIoResourceRequirementsListSetSlotNumberTableIndex = 286]:
        PFN_WDFIORESOURCEREQUIREMENTSLISTSETSLOTNUMBER(RequirementsList: WDFIORESREQLIST, SlotNumber: ULONG);
    WdfIoResourceRequirementsListSetInterfaceType[WdfIoResourceRequirementsListSetInterfaceTypeTableIndex = 287]:
        PFN_WDFIORESOURCEREQUIREMENTSLISTSETINTERFACETYPE(RequirementsList: WDFIORESREQLIST, InterfaceType: INTERFACE_TYPE);
    #[must_use]
    WdfIoResourceRequirementsListAppendIoResList[WdfIoResourceRequirementsListAppendIoResListTableIndex = 288]:
        PFN_WDFIORESOURCEREQUIREMENTSLISTAPPENDIORESLIST(RequirementsList: WDFIORESREQLIST, IoResList: WDFIORESLIST)
        -> NTSTATUS;
    #[must_use]
    WdfIoResourceRequirementsListInsertIoResList[WdfIoResourceRequirementsListInsertIoResListTableIndex = 289]:
        PFN_WDFIORESOURCEREQUIREMENTSLISTINSERTIORESLIST(
        RequirementsList: WDFIORESREQLIST, IoResList: WDFIORESLIST, Index: ULONG) -> NTSTATUS;
    #[must_use]
    WdfIoResourceRequirementsListGetCount[WdfIoResourceRequirementsListGetCountTableIndex = 290]:
        PFN_WDFIORESOURCEREQUIREMENTSLISTGETCOUNT(RequirementsList: WDFIORESREQLIST) -> ULONG;
    #[must_use]
    WdfIoResourceRequirementsListGetIoResList[WdfIoResourceRequirementsListGetIoResListTableIndex = 291]:
        PFN_WDFIORESOURCEREQUIREMENTSLISTGETIORESLIST(RequirementsList: WDFIORESREQLIST, Index: ULONG) -> WDFIORESLIST;
    WdfIoResourceRequirementsListRemove[WdfIoResourceRequirementsListRemoveTableIndex = 292]:
        PFN_WDFIORESOURCEREQUIREMENTSLISTREMOVE(RequirementsList: WDFIORESREQLIST, Index: ULONG);
    WdfIoResourceRequirementsListRemoveByIoResList[WdfIoResourceRequirementsListRemoveByIoResListTableIndex = 293]:
        PFN_WDFIORESOURCEREQUIREMENTSLISTREMOVEBYIORESLIST(RequirementsList: WDFIORESREQLIST, IoResList: WDFIORESLIST);
    #[must_use]
    WdfIoResourceListCreate[WdfIoResourceListCreateTableIndex = 294]: PFN_WDFIORESOURCELISTCREATE(
        RequirementsList: WDFIORESREQLIST, Attributes: PWDF_OBJECT_ATTRIBUTES, ResourceList: *mut WDFIORESLIST) -> NTSTATUS;
    #[must_use]
    WdfIoResourceListAppendDescriptor[WdfIoResourceListAppendDescriptorTableIndex = 295]:
        PFN_WDFIORESOURCELISTAPPENDDESCRIPTOR(ResourceList: WDFIORESLIST, Descriptor: PIO_RESOURCE_DESCRIPTOR) -> NTSTATUS;
    #[must_use]
    WdfIoResourceListInsertDescriptor[WdfIoResourceListInsertDescriptorTableIndex = 296]:
        PFN_WDFIORESOURCELISTINSERTDESCRIPTOR(
        ResourceList: WDFIORESLIST, Descriptor: PIO_RESOURCE_DESCRIPTOR, Index: ULONG) -> NTSTATUS;
    WdfIoResourceListUpdateDescriptor[WdfIoResourceListUpdateDescriptorTableIndex = 297]:
        PFN_WDFIORESOURCELISTUPDATEDESCRIPTOR(ResourceList: WDFIORESLIST, Descriptor: PIO_RESOURCE_DESCRIPTOR, Index: ULONG);
    #[must_use]
    WdfIoResourceListGetCount[WdfIoResourceListGetCountTableIndex = 298]: PFN_WDFIORESOURCELISTGETCOUNT(
        ResourceList: WDFIORESLIST) -> ULONG;
    #[must_use]
    WdfIoResourceListGetDescriptor[WdfIoResourceListGetDescriptorTableIndex = 299]: PFN_WDFIORESOURCELISTGETDESCRIPTOR(
        ResourceList: WDFIORESLIST, Index: ULONG) -> PIO_RESOURCE_DESCRIPTOR;
    WdfIoResourceListRemove[WdfIoResourceListRemoveTableIndex = 300]: PFN_WDFIORESOURCELISTREMOVE(
        ResourceList: WDFIORESLIST, Index: ULONG);
    WdfIoResourceListRemoveByDescriptor[WdfIoResourceListRemoveByDescriptorTableIndex = 301]:
        PFN_WDFIORESOURCELISTREMOVEBYDESCRIPTOR(ResourceList: WDFIORESLIST, Descriptor: PIO_RESOURCE_DESCRIPTOR);
    #[must_use]
    WdfCmResourceListAppendDescriptor[WdfCmResourceListAppendDescriptorTableIndex = 302]:
        PFN_WDFCMRESOURCELISTAPPENDDESCRIPTOR(List: WDFCMRESLIST, Descriptor: PCM_PARTIAL_RESOURCE_DESCRIPTOR) -> NTSTATUS;
    #[must_use]
    WdfCmResourceListInsertDescriptor[WdfCmResourceListInsertDescriptorTableIndex = 303]:
        PFN_WDFCMRESOURCELISTINSERTDESCRIPTOR(
        List: WDFCMRESLIST, Descriptor: PCM_PARTIAL_RESOURCE_DESCRIPTOR, Index: ULONG) -> NTSTATUS;
    #[must_use]
    WdfCmResourceListGetCount[WdfCmResourceListGetCountTableIndex = 304]: PFN_WDFCMRESOURCELISTGETCOUNT(
        List: WDFCMRESLIST) -> ULONG;
    #[must_use]
    WdfCmResourceListGetDescriptor[WdfCmResourceListGetDescriptorTableIndex = 305]: PFN_WDFCMRESOURCELISTGETDESCRIPTOR(
        List: WDFCMRESLIST, Index: ULONG) -> PCM_PARTIAL_RESOURCE_DESCRIPTOR;
    WdfCmResourceListRemove[WdfCmResourceListRemoveTableIndex = 306]: PFN_WDFCMRESOURCELISTREMOVE(
        List: WDFCMRESLIST, Index: ULONG);
    WdfCmResourceListRemoveByDescriptor[WdfCmResourceListRemoveByDescriptorTableIndex = 307]:
        PFN_WDFCMRESOURCELISTREMOVEBYDESCRIPTOR(List: WDFCMRESLIST, Descriptor: PCM_PARTIAL_RESOURCE_DESCRIPTOR);

    // wdfusb.h
    #[must_use]
    WdfUsbTargetDeviceCreate[WdfUsbTargetDeviceCreateTableIndex = 322]: PFN_WDFUSBTARGETDEVICECREATE(
        Device: WDFDEVICE, Attributes: PWDF_OBJECT_ATTRIBUTES, UsbDevice: *mut WDFUSBDEVICE) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceRetrieveInformation[WdfUsbTargetDeviceRetrieveInformationTableIndex = 323]:
        PFN_WDFUSBTARGETDEVICERETRIEVEINFORMATION(UsbDevice: WDFUSBDEVICE, Information: PWDF_USB_DEVICE_INFORMATION)
        -> NTSTATUS;
    WdfUsbTargetDeviceGetDeviceDescriptor[WdfUsbTargetDeviceGetDeviceDescriptorTableIndex = 324]:
        PFN_WDFUSBTARGETDEVICEGETDEVICEDESCRIPTOR(UsbDevice: WDFUSBDEVICE, UsbDeviceDescriptor: PUSB_DEVICE_DESCRIPTOR);
    #[must_use]
    WdfUsbTargetDeviceRetrieveConfigDescriptor[WdfUsbTargetDeviceRetrieveConfigDescriptorTableIndex = 325]:
        PFN_WDFUSBTARGETDEVICERETRIEVECONFIGDESCRIPTOR(
        UsbDevice: WDFUSBDEVICE, ConfigDescriptor: PVOID, ConfigDescriptorLength: PUSHORT) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceQueryString[WdfUsbTargetDeviceQueryStringTableIndex = 326]: PFN_WDFUSBTARGETDEVICEQUERYSTRING(
        UsbDevice: WDFUSBDEVICE, Request: WDFREQUEST, RequestOptions: PWDF_REQUEST_SEND_OPTIONS, String: PUSHORT,
        NumCharacters: PUSHORT, StringIndex: UCHAR, LangID: USHORT) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceAllocAndQueryString[WdfUsbTargetDeviceAllocAndQueryStringTableIndex = 327]:
        PFN_WDFUSBTARGETDEVICEALLOCANDQUERYSTRING(
        UsbDevice: WDFUSBDEVICE, StringMemoryAttributes: PWDF_OBJECT_ATTRIBUTES, StringMemory: *mut WDFMEMORY,
        NumCharacters: PUSHORT, StringIndex: UCHAR, LangID: USHORT) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceFormatRequestForString[WdfUsbTargetDeviceFormatRequestForStringTableIndex = 328]:
        PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORSTRING(
        UsbDevice: WDFUSBDEVICE, Request: WDFREQUEST, Memory: WDFMEMORY, Offset: PWDFMEMORY_OFFSET, StringIndex: UCHAR,
        LangID: USHORT) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceGetNumInterfaces[WdfUsbTargetDeviceGetNumInterfacesTableIndex = 329]:
        PFN_WDFUSBTARGETDEVICEGETNUMINTERFACES(UsbDevice: WDFUSBDEVICE) -> UCHAR [unsupported = 0];
    #[must_use]
    WdfUsbTargetDeviceSelectConfig[WdfUsbTargetDeviceSelectConfigTableIndex = 330]: PFN_WDFUSBTARGETDEVICESELECTCONFIG(
        UsbDevice: WDFUSBDEVICE, PipeAttributes: PWDF_OBJECT_ATTRIBUTES, Params: PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS)
        -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceWdmGetConfigurationHandle[WdfUsbTargetDeviceWdmGetConfigurationHandleTableIndex = 331]:
        PFN_WDFUSBTARGETDEVICEWDMGETCONFIGURATIONHANDLE(UsbDevice: WDFUSBDEVICE) -> USBD_CONFIGURATION_HANDLE;
    #[must_use]
    WdfUsbTargetDeviceRetrieveCurrentFrameNumber[WdfUsbTargetDeviceRetrieveCurrentFrameNumberTableIndex = 332]:
        PFN_WDFUSBTARGETDEVICERETRIEVECURRENTFRAMENUMBER(UsbDevice: WDFUSBDEVICE, CurrentFrameNumber: PULONG) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceSendControlTransferSynchronously[WdfUsbTargetDeviceSendControlTransferSynchronouslyTableIndex = 333]:
        PFN_WDFUSBTARGETDEVICESENDCONTROLTRANSFERSYNCHRONOUSLY(
        UsbDevice: WDFUSBDEVICE, Request: WDFREQUEST, RequestOptions: PWDF_REQUEST_SEND_OPTIONS,
        SetupPacket: PWDF_USB_CONTROL_SETUP_PACKET, MemoryDescriptor: PWDF_MEMORY_DESCRIPTOR, BytesTransferred: PULONG)
        -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceFormatRequestForControlTransfer[WdfUsbTargetDeviceFormatRequestForControlTransferTableIndex = 334]:
        PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORCONTROLTRANSFER(
        UsbDevice: WDFUSBDEVICE, Request: WDFREQUEST, SetupPacket: PWDF_USB_CONTROL_SETUP_PACKET, TransferMemory: WDFMEMORY,
        TransferOffset: PWDFMEMORY_OFFSET) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceIsConnectedSynchronous[WdfUsbTargetDeviceIsConnectedSynchronousTableIndex = 335]:
        PFN_WDFUSBTARGETDEVICEISCONNECTEDSYNCHRONOUS(UsbDevice: WDFUSBDEVICE) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceResetPortSynchronously[WdfUsbTargetDeviceResetPortSynchronouslyTableIndex = 336]:
        PFN_WDFUSBTARGETDEVICERESETPORTSYNCHRONOUSLY(UsbDevice: WDFUSBDEVICE) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceCyclePortSynchronously[WdfUsbTargetDeviceCyclePortSynchronouslyTableIndex = 337]:
        PFN_WDFUSBTARGETDEVICECYCLEPORTSYNCHRONOUSLY(UsbDevice: WDFUSBDEVICE) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceFormatRequestForCyclePort[WdfUsbTargetDeviceFormatRequestForCyclePortTableIndex = 338]:
        PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORCYCLEPORT(UsbDevice: WDFUSBDEVICE, Request: WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceSendUrbSynchronously[WdfUsbTargetDeviceSendUrbSynchronouslyTableIndex = 339]:
        PFN_WDFUSBTARGETDEVICESENDURBSYNCHRONOUSLY(
        UsbDevice: WDFUSBDEVICE, Request: WDFREQUEST, RequestOptions: PWDF_REQUEST_SEND_OPTIONS, Urb: PURB) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceFormatRequestForUrb[WdfUsbTargetDeviceFormatRequestForUrbTableIndex = 340]:
        PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORURB(
        UsbDevice: WDFUSBDEVICE, Request: WDFREQUEST, UrbMemory: WDFMEMORY, UrbMemoryOffset: PWDFMEMORY_OFFSET) -> NTSTATUS;
    WdfUsbTargetPipeGetInformation[WdfUsbTargetPipeGetInformationTableIndex = 341]: PFN_WDFUSBTARGETPIPEGETINFORMATION(
        Pipe: WDFUSBPIPE, PipeInformation: PWDF_USB_PIPE_INFORMATION);
    #[must_use]
    WdfUsbTargetPipeIsInEndpoint[WdfUsbTargetPipeIsInEndpointTableIndex = 342]: PFN_WDFUSBTARGETPIPEISINENDPOINT(
        Pipe: WDFUSBPIPE) -> BOOLEAN;
    #[must_use]
    WdfUsbTargetPipeIsOutEndpoint[WdfUsbTargetPipeIsOutEndpointTableIndex = 343]: PFN_WDFUSBTARGETPIPEISOUTENDPOINT(
        Pipe: WDFUSBPIPE) -> BOOLEAN;
    #[must_use]
    WdfUsbTargetPipeGetType[WdfUsbTargetPipeGetTypeTableIndex = 344]: PFN_WDFUSBTARGETPIPEGETTYPE(
        Pipe: WDFUSBPIPE) -> WDF_USB_PIPE_TYPE [unsupported = _WDF_USB_PIPE_TYPE::WdfUsbPipeTypeInvalid];
    WdfUsbTargetPipeSetNoMaximumPacketSizeCheck[WdfUsbTargetPipeSetNoMaximumPacketSizeCheckTableIndex = 345]:
        PFN_WDFUSBTARGETPIPESETNOMAXIMUMPACKETSIZECHECK(Pipe: WDFUSBPIPE);
    #[must_use]
    WdfUsbTargetPipeWriteSynchronously[WdfUsbTargetPipeWriteSynchronouslyTableIndex = 346]:
        PFN_WDFUSBTARGETPIPEWRITESYNCHRONOUSLY(
        Pipe: WDFUSBPIPE, Request: WDFREQUEST, RequestOptions: PWDF_REQUEST_SEND_OPTIONS,
        MemoryDescriptor: PWDF_MEMORY_DESCRIPTOR, BytesWritten: PULONG) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetPipeFormatRequestForWrite[WdfUsbTargetPipeFormatRequestForWriteTableIndex = 347]:
        PFN_WDFUSBTARGETPIPEFORMATREQUESTFORWRITE(
        Pipe: WDFUSBPIPE, Request: WDFREQUEST, WriteMemory: WDFMEMORY, WriteOffset: PWDFMEMORY_OFFSET) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetPipeReadSynchronously[WdfUsbTargetPipeReadSynchronouslyTableIndex = 348]:
        PFN_WDFUSBTARGETPIPEREADSYNCHRONOUSLY(
        Pipe: WDFUSBPIPE, Request: WDFREQUEST, RequestOptions: PWDF_REQUEST_SEND_OPTIONS,
        MemoryDescriptor: PWDF_MEMORY_DESCRIPTOR, BytesRead: PULONG) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetPipeFormatRequestForRead[WdfUsbTargetPipeFormatRequestForReadTableIndex = 349]:
        PFN_WDFUSBTARGETPIPEFORMATREQUESTFORREAD(
        Pipe: WDFUSBPIPE, Request: WDFREQUEST, ReadMemory: WDFMEMORY, ReadOffset: PWDFMEMORY_OFFSET) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetPipeConfigContinuousReader[WdfUsbTargetPipeConfigContinuousReaderTableIndex = 350]:
        PFN_WDFUSBTARGETPIPECONFIGCONTINUOUSREADER(Pipe: WDFUSBPIPE, Config: PWDF_USB_CONTINUOUS_READER_CONFIG) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetPipeAbortSynchronously[WdfUsbTargetPipeAbortSynchronouslyTableIndex = 351]:
        PFN_WDFUSBTARGETPIPEABORTSYNCHRONOUSLY(
        Pipe: WDFUSBPIPE, Request: WDFREQUEST, RequestOptions: PWDF_REQUEST_SEND_OPTIONS) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetPipeFormatRequestForAbort[WdfUsbTargetPipeFormatRequestForAbortTableIndex = 352]:
        PFN_WDFUSBTARGETPIPEFORMATREQUESTFORABORT(Pipe: WDFUSBPIPE, Request: WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetPipeResetSynchronously[WdfUsbTargetPipeResetSynchronouslyTableIndex = 353]:
        PFN_WDFUSBTARGETPIPERESETSYNCHRONOUSLY(
        Pipe: WDFUSBPIPE, Request: WDFREQUEST, RequestOptions: PWDF_REQUEST_SEND_OPTIONS) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetPipeFormatRequestForReset[WdfUsbTargetPipeFormatRequestForResetTableIndex = 354]:
        PFN_WDFUSBTARGETPIPEFORMATREQUESTFORRESET(Pipe: WDFUSBPIPE, Request: WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetPipeSendUrbSynchronously[WdfUsbTargetPipeSendUrbSynchronouslyTableIndex = 355]:
        PFN_WDFUSBTARGETPIPESENDURBSYNCHRONOUSLY(
        Pipe: WDFUSBPIPE, Request: WDFREQUEST, RequestOptions: PWDF_REQUEST_SEND_OPTIONS, Urb: PURB) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetPipeFormatRequestForUrb[WdfUsbTargetPipeFormatRequestForUrbTableIndex = 356]:
        PFN_WDFUSBTARGETPIPEFORMATREQUESTFORURB(
        PIPE: WDFUSBPIPE, Request: WDFREQUEST, UrbMemory: WDFMEMORY, UrbMemoryOffset: PWDFMEMORY_OFFSET) -> NTSTATUS;
    #[must_use]
    WdfUsbInterfaceGetInterfaceNumber[WdfUsbInterfaceGetInterfaceNumberTableIndex = 357]:
        PFN_WDFUSBINTERFACEGETINTERFACENUMBER(UsbInterface: WDFUSBINTERFACE) -> BYTE [unsupported = 0];
    #[must_use]
    WdfUsbInterfaceGetNumEndpoints[WdfUsbInterfaceGetNumEndpointsTableIndex = 358]: PFN_WDFUSBINTERFACEGETNUMENDPOINTS(
        UsbInterface: WDFUSBINTERFACE, SettingIndex: UCHAR) -> BYTE [unsupported = 0];
    WdfUsbInterfaceGetDescriptor[WdfUsbInterfaceGetDescriptorTableIndex = 359]: PFN_WDFUSBINTERFACEGETDESCRIPTOR(
        UsbInterface: WDFUSBINTERFACE, SettingIndex: UCHAR, InterfaceDescriptor: PUSB_INTERFACE_DESCRIPTOR);
    #[must_use]
    WdfUsbInterfaceSelectSetting[WdfUsbInterfaceSelectSettingTableIndex = 360]: PFN_WDFUSBINTERFACESELECTSETTING(
        UsbInterface: WDFUSBINTERFACE, PipesAttributes: PWDF_OBJECT_ATTRIBUTES,
        Params: PWDF_USB_INTERFACE_SELECT_SETTING_PARAMS) -> NTSTATUS;
    WdfUsbInterfaceGetEndpointInformation[WdfUsbInterfaceGetEndpointInformationTableIndex = 361]:
        PFN_WDFUSBINTERFACEGETENDPOINTINFORMATION(
        UsbInterface: WDFUSBINTERFACE, SettingIndex: UCHAR, EndpointIndex: UCHAR, EndpointInfo: PWDF_USB_PIPE_INFORMATION);
    #[must_use]
    WdfUsbTargetDeviceGetInterface[WdfUsbTargetDeviceGetInterfaceTableIndex = 362]: PFN_WDFUSBTARGETDEVICEGETINTERFACE(
        UsbDevice: WDFUSBDEVICE, InterfaceIndex: UCHAR) -> WDFUSBINTERFACE;
    #[must_use]
    WdfUsbInterfaceGetConfiguredSettingIndex[WdfUsbInterfaceGetConfiguredSettingIndexTableIndex = 363]:
        PFN_WDFUSBINTERFACEGETCONFIGUREDSETTINGINDEX(Interface: WDFUSBINTERFACE) -> BYTE [unsupported = 0];
    #[must_use]
    WdfUsbInterfaceGetNumConfiguredPipes[WdfUsbInterfaceGetNumConfiguredPipesTableIndex = 364]:
        PFN_WDFUSBINTERFACEGETNUMCONFIGUREDPIPES(UsbInterface: WDFUSBINTERFACE) -> BYTE [unsupported = 0];
    #[must_use]
    WdfUsbInterfaceGetConfiguredPipe[WdfUsbInterfaceGetConfiguredPipeTableIndex = 365]: PFN_WDFUSBINTERFACEGETCONFIGUREDPIPE(
        UsbInterface: WDFUSBINTERFACE, PipeIndex: UCHAR, PipeInfo: PWDF_USB_PIPE_INFORMATION) -> WDFUSBPIPE;
    #[must_use]
    WdfUsbTargetPipeWdmGetPipeHandle[WdfUsbTargetPipeWdmGetPipeHandleTableIndex = 366]: PFN_WDFUSBTARGETPIPEWDMGETPIPEHANDLE(
        UsbPipe: WDFUSBPIPE) -> USBD_PIPE_HANDLE;
    #[must_use]
    WdfUsbInterfaceGetNumSettings[WdfUsbInterfaceGetNumSettingsTableIndex = 386]: PFN_WDFUSBINTERFACEGETNUMSETTINGS(
        UsbInterface: WDFUSBINTERFACE) -> BYTE [unsupported = 0];
    #[must_use]
    WdfUsbTargetDeviceCreateWithParameters[WdfUsbTargetDeviceCreateWithParametersTableIndex = 421]:
        PFN_WDFUSBTARGETDEVICECREATEWITHPARAMETERS(
        Device: WDFDEVICE, Config: PWDF_USB_DEVICE_CREATE_CONFIG, Attributes: PWDF_OBJECT_ATTRIBUTES,
        UsbDevice: *mut WDFUSBDEVICE) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceQueryUsbCapability[WdfUsbTargetDeviceQueryUsbCapabilityTableIndex = 422]:
        PFN_WDFUSBTARGETDEVICEQUERYUSBCAPABILITY(
        UsbDevice: WDFUSBDEVICE, CapabilityType: *const GUID, CapabilityBufferLength: ULONG, CapabilityBuffer: PVOID,
        ResultLength: PULONG) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceCreateUrb[WdfUsbTargetDeviceCreateUrbTableIndex = 423]: PFN_WDFUSBTARGETDEVICECREATEURB(
        UsbDevice: WDFUSBDEVICE, Attributes: PWDF_OBJECT_ATTRIBUTES, UrbMemory: *mut WDFMEMORY, Urb: *mut PURB) -> NTSTATUS;
    #[must_use]
    WdfUsbTargetDeviceCreateIsochUrb[WdfUsbTargetDeviceCreateIsochUrbTableIndex = 424]: PFN_WDFUSBTARGETDEVICECREATEISOCHURB(
        UsbDevice: WDFUSBDEVICE, Attributes: PWDF_OBJECT_ATTRIBUTES, NumberOfIsochPackets: ULONG, UrbMemory: *mut WDFMEMORY,
        Urb: *mut PURB) -> NTSTATUS;

    // wdfwmi.h
    #[must_use]
    WdfWmiProviderCreate[WdfWmiProviderCreateTableIndex = 369]: PFN_WDFWMIPROVIDERCREATE(
        Device: WDFDEVICE, WmiProviderConfig: PWDF_WMI_PROVIDER_CONFIG, ProviderAttributes: PWDF_OBJECT_ATTRIBUTES,
        WmiProvider: *mut WDFWMIPROVIDER) -> NTSTATUS;
    #[must_use]
    WdfWmiProviderGetDevice[WdfWmiProviderGetDeviceTableIndex = 370]: PFN_WDFWMIPROVIDERGETDEVICE(
        WmiProvider: WDFWMIPROVIDER) -> WDFDEVICE;
    #[must_use]
    WdfWmiProviderIsEnabled[WdfWmiProviderIsEnabledTableIndex = 371]: PFN_WDFWMIPROVIDERISENABLED(
        WmiProvider: WDFWMIPROVIDER, ProviderControl: WDF_WMI_PROVIDER_CONTROL) -> BOOLEAN;
    #[must_use]
    WdfWmiProviderGetTracingHandle[WdfWmiProviderGetTracingHandleTableIndex = 372]: PFN_WDFWMIPROVIDERGETTRACINGHANDLE(
        WmiProvider: WDFWMIPROVIDER) -> ULONGLONG;
    #[must_use]
    WdfWmiInstanceCreate[WdfWmiInstanceCreateTableIndex = 373]: PFN_WDFWMIINSTANCECREATE(
        Device: WDFDEVICE, InstanceConfig: PWDF_WMI_INSTANCE_CONFIG, InstanceAttributes: PWDF_OBJECT_ATTRIBUTES,
        Instance: *mut WDFWMIINSTANCE) -> NTSTATUS;
    #[must_use]
    WdfWmiInstanceRegister[WdfWmiInstanceRegisterTableIndex = 374]: PFN_WDFWMIINSTANCEREGISTER(
        WmiInstance: WDFWMIINSTANCE) -> NTSTATUS;
    WdfWmiInstanceDeregister[WdfWmiInstanceDeregisterTableIndex = 375]: PFN_WDFWMIINSTANCEDEREGISTER(
        WmiInstance: WDFWMIINSTANCE);
    #[must_use]
    WdfWmiInstanceGetDevice[WdfWmiInstanceGetDeviceTableIndex = 376]: PFN_WDFWMIINSTANCEGETDEVICE(
        WmiInstance: WDFWMIINSTANCE) -> WDFDEVICE;
    #[must_use]
    WdfWmiInstanceGetProvider[WdfWmiInstanceGetProviderTableIndex = 377]: PFN_WDFWMIINSTANCEGETPROVIDER(
        WmiInstance: WDFWMIINSTANCE) -> WDFWMIPROVIDER;
    #[must_use]
    WdfWmiInstanceFireEvent[WdfWmiInstanceFireEventTableIndex = 378]: PFN_WDFWMIINSTANCEFIREEVENT(
        WmiInstance: WDFWMIINSTANCE, EventDataSize: ULONG, EventData: PVOID) -> NTSTATUS;

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
    #[must_use]
    WdfIoTargetSelfAssignDefaultIoQueue[WdfIoTargetSelfAssignDefaultIoQueueTableIndex = 442]:
        PFN_WDFIOTARGETSELFASSIGNDEFAULTIOQUEUE(IoTarget: WDFIOTARGET, Queue: WDFQUEUE) -> NTSTATUS;

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
    #[must_use]
    WdfDriverWdmGetDriverObject[WdfDriverWdmGetDriverObjectTableIndex = 118]: PFN_WDFDRIVERWDMGETDRIVEROBJECT(
        Driver: WDFDRIVER) -> PDRIVER_OBJECT;
    #[must_use]
    WdfDriverOpenParametersRegistryKey[WdfDriverOpenParametersRegistryKeyTableIndex = 119]:
        PFN_WDFDRIVEROPENPARAMETERSREGISTRYKEY(
        Driver: WDFDRIVER, DesiredAccess: ACCESS_MASK, KeyAttributes: PWDF_OBJECT_ATTRIBUTES, Key: *mut WDFKEY) -> NTSTATUS;
    #[must_use]
    WdfWdmDriverGetWdfDriverHandle[WdfWdmDriverGetWdfDriverHandleTableIndex = 120]: PFN_WDFWDMDRIVERGETWDFDRIVERHANDLE(
        DriverObject: PDRIVER_OBJECT) -> WDFDRIVER;
    #[must_use]
    WdfDriverRegisterTraceInfo[WdfDriverRegisterTraceInfoTableIndex = 121]: PFN_WDFDRIVERREGISTERTRACEINFO(
        DriverObject: PDRIVER_OBJECT, EvtTraceCallback: PFN_WDF_TRACE_CALLBACK, ControlBlock: PVOID) -> NTSTATUS;
    #[must_use]
    WdfDriverRetrieveVersionString[WdfDriverRetrieveVersionStringTableIndex = 122]: PFN_WDFDRIVERRETRIEVEVERSIONSTRING(
        Driver: WDFDRIVER, String: WDFSTRING) -> NTSTATUS;
    #[must_use]
    WdfDriverIsVersionAvailable[WdfDriverIsVersionAvailableTableIndex = 123]: PFN_WDFDRIVERISVERSIONAVAILABLE(
        Driver: WDFDRIVER, VersionAvailableParams: PWDF_DRIVER_VERSION_AVAILABLE_PARAMS) -> BOOLEAN;
    #[must_use]
    WdfDriverOpenPersistentStateRegistryKey[WdfDriverOpenPersistentStateRegistryKeyTableIndex = 451]:
        PFN_WDFDRIVEROPENPERSISTENTSTATEREGISTRYKEY(
        Driver: WDFDRIVER, DesiredAccess: ACCESS_MASK, KeyAttributes: PWDF_OBJECT_ATTRIBUTES, Key: *mut WDFKEY) -> NTSTATUS;
    #[must_use]
    WdfDriverErrorReportApiMissing[WdfDriverErrorReportApiMissingTableIndex = 452]: PFN_WDFDRIVERERRORREPORTAPIMISSING(
        Driver: WDFDRIVER, FrameworkExtensionName: PCWSTR, ApiIndex: ULONG, DoesApiReturnNtstatus: BOOLEAN) -> NTSTATUS;

    // wdfminiport.h
    #[must_use]
    WdfDeviceMiniportCreate[WdfDeviceMiniportCreateTableIndex = 200]: PFN_WDFDEVICEMINIPORTCREATE(
        Driver: WDFDRIVER, Attributes: PWDF_OBJECT_ATTRIBUTES, DeviceObject: PDEVICE_OBJECT,
        AttachedDeviceObject: PDEVICE_OBJECT, Pdo: PDEVICE_OBJECT, Device: *mut WDFDEVICE) -> NTSTATUS;
    WdfDriverMiniportUnload[WdfDriverMiniportUnloadTableIndex = 201]: PFN_WDFDRIVERMINIPORTUNLOAD(Driver: WDFDRIVER);

    // wdfqueryinterface.h
    #[must_use]
    WdfDeviceAddQueryInterface[WdfDeviceAddQueryInterfaceTableIndex = 228]: PFN_WDFDEVICEADDQUERYINTERFACE(
        Device: WDFDEVICE, InterfaceConfig: PWDF_QUERY_INTERFACE_CONFIG) -> NTSTATUS;

    // wdfregistry.h
    #[must_use]
    WdfRegistryOpenKey[WdfRegistryOpenKeyTableIndex = 229]: PFN_WDFREGISTRYOPENKEY(
        ParentKey: WDFKEY, KeyName: PCUNICODE_STRING, DesiredAccess: ACCESS_MASK, KeyAttributes: PWDF_OBJECT_ATTRIBUTES,
        Key: *mut WDFKEY) -> NTSTATUS;
    #[must_use]
    WdfRegistryCreateKey[WdfRegistryCreateKeyTableIndex = 230]: PFN_WDFREGISTRYCREATEKEY(
        ParentKey: WDFKEY, KeyName: PCUNICODE_STRING, DesiredAccess: ACCESS_MASK, CreateOptions: ULONG,
        CreateDisposition: PULONG, KeyAttributes: PWDF_OBJECT_ATTRIBUTES, Key: *mut WDFKEY) -> NTSTATUS;
    WdfRegistryClose[WdfRegistryCloseTableIndex = 231]: PFN_WDFREGISTRYCLOSE(Key: WDFKEY);
    #[must_use]
    WdfRegistryWdmGetHandle[WdfRegistryWdmGetHandleTableIndex = 232]: PFN_WDFREGISTRYWDMGETHANDLE(Key: WDFKEY) -> HANDLE;
    #[must_use]
    WdfRegistryRemoveKey[WdfRegistryRemoveKeyTableIndex = 233]: PFN_WDFREGISTRYREMOVEKEY(Key: WDFKEY) -> NTSTATUS;
    #[must_use]
    WdfRegistryRemoveValue[WdfRegistryRemoveValueTableIndex = 234]: PFN_WDFREGISTRYREMOVEVALUE(
        Key: WDFKEY, ValueName: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfRegistryQueryValue[WdfRegistryQueryValueTableIndex = 235]: PFN_WDFREGISTRYQUERYVALUE(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, ValueLength: ULONG, Value: PVOID, ValueLengthQueried: PULONG,
        ValueType: PULONG) -> NTSTATUS;
    #[must_use]
    WdfRegistryQueryMemory[WdfRegistryQueryMemoryTableIndex = 236]: PFN_WDFREGISTRYQUERYMEMORY(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, PoolType: POOL_TYPE, MemoryAttributes: PWDF_OBJECT_ATTRIBUTES,
        Memory: *mut WDFMEMORY, ValueType: PULONG) -> NTSTATUS;
    #[must_use]
    WdfRegistryQueryMultiString[WdfRegistryQueryMultiStringTableIndex = 237]: PFN_WDFREGISTRYQUERYMULTISTRING(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, StringsAttributes: PWDF_OBJECT_ATTRIBUTES, Collection: WDFCOLLECTION)
        -> NTSTATUS;
    #[must_use]
    WdfRegistryQueryUnicodeString[WdfRegistryQueryUnicodeStringTableIndex = 238]: PFN_WDFREGISTRYQUERYUNICODESTRING(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, ValueByteLength: PUSHORT, Value: PUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfRegistryQueryString[WdfRegistryQueryStringTableIndex = 239]: PFN_WDFREGISTRYQUERYSTRING(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, String: WDFSTRING) -> NTSTATUS;
    #[must_use]
    WdfRegistryQueryULong[WdfRegistryQueryULongTableIndex = 240]: PFN_WDFREGISTRYQUERYULONG(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, Value: PULONG) -> NTSTATUS;
    #[must_use]
    WdfRegistryAssignValue[WdfRegistryAssignValueTableIndex = 241]: PFN_WDFREGISTRYASSIGNVALUE(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, ValueType: ULONG, ValueLength: ULONG, Value: PVOID) -> NTSTATUS;
    #[must_use]
    WdfRegistryAssignMemory[WdfRegistryAssignMemoryTableIndex = 242]: PFN_WDFREGISTRYASSIGNMEMORY(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, ValueType: ULONG, Memory: WDFMEMORY, MemoryOffsets: PWDFMEMORY_OFFSET)
        -> NTSTATUS;
    #[must_use]
    WdfRegistryAssignMultiString[WdfRegistryAssignMultiStringTableIndex = 243]: PFN_WDFREGISTRYASSIGNMULTISTRING(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, StringsCollection: WDFCOLLECTION) -> NTSTATUS;
    #[must_use]
    WdfRegistryAssignUnicodeString[WdfRegistryAssignUnicodeStringTableIndex = 244]: PFN_WDFREGISTRYASSIGNUNICODESTRING(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, Value: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfRegistryAssignString[WdfRegistryAssignStringTableIndex = 245]: PFN_WDFREGISTRYASSIGNSTRING(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, String: WDFSTRING) -> NTSTATUS;
    #[must_use]
    WdfRegistryAssignULong[WdfRegistryAssignULongTableIndex = 246]: PFN_WDFREGISTRYASSIGNULONG(
        Key: WDFKEY, ValueName: PCUNICODE_STRING, Value: ULONG) -> NTSTATUS;

    // wdfstring.h
    #[must_use]
    WdfStringCreate[WdfStringCreateTableIndex = 308]: PFN_WDFSTRINGCREATE(
        UnicodeString: PCUNICODE_STRING, StringAttributes: PWDF_OBJECT_ATTRIBUTES, String: *mut WDFSTRING) -> NTSTATUS;
    WdfStringGetUnicodeString[WdfStringGetUnicodeStringTableIndex = 309]: PFN_WDFSTRINGGETUNICODESTRING(
        String: WDFSTRING, UnicodeString: PUNICODE_STRING);

    // wdfverifier.h
    WdfVerifierDbgBreakPoint[WdfVerifierDbgBreakPointTableIndex = 367]: PFN_WDFVERIFIERDBGBREAKPOINT();
    WdfVerifierKeBugCheck[WdfVerifierKeBugCheckTableIndex = 368]: PFN_WDFVERIFIERKEBUGCHECK(
        BugCheckCode: ULONG, BugCheckParameter1: ULONG_PTR, BugCheckParameter2: ULONG_PTR, BugCheckParameter3: ULONG_PTR,
        BugCheckParameter4: ULONG_PTR);
    #[must_use]
    WdfGetTriageInfo[WdfGetTriageInfoTableIndex = 431]: PFN_WDFGETTRIAGEINFO() -> PVOID;

    // wdfcompaniontarget.h
    #[must_use]
    WdfCompanionTargetSendTaskSynchronously[WdfCompanionTargetSendTaskSynchronouslyTableIndex = 449]:
        PFN_WDFCOMPANIONTARGETSENDTASKSYNCHRONOUSLY(
        CompanionTarget: WDFCOMPANIONTARGET, TaskQueueIdentifier: USHORT, TaskOperationCode: ULONG,
        InputBuffer: PWDF_MEMORY_DESCRIPTOR, OutputBuffer: PWDF_MEMORY_DESCRIPTOR, TaskOptions: PWDF_TASK_SEND_OPTIONS,
        BytesReturned: PULONG_PTR) -> NTSTATUS;
    #[must_use]
    WdfCompanionTargetWdmGetCompanionProcess[WdfCompanionTargetWdmGetCompanionProcessTableIndex = 450]:
        PFN_WDFCOMPANIONTARGETWDMGETCOMPANIONPROCESS(CompanionTarget: WDFCOMPANIONTARGET) -> PEPROCESS;

    // wdfcx.h
    #[must_use]
    WdfCxDeviceInitAllocate[WdfCxDeviceInitAllocateTableIndex = 396]: PFN_WDFCXDEVICEINITALLOCATE(
        DeviceInit: PWDFDEVICE_INIT) -> PWDFCXDEVICE_INIT;
    #[must_use]
    WdfCxDeviceInitAssignWdmIrpPreprocessCallback[WdfCxDeviceInitAssignWdmIrpPreprocessCallbackTableIndex = 397]:
        PFN_WDFCXDEVICEINITASSIGNWDMIRPPREPROCESSCALLBACK(
        CxDeviceInit: PWDFCXDEVICE_INIT, EvtCxDeviceWdmIrpPreprocess: PFN_WDFCXDEVICE_WDM_IRP_PREPROCESS,
        MajorFunction: UCHAR, MinorFunctions: PUCHAR, NumMinorFunctions: ULONG) -> NTSTATUS;
    WdfCxDeviceInitSetIoInCallerContextCallback[WdfCxDeviceInitSetIoInCallerContextCallbackTableIndex = 398]:
        PFN_WDFCXDEVICEINITSETIOINCALLERCONTEXTCALLBACK(
        CxDeviceInit: PWDFCXDEVICE_INIT, EvtIoInCallerContext: PFN_WDF_IO_IN_CALLER_CONTEXT);
    WdfCxDeviceInitSetRequestAttributes[WdfCxDeviceInitSetRequestAttributesTableIndex = 399]:
        PFN_WDFCXDEVICEINITSETREQUESTATTRIBUTES(CxDeviceInit: PWDFCXDEVICE_INIT, RequestAttributes: PWDF_OBJECT_ATTRIBUTES);
    WdfCxDeviceInitSetFileObjectConfig[WdfCxDeviceInitSetFileObjectConfigTableIndex = 400]:
        PFN_WDFCXDEVICEINITSETFILEOBJECTCONFIG(
        CxDeviceInit: PWDFCXDEVICE_INIT, CxFileObjectConfig: PWDFCX_FILEOBJECT_CONFIG,
        FileObjectAttributes: PWDF_OBJECT_ATTRIBUTES);
    WdfCxVerifierKeBugCheck[WdfCxVerifierKeBugCheckTableIndex = 427]: PFN_WDFCXVERIFIERKEBUGCHECK(
        Object: WDFOBJECT, BugCheckCode: ULONG, BugCheckParameter1: ULONG_PTR, BugCheckParameter2: ULONG_PTR,
        BugCheckParameter3: ULONG_PTR, BugCheckParameter4: ULONG_PTR);
    WdfCxDeviceInitSetPnpPowerEventCallbacks[WdfCxDeviceInitSetPnpPowerEventCallbacksTableIndex = 445]:
        PFN_WDFCXDEVICEINITSETPNPPOWEREVENTCALLBACKS(
        CxDeviceInit: PWDFCXDEVICE_INIT, CxPnpPowerCallbacks: PWDFCX_PNPPOWER_EVENT_CALLBACKS);
    #[must_use]
    WdfCxDeviceInitAllocateContext[WdfCxDeviceInitAllocateContextTableIndex = 454]: PFN_WDFCXDEVICEINITALLOCATECONTEXT(
        DeviceInit: PWDFDEVICE_INIT, ContextAttributes: PWDF_OBJECT_ATTRIBUTES, Context: *mut PVOID) -> NTSTATUS;
    #[must_use]
    WdfCxDeviceInitGetTypedContextWorker[WdfCxDeviceInitGetTypedContextWorkerTableIndex = 455]:
        PFN_WDFCXDEVICEINITGETTYPEDCONTEXTWORKER(DeviceInit: PWDFDEVICE_INIT, TypeInfo: PCWDF_OBJECT_CONTEXT_TYPE_INFO)
        -> PVOID;
    WdfCxDeviceInitSetPowerPolicyEventCallbacks[WdfCxDeviceInitSetPowerPolicyEventCallbacksTableIndex = 456]:
        PFN_WDFCXDEVICEINITSETPOWERPOLICYEVENTCALLBACKS(
        CxDeviceInit: PWDFCXDEVICE_INIT, CxPowerPolicyCallbacks: PWDFCX_POWER_POLICY_EVENT_CALLBACKS);

    // wdfchildlist.h
    #[must_use]
    WdfChildListCreate[WdfChildListCreateTableIndex = 0]: PFN_WDFCHILDLISTCREATE(
        Device: WDFDEVICE, Config: PWDF_CHILD_LIST_CONFIG, ChildListAttributes: PWDF_OBJECT_ATTRIBUTES,
        ChildList: *mut WDFCHILDLIST) -> NTSTATUS;
    #[must_use]
    WdfChildListGetDevice[WdfChildListGetDeviceTableIndex = 1]: PFN_WDFCHILDLISTGETDEVICE(ChildList: WDFCHILDLIST) -> WDFDEVICE;
    #[must_use]
    WdfChildListRetrievePdo[WdfChildListRetrievePdoTableIndex = 2]: PFN_WDFCHILDLISTRETRIEVEPDO(
        ChildList: WDFCHILDLIST, RetrieveInfo: PWDF_CHILD_RETRIEVE_INFO) -> WDFDEVICE;
    #[must_use]
    WdfChildListRetrieveAddressDescription[WdfChildListRetrieveAddressDescriptionTableIndex = 3]:
        PFN_WDFCHILDLISTRETRIEVEADDRESSDESCRIPTION(
        ChildList: WDFCHILDLIST, IdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER,
        AddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER) -> NTSTATUS;
    WdfChildListBeginScan[WdfChildListBeginScanTableIndex = 4]: PFN_WDFCHILDLISTBEGINSCAN(ChildList: WDFCHILDLIST);
    WdfChildListEndScan[WdfChildListEndScanTableIndex = 5]: PFN_WDFCHILDLISTENDSCAN(ChildList: WDFCHILDLIST);
    WdfChildListBeginIteration[WdfChildListBeginIterationTableIndex = 6]: PFN_WDFCHILDLISTBEGINITERATION(
        ChildList: WDFCHILDLIST, Iterator: PWDF_CHILD_LIST_ITERATOR);
    #[must_use]
    WdfChildListRetrieveNextDevice[WdfChildListRetrieveNextDeviceTableIndex = 7]: PFN_WDFCHILDLISTRETRIEVENEXTDEVICE(
        ChildList: WDFCHILDLIST, Iterator: PWDF_CHILD_LIST_ITERATOR, Device: *mut WDFDEVICE, Info: PWDF_CHILD_RETRIEVE_INFO)
        -> NTSTATUS;
    WdfChildListEndIteration[WdfChildListEndIterationTableIndex = 8]: PFN_WDFCHILDLISTENDITERATION(
        ChildList: WDFCHILDLIST, Iterator: PWDF_CHILD_LIST_ITERATOR);
    #[must_use]
    WdfChildListAddOrUpdateChildDescriptionAsPresent[WdfChildListAddOrUpdateChildDescriptionAsPresentTableIndex = 9]:
        PFN_WDFCHILDLISTADDORUPDATECHILDDESCRIPTIONASPRESENT(
        ChildList: WDFCHILDLIST, IdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER,
        AddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER) -> NTSTATUS;
    #[must_use]
    WdfChildListUpdateChildDescriptionAsMissing[WdfChildListUpdateChildDescriptionAsMissingTableIndex = 10]:
        PFN_WDFCHILDLISTUPDATECHILDDESCRIPTIONASMISSING(
        ChildList: WDFCHILDLIST, IdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER) -> NTSTATUS;
    WdfChildListUpdateAllChildDescriptionsAsPresent[WdfChildListUpdateAllChildDescriptionsAsPresentTableIndex = 11]:
        PFN_WDFCHILDLISTUPDATEALLCHILDDESCRIPTIONSASPRESENT(ChildList: WDFCHILDLIST);
    #[must_use]
    WdfChildListRequestChildEject[WdfChildListRequestChildEjectTableIndex = 12]: PFN_WDFCHILDLISTREQUESTCHILDEJECT(
        ChildList: WDFCHILDLIST, IdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER) -> BOOLEAN;

    // wdfcontrol.h
    #[must_use]
    WdfControlDeviceInitAllocate[WdfControlDeviceInitAllocateTableIndex = 25]: PFN_WDFCONTROLDEVICEINITALLOCATE(
        Driver: WDFDRIVER, SDDLString: *const UNICODE_STRING) -> PWDFDEVICE_INIT;
    WdfControlDeviceInitSetShutdownNotification[WdfControlDeviceInitSetShutdownNotificationTableIndex = 26]:
        PFN_WDFCONTROLDEVICEINITSETSHUTDOWNNOTIFICATION(
        DeviceInit: PWDFDEVICE_INIT, Notification: PFN_WDF_DEVICE_SHUTDOWN_NOTIFICATION, Flags: UCHAR);
    WdfControlFinishInitializing[WdfControlFinishInitializingTableIndex = 27]: PFN_WDFCONTROLFINISHINITIALIZING(Device: WDFDEVICE);

    // wdfdevice.h
    WdfDeviceGetDeviceState[WdfDeviceGetDeviceStateTableIndex = 28]: PFN_WDFDEVICEGETDEVICESTATE(
        Device: WDFDEVICE, DeviceState: PWDF_DEVICE_STATE);
    WdfDeviceSetDeviceState[WdfDeviceSetDeviceStateTableIndex = 29]: PFN_WDFDEVICESETDEVICESTATE(
        Device: WDFDEVICE, DeviceState: PWDF_DEVICE_STATE);
    #[must_use]
    WdfWdmDeviceGetWdfDeviceHandle[WdfWdmDeviceGetWdfDeviceHandleTableIndex = 30]: PFN_WDFWDMDEVICEGETWDFDEVICEHANDLE(
        DeviceObject: PDEVICE_OBJECT) -> WDFDEVICE;
    #[must_use]
    WdfDeviceWdmGetDeviceObject[WdfDeviceWdmGetDeviceObjectTableIndex = 31]: PFN_WDFDEVICEWDMGETDEVICEOBJECT(
        Device: WDFDEVICE) -> PDEVICE_OBJECT;
    #[must_use]
    WdfDeviceWdmGetAttachedDevice[WdfDeviceWdmGetAttachedDeviceTableIndex = 32]: PFN_WDFDEVICEWDMGETATTACHEDDEVICE(
        Device: WDFDEVICE) -> PDEVICE_OBJECT;
    #[must_use]
    WdfDeviceWdmGetPhysicalDevice[WdfDeviceWdmGetPhysicalDeviceTableIndex = 33]: PFN_WDFDEVICEWDMGETPHYSICALDEVICE(
        Device: WDFDEVICE) -> PDEVICE_OBJECT;
    #[must_use]
    WdfDeviceWdmDispatchPreprocessedIrp[WdfDeviceWdmDispatchPreprocessedIrpTableIndex = 34]:
        PFN_WDFDEVICEWDMDISPATCHPREPROCESSEDIRP(Device: WDFDEVICE, Irp: PIRP) -> NTSTATUS;
    #[must_use]
    WdfDeviceAddDependentUsageDeviceObject[WdfDeviceAddDependentUsageDeviceObjectTableIndex = 35]:
        PFN_WDFDEVICEADDDEPENDENTUSAGEDEVICEOBJECT(Device: WDFDEVICE, DependentDevice: PDEVICE_OBJECT) -> NTSTATUS;
    #[must_use]
    WdfDeviceAddRemovalRelationsPhysicalDevice[WdfDeviceAddRemovalRelationsPhysicalDeviceTableIndex = 36]:
        PFN_WDFDEVICEADDREMOVALRELATIONSPHYSICALDEVICE(Device: WDFDEVICE, PhysicalDevice: PDEVICE_OBJECT) -> NTSTATUS;
    WdfDeviceRemoveRemovalRelationsPhysicalDevice[WdfDeviceRemoveRemovalRelationsPhysicalDeviceTableIndex = 37]:
        PFN_WDFDEVICEREMOVEREMOVALRELATIONSPHYSICALDEVICE(Device: WDFDEVICE, PhysicalDevice: PDEVICE_OBJECT);
    WdfDeviceClearRemovalRelationsDevices[WdfDeviceClearRemovalRelationsDevicesTableIndex = 38]:
        PFN_WDFDEVICECLEARREMOVALRELATIONSDEVICES(Device: WDFDEVICE);
    #[must_use]
    WdfDeviceGetDriver[WdfDeviceGetDriverTableIndex = 39]: PFN_WDFDEVICEGETDRIVER(Device: WDFDEVICE) -> WDFDRIVER;
    #[must_use]
    WdfDeviceRetrieveDeviceName[WdfDeviceRetrieveDeviceNameTableIndex = 40]: PFN_WDFDEVICERETRIEVEDEVICENAME(
        Device: WDFDEVICE, String: WDFSTRING) -> NTSTATUS;
    #[must_use]
    WdfDeviceAssignMofResourceName[WdfDeviceAssignMofResourceNameTableIndex = 41]: PFN_WDFDEVICEASSIGNMOFRESOURCENAME(
        Device: WDFDEVICE, MofResourceName: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfDeviceGetIoTarget[WdfDeviceGetIoTargetTableIndex = 42]: PFN_WDFDEVICEGETIOTARGET(Device: WDFDEVICE) -> WDFIOTARGET;
    #[must_use]
    WdfDeviceGetDevicePnpState[WdfDeviceGetDevicePnpStateTableIndex = 43]: PFN_WDFDEVICEGETDEVICEPNPSTATE(
        Device: WDFDEVICE) -> WDF_DEVICE_PNP_STATE [unsupported = _WDF_DEVICE_PNP_STATE::WdfDevStatePnpInvalid];
    #[must_use]
    WdfDeviceGetDevicePowerState[WdfDeviceGetDevicePowerStateTableIndex = 44]: PFN_WDFDEVICEGETDEVICEPOWERSTATE(
        Device: WDFDEVICE) -> WDF_DEVICE_POWER_STATE [unsupported = _WDF_DEVICE_POWER_STATE::WdfDevStatePowerInvalid];
    #[must_use]
    WdfDeviceGetDevicePowerPolicyState[WdfDeviceGetDevicePowerPolicyStateTableIndex = 45]:
        PFN_WDFDEVICEGETDEVICEPOWERPOLICYSTATE(
        Device: WDFDEVICE) -> WDF_DEVICE_POWER_POLICY_STATE [unsupported = _WDF_DEVICE_POWER_POLICY_STATE::WdfDevStatePwrPolInvalid];
    #[must_use]
    WdfDeviceAssignS0IdleSettings[WdfDeviceAssignS0IdleSettingsTableIndex = 46]: PFN_WDFDEVICEASSIGNS0IDLESETTINGS(
        Device: WDFDEVICE, Settings: PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS) -> NTSTATUS;
    #[must_use]
    WdfDeviceAssignSxWakeSettings[WdfDeviceAssignSxWakeSettingsTableIndex = 47]: PFN_WDFDEVICEASSIGNSXWAKESETTINGS(
        Device: WDFDEVICE, Settings: PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS) -> NTSTATUS;
    #[must_use]
    WdfDeviceOpenRegistryKey[WdfDeviceOpenRegistryKeyTableIndex = 48]: PFN_WDFDEVICEOPENREGISTRYKEY(
        Device: WDFDEVICE, DeviceInstanceKeyType: ULONG, DesiredAccess: ACCESS_MASK, KeyAttributes: PWDF_OBJECT_ATTRIBUTES,
        Key: *mut WDFKEY) -> NTSTATUS;
    WdfDeviceSetSpecialFileSupport[WdfDeviceSetSpecialFileSupportTableIndex = 49]: PFN_WDFDEVICESETSPECIALFILESUPPORT(
        Device: WDFDEVICE, FileType: WDF_SPECIAL_FILE_TYPE, FileTypeIsSupported: BOOLEAN);
    WdfDeviceSetCharacteristics[WdfDeviceSetCharacteristicsTableIndex = 50]: PFN_WDFDEVICESETCHARACTERISTICS(
        Device: WDFDEVICE, DeviceCharacteristics: ULONG);
    #[must_use]
    WdfDeviceGetCharacteristics[WdfDeviceGetCharacteristicsTableIndex = 51]: PFN_WDFDEVICEGETCHARACTERISTICS(
        Device: WDFDEVICE) -> ULONG;
    #[must_use]
    WdfDeviceGetAlignmentRequirement[WdfDeviceGetAlignmentRequirementTableIndex = 52]: PFN_WDFDEVICEGETALIGNMENTREQUIREMENT(
        Device: WDFDEVICE) -> ULONG;
    WdfDeviceSetAlignmentRequirement[WdfDeviceSetAlignmentRequirementTableIndex = 53]: PFN_WDFDEVICESETALIGNMENTREQUIREMENT(
        Device: WDFDEVICE, AlignmentRequirement: ULONG);
    WdfDeviceInitFree[WdfDeviceInitFreeTableIndex = 54]: PFN_WDFDEVICEINITFREE(DeviceInit: PWDFDEVICE_INIT);
    WdfDeviceInitSetPnpPowerEventCallbacks[WdfDeviceInitSetPnpPowerEventCallbacksTableIndex = 55]:
        PFN_WDFDEVICEINITSETPNPPOWEREVENTCALLBACKS(
        DeviceInit: PWDFDEVICE_INIT, PnpPowerEventCallbacks: PWDF_PNPPOWER_EVENT_CALLBACKS);
    WdfDeviceInitSetPowerPolicyEventCallbacks[WdfDeviceInitSetPowerPolicyEventCallbacksTableIndex = 56]:
        PFN_WDFDEVICEINITSETPOWERPOLICYEVENTCALLBACKS(
        DeviceInit: PWDFDEVICE_INIT, PowerPolicyEventCallbacks: PWDF_POWER_POLICY_EVENT_CALLBACKS);
    WdfDeviceInitSetPowerPolicyOwnership[WdfDeviceInitSetPowerPolicyOwnershipTableIndex = 57]:
        PFN_WDFDEVICEINITSETPOWERPOLICYOWNERSHIP(DeviceInit: PWDFDEVICE_INIT, IsPowerPolicyOwner: BOOLEAN);
    #[must_use]
    WdfDeviceInitRegisterPnpStateChangeCallback[WdfDeviceInitRegisterPnpStateChangeCallbackTableIndex = 58]:
        PFN_WDFDEVICEINITREGISTERPNPSTATECHANGECALLBACK(
        DeviceInit: PWDFDEVICE_INIT, PnpState: WDF_DEVICE_PNP_STATE,
        EvtDevicePnpStateChange: PFN_WDF_DEVICE_PNP_STATE_CHANGE_NOTIFICATION, CallbackTypes: ULONG) -> NTSTATUS;
    #[must_use]
    WdfDeviceInitRegisterPowerStateChangeCallback[WdfDeviceInitRegisterPowerStateChangeCallbackTableIndex = 59]:
        PFN_WDFDEVICEINITREGISTERPOWERSTATECHANGECALLBACK(
        DeviceInit: PWDFDEVICE_INIT, PowerState: WDF_DEVICE_POWER_STATE,
        EvtDevicePowerStateChange: PFN_WDF_DEVICE_POWER_STATE_CHANGE_NOTIFICATION, CallbackTypes: ULONG) -> NTSTATUS;
    #[must_use]
    WdfDeviceInitRegisterPowerPolicyStateChangeCallback[WdfDeviceInitRegisterPowerPolicyStateChangeCallbackTableIndex = 60]:
        PFN_WDFDEVICEINITREGISTERPOWERPOLICYSTATECHANGECALLBACK(
        DeviceInit: PWDFDEVICE_INIT, PowerPolicyState: WDF_DEVICE_POWER_POLICY_STATE,
        EvtDevicePowerPolicyStateChange: PFN_WDF_DEVICE_POWER_POLICY_STATE_CHANGE_NOTIFICATION, CallbackTypes: ULONG)
        -> NTSTATUS;
    WdfDeviceInitSetIoType[WdfDeviceInitSetIoTypeTableIndex = 61]: PFN_WDFDEVICEINITSETIOTYPE(
        DeviceInit: PWDFDEVICE_INIT, IoType: WDF_DEVICE_IO_TYPE);
    WdfDeviceInitSetExclusive[WdfDeviceInitSetExclusiveTableIndex = 62]: PFN_WDFDEVICEINITSETEXCLUSIVE(
        DeviceInit: PWDFDEVICE_INIT, IsExclusive: BOOLEAN);
    WdfDeviceInitSetPowerNotPageable[WdfDeviceInitSetPowerNotPageableTableIndex = 63]: PFN_WDFDEVICEINITSETPOWERNOTPAGEABLE(
        DeviceInit: PWDFDEVICE_INIT);
    WdfDeviceInitSetPowerPageable[WdfDeviceInitSetPowerPageableTableIndex = 64]: PFN_WDFDEVICEINITSETPOWERPAGEABLE(
        DeviceInit: PWDFDEVICE_INIT);
    WdfDeviceInitSetPowerInrush[WdfDeviceInitSetPowerInrushTableIndex = 65]: PFN_WDFDEVICEINITSETPOWERINRUSH(
        DeviceInit: PWDFDEVICE_INIT);
    WdfDeviceInitSetDeviceType[WdfDeviceInitSetDeviceTypeTableIndex = 66]: PFN_WDFDEVICEINITSETDEVICETYPE(
        DeviceInit: PWDFDEVICE_INIT, DeviceType: DEVICE_TYPE);
    #[must_use]
    WdfDeviceInitAssignName[WdfDeviceInitAssignNameTableIndex = 67]: PFN_WDFDEVICEINITASSIGNNAME(
        DeviceInit: PWDFDEVICE_INIT, DeviceName: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfDeviceInitAssignSDDLString[WdfDeviceInitAssignSDDLStringTableIndex = 68]: PFN_WDFDEVICEINITASSIGNSDDLSTRING(
        DeviceInit: PWDFDEVICE_INIT, SDDLString: PCUNICODE_STRING) -> NTSTATUS;
    WdfDeviceInitSetDeviceClass[WdfDeviceInitSetDeviceClassTableIndex = 69]: PFN_WDFDEVICEINITSETDEVICECLASS(
        DeviceInit: PWDFDEVICE_INIT, DeviceClassGuid: *const GUID);
    WdfDeviceInitSetCharacteristics[WdfDeviceInitSetCharacteristicsTableIndex = 70]: PFN_WDFDEVICEINITSETCHARACTERISTICS(
        DeviceInit: PWDFDEVICE_INIT, DeviceCharacteristics: ULONG, OrInValues: BOOLEAN);
    WdfDeviceInitSetFileObjectConfig[WdfDeviceInitSetFileObjectConfigTableIndex = 71]: PFN_WDFDEVICEINITSETFILEOBJECTCONFIG(
        DeviceInit: PWDFDEVICE_INIT, FileObjectConfig: PWDF_FILEOBJECT_CONFIG, FileObjectAttributes: PWDF_OBJECT_ATTRIBUTES);
    WdfDeviceInitSetRequestAttributes[WdfDeviceInitSetRequestAttributesTableIndex = 72]: PFN_WDFDEVICEINITSETREQUESTATTRIBUTES(
        DeviceInit: PWDFDEVICE_INIT, RequestAttributes: PWDF_OBJECT_ATTRIBUTES);
    #[must_use]
    WdfDeviceInitAssignWdmIrpPreprocessCallback[WdfDeviceInitAssignWdmIrpPreprocessCallbackTableIndex = 73]:
        PFN_WDFDEVICEINITASSIGNWDMIRPPREPROCESSCALLBACK(
        DeviceInit: PWDFDEVICE_INIT, EvtDeviceWdmIrpPreprocess: PFN_WDFDEVICE_WDM_IRP_PREPROCESS, MajorFunction: UCHAR,
        MinorFunctions: PUCHAR, NumMinorFunctions: ULONG) -> NTSTATUS;
    WdfDeviceInitSetIoInCallerContextCallback[WdfDeviceInitSetIoInCallerContextCallbackTableIndex = 74]:
        PFN_WDFDEVICEINITSETIOINCALLERCONTEXTCALLBACK(
        DeviceInit: PWDFDEVICE_INIT, EvtIoInCallerContext: PFN_WDF_IO_IN_CALLER_CONTEXT);
    #[must_use]
    WdfDeviceCreate[WdfDeviceCreateTableIndex = 75]: PFN_WDFDEVICECREATE(
        DeviceInit: *mut PWDFDEVICE_INIT, DeviceAttributes: PWDF_OBJECT_ATTRIBUTES, Device: *mut WDFDEVICE) -> NTSTATUS;
    WdfDeviceSetStaticStopRemove[WdfDeviceSetStaticStopRemoveTableIndex = 76]: PFN_WDFDEVICESETSTATICSTOPREMOVE(
        Device: WDFDEVICE, Stoppable: BOOLEAN);
    #[must_use]
    WdfDeviceCreateDeviceInterface[WdfDeviceCreateDeviceInterfaceTableIndex = 77]: PFN_WDFDEVICECREATEDEVICEINTERFACE(
        Device: WDFDEVICE, InterfaceClassGUID: *const GUID, ReferenceString: PCUNICODE_STRING) -> NTSTATUS;
    WdfDeviceSetDeviceInterfaceState[WdfDeviceSetDeviceInterfaceStateTableIndex = 78]: PFN_WDFDEVICESETDEVICEINTERFACESTATE(
        Device: WDFDEVICE, InterfaceClassGUID: *const GUID, ReferenceString: PCUNICODE_STRING, IsInterfaceEnabled: BOOLEAN);
    #[must_use]
    WdfDeviceRetrieveDeviceInterfaceString[WdfDeviceRetrieveDeviceInterfaceStringTableIndex = 79]:
        PFN_WDFDEVICERETRIEVEDEVICEINTERFACESTRING(
        Device: WDFDEVICE, InterfaceClassGUID: *const GUID, ReferenceString: PCUNICODE_STRING, String: WDFSTRING) -> NTSTATUS;
    #[must_use]
    WdfDeviceCreateSymbolicLink[WdfDeviceCreateSymbolicLinkTableIndex = 80]: PFN_WDFDEVICECREATESYMBOLICLINK(
        Device: WDFDEVICE, SymbolicLinkName: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfDeviceQueryProperty[WdfDeviceQueryPropertyTableIndex = 81]: PFN_WDFDEVICEQUERYPROPERTY(
        Device: WDFDEVICE, DeviceProperty: DEVICE_REGISTRY_PROPERTY::Type, BufferLength: ULONG, PropertyBuffer: PVOID,
        ResultLength: PULONG) -> NTSTATUS;
    #[must_use]
    WdfDeviceAllocAndQueryProperty[WdfDeviceAllocAndQueryPropertyTableIndex = 82]: PFN_WDFDEVICEALLOCANDQUERYPROPERTY(
        Device: WDFDEVICE, DeviceProperty: DEVICE_REGISTRY_PROPERTY::Type, PoolType: POOL_TYPE,
        PropertyMemoryAttributes: PWDF_OBJECT_ATTRIBUTES, PropertyMemory: *mut WDFMEMORY) -> NTSTATUS;
    WdfDeviceSetPnpCapabilities[WdfDeviceSetPnpCapabilitiesTableIndex = 83]: PFN_WDFDEVICESETPNPCAPABILITIES(
        Device: WDFDEVICE, PnpCapabilities: PWDF_DEVICE_PNP_CAPABILITIES);
    WdfDeviceSetPowerCapabilities[WdfDeviceSetPowerCapabilitiesTableIndex = 84]: PFN_WDFDEVICESETPOWERCAPABILITIES(
        Device: WDFDEVICE, PowerCapabilities: PWDF_DEVICE_POWER_CAPABILITIES);
    WdfDeviceSetBusInformationForChildren[WdfDeviceSetBusInformationForChildrenTableIndex = 85]:
        PFN_WDFDEVICESETBUSINFORMATIONFORCHILDREN(Device: WDFDEVICE, BusInformation: PPNP_BUS_INFORMATION);
    #[must_use]
    WdfDeviceIndicateWakeStatus[WdfDeviceIndicateWakeStatusTableIndex = 86]: PFN_WDFDEVICEINDICATEWAKESTATUS(
        Device: WDFDEVICE, WaitWakeStatus: NTSTATUS) -> NTSTATUS;
    WdfDeviceSetFailed[WdfDeviceSetFailedTableIndex = 87]: PFN_WDFDEVICESETFAILED(
        Device: WDFDEVICE, FailedAction: WDF_DEVICE_FAILED_ACTION);
    #[must_use]
    WdfDeviceStopIdleNoTrack[WdfDeviceStopIdleNoTrackTableIndex = 88]: PFN_WDFDEVICESTOPIDLENOTRACK(
        Device: WDFDEVICE, WaitForD0: BOOLEAN) -> NTSTATUS;
    WdfDeviceResumeIdleNoTrack[WdfDeviceResumeIdleNoTrackTableIndex = 89]: PFN_WDFDEVICERESUMEIDLENOTRACK(Device: WDFDEVICE);
    #[must_use]
    WdfDeviceGetFileObject[WdfDeviceGetFileObjectTableIndex = 90]: PFN_WDFDEVICEGETFILEOBJECT(
        Device: WDFDEVICE, FileObject: PFILE_OBJECT) -> WDFFILEOBJECT;
    #[must_use]
    WdfDeviceEnqueueRequest[WdfDeviceEnqueueRequestTableIndex = 91]: PFN_WDFDEVICEENQUEUEREQUEST(
        Device: WDFDEVICE, Request: WDFREQUEST) -> NTSTATUS;
    #[must_use]
    WdfDeviceGetDefaultQueue[WdfDeviceGetDefaultQueueTableIndex = 92]: PFN_WDFDEVICEGETDEFAULTQUEUE(Device: WDFDEVICE) -> WDFQUEUE;
    #[must_use]
    WdfDeviceConfigureRequestDispatching[WdfDeviceConfigureRequestDispatchingTableIndex = 93]:
        PFN_WDFDEVICECONFIGUREREQUESTDISPATCHING(
        Device: WDFDEVICE, Queue: WDFQUEUE, RequestType: WDF_REQUEST_TYPE) -> NTSTATUS;
    WdfDeviceRemoveDependentUsageDeviceObject[WdfDeviceRemoveDependentUsageDeviceObjectTableIndex = 387]:
        PFN_WDFDEVICEREMOVEDEPENDENTUSAGEDEVICEOBJECT(Device: WDFDEVICE, DependentDevice: PDEVICE_OBJECT);
    #[must_use]
    WdfDeviceGetSystemPowerAction[WdfDeviceGetSystemPowerActionTableIndex = 388]: PFN_WDFDEVICEGETSYSTEMPOWERACTION(
        Device: WDFDEVICE) -> POWER_ACTION [unsupported = _POWER_ACTION::PowerActionNone];
    #[must_use]
    WdfDeviceWdmDispatchIrp[WdfDeviceWdmDispatchIrpTableIndex = 401]: PFN_WDFDEVICEWDMDISPATCHIRP(
        Device: WDFDEVICE, Irp: PIRP, DispatchContext: WDFCONTEXT) -> NTSTATUS;
    #[must_use]
    WdfDeviceWdmDispatchIrpToIoQueue[WdfDeviceWdmDispatchIrpToIoQueueTableIndex = 402]: PFN_WDFDEVICEWDMDISPATCHIRPTOIOQUEUE(
        Device: WDFDEVICE, Irp: PIRP, Queue: WDFQUEUE, Flags: ULONG) -> NTSTATUS;
    WdfDeviceInitSetRemoveLockOptions[WdfDeviceInitSetRemoveLockOptionsTableIndex = 403]:
        PFN_WDFDEVICEINITSETREMOVELOCKOPTIONS(DeviceInit: PWDFDEVICE_INIT, Options: PWDF_REMOVE_LOCK_OPTIONS);
    #[must_use]
    WdfDeviceConfigureWdmIrpDispatchCallback[WdfDeviceConfigureWdmIrpDispatchCallbackTableIndex = 404]:
        PFN_WDFDEVICECONFIGUREWDMIRPDISPATCHCALLBACK(
        Device: WDFDEVICE, Driver: WDFDRIVER, MajorFunction: UCHAR, EvtDeviceWdmIrpDispatch: PFN_WDFDEVICE_WDM_IRP_DISPATCH,
        DriverContext: WDFCONTEXT) -> NTSTATUS;
    #[must_use]
    WdfDeviceWdmAssignPowerFrameworkSettings[WdfDeviceWdmAssignPowerFrameworkSettingsTableIndex = 425]:
        PFN_WDFDEVICEWDMASSIGNPOWERFRAMEWORKSETTINGS(
        Device: WDFDEVICE, PowerFrameworkSettings: PWDF_POWER_FRAMEWORK_SETTINGS) -> NTSTATUS;
    WdfDeviceInitSetReleaseHardwareOrderOnFailure[WdfDeviceInitSetReleaseHardwareOrderOnFailureTableIndex = 430]:
        PFN_WDFDEVICEINITSETRELEASEHARDWAREORDERONFAILURE(
        DeviceInit: PWDFDEVICE_INIT, ReleaseHardwareOrderOnFailure: WDF_RELEASE_HARDWARE_ORDER_ON_FAILURE);
    WdfDeviceInitSetIoTypeEx[WdfDeviceInitSetIoTypeExTableIndex = 432]: PFN_WDFDEVICEINITSETIOTYPEEX(
        DeviceInit: PWDFDEVICE_INIT, IoTypeConfig: PWDF_IO_TYPE_CONFIG);
    #[must_use]
    WdfDeviceQueryPropertyEx[WdfDeviceQueryPropertyExTableIndex = 433]: PFN_WDFDEVICEQUERYPROPERTYEX(
        Device: WDFDEVICE, DeviceProperty: PWDF_DEVICE_PROPERTY_DATA, BufferLength: ULONG, PropertyBuffer: PVOID,
        RequiredSize: PULONG, Type: PDEVPROPTYPE) -> NTSTATUS;
    #[must_use]
    WdfDeviceAllocAndQueryPropertyEx[WdfDeviceAllocAndQueryPropertyExTableIndex = 434]: PFN_WDFDEVICEALLOCANDQUERYPROPERTYEX(
        Device: WDFDEVICE, DeviceProperty: PWDF_DEVICE_PROPERTY_DATA, PoolType: POOL_TYPE,
        PropertyMemoryAttributes: PWDF_OBJECT_ATTRIBUTES, PropertyMemory: *mut WDFMEMORY, Type: PDEVPROPTYPE) -> NTSTATUS;
    #[must_use]
    WdfDeviceAssignProperty[WdfDeviceAssignPropertyTableIndex = 435]: PFN_WDFDEVICEASSIGNPROPERTY(
        Device: WDFDEVICE, DeviceProperty: PWDF_DEVICE_PROPERTY_DATA, Type: DEVPROPTYPE, Size: ULONG, Data: PVOID) -> NTSTATUS;
    #[must_use]
    WdfDeviceStopIdleActual[WdfDeviceStopIdleActualTableIndex = 438]: PFN_WDFDEVICESTOPIDLEACTUAL(
        Device: WDFDEVICE, WaitForD0: BOOLEAN, Tag: PVOID, Line: LONG, File: PCCH) -> NTSTATUS;
    WdfDeviceResumeIdleActual[WdfDeviceResumeIdleActualTableIndex = 439]: PFN_WDFDEVICERESUMEIDLEACTUAL(
        Device: WDFDEVICE, Tag: PVOID, Line: LONG, File: PCCH);
    #[must_use]
    WdfDeviceGetSelfIoTarget[WdfDeviceGetSelfIoTargetTableIndex = 440]: PFN_WDFDEVICEGETSELFIOTARGET(
        Device: WDFDEVICE) -> WDFIOTARGET;
    WdfDeviceInitAllowSelfIoTarget[WdfDeviceInitAllowSelfIoTargetTableIndex = 441]: PFN_WDFDEVICEINITALLOWSELFIOTARGET(
        DeviceInit: PWDFDEVICE_INIT);
    #[must_use]
    WdfDeviceOpenDevicemapKey[WdfDeviceOpenDevicemapKeyTableIndex = 443]: PFN_WDFDEVICEOPENDEVICEMAPKEY(
        Device: WDFDEVICE, KeyName: PCUNICODE_STRING, DesiredAccess: ACCESS_MASK, KeyAttributes: PWDF_OBJECT_ATTRIBUTES,
        Key: *mut WDFKEY) -> NTSTATUS;
    #[must_use]
    WdfDeviceRetrieveCompanionTarget[WdfDeviceRetrieveCompanionTargetTableIndex = 448]: PFN_WDFDEVICERETRIEVECOMPANIONTARGET(
        Device: WDFDEVICE, CompanionTarget: *mut WDFCOMPANIONTARGET) -> NTSTATUS;
    WdfDeviceSetDeviceInterfaceStateEx[WdfDeviceSetDeviceInterfaceStateExTableIndex = 457]:
        PFN_WDFDEVICESETDEVICEINTERFACESTATEEX(
        Device: WDFDEVICE, InterfaceClassGUID: *const GUID, ReferenceString: PCUNICODE_STRING, IsInterfaceEnabled: BOOLEAN);

    // wdffdo.h
    #[must_use]
    WdfFdoInitWdmGetPhysicalDevice[WdfFdoInitWdmGetPhysicalDeviceTableIndex = 124]: PFN_WDFFDOINITWDMGETPHYSICALDEVICE(
        DeviceInit: PWDFDEVICE_INIT) -> PDEVICE_OBJECT;
    #[must_use]
    WdfFdoInitOpenRegistryKey[WdfFdoInitOpenRegistryKeyTableIndex = 125]: PFN_WDFFDOINITOPENREGISTRYKEY(
        DeviceInit: PWDFDEVICE_INIT, DeviceInstanceKeyType: ULONG, DesiredAccess: ACCESS_MASK,
        KeyAttributes: PWDF_OBJECT_ATTRIBUTES, Key: *mut WDFKEY) -> NTSTATUS;
    #[must_use]
    WdfFdoInitQueryProperty[WdfFdoInitQueryPropertyTableIndex = 126]: PFN_WDFFDOINITQUERYPROPERTY(
        DeviceInit: PWDFDEVICE_INIT, DeviceProperty: DEVICE_REGISTRY_PROPERTY::Type, BufferLength: ULONG,
        PropertyBuffer: PVOID, ResultLength: PULONG) -> NTSTATUS;
    #[must_use]
    WdfFdoInitAllocAndQueryProperty[WdfFdoInitAllocAndQueryPropertyTableIndex = 127]: PFN_WDFFDOINITALLOCANDQUERYPROPERTY(
        DeviceInit: PWDFDEVICE_INIT, DeviceProperty: DEVICE_REGISTRY_PROPERTY::Type, PoolType: POOL_TYPE,
        PropertyMemoryAttributes: PWDF_OBJECT_ATTRIBUTES, PropertyMemory: *mut WDFMEMORY) -> NTSTATUS;
    WdfFdoInitSetEventCallbacks[WdfFdoInitSetEventCallbacksTableIndex = 128]: PFN_WDFFDOINITSETEVENTCALLBACKS(
        DeviceInit: PWDFDEVICE_INIT, FdoEventCallbacks: PWDF_FDO_EVENT_CALLBACKS);
    WdfFdoInitSetFilter[WdfFdoInitSetFilterTableIndex = 129]: PFN_WDFFDOINITSETFILTER(DeviceInit: PWDFDEVICE_INIT);
    WdfFdoInitSetDefaultChildListConfig[WdfFdoInitSetDefaultChildListConfigTableIndex = 130]:
        PFN_WDFFDOINITSETDEFAULTCHILDLISTCONFIG(
        DeviceInit: PWDFDEVICE_INIT, Config: PWDF_CHILD_LIST_CONFIG, DefaultChildListAttributes: PWDF_OBJECT_ATTRIBUTES);
    #[must_use]
    WdfFdoQueryForInterface[WdfFdoQueryForInterfaceTableIndex = 131]: PFN_WDFFDOQUERYFORINTERFACE(
        Fdo: WDFDEVICE, InterfaceType: LPCGUID, Interface: PINTERFACE, Size: USHORT, Version: USHORT,
        InterfaceSpecificData: PVOID) -> NTSTATUS;
    #[must_use]
    WdfFdoGetDefaultChildList[WdfFdoGetDefaultChildListTableIndex = 132]: PFN_WDFFDOGETDEFAULTCHILDLIST(
        Fdo: WDFDEVICE) -> WDFCHILDLIST;
    #[must_use]
    WdfFdoAddStaticChild[WdfFdoAddStaticChildTableIndex = 133]: PFN_WDFFDOADDSTATICCHILD(
        Fdo: WDFDEVICE, Child: WDFDEVICE) -> NTSTATUS;
    WdfFdoLockStaticChildListForIteration[WdfFdoLockStaticChildListForIterationTableIndex = 134]:
        PFN_WDFFDOLOCKSTATICCHILDLISTFORITERATION(Fdo: WDFDEVICE);
    #[must_use]
    WdfFdoRetrieveNextStaticChild[WdfFdoRetrieveNextStaticChildTableIndex = 135]: PFN_WDFFDORETRIEVENEXTSTATICCHILD(
        Fdo: WDFDEVICE, PreviousChild: WDFDEVICE, Flags: ULONG) -> WDFDEVICE;
    WdfFdoUnlockStaticChildListFromIteration[WdfFdoUnlockStaticChildListFromIterationTableIndex = 136]:
        PFN_WDFFDOUNLOCKSTATICCHILDLISTFROMITERATION(Fdo: WDFDEVICE);
    #[must_use]
    WdfFdoInitQueryPropertyEx[WdfFdoInitQueryPropertyExTableIndex = 436]: PFN_WDFFDOINITQUERYPROPERTYEX(
        DeviceInit: PWDFDEVICE_INIT, DeviceProperty: PWDF_DEVICE_PROPERTY_DATA, BufferLength: ULONG, PropertyBuffer: PVOID,
        ResultLength: PULONG, Type: PDEVPROPTYPE) -> NTSTATUS;
    #[must_use]
    WdfFdoInitAllocAndQueryPropertyEx[WdfFdoInitAllocAndQueryPropertyExTableIndex = 437]:
        PFN_WDFFDOINITALLOCANDQUERYPROPERTYEX(
        DeviceInit: PWDFDEVICE_INIT, DeviceProperty: PWDF_DEVICE_PROPERTY_DATA, PoolType: POOL_TYPE,
        PropertyMemoryAttributes: PWDF_OBJECT_ATTRIBUTES, PropertyMemory: *mut WDFMEMORY, Type: PDEVPROPTYPE) -> NTSTATUS;

    // wdffileobject.h
    #[must_use]
    WdfFileObjectGetFileName[WdfFileObjectGetFileNameTableIndex = 137]: PFN_WDFFILEOBJECTGETFILENAME(
        FileObject: WDFFILEOBJECT) -> PUNICODE_STRING;
    #[must_use]
    WdfFileObjectGetFlags[WdfFileObjectGetFlagsTableIndex = 138]: PFN_WDFFILEOBJECTGETFLAGS(FileObject: WDFFILEOBJECT) -> ULONG;
    #[must_use]
    WdfFileObjectGetDevice[WdfFileObjectGetDeviceTableIndex = 139]: PFN_WDFFILEOBJECTGETDEVICE(FileObject: WDFFILEOBJECT) -> WDFDEVICE;
    #[must_use]
    WdfFileObjectWdmGetFileObject[WdfFileObjectWdmGetFileObjectTableIndex = 140]: PFN_WDFFILEOBJECTWDMGETFILEOBJECT(
        FileObject: WDFFILEOBJECT) -> PFILE_OBJECT;
    #[must_use]
    WdfFileObjectGetInitiatorProcessId[WdfFileObjectGetInitiatorProcessIdTableIndex = 446]:
        PFN_WDFFILEOBJECTGETINITIATORPROCESSID(FileObject: WDFFILEOBJECT) -> ULONG;

    // wdfpdo.h
    #[must_use]
    WdfPdoInitAllocate[WdfPdoInitAllocateTableIndex = 210]: PFN_WDFPDOINITALLOCATE(ParentDevice: WDFDEVICE) -> PWDFDEVICE_INIT;
    WdfPdoInitSetEventCallbacks[WdfPdoInitSetEventCallbacksTableIndex = 211]: PFN_WDFPDOINITSETEVENTCALLBACKS(
        DeviceInit: PWDFDEVICE_INIT, DispatchTable: PWDF_PDO_EVENT_CALLBACKS);
    #[must_use]
    WdfPdoInitAssignDeviceID[WdfPdoInitAssignDeviceIDTableIndex = 212]: PFN_WDFPDOINITASSIGNDEVICEID(
        DeviceInit: PWDFDEVICE_INIT, DeviceID: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfPdoInitAssignInstanceID[WdfPdoInitAssignInstanceIDTableIndex = 213]: PFN_WDFPDOINITASSIGNINSTANCEID(
        DeviceInit: PWDFDEVICE_INIT, InstanceID: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfPdoInitAddHardwareID[WdfPdoInitAddHardwareIDTableIndex = 214]: PFN_WDFPDOINITADDHARDWAREID(
        DeviceInit: PWDFDEVICE_INIT, HardwareID: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfPdoInitAddCompatibleID[WdfPdoInitAddCompatibleIDTableIndex = 215]: PFN_WDFPDOINITADDCOMPATIBLEID(
        DeviceInit: PWDFDEVICE_INIT, CompatibleID: PCUNICODE_STRING) -> NTSTATUS;
    #[must_use]
    WdfPdoInitAddDeviceText[WdfPdoInitAddDeviceTextTableIndex = 216]: PFN_WDFPDOINITADDDEVICETEXT(
        DeviceInit: PWDFDEVICE_INIT, DeviceDescription: PCUNICODE_STRING, DeviceLocation: PCUNICODE_STRING, LocaleId: LCID)
        -> NTSTATUS;
    WdfPdoInitSetDefaultLocale[WdfPdoInitSetDefaultLocaleTableIndex = 217]: PFN_WDFPDOINITSETDEFAULTLOCALE(
        DeviceInit: PWDFDEVICE_INIT, LocaleId: LCID);
    #[must_use]
    WdfPdoInitAssignRawDevice[WdfPdoInitAssignRawDeviceTableIndex = 218]: PFN_WDFPDOINITASSIGNRAWDEVICE(
        DeviceInit: PWDFDEVICE_INIT, DeviceClassGuid: *const GUID) -> NTSTATUS;
    #[must_use]
    WdfPdoMarkMissing[WdfPdoMarkMissingTableIndex = 219]: PFN_WDFPDOMARKMISSING(Device: WDFDEVICE) -> NTSTATUS;
    WdfPdoRequestEject[WdfPdoRequestEjectTableIndex = 220]: PFN_WDFPDOREQUESTEJECT(Device: WDFDEVICE);
    #[must_use]
    WdfPdoGetParent[WdfPdoGetParentTableIndex = 221]: PFN_WDFPDOGETPARENT(Device: WDFDEVICE) -> WDFDEVICE;
    #[must_use]
    WdfPdoRetrieveIdentificationDescription[WdfPdoRetrieveIdentificationDescriptionTableIndex = 222]:
        PFN_WDFPDORETRIEVEIDENTIFICATIONDESCRIPTION(
        Device: WDFDEVICE, IdentificationDescription: PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER) -> NTSTATUS;
    #[must_use]
    WdfPdoRetrieveAddressDescription[WdfPdoRetrieveAddressDescriptionTableIndex = 223]: PFN_WDFPDORETRIEVEADDRESSDESCRIPTION(
        Device: WDFDEVICE, AddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER) -> NTSTATUS;
    #[must_use]
    WdfPdoUpdateAddressDescription[WdfPdoUpdateAddressDescriptionTableIndex = 224]: PFN_WDFPDOUPDATEADDRESSDESCRIPTION(
        Device: WDFDEVICE, AddressDescription: PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER) -> NTSTATUS;
    #[must_use]
    WdfPdoAddEjectionRelationsPhysicalDevice[WdfPdoAddEjectionRelationsPhysicalDeviceTableIndex = 225]:
        PFN_WDFPDOADDEJECTIONRELATIONSPHYSICALDEVICE(Device: WDFDEVICE, PhysicalDevice: PDEVICE_OBJECT) -> NTSTATUS;
    WdfPdoRemoveEjectionRelationsPhysicalDevice[WdfPdoRemoveEjectionRelationsPhysicalDeviceTableIndex = 226]:
        PFN_WDFPDOREMOVEEJECTIONRELATIONSPHYSICALDEVICE(Device: WDFDEVICE, PhysicalDevice: PDEVICE_OBJECT);
    WdfPdoClearEjectionRelationsDevices[WdfPdoClearEjectionRelationsDevicesTableIndex = 227]:
        PFN_WDFPDOCLEAREJECTIONRELATIONSDEVICES(Device: WDFDEVICE);
    #[must_use]
    WdfPdoInitAssignContainerID[WdfPdoInitAssignContainerIDTableIndex = 391]: PFN_WDFPDOINITASSIGNCONTAINERID(
        DeviceInit: PWDFDEVICE_INIT, ContainerID: PCUNICODE_STRING) -> NTSTATUS;
    WdfPdoInitAllowForwardingRequestToParent[WdfPdoInitAllowForwardingRequestToParentTableIndex = 392]:
        PFN_WDFPDOINITALLOWFORWARDINGREQUESTTOPARENT(DeviceInit: PWDFDEVICE_INIT);
    WdfPdoInitRemovePowerDependencyOnParent[WdfPdoInitRemovePowerDependencyOnParentTableIndex = 453]:
        PFN_WDFPDOINITREMOVEPOWERDEPENDENCYONPARENT(DeviceInit: PWDFDEVICE_INIT);

    // wdfobject.h
    #[must_use]
    WdfObjectGetTypedContextWorker[WdfObjectGetTypedContextWorkerTableIndex = 202]: PFN_WDFOBJECTGETTYPEDCONTEXTWORKER(
        Handle: WDFOBJECT, TypeInfo: PCWDF_OBJECT_CONTEXT_TYPE_INFO) -> PVOID;
    #[must_use]
    WdfObjectAllocateContext[WdfObjectAllocateContextTableIndex = 203]: PFN_WDFOBJECTALLOCATECONTEXT(
        Handle: WDFOBJECT, ContextAttributes: PWDF_OBJECT_ATTRIBUTES, Context: *mut PVOID) -> NTSTATUS;
    #[must_use]
    WdfObjectContextGetObject[WdfObjectContextGetObjectTableIndex = 204]: PFN_WDFOBJECTCONTEXTGETOBJECT(
        ContextPointer: PVOID) -> WDFOBJECT;
    WdfObjectReferenceActual[WdfObjectReferenceActualTableIndex = 205]: PFN_WDFOBJECTREFERENCEACTUAL(
        Handle: WDFOBJECT, Tag: PVOID, Line: LONG, File: PCCH);
    WdfObjectDereferenceActual[WdfObjectDereferenceActualTableIndex = 206]: PFN_WDFOBJECTDEREFERENCEACTUAL(
        Handle: WDFOBJECT, Tag: PVOID, Line: LONG, File: PCCH);
    #[must_use]
    WdfObjectCreate[WdfObjectCreateTableIndex = 207]: PFN_WDFOBJECTCREATE(
        Attributes: PWDF_OBJECT_ATTRIBUTES, Object: *mut WDFOBJECT) -> NTSTATUS;
    WdfObjectDelete[WdfObjectDeleteTableIndex = 208]: PFN_WDFOBJECTDELETE(Object: WDFOBJECT);
    #[must_use]
    WdfObjectQuery[WdfObjectQueryTableIndex = 209]: PFN_WDFOBJECTQUERY(
        Object: WDFOBJECT, Guid: *const GUID, QueryBufferLength: ULONG, QueryBuffer: PVOID) -> NTSTATUS;

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
