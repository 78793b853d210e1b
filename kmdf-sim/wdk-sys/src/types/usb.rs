//! Types of wdfusb.h (and the usb.h/usbspec.h types its prototypes name).

/// Opaque, fields not yet transcribed: DDI "_WDF_USB_REQUEST_COMPLETION_PARAMS (wdfusb.h)".
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct _WDF_USB_REQUEST_COMPLETION_PARAMS {
    _unused: [u8; 0],
}
pub type WDF_USB_REQUEST_COMPLETION_PARAMS = _WDF_USB_REQUEST_COMPLETION_PARAMS;
pub type PWDF_USB_REQUEST_COMPLETION_PARAMS = *mut _WDF_USB_REQUEST_COMPLETION_PARAMS;
