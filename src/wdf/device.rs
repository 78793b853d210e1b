//! Devices: the init-only [`DeviceInit`] of EvtDriverDeviceAdd, consumed by
//! [`DeviceInit::create`], and [`Device`], a borrowed WDFDEVICE. DDI: "WdfDeviceCreate function
//! (wdfdevice.h)", "WdfDeviceCreateDeviceInterface function (wdfdevice.h)".

use core::marker::PhantomData;

use wdk_sys::{
    GUID, PWDFDEVICE_INIT, WDF_DEVICE_IO_TYPE, WDFDEVICE, call_unsafe_wdf_function_binding,
};

use super::context::{self, ObjectContext};
use super::status::{NtStatus, Result, to_result};

/// The WDFDEVICE_INIT of one EvtDriverDeviceAdd call. It exists only during that callback (the
/// lifetime), and [`DeviceInit::create`] consumes it, so no `WdfDeviceInit*` call can follow
/// `WdfDeviceCreate`.
pub struct DeviceInit<'a> {
    raw: PWDFDEVICE_INIT,
    _callback: PhantomData<&'a mut ()>,
}

/// How the device receives read, write and IOCTL buffers (`WDF_DEVICE_IO_TYPE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IoType {
    /// The I/O manager copies through a system buffer.
    Buffered,
    /// The I/O manager locks the caller's pages (MDLs).
    Direct,
}

impl<'a> DeviceInit<'a> {
    /// Wraps the init pointer of an EvtDriverDeviceAdd call.
    ///
    /// # Safety
    /// `raw` is the live WDFDEVICE_INIT the framework passed to the running EvtDriverDeviceAdd,
    /// and the returned value does not outlive that callback.
    pub(crate) unsafe fn from_raw(raw: PWDFDEVICE_INIT) -> Self {
        Self {
            raw,
            _callback: PhantomData,
        }
    }

    /// `WdfDeviceInitSetIoType`.
    pub fn set_io_type(&mut self, io_type: IoType) {
        let io_type: WDF_DEVICE_IO_TYPE = match io_type {
            IoType::Buffered => wdk_sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered,
            IoType::Direct => wdk_sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoDirect,
        };
        // SAFETY: `self.raw` is live and not yet consumed (it is consumed only by `create`,
        // which takes `self`); the I/O type is a valid enumerator.
        unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitSetIoType, self.raw, io_type) };
    }

    /// `WdfDeviceCreate`, with a `T` context initialised in place to `context`.
    ///
    /// # Errors
    /// The status `WdfDeviceCreate` failed with (the driver must return it from
    /// EvtDriverDeviceAdd).
    pub fn create<T: ObjectContext>(mut self, context: T) -> Result<Device<'a>> {
        let mut attributes = context::attributes_for::<T>();
        let mut device: WDFDEVICE = core::ptr::null_mut();
        // SAFETY: `self.raw` is a live, unconsumed init (consumed here: `self` is moved in);
        // `attributes` and `device` outlive the call; PASSIVE_LEVEL in EvtDriverDeviceAdd.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceCreate,
                &raw mut self.raw,
                &raw mut attributes,
                &raw mut device
            )
        };
        to_result(status)?;
        if device.is_null() {
            return Err(NtStatus::UNSUCCESSFUL);
        }
        // SAFETY: the device was just created with `attributes_for::<T>()`, its context is not
        // initialised yet and no callback can run on it before EvtDriverDeviceAdd returns.
        unsafe { context::init::<T>(device.cast(), context) }?;
        Ok(Device {
            raw: device,
            _borrow: PhantomData,
        })
    }
}

/// A WDFDEVICE, borrowed for the duration of a callback.
pub struct Device<'a> {
    raw: WDFDEVICE,
    _borrow: PhantomData<&'a ()>,
}

impl Device<'_> {
    pub(crate) fn raw(&self) -> WDFDEVICE {
        self.raw
    }

    /// The device's `T` context.
    #[must_use]
    pub fn context<T: ObjectContext>(&self) -> Option<&T> {
        // SAFETY: the device is live for the borrow (`from_raw`'s contract / just created).
        unsafe { context::get::<T>(self.raw.cast::<core::ffi::c_void>()) }
    }

    /// `WdfDeviceCreateDeviceInterface`: registers (and, when the device starts, enables) an
    /// instance of the interface class `guid`.
    ///
    /// # Errors
    /// The status the framework failed with.
    pub fn create_interface(&self, guid: &GUID) -> Result {
        // SAFETY: live device; `guid` outlives the call; no reference string (null is allowed);
        // PASSIVE_LEVEL in EvtDriverDeviceAdd.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceCreateDeviceInterface,
                self.raw,
                core::ptr::from_ref(guid),
                core::ptr::null()
            )
        };
        to_result(status)
    }
}
