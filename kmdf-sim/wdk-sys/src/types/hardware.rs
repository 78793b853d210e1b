//! Types of wdfinterrupt.h, wdfresource.h, wdfdmaenabler.h, wdfdmatransaction.h,
//! wdfcommonbuffer.h and wdfwmi.h beyond the basic set in the parent module (and the wdm.h types
//! they name). DDI pages "_WDF_<NAME> (<header>)", "EVT_WDF_<NAME> (<header>)".

#[cfg_attr(
    not(test),
    expect(
        clippy::wildcard_imports,
        reason = "the parent's typedefs, as bindgen's one flat scope has them"
    )
)]
use super::*;

// ---------------------------------------------------------------------------------------------
// wdm.h types the hardware structures name

c_enum!(_KINTERRUPT_MODE, KINTERRUPT_MODE { LevelSensitive = 0, Latched = 1 });
c_enum!(_DMA_WIDTH, DMA_WIDTH; ptr PDMA_WIDTH {
    Width8Bits = 0,
    Width16Bits = 1,
    Width32Bits = 2,
    Width64Bits = 3,
    WidthNoWrap = 4,
    MaximumDmaWidth = 5,
});
c_enum!(_DMA_COMPLETION_STATUS, DMA_COMPLETION_STATUS; ptr PDMA_COMPLETION_STATUS {
    DmaComplete = 0,
    DmaAborted = 1,
    DmaError = 2,
    DmaCancelled = 3,
});

/// DDI: "GROUP_AFFINITY structure (miniport.h, wdm.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _GROUP_AFFINITY {
    pub Mask: KAFFINITY,
    pub Group: USHORT,
    pub Reserved: [USHORT; 3],
}
pub type GROUP_AFFINITY = _GROUP_AFFINITY;
pub type PGROUP_AFFINITY = *mut _GROUP_AFFINITY;

opaque_kernel_types! {
    _KINTERRUPT => PKINTERRUPT,
    _DMA_ADAPTER => PDMA_ADAPTER,
    _SCATTER_GATHER_LIST => PSCATTER_GATHER_LIST,
    _CM_PARTIAL_RESOURCE_DESCRIPTOR => PCM_PARTIAL_RESOURCE_DESCRIPTOR,
    _IO_RESOURCE_DESCRIPTOR => PIO_RESOURCE_DESCRIPTOR,
}
pub type KINTERRUPT = _KINTERRUPT;
pub type DMA_ADAPTER = _DMA_ADAPTER;
pub type SCATTER_GATHER_LIST = _SCATTER_GATHER_LIST;
pub type CM_PARTIAL_RESOURCE_DESCRIPTOR = _CM_PARTIAL_RESOURCE_DESCRIPTOR;
pub type IO_RESOURCE_DESCRIPTOR = _IO_RESOURCE_DESCRIPTOR;

// ---------------------------------------------------------------------------------------------
// wdfinterrupt.h

c_enum!(_WDF_INTERRUPT_POLARITY, WDF_INTERRUPT_POLARITY; ptr PWDF_INTERRUPT_POLARITY {
    WdfInterruptPolarityUnknown = 0,
    WdfInterruptActiveHigh = 1,
    WdfInterruptActiveLow = 2,
});
c_enum!(_WDF_INTERRUPT_POLICY, WDF_INTERRUPT_POLICY; ptr PWDF_INTERRUPT_POLICY {
    WdfIrqPolicyMachineDefault = 0,
    WdfIrqPolicyAllCloseProcessors = 1,
    WdfIrqPolicyOneCloseProcessor = 2,
    WdfIrqPolicyAllProcessorsInMachine = 3,
    WdfIrqPolicySpecifiedProcessors = 4,
    WdfIrqPolicySpreadMessagesAcrossAllProcessors = 5,
});
c_enum!(_WDF_INTERRUPT_PRIORITY, WDF_INTERRUPT_PRIORITY; ptr PWDF_INTERRUPT_PRIORITY {
    WdfIrqPriorityUndefined = 0,
    WdfIrqPriorityLow = 1,
    WdfIrqPriorityNormal = 2,
    WdfIrqPriorityHigh = 3,
});

callbacks! {
    EVT_WDF_INTERRUPT_ISR = PFN_WDF_INTERRUPT_ISR(Interrupt: WDFINTERRUPT, MessageID: ULONG) -> BOOLEAN;
    EVT_WDF_INTERRUPT_SYNCHRONIZE = PFN_WDF_INTERRUPT_SYNCHRONIZE(Interrupt: WDFINTERRUPT, Context: WDFCONTEXT) -> BOOLEAN;
    EVT_WDF_INTERRUPT_DPC = PFN_WDF_INTERRUPT_DPC(Interrupt: WDFINTERRUPT, AssociatedObject: WDFOBJECT);
    EVT_WDF_INTERRUPT_WORKITEM = PFN_WDF_INTERRUPT_WORKITEM(Interrupt: WDFINTERRUPT, AssociatedObject: WDFOBJECT);
    EVT_WDF_INTERRUPT_ENABLE = PFN_WDF_INTERRUPT_ENABLE(Interrupt: WDFINTERRUPT, AssociatedDevice: WDFDEVICE) -> NTSTATUS;
    EVT_WDF_INTERRUPT_DISABLE = PFN_WDF_INTERRUPT_DISABLE(Interrupt: WDFINTERRUPT, AssociatedDevice: WDFDEVICE) -> NTSTATUS;
}

/// DDI: "_WDF_INTERRUPT_CONFIG (wdfinterrupt.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_INTERRUPT_CONFIG {
    pub Size: ULONG,
    pub SpinLock: WDFSPINLOCK,
    pub ShareVector: WDF_TRI_STATE,
    pub FloatingSave: BOOLEAN,
    pub AutomaticSerialization: BOOLEAN,
    pub EvtInterruptIsr: PFN_WDF_INTERRUPT_ISR,
    pub EvtInterruptDpc: PFN_WDF_INTERRUPT_DPC,
    pub EvtInterruptEnable: PFN_WDF_INTERRUPT_ENABLE,
    pub EvtInterruptDisable: PFN_WDF_INTERRUPT_DISABLE,
    pub EvtInterruptWorkItem: PFN_WDF_INTERRUPT_WORKITEM,
    pub InterruptRaw: PCM_PARTIAL_RESOURCE_DESCRIPTOR,
    pub InterruptTranslated: PCM_PARTIAL_RESOURCE_DESCRIPTOR,
    pub WaitLock: WDFWAITLOCK,
    pub PassiveHandling: BOOLEAN,
    pub ReportInactiveOnPowerDown: WDF_TRI_STATE,
    pub CanWakeDevice: BOOLEAN,
}
pub type WDF_INTERRUPT_CONFIG = _WDF_INTERRUPT_CONFIG;
pub type PWDF_INTERRUPT_CONFIG = *mut _WDF_INTERRUPT_CONFIG;

/// DDI: "_WDF_INTERRUPT_INFO (wdfinterrupt.h)". `Group` is `DECLSPEC_ALIGN(8)`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_INTERRUPT_INFO {
    pub Size: ULONG,
    pub Reserved1: ULONG64,
    pub TargetProcessorSet: KAFFINITY,
    pub Reserved2: ULONG,
    pub MessageNumber: ULONG,
    pub Vector: ULONG,
    pub Irql: KIRQL,
    pub Mode: KINTERRUPT_MODE,
    pub Polarity: WDF_INTERRUPT_POLARITY,
    pub MessageSignaled: BOOLEAN,
    pub ShareDisposition: UCHAR,
    pub __bindgen_padding_0: [u8; 6],
    pub Group: USHORT,
}
pub type WDF_INTERRUPT_INFO = _WDF_INTERRUPT_INFO;
pub type PWDF_INTERRUPT_INFO = *mut _WDF_INTERRUPT_INFO;

/// DDI: "_WDF_INTERRUPT_EXTENDED_POLICY (wdfinterrupt.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_INTERRUPT_EXTENDED_POLICY {
    pub Size: ULONG,
    pub Policy: WDF_INTERRUPT_POLICY,
    pub Priority: WDF_INTERRUPT_PRIORITY,
    pub TargetProcessorSetAndGroup: GROUP_AFFINITY,
}
pub type WDF_INTERRUPT_EXTENDED_POLICY = _WDF_INTERRUPT_EXTENDED_POLICY;
pub type PWDF_INTERRUPT_EXTENDED_POLICY = *mut _WDF_INTERRUPT_EXTENDED_POLICY;

// ---------------------------------------------------------------------------------------------
// wdfdmaenabler.h, wdfdmatransaction.h, wdfcommonbuffer.h

c_enum!(_WDF_DMA_PROFILE, WDF_DMA_PROFILE {
    WdfDmaProfileInvalid = 0,
    WdfDmaProfilePacket = 1,
    WdfDmaProfileScatterGather = 2,
    WdfDmaProfilePacket64 = 3,
    WdfDmaProfileScatterGather64 = 4,
    WdfDmaProfileScatterGatherDuplex = 5,
    WdfDmaProfileScatterGather64Duplex = 6,
    WdfDmaProfileSystem = 7,
    WdfDmaProfileSystemDuplex = 8,
});
c_enum!(_WDF_DMA_DIRECTION, WDF_DMA_DIRECTION {
    WdfDmaDirectionReadFromDevice = 0,
    WdfDmaDirectionWriteToDevice = 1,
});
c_enum!(_WDF_DMA_ENABLER_CONFIG_FLAGS, WDF_DMA_ENABLER_CONFIG_FLAGS {
    WDF_DMA_ENABLER_CONFIG_NO_SGLIST_PREALLOCATION = 0x0000_0001,
    WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER = 0x0000_0002,
});

callbacks! {
    EVT_WDF_DMA_ENABLER_FILL = PFN_WDF_DMA_ENABLER_FILL(DmaEnabler: WDFDMAENABLER) -> NTSTATUS;
    EVT_WDF_DMA_ENABLER_FLUSH = PFN_WDF_DMA_ENABLER_FLUSH(DmaEnabler: WDFDMAENABLER) -> NTSTATUS;
    EVT_WDF_DMA_ENABLER_ENABLE = PFN_WDF_DMA_ENABLER_ENABLE(DmaEnabler: WDFDMAENABLER) -> NTSTATUS;
    EVT_WDF_DMA_ENABLER_DISABLE = PFN_WDF_DMA_ENABLER_DISABLE(DmaEnabler: WDFDMAENABLER) -> NTSTATUS;
    EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_START = PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_START(DmaEnabler: WDFDMAENABLER) -> NTSTATUS;
    EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP = PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP(DmaEnabler: WDFDMAENABLER) -> NTSTATUS;
    EVT_WDF_PROGRAM_DMA = PFN_WDF_PROGRAM_DMA(
        Transaction: WDFDMATRANSACTION, Device: WDFDEVICE, Context: WDFCONTEXT, Direction: WDF_DMA_DIRECTION,
        SgList: PSCATTER_GATHER_LIST) -> BOOLEAN;
    EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL = PFN_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL(
        DmaTransaction: WDFDMATRANSACTION, Device: WDFDEVICE, Context: PVOID, Mdl: PMDL, Offset: usize, Length: usize)
        -> BOOLEAN;
    EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE = PFN_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE(
        Transaction: WDFDMATRANSACTION, Device: WDFDEVICE, Context: WDFCONTEXT, Direction: WDF_DMA_DIRECTION,
        Status: DMA_COMPLETION_STATUS);
    EVT_WDF_RESERVE_DMA = PFN_WDF_RESERVE_DMA(DmaTransaction: WDFDMATRANSACTION, Context: PVOID);
}

/// DDI: "_WDF_DMA_ENABLER_CONFIG (wdfdmaenabler.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_DMA_ENABLER_CONFIG {
    pub Size: ULONG,
    pub Profile: WDF_DMA_PROFILE,
    pub MaximumLength: usize,
    pub EvtDmaEnablerFill: PFN_WDF_DMA_ENABLER_FILL,
    pub EvtDmaEnablerFlush: PFN_WDF_DMA_ENABLER_FLUSH,
    pub EvtDmaEnablerDisable: PFN_WDF_DMA_ENABLER_DISABLE,
    pub EvtDmaEnablerEnable: PFN_WDF_DMA_ENABLER_ENABLE,
    pub EvtDmaEnablerSelfManagedIoStart: PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_START,
    pub EvtDmaEnablerSelfManagedIoStop: PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP,
    pub AddressWidthOverride: ULONG,
    pub WdmDmaVersionOverride: ULONG,
    pub Flags: ULONG,
}
pub type WDF_DMA_ENABLER_CONFIG = _WDF_DMA_ENABLER_CONFIG;
pub type PWDF_DMA_ENABLER_CONFIG = *mut _WDF_DMA_ENABLER_CONFIG;

/// DDI: "_WDF_DMA_SYSTEM_PROFILE_CONFIG (wdfdmaenabler.h)".
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_DMA_SYSTEM_PROFILE_CONFIG {
    pub Size: ULONG,
    pub DemandMode: BOOLEAN,
    pub LoopedTransfer: BOOLEAN,
    pub DmaWidth: DMA_WIDTH,
    pub DeviceAddress: PHYSICAL_ADDRESS,
    pub DmaDescriptor: PCM_PARTIAL_RESOURCE_DESCRIPTOR,
}
pub type WDF_DMA_SYSTEM_PROFILE_CONFIG = _WDF_DMA_SYSTEM_PROFILE_CONFIG;
pub type PWDF_DMA_SYSTEM_PROFILE_CONFIG = *mut _WDF_DMA_SYSTEM_PROFILE_CONFIG;

/// DDI: "_WDF_COMMON_BUFFER_CONFIG (wdfcommonbuffer.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_COMMON_BUFFER_CONFIG {
    pub Size: ULONG,
    pub AlignmentRequirement: ULONG,
}
pub type WDF_COMMON_BUFFER_CONFIG = _WDF_COMMON_BUFFER_CONFIG;
pub type PWDF_COMMON_BUFFER_CONFIG = *mut _WDF_COMMON_BUFFER_CONFIG;

// ---------------------------------------------------------------------------------------------
// wdfwmi.h

c_enum!(_WDF_WMI_PROVIDER_CONTROL, WDF_WMI_PROVIDER_CONTROL {
    WdfWmiControlInvalid = 0,
    WdfWmiEventControl = 1,
    WdfWmiInstanceControl = 2,
});
c_enum!(_WDF_WMI_PROVIDER_FLAGS, WDF_WMI_PROVIDER_FLAGS {
    WdfWmiProviderEventOnly = 0x0001,
    WdfWmiProviderExpensive = 0x0002,
    WdfWmiProviderTracing = 0x0004,
    WdfWmiProviderValidFlags = 0x0007,
});

callbacks! {
    EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE = PFN_WDF_WMI_INSTANCE_QUERY_INSTANCE(
        WmiInstance: WDFWMIINSTANCE, OutBufferSize: ULONG, OutBuffer: PVOID, BufferUsed: PULONG) -> NTSTATUS;
    EVT_WDF_WMI_INSTANCE_SET_INSTANCE = PFN_WDF_WMI_INSTANCE_SET_INSTANCE(
        WmiInstance: WDFWMIINSTANCE, InBufferSize: ULONG, InBuffer: PVOID) -> NTSTATUS;
    EVT_WDF_WMI_INSTANCE_SET_ITEM = PFN_WDF_WMI_INSTANCE_SET_ITEM(
        WmiInstance: WDFWMIINSTANCE, DataItemId: ULONG, InBufferSize: ULONG, InBuffer: PVOID) -> NTSTATUS;
    EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD = PFN_WDF_WMI_INSTANCE_EXECUTE_METHOD(
        WmiInstance: WDFWMIINSTANCE, MethodId: ULONG, InBufferSize: ULONG, OutBufferSize: ULONG, Buffer: PVOID,
        BufferUsed: PULONG) -> NTSTATUS;
    EVT_WDF_WMI_PROVIDER_FUNCTION_CONTROL = PFN_WDF_WMI_PROVIDER_FUNCTION_CONTROL(
        WmiProvider: WDFWMIPROVIDER, Control: WDF_WMI_PROVIDER_CONTROL, Enable: BOOLEAN) -> NTSTATUS;
}

/// DDI: "_WDF_WMI_PROVIDER_CONFIG (wdfwmi.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_WMI_PROVIDER_CONFIG {
    pub Size: ULONG,
    pub Guid: GUID,
    pub Flags: ULONG,
    pub MinInstanceBufferSize: ULONG,
    pub EvtWmiProviderFunctionControl: PFN_WDF_WMI_PROVIDER_FUNCTION_CONTROL,
}
pub type WDF_WMI_PROVIDER_CONFIG = _WDF_WMI_PROVIDER_CONFIG;
pub type PWDF_WMI_PROVIDER_CONFIG = *mut _WDF_WMI_PROVIDER_CONFIG;

/// DDI: "_WDF_WMI_INSTANCE_CONFIG (wdfwmi.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_WMI_INSTANCE_CONFIG {
    pub Size: ULONG,
    pub Provider: WDFWMIPROVIDER,
    pub ProviderConfig: PWDF_WMI_PROVIDER_CONFIG,
    pub UseContextForQuery: BOOLEAN,
    pub Register: BOOLEAN,
    pub EvtWmiInstanceQueryInstance: PFN_WDF_WMI_INSTANCE_QUERY_INSTANCE,
    pub EvtWmiInstanceSetInstance: PFN_WDF_WMI_INSTANCE_SET_INSTANCE,
    pub EvtWmiInstanceSetItem: PFN_WDF_WMI_INSTANCE_SET_ITEM,
    pub EvtWmiInstanceExecuteMethod: PFN_WDF_WMI_INSTANCE_EXECUTE_METHOD,
}
pub type WDF_WMI_INSTANCE_CONFIG = _WDF_WMI_INSTANCE_CONFIG;
pub type PWDF_WMI_INSTANCE_CONFIG = *mut _WDF_WMI_INSTANCE_CONFIG;

zero_default!(
    _WDF_INTERRUPT_CONFIG,
    _WDF_DMA_ENABLER_CONFIG,
    _WDF_DMA_SYSTEM_PROFILE_CONFIG,
    _WDF_WMI_INSTANCE_CONFIG,
);

// Layout checks against the x64 sizes and offsets of the WDK headers.
const _: () = {
    use core::mem::offset_of;
    assert!(size_of::<GROUP_AFFINITY>() == 0x10);
    assert!(size_of::<WDF_INTERRUPT_CONFIG>() == 0x68);
    assert!(offset_of!(_WDF_INTERRUPT_CONFIG, EvtInterruptIsr) == 0x18);
    assert!(offset_of!(_WDF_INTERRUPT_CONFIG, WaitLock) == 0x50);
    assert!(offset_of!(_WDF_INTERRUPT_CONFIG, CanWakeDevice) == 0x60);
    assert!(size_of::<WDF_INTERRUPT_INFO>() == 0x40);
    assert!(offset_of!(_WDF_INTERRUPT_INFO, Mode) == 0x28);
    assert!(offset_of!(_WDF_INTERRUPT_INFO, Group) == 0x38);
    assert!(size_of::<WDF_INTERRUPT_EXTENDED_POLICY>() == 0x20);
    assert!(offset_of!(_WDF_INTERRUPT_EXTENDED_POLICY, TargetProcessorSetAndGroup) == 0x10);
    assert!(size_of::<WDF_DMA_ENABLER_CONFIG>() == 0x50);
    assert!(offset_of!(_WDF_DMA_ENABLER_CONFIG, AddressWidthOverride) == 0x40);
    assert!(size_of::<WDF_DMA_SYSTEM_PROFILE_CONFIG>() == 0x20);
    assert!(offset_of!(_WDF_DMA_SYSTEM_PROFILE_CONFIG, DeviceAddress) == 0x10);
    assert!(size_of::<WDF_COMMON_BUFFER_CONFIG>() == 0x08);
    assert!(size_of::<WDF_WMI_PROVIDER_CONFIG>() == 0x28);
    assert!(offset_of!(_WDF_WMI_PROVIDER_CONFIG, Flags) == 0x14);
    assert!(offset_of!(_WDF_WMI_PROVIDER_CONFIG, EvtWmiProviderFunctionControl) == 0x20);
    assert!(size_of::<WDF_WMI_INSTANCE_CONFIG>() == 0x40);
    assert!(offset_of!(_WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceQueryInstance) == 0x20);
};
