//! Kernel types (wdm.h, ntdef.h, guiddef.h) that WDF prototypes name beyond the basic set in the
//! parent module.

#[cfg_attr(
    not(test),
    expect(
        clippy::wildcard_imports,
        reason = "the parent's typedefs, as bindgen's one flat scope has them"
    )
)]
use super::*;

pub type PULONG_PTR = *mut ULONG_PTR;
pub type PUCHAR = *mut UCHAR;
pub type PUSHORT = *mut USHORT;
pub type PCWSTR = *const WCHAR;
pub type BYTE = u8;
/// `LCID` (winnt.h/ntdef.h): a locale id, `DWORD`.
pub type LCID = ULONG;
/// `KAFFINITY` (wdm.h): `ULONG_PTR`.
pub type KAFFINITY = ULONG_PTR;
/// `DEVICE_TYPE` (wdm.h, devioctl.h): `ULONG`.
pub type DEVICE_TYPE = ULONG;
/// `LPCGUID` (guiddef.h): `const GUID *`.
pub type LPCGUID = *const GUID;
/// `LPGUID` (guiddef.h): `GUID *`.
pub type LPGUID = *mut GUID;
/// `PHYSICAL_ADDRESS` (wdm.h): a `LARGE_INTEGER`.
pub type PHYSICAL_ADDRESS = LARGE_INTEGER;
pub type PPHYSICAL_ADDRESS = *mut LARGE_INTEGER;

opaque_kernel_types! {
    _IO_STACK_LOCATION => PIO_STACK_LOCATION,
    _KDPC => PKDPC,
    _KPROCESS => PEPROCESS,
}
pub type IO_STACK_LOCATION = _IO_STACK_LOCATION;
pub type KDPC = _KDPC;
pub type PRKDPC = *mut _KDPC;

c_enum!(
    /// DDI: "DEVICE_REGISTRY_PROPERTY (wdm.h)". An anonymous enum in C (`typedef enum { ... }
    /// DEVICE_REGISTRY_PROPERTY;`), so bindgen names the module after the typedef and the
    /// prototypes spell the type `DEVICE_REGISTRY_PROPERTY::Type`.
    DEVICE_REGISTRY_PROPERTY {
        DevicePropertyDeviceDescription = 0x0,
        DevicePropertyHardwareID = 0x1,
        DevicePropertyCompatibleIDs = 0x2,
        DevicePropertyBootConfiguration = 0x3,
        DevicePropertyBootConfigurationTranslated = 0x4,
        DevicePropertyClassName = 0x5,
        DevicePropertyClassGuid = 0x6,
        DevicePropertyDriverKeyName = 0x7,
        DevicePropertyManufacturer = 0x8,
        DevicePropertyFriendlyName = 0x9,
        DevicePropertyLocationInformation = 0xa,
        DevicePropertyPhysicalDeviceObjectName = 0xb,
        DevicePropertyBusTypeGuid = 0xc,
        DevicePropertyLegacyBusType = 0xd,
        DevicePropertyBusNumber = 0xe,
        DevicePropertyEnumeratorName = 0xf,
        DevicePropertyAddress = 0x10,
        DevicePropertyUINumber = 0x11,
        DevicePropertyInstallState = 0x12,
        DevicePropertyRemovalPolicy = 0x13,
        DevicePropertyResourceRequirements = 0x14,
        DevicePropertyAllocatedResources = 0x15,
        DevicePropertyContainerID = 0x16,
    }
);

c_enum!(
    /// DDI: "INTERFACE_TYPE enumeration (wdm.h)".
    _INTERFACE_TYPE, INTERFACE_TYPE; ptr PINTERFACE_TYPE {
        InterfaceTypeUndefined = -1,
        Internal = 0,
        Isa = 1,
        Eisa = 2,
        MicroChannel = 3,
        TurboChannel = 4,
        PCIBus = 5,
        VMEBus = 6,
        NuBus = 7,
        PCMCIABus = 8,
        CBus = 9,
        MPIBus = 10,
        MPSABus = 11,
        ProcessorInternal = 12,
        InternalPowerBus = 13,
        PNPISABus = 14,
        PNPBus = 15,
        Vmcs = 16,
        ACPIBus = 17,
        MaximumInterfaceType = 18,
    }
);

/// DDI: "PNP_BUS_INFORMATION structure (wdm.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _PNP_BUS_INFORMATION {
    pub BusTypeGuid: GUID,
    pub LegacyBusType: INTERFACE_TYPE,
    pub BusNumber: ULONG,
}
pub type PNP_BUS_INFORMATION = _PNP_BUS_INFORMATION;
pub type PPNP_BUS_INFORMATION = *mut _PNP_BUS_INFORMATION;

/// `PINTERFACE_REFERENCE` (wdm.h).
pub type PINTERFACE_REFERENCE = Option<unsafe extern "C" fn(Context: PVOID)>;
/// `PINTERFACE_DEREFERENCE` (wdm.h).
pub type PINTERFACE_DEREFERENCE = Option<unsafe extern "C" fn(Context: PVOID)>;

/// DDI: "_INTERFACE (wdm.h)": the header every driver-defined interface structure starts with.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _INTERFACE {
    pub Size: USHORT,
    pub Version: USHORT,
    pub Context: PVOID,
    pub InterfaceReference: PINTERFACE_REFERENCE,
    pub InterfaceDereference: PINTERFACE_DEREFERENCE,
}
pub type INTERFACE = _INTERFACE;
pub type PINTERFACE = *mut _INTERFACE;

zero_default!(_INTERFACE);

const _: () = {
    assert!(size_of::<INTERFACE>() == 0x20);
    assert!(size_of::<PNP_BUS_INFORMATION>() == 0x18);
    assert!(core::mem::offset_of!(_INTERFACE, Context) == 0x08);
};
