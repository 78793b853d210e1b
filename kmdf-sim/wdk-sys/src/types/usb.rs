//! Types of wdfusb.h (and the usb.h/usbspec.h/usbdi.h types its prototypes name). DDI pages
//! "_WDF_USB_<NAME> (wdfusb.h)", "_USB_<NAME>_DESCRIPTOR (usbspec.h)".
//!
//! Opaque here: `_URB` (usb.h, a union of every URB function's structure). Not transcribed as
//! bindgen has it: the `Request` bit-field of `WDF_USB_CONTROL_SETUP_PACKET.Packet.bm` (bindgen
//! emits a `__BindgenBitfieldUnit` with `Recipient()`/`Type()`/`Dir()` accessors; here the byte is
//! `_bitfield_1`, and `bm.Byte` reads the same bits).

#[cfg_attr(
    not(test),
    expect(
        clippy::wildcard_imports,
        reason = "the parent's typedefs, as bindgen's one flat scope has them"
    )
)]
use super::*;

// ---------------------------------------------------------------------------------------------
// usb.h, usbspec.h, usbdi.h

/// `USBD_STATUS` (usb.h).
pub type USBD_STATUS = LONG;
/// `USBD_PIPE_HANDLE` (usb.h): `PVOID`.
pub type USBD_PIPE_HANDLE = PVOID;
/// `USBD_CONFIGURATION_HANDLE` (usb.h): `PVOID`.
pub type USBD_CONFIGURATION_HANDLE = PVOID;

opaque_kernel_types! {
    _URB => PURB,
}
pub type URB = _URB;

pub const BMREQUEST_HOST_TO_DEVICE: u32 = 0;
pub const BMREQUEST_DEVICE_TO_HOST: u32 = 1;
pub const BMREQUEST_STANDARD: u32 = 0;
pub const BMREQUEST_CLASS: u32 = 1;
pub const BMREQUEST_VENDOR: u32 = 2;
pub const BMREQUEST_TO_DEVICE: u32 = 0;
pub const BMREQUEST_TO_INTERFACE: u32 = 1;
pub const BMREQUEST_TO_ENDPOINT: u32 = 2;
pub const BMREQUEST_TO_OTHER: u32 = 3;

/// DDI: "USBD_VERSION_INFORMATION structure (usb.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _USBD_VERSION_INFORMATION {
    pub USBDI_Version: ULONG,
    pub Supported_USB_Version: ULONG,
}
pub type USBD_VERSION_INFORMATION = _USBD_VERSION_INFORMATION;
pub type PUSBD_VERSION_INFORMATION = *mut _USBD_VERSION_INFORMATION;

/// DDI: "_USB_DEVICE_DESCRIPTOR (usbspec.h)". Byte-packed (`pshpack1.h`).
#[repr(C, packed)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _USB_DEVICE_DESCRIPTOR {
    pub bLength: UCHAR,
    pub bDescriptorType: UCHAR,
    pub bcdUSB: USHORT,
    pub bDeviceClass: UCHAR,
    pub bDeviceSubClass: UCHAR,
    pub bDeviceProtocol: UCHAR,
    pub bMaxPacketSize0: UCHAR,
    pub idVendor: USHORT,
    pub idProduct: USHORT,
    pub bcdDevice: USHORT,
    pub iManufacturer: UCHAR,
    pub iProduct: UCHAR,
    pub iSerialNumber: UCHAR,
    pub bNumConfigurations: UCHAR,
}
pub type USB_DEVICE_DESCRIPTOR = _USB_DEVICE_DESCRIPTOR;
pub type PUSB_DEVICE_DESCRIPTOR = *mut _USB_DEVICE_DESCRIPTOR;

/// DDI: "_USB_CONFIGURATION_DESCRIPTOR (usbspec.h)". Byte-packed.
#[repr(C, packed)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _USB_CONFIGURATION_DESCRIPTOR {
    pub bLength: UCHAR,
    pub bDescriptorType: UCHAR,
    pub wTotalLength: USHORT,
    pub bNumInterfaces: UCHAR,
    pub bConfigurationValue: UCHAR,
    pub iConfiguration: UCHAR,
    pub bmAttributes: UCHAR,
    pub MaxPower: UCHAR,
}
pub type USB_CONFIGURATION_DESCRIPTOR = _USB_CONFIGURATION_DESCRIPTOR;
pub type PUSB_CONFIGURATION_DESCRIPTOR = *mut _USB_CONFIGURATION_DESCRIPTOR;

/// DDI: "_USB_INTERFACE_DESCRIPTOR (usbspec.h)". Byte-packed.
#[repr(C, packed)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _USB_INTERFACE_DESCRIPTOR {
    pub bLength: UCHAR,
    pub bDescriptorType: UCHAR,
    pub bInterfaceNumber: UCHAR,
    pub bAlternateSetting: UCHAR,
    pub bNumEndpoints: UCHAR,
    pub bInterfaceClass: UCHAR,
    pub bInterfaceSubClass: UCHAR,
    pub bInterfaceProtocol: UCHAR,
    pub iInterface: UCHAR,
}
pub type USB_INTERFACE_DESCRIPTOR = _USB_INTERFACE_DESCRIPTOR;
pub type PUSB_INTERFACE_DESCRIPTOR = *mut _USB_INTERFACE_DESCRIPTOR;

// ---------------------------------------------------------------------------------------------
// wdfusb.h: enumerations

c_enum!(_WDF_USB_REQUEST_TYPE, WDF_USB_REQUEST_TYPE; ptr PWDF_USB_REQUEST_TYPE {
    WdfUsbRequestTypeInvalid = 0,
    WdfUsbRequestTypeNoFormat = 1,
    WdfUsbRequestTypeDeviceString = 2,
    WdfUsbRequestTypeDeviceControlTransfer = 3,
    WdfUsbRequestTypeDeviceUrb = 4,
    WdfUsbRequestTypePipeWrite = 5,
    WdfUsbRequestTypePipeRead = 6,
    WdfUsbRequestTypePipeAbort = 7,
    WdfUsbRequestTypePipeReset = 8,
    WdfUsbRequestTypePipeUrb = 9,
});
c_enum!(_WDF_USB_BMREQUEST_DIRECTION, WDF_USB_BMREQUEST_DIRECTION {
    BmRequestHostToDevice = 0,
    BmRequestDeviceToHost = 1,
});
c_enum!(_WDF_USB_BMREQUEST_TYPE, WDF_USB_BMREQUEST_TYPE {
    BmRequestStandard = 0,
    BmRequestClass = 1,
    BmRequestVendor = 2,
});
c_enum!(_WDF_USB_BMREQUEST_RECIPIENT, WDF_USB_BMREQUEST_RECIPIENT {
    BmRequestToDevice = 0,
    BmRequestToInterface = 1,
    BmRequestToEndpoint = 2,
    BmRequestToOther = 3,
});
c_enum!(_WDF_USB_PIPE_TYPE, WDF_USB_PIPE_TYPE {
    WdfUsbPipeTypeInvalid = 0,
    WdfUsbPipeTypeControl = 1,
    WdfUsbPipeTypeIsochronous = 2,
    WdfUsbPipeTypeBulk = 3,
    WdfUsbPipeTypeInterrupt = 4,
});
c_enum!(_WdfUsbTargetDeviceSelectConfigType, WdfUsbTargetDeviceSelectConfigType {
    WdfUsbTargetDeviceSelectConfigTypeInvalid = 0,
    WdfUsbTargetDeviceSelectConfigTypeDeconfig = 1,
    WdfUsbTargetDeviceSelectConfigTypeSingleInterface = 2,
    WdfUsbTargetDeviceSelectConfigTypeMultiInterface = 3,
    WdfUsbTargetDeviceSelectConfigTypeInterfacesPairs = 4,
    WdfUsbTargetDeviceSelectConfigTypeInterfacesDescriptor = 5,
    WdfUsbTargetDeviceSelectConfigTypeUrb = 6,
});
c_enum!(_WdfUsbTargetDeviceSelectSettingType, WdfUsbTargetDeviceSelectSettingType {
    WdfUsbInterfaceSelectSettingTypeDescriptor = 0x10,
    WdfUsbInterfaceSelectSettingTypeSetting = 0x11,
    WdfUsbInterfaceSelectSettingTypeUrb = 0x12,
});
c_enum!(_WDF_USB_DEVICE_TRAITS, WDF_USB_DEVICE_TRAITS {
    WDF_USB_DEVICE_TRAIT_SELF_POWERED = 0x0000_0001,
    WDF_USB_DEVICE_TRAIT_REMOTE_WAKE_CAPABLE = 0x0000_0002,
    WDF_USB_DEVICE_TRAIT_AT_HIGH_SPEED = 0x0000_0004,
});

callbacks! {
    EVT_WDF_USB_READER_COMPLETION_ROUTINE = PFN_WDF_USB_READER_COMPLETION_ROUTINE(
        Pipe: WDFUSBPIPE, Buffer: WDFMEMORY, NumBytesTransferred: usize, Context: WDFCONTEXT);
    EVT_WDF_USB_READERS_FAILED = PFN_WDF_USB_READERS_FAILED(
        Pipe: WDFUSBPIPE, Status: NTSTATUS, UsbdStatus: USBD_STATUS) -> BOOLEAN;
}

// ---------------------------------------------------------------------------------------------
// wdfusb.h: WDF_USB_CONTROL_SETUP_PACKET

/// `Packet.bm.Request`: `Recipient:2, Reserved:3, Type:2, Dir:1` in one byte.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_1__bindgen_ty_1 {
    pub _bitfield_1: u8,
}
/// `Packet.bm`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_1 {
    pub Request: _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_1__bindgen_ty_1,
    pub Byte: BYTE,
}
/// `Packet.wValue.Bytes` and `Packet.wIndex.Bytes`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_2__bindgen_ty_1 {
    pub LowByte: BYTE,
    pub HiByte: BYTE,
}
/// `Packet.wValue`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_2 {
    pub Bytes: _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_2__bindgen_ty_1,
    pub Value: USHORT,
}
/// `Packet.wIndex.Bytes`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_3__bindgen_ty_1 {
    pub LowByte: BYTE,
    pub HiByte: BYTE,
}
/// `Packet.wIndex`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_3 {
    pub Bytes: _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_3__bindgen_ty_1,
    pub Value: USHORT,
}
/// `Packet`.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1 {
    pub bm: _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_1,
    pub bRequest: BYTE,
    pub wValue: _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_2,
    pub wIndex: _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_3,
    pub wLength: USHORT,
}
/// `Generic`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_2 {
    pub Bytes: [BYTE; 8],
}
/// DDI: "_WDF_USB_CONTROL_SETUP_PACKET (wdfusb.h)": a union.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_USB_CONTROL_SETUP_PACKET {
    pub Packet: _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1,
    pub Generic: _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_2,
}
pub type WDF_USB_CONTROL_SETUP_PACKET = _WDF_USB_CONTROL_SETUP_PACKET;
pub type PWDF_USB_CONTROL_SETUP_PACKET = *mut _WDF_USB_CONTROL_SETUP_PACKET;

// ---------------------------------------------------------------------------------------------
// wdfusb.h: WDF_USB_REQUEST_COMPLETION_PARAMS

/// `Parameters.DeviceString`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_1 {
    pub Buffer: WDFMEMORY,
    pub LangID: USHORT,
    pub StringIndex: UCHAR,
    pub RequiredSize: UCHAR,
}
/// `Parameters.DeviceControlTransfer`.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_2 {
    pub Buffer: WDFMEMORY,
    pub SetupPacket: WDF_USB_CONTROL_SETUP_PACKET,
    pub Length: ULONG,
}
/// `Parameters.DeviceUrb`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3 {
    pub Buffer: WDFMEMORY,
}
/// `Parameters.PipeWrite`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4 {
    pub Buffer: WDFMEMORY,
    pub Length: usize,
    pub Offset: usize,
}
/// `Parameters.PipeRead`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_5 {
    pub Buffer: WDFMEMORY,
    pub Length: usize,
    pub Offset: usize,
}
/// `Parameters.PipeUrb`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_6 {
    pub Buffer: WDFMEMORY,
}
/// The `Parameters` union.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1 {
    pub DeviceString: _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_1,
    pub DeviceControlTransfer: _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_2,
    pub DeviceUrb: _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3,
    pub PipeWrite: _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4,
    pub PipeRead: _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_5,
    pub PipeUrb: _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_6,
}
/// DDI: "_WDF_USB_REQUEST_COMPLETION_PARAMS (wdfusb.h)".
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_USB_REQUEST_COMPLETION_PARAMS {
    pub UsbdStatus: USBD_STATUS,
    pub Type: WDF_USB_REQUEST_TYPE,
    pub Parameters: _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1,
}
pub type WDF_USB_REQUEST_COMPLETION_PARAMS = _WDF_USB_REQUEST_COMPLETION_PARAMS;
pub type PWDF_USB_REQUEST_COMPLETION_PARAMS = *mut _WDF_USB_REQUEST_COMPLETION_PARAMS;

// ---------------------------------------------------------------------------------------------
// wdfusb.h: configuration structures

/// DDI: "_WDF_USB_CONTINUOUS_READER_CONFIG (wdfusb.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_CONTINUOUS_READER_CONFIG {
    pub Size: ULONG,
    pub TransferLength: usize,
    pub HeaderLength: usize,
    pub TrailerLength: usize,
    pub NumPendingReads: UCHAR,
    pub BufferAttributes: PWDF_OBJECT_ATTRIBUTES,
    pub EvtUsbTargetPipeReadComplete: PFN_WDF_USB_READER_COMPLETION_ROUTINE,
    pub EvtUsbTargetPipeReadCompleteContext: WDFCONTEXT,
    pub EvtUsbTargetPipeReadersFailed: PFN_WDF_USB_READERS_FAILED,
}
pub type WDF_USB_CONTINUOUS_READER_CONFIG = _WDF_USB_CONTINUOUS_READER_CONFIG;
pub type PWDF_USB_CONTINUOUS_READER_CONFIG = *mut _WDF_USB_CONTINUOUS_READER_CONFIG;

/// DDI: "_WDF_USB_DEVICE_INFORMATION (wdfusb.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_USB_DEVICE_INFORMATION {
    pub Size: ULONG,
    pub UsbdVersionInformation: USBD_VERSION_INFORMATION,
    pub HcdPortCapabilities: ULONG,
    pub Traits: ULONG,
}
pub type WDF_USB_DEVICE_INFORMATION = _WDF_USB_DEVICE_INFORMATION;
pub type PWDF_USB_DEVICE_INFORMATION = *mut _WDF_USB_DEVICE_INFORMATION;

/// DDI: "_WDF_USB_INTERFACE_SETTING_PAIR (wdfusb.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_INTERFACE_SETTING_PAIR {
    pub UsbInterface: WDFUSBINTERFACE,
    pub SettingIndex: UCHAR,
}
pub type WDF_USB_INTERFACE_SETTING_PAIR = _WDF_USB_INTERFACE_SETTING_PAIR;
pub type PWDF_USB_INTERFACE_SETTING_PAIR = *mut _WDF_USB_INTERFACE_SETTING_PAIR;

/// `Types.Descriptor` of `WDF_USB_DEVICE_SELECT_CONFIG_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_1 {
    pub ConfigurationDescriptor: PUSB_CONFIGURATION_DESCRIPTOR,
    pub InterfaceDescriptors: *mut PUSB_INTERFACE_DESCRIPTOR,
    pub NumInterfaceDescriptors: ULONG,
}
/// `Types.Urb` of `WDF_USB_DEVICE_SELECT_CONFIG_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_2 {
    pub Urb: PURB,
}
/// `Types.SingleInterface` of `WDF_USB_DEVICE_SELECT_CONFIG_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_3 {
    pub NumberConfiguredPipes: UCHAR,
    pub ConfiguredUsbInterface: WDFUSBINTERFACE,
}
/// `Types.MultiInterface` of `WDF_USB_DEVICE_SELECT_CONFIG_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_4 {
    pub NumberInterfaces: UCHAR,
    pub Pairs: PWDF_USB_INTERFACE_SETTING_PAIR,
    pub NumberOfConfiguredInterfaces: UCHAR,
}
/// The `Types` union of `WDF_USB_DEVICE_SELECT_CONFIG_PARAMS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1 {
    pub Descriptor: _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_1,
    pub Urb: _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_2,
    pub SingleInterface: _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_3,
    pub MultiInterface: _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_4,
}
/// DDI: "_WDF_USB_DEVICE_SELECT_CONFIG_PARAMS (wdfusb.h)".
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS {
    pub Size: ULONG,
    pub Type: WdfUsbTargetDeviceSelectConfigType,
    pub Types: _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1,
}
pub type WDF_USB_DEVICE_SELECT_CONFIG_PARAMS = _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS;
pub type PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS = *mut _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS;

/// `Types.Descriptor` of `WDF_USB_INTERFACE_SELECT_SETTING_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1__bindgen_ty_1 {
    pub InterfaceDescriptor: PUSB_INTERFACE_DESCRIPTOR,
}
/// `Types.Interface` of `WDF_USB_INTERFACE_SELECT_SETTING_PARAMS`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1__bindgen_ty_2 {
    pub SettingIndex: UCHAR,
}
/// `Types.Urb` of `WDF_USB_INTERFACE_SELECT_SETTING_PARAMS`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1__bindgen_ty_3 {
    pub Urb: PURB,
}
/// The `Types` union of `WDF_USB_INTERFACE_SELECT_SETTING_PARAMS`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1 {
    pub Descriptor: _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1__bindgen_ty_1,
    pub Interface: _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1__bindgen_ty_2,
    pub Urb: _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1__bindgen_ty_3,
}
/// DDI: "_WDF_USB_INTERFACE_SELECT_SETTING_PARAMS (wdfusb.h)".
#[repr(C)]
#[derive(Copy, Clone)]
pub struct _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS {
    pub Size: ULONG,
    pub Type: WdfUsbTargetDeviceSelectSettingType,
    pub Types: _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1,
}
pub type WDF_USB_INTERFACE_SELECT_SETTING_PARAMS = _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS;
pub type PWDF_USB_INTERFACE_SELECT_SETTING_PARAMS = *mut _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS;

/// DDI: "_WDF_USB_PIPE_INFORMATION (wdfusb.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_USB_PIPE_INFORMATION {
    pub Size: ULONG,
    pub MaximumPacketSize: ULONG,
    pub EndpointAddress: UCHAR,
    pub Interval: UCHAR,
    pub SettingIndex: UCHAR,
    pub PipeType: WDF_USB_PIPE_TYPE,
    pub MaximumTransferSize: ULONG,
}
pub type WDF_USB_PIPE_INFORMATION = _WDF_USB_PIPE_INFORMATION;
pub type PWDF_USB_PIPE_INFORMATION = *mut _WDF_USB_PIPE_INFORMATION;

/// DDI: "_WDF_USB_DEVICE_CREATE_CONFIG (wdfusb.h)".
#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct _WDF_USB_DEVICE_CREATE_CONFIG {
    pub Size: ULONG,
    pub USBDClientContractVersion: ULONG,
}
pub type WDF_USB_DEVICE_CREATE_CONFIG = _WDF_USB_DEVICE_CREATE_CONFIG;
pub type PWDF_USB_DEVICE_CREATE_CONFIG = *mut _WDF_USB_DEVICE_CREATE_CONFIG;

zero_default!(
    _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_1,
    _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_2,
    _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1__bindgen_ty_3,
    _WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1,
    _WDF_USB_CONTROL_SETUP_PACKET,
    _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_1,
    _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_2,
    _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_3,
    _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_4,
    _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_5,
    _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_6,
    _WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1,
    _WDF_USB_REQUEST_COMPLETION_PARAMS,
    _WDF_USB_CONTINUOUS_READER_CONFIG,
    _WDF_USB_INTERFACE_SETTING_PAIR,
    _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_1,
    _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_2,
    _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_3,
    _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1__bindgen_ty_4,
    _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS__bindgen_ty_1,
    _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS,
    _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1__bindgen_ty_1,
    _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1__bindgen_ty_3,
    _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS__bindgen_ty_1,
    _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS,
);

// Layout checks against the x64 sizes and offsets of the WDK headers.
const _: () = {
    use core::mem::offset_of;
    assert!(size_of::<USBD_VERSION_INFORMATION>() == 0x08);
    assert!(size_of::<USB_DEVICE_DESCRIPTOR>() == 0x12);
    assert!(offset_of!(_USB_DEVICE_DESCRIPTOR, idVendor) == 0x08);
    assert!(size_of::<USB_CONFIGURATION_DESCRIPTOR>() == 0x09);
    assert!(size_of::<USB_INTERFACE_DESCRIPTOR>() == 0x09);
    assert!(size_of::<WDF_USB_CONTROL_SETUP_PACKET>() == 0x08);
    assert!(offset_of!(_WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1, wValue) == 0x02);
    assert!(offset_of!(_WDF_USB_CONTROL_SETUP_PACKET__bindgen_ty_1, wLength) == 0x06);
    assert!(size_of::<WDF_USB_REQUEST_COMPLETION_PARAMS>() == 0x20);
    assert!(offset_of!(_WDF_USB_REQUEST_COMPLETION_PARAMS, Parameters) == 0x08);
    assert!(size_of::<_WDF_USB_REQUEST_COMPLETION_PARAMS__bindgen_ty_1__bindgen_ty_2>() == 0x18);
    assert!(size_of::<WDF_USB_CONTINUOUS_READER_CONFIG>() == 0x48);
    assert!(offset_of!(_WDF_USB_CONTINUOUS_READER_CONFIG, BufferAttributes) == 0x28);
    assert!(size_of::<WDF_USB_DEVICE_INFORMATION>() == 0x14);
    assert!(size_of::<WDF_USB_INTERFACE_SETTING_PAIR>() == 0x10);
    assert!(size_of::<WDF_USB_DEVICE_SELECT_CONFIG_PARAMS>() == 0x20);
    assert!(offset_of!(_WDF_USB_DEVICE_SELECT_CONFIG_PARAMS, Types) == 0x08);
    assert!(size_of::<WDF_USB_INTERFACE_SELECT_SETTING_PARAMS>() == 0x10);
    assert!(size_of::<WDF_USB_PIPE_INFORMATION>() == 0x14);
    assert!(offset_of!(_WDF_USB_PIPE_INFORMATION, PipeType) == 0x0C);
    assert!(size_of::<WDF_USB_DEVICE_CREATE_CONFIG>() == 0x08);
};
